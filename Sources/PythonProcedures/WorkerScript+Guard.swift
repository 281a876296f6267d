// WorkerScript+Guard: the worker's last steps. It starts its relays, points the proxy variables and
// CA bundles at them, installs `_snowflake` and the logging handler, connects the Snowpark session
// (to the driver relay, with the CALL's one-time token), puts up the audit hook, then imports the
// handler and calls it. The audit hook (isolation tier 2) refuses name lookups of anything but
// localhost (with "Temporary failure in name resolution", as Snowflake's sandbox fails them),
// connections and datagrams to anything but the two relays, and new processes and native
// libraries. Python's own docs say an audit hook is no sandbox; in a network namespace
// (tier 3, PythonWorker.swift) there is nothing else to reach even around it.

extension WorkerScript {
    static let guardHook = #"""


        def _loopback_up():
            """In a new network namespace the loopback interface starts down: bring it up (SIOCSIFFLAGS)."""
            import fcntl, struct
            probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            request = struct.pack("16sH22s", b"lo", 0, b"")
            flags = struct.unpack("16sH22s", fcntl.ioctl(probe, 0x8913, request))[1]
            fcntl.ioctl(probe, 0x8914, struct.pack("16sH22s", b"lo", flags | 0x1, b""))
            probe.close()


        def _guard():
            forbidden = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty",
                         "pty.spawn", "ctypes.dlopen", "os.startfile"}
            lookups = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr",
                       "socket.getnameinfo"}

            def hook(event, args):
                if event in lookups:
                    host = args[0]
                    if isinstance(host, tuple):
                        host = host[0]
                    if isinstance(host, bytes):
                        host = host.decode("ascii", "replace")
                    if host not in ("localhost", "127.0.0.1", "::1", None):
                        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
                elif event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
                    address = args[1] if len(args) > 1 else None
                    if not (isinstance(address, tuple) and len(address) >= 2 and address[0] in ("127.0.0.1", "::1")
                            and address[1] in ALLOWED_PORTS):
                        raise PermissionError(1, "Network access outside the procedure's external access integrations is not allowed")
                elif event in forbidden:
                    raise PermissionError(1, "%s is not allowed in a procedure" % event)
            sys.addaudithook(hook)
        """#

    static let main = #"""


        def _load_handler(start, folder):
            """The handler function: `module.function` from the imports, or `function` of inline code."""
            import importlib
            handler = start["handler"]
            if start.get("inlineCode") is not None:
                import types
                module = types.ModuleType("_udf_code")
                module.__file__ = "_udf_code.py"
                sys.modules["_udf_code"] = module
                import linecache
                code = start["inlineCode"]
                linecache.cache["_udf_code.py"] = (len(code), None, code.splitlines(True), "_udf_code.py")
                exec(compile(code, "_udf_code.py", "exec"), module.__dict__)
                return getattr(module, handler.rpartition(".")[2])
            module_name, _, function = handler.rpartition(".")
            return getattr(importlib.import_module(module_name), function)


        def _result_message(start, value):
            if start["returnsTable"]:
                queries = getattr(value, "queries", None)
                if not isinstance(queries, dict):
                    raise TypeError("A procedure that returns a table must return a Snowpark DataFrame, not %s" % type(value).__name__)
                return {"op": "table", "queries": list(queries["queries"])}
            if start["returnKind"] == "string" and value is not None and not isinstance(value, str):
                value = str(value)
            return {"op": "result", "value": _json_value(value)}


        def _main():
            start = json.loads(_CHANNEL_IN.readline())
            if sys.version_info < (3, 9):
                tell({"op": "failed", "reason": "%s is Python %d.%d; procedures need Python 3.9 or later" % ((sys.executable,) + sys.version_info[:2])})
                os._exit(0)
            folder = start["folder"]
            os.chdir(folder)
            os.environ["HOME"] = os.environ["TMPDIR"] = folder
            import tempfile
            tempfile.tempdir = None
            if start.get("namespace"):
                _loopback_up()
            driver_port, ca_path = _start_relays(folder)
            for name in ("REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "CURL_CA_BUNDLE"):
                os.environ[name] = ca_path
            _install_snowflake_module()
            root = logging.getLogger()
            root.setLevel(logging.DEBUG)
            root.addHandler(_ChannelLogHandler())
            for entry in start["imports"]:
                sys.path.insert(0, entry)
            sys._xoptions["snowflake_import_directory"] = start["importDirectory"]
            try:
                from snowflake.snowpark import Session
            except ImportError as error:
                tell({"op": "failed", "reason": "%s cannot import Snowpark (%s): install snowflake-snowpark-python" % (sys.executable, error)})
                os._exit(0)
            session = Session.builder.configs({
                "host": "localhost", "port": driver_port, "protocol": "http", "account": "snowlite", "user": start["user"],
                "password": start["token"], "database": start["database"], "schema": start["schema"],
                "role": start["role"], "warehouse": start.get("warehouse") or "SNOWLITE_WH",
            }).create()
            _guard()
            try:
                handler = _load_handler(start, folder)
                arguments = [_python_value(value) for value in start["arguments"]]
                message = _result_message(start, handler(session, *arguments))
            except BaseException as error:
                frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename != __file__]
                text = "".join(traceback.format_list(frames)) + "".join(traceback.format_exception_only(type(error), error))
                message = {"op": "error", "traceback": ("Traceback (most recent call last):\n" if frames else "") + text}
            tell(message)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)


        def _zygote():
            """A pool's parent: imports Snowpark once, then forks a worker per CALL, which connects to the CALL's
            channel (a Unix socket Snowlite listens on) and runs as a fresh worker would. It never runs handler
            code itself, and ends when Snowlite closes its stdin."""
            import signal
            control_in = os.fdopen(os.dup(0), "rb")
            control_out = os.fdopen(os.dup(1), "wb", buffering=0)
            os.dup2(os.open(os.devnull, os.O_RDWR), 0)
            os.dup2(2, 1)
            try:
                if sys.version_info < (3, 9):
                    raise ImportError("Python 3.9 or later is needed")
                import requests, urllib3, http.server, cryptography.x509  # noqa: F401
                from cryptography.hazmat.primitives.asymmetric import ec  # noqa: F401
                from snowflake.snowpark import Session  # noqa: F401
            except ImportError as error:
                control_out.write(json.dumps({"ready": False, "reason": str(error)}).encode() + b"\n")
                os._exit(0)
            signal.signal(signal.SIGCHLD, signal.SIG_IGN)
            control_out.write(b'{"ready":true}\n')
            for line in control_in:
                path = json.loads(line)["channel"]
                pid = os.fork()
                if pid == 0:
                    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                    control_in.close()
                    control_out.close()
                    try:
                        channel = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                        channel.connect(path)
                        _use_channel(channel.makefile("rb"), channel.makefile("wb", buffering=0))
                        _main()
                    finally:
                        os._exit(0)
                control_out.write(json.dumps({"pid": pid}).encode() + b"\n")
            os._exit(0)


        if sys.argv[1:] == ["--zygote"]:
            _zygote()
        else:
            _use_channel(os.fdopen(os.dup(0), "rb"), os.fdopen(os.dup(1), "wb", buffering=0))
            _main()
        """#
}
