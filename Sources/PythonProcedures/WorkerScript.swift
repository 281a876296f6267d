// WorkerScript: the Python program a worker runs (written to the CALL's folder as worker.py), in
// three parts: this file's channel, shims and handler call; WorkerScript+Relays (the driver relay
// and the egress proxy); WorkerScript+Guard (the audit hook). The worker trusts nothing it is
// told but speaks only through its channel: its stdin and stdout, one JSON object a line, which
// it keeps to itself (print() goes to stderr). Everything it asks for — a query, a secret, a
// connection, an HTTP request — Snowlite decides and answers (CallHost.swift); the worker's own
// code can lie, and is given nothing it could not ask for itself.

enum WorkerScript {
    static var source: String { channel + relays + guardHook + main }

    static let channel = #"""
        import base64, gzip, io, json, logging, os, socket, ssl, sys, threading, traceback

        _CHANNEL_IN = None
        _CHANNEL_OUT = None
        _LOCK = threading.Lock()


        def _use_channel(reader, writer):
            """The channel from here on; stdin and stdout become /dev/null and stderr, so print() never reaches it."""
            global _CHANNEL_IN, _CHANNEL_OUT
            _CHANNEL_IN, _CHANNEL_OUT = reader, writer
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
            os.dup2(2, 1)


        def _write(message):
            _CHANNEL_OUT.write(json.dumps(message, separators=(",", ":")).encode() + b"\n")


        def ask(message):
            """Sends a request to Snowlite and waits for its answer (one at a time, from any thread)."""
            with _LOCK:
                _write(message)
                line = _CHANNEL_IN.readline()
            if not line:
                os._exit(3)
            return json.loads(line)


        def tell(message):
            with _LOCK:
                _write(message)


        def _main_thread_only(name):
            if threading.current_thread() is not threading.main_thread():
                raise RuntimeError(f"_snowflake.{name} can only be called from the main thread of the handler")


        def _secret(kind, alias):
            _main_thread_only("get_" + kind)
            answer = ask({"op": "secret", "kind": kind, "alias": alias})
            if "error" in answer:
                raise ValueError(answer["error"])
            return answer["value"]


        class _UsernamePassword:
            def __init__(self, username, password):
                self.username = username
                self.password = password


        class _CloudProviderToken:
            def __init__(self, value):
                self.access_key_id = value.get("access_key_id")
                self.secret_access_key = value.get("secret_access_key")
                self.token = value.get("token")


        def _unsupported(name):
            def refuse(*args, **kwargs):
                raise NotImplementedError(f"_snowflake.{name} is not supported in Snowlite")
            return refuse


        def _install_snowflake_module():
            import types
            module = types.ModuleType("_snowflake")
            module.get_generic_secret_string = lambda alias: _secret("generic_string", alias)
            module.get_secret_type = lambda alias: _secret("secret_type", alias)
            module.get_oauth_access_token = lambda alias: _secret("oauth_access_token", alias)

            def get_username_password(alias):
                value = _secret("username_password", alias)
                return _UsernamePassword(value["username"], value["password"])
            module.get_username_password = get_username_password
            module.get_cloud_provider_token = lambda alias: _CloudProviderToken(_secret("cloud_provider_token", alias))
            for name in ("vectorized", "cancel_query", "send_snow_api_request", "snowflake_partner_attribution"):
                setattr(module, name, _unsupported(name))
            sys.modules["_snowflake"] = module


        _QUIET_LOGGERS = ("snowflake.connector", "snowflake.snowpark", "urllib3", "botocore", "boto3", "filelock", "asyncio")


        # The attributes every LogRecord has: the others are the `extra=` of the logging call.
        _STANDARD_ATTRIBUTES = logging.LogRecord("", 0, "", 0, "", (), None).__dict__.keys() | {"message", "asctime"}


        class _ChannelLogHandler(logging.Handler):
            """Python's logging records, to the event table (Snowlite keeps those at the effective LOG_LEVEL)."""

            def emit(self, record):
                try:
                    if record.name.startswith(_QUIET_LOGGERS) and record.levelno < logging.WARNING:
                        return
                    extra = {}
                    for key, value in record.__dict__.items():
                        if key not in _STANDARD_ATTRIBUTES:
                            extra[key] = value if isinstance(value, (str, int, float, bool)) or value is None else str(value)
                    message = record.getMessage()
                    if record.exc_info:
                        message += "\n" + "".join(traceback.format_exception(*record.exc_info))
                    tell({"op": "log", "level": record.levelname, "logger": record.name, "message": message,
                          "file": os.path.basename(record.pathname), "function": record.funcName, "line": record.lineno,
                          "extra": extra})
                except Exception:
                    pass


        def _python_value(value):
            """An argument as the SQL-Python type mapping gives it."""
            import datetime, decimal
            if isinstance(value, dict) and set(value) == {"$type", "$value"}:
                kind, text = value["$type"], value["$value"]
                if kind == "decimal":
                    return decimal.Decimal(text)
                if kind == "date":
                    return datetime.date.fromisoformat(text)
                if kind == "time":
                    return datetime.time.fromisoformat(text)
                if kind == "timestamp":
                    return datetime.datetime.fromisoformat(text)
                if kind == "binary":
                    return base64.b64decode(text)
                if kind == "variant":
                    return json.loads(text)
            return value


        def _json_value(value):
            import datetime, decimal
            if isinstance(value, decimal.Decimal):
                return {"$type": "decimal", "$value": str(value)}
            if isinstance(value, datetime.datetime):
                return {"$type": "timestamp", "$value": value.isoformat(sep=" ")}
            if isinstance(value, datetime.date):
                return {"$type": "date", "$value": value.isoformat()}
            if isinstance(value, datetime.time):
                return {"$type": "time", "$value": value.isoformat()}
            if isinstance(value, (bytes, bytearray)):
                return {"$type": "binary", "$value": base64.b64encode(value).decode()}
            if isinstance(value, (dict, list, tuple)):
                return {"$type": "variant", "$value": json.dumps(value, default=_plain, separators=(",", ":"))}
            return value


        def _plain(value):
            """What json.dumps cannot write, inside a VARIANT result: numbers as numbers, the rest as text."""
            import decimal
            if isinstance(value, decimal.Decimal):
                return int(value) if value == value.to_integral_value() else float(value)
            if isinstance(value, (bytes, bytearray)):
                return value.hex()
            if hasattr(value, "isoformat"):
                return value.isoformat()
            return str(value)
        """#
}
