// WorkerScript+Relays: the worker's two loopback listeners. The driver relay takes the Snowpark
// session's HTTP requests (login, query-request, heartbeat…) and passes each to Snowlite over the
// channel, which runs it as the procedure's owner (DriverRelay.swift). The egress proxy is what
// HTTP(S)_PROXY names: a CONNECT is first admitted or refused by Snowlite's egress policy (a refusal
// is `403 Forbidden`, which `requests` reports as a ProxyError), then the TLS is ended here with a
// certificate of this worker's own CA — trusted by this worker alone, through REQUESTS_CA_BUNDLE and
// SSL_CERT_FILE — and every request inside goes to Snowlite, which sends it with the egress client
// (the same policy, EGRESS_HISTORY and egress map as Swift handlers, each redirect a new request).

extension WorkerScript {
    static let relays = #"""

        import http.server
        import socketserver


        class _DriverRelay(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms wait for a delayed ACK between them

            def log_message(self, *args):
                pass

            def _relay(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if self.headers.get("Content-Encoding", "").lower() == "gzip":
                    body = gzip.decompress(body)
                path, _, query = self.path.partition("?")
                answer = ask({"op": "driver", "method": self.command, "path": path, "query": query,
                              "authorization": self.headers.get("Authorization"), "body": body.decode("utf-8", "replace")})
                data = answer.get("body", "").encode()
                self.send_response(answer.get("status", 200))
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_POST = _relay
            do_GET = _relay


        class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True


        def _certificate_authority(folder):
            """A CA for this worker only, and a function making a leaf certificate for a host name."""
            import datetime
            from cryptography import x509
            from cryptography.hazmat.primitives import hashes, serialization
            from cryptography.hazmat.primitives.asymmetric import ec
            from cryptography.x509.oid import NameOID
            now = datetime.datetime.now(datetime.timezone.utc)
            key = ec.generate_private_key(ec.SECP256R1())
            name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Snowlite egress CA (one procedure call)")])
            ca = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                  .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
                  .not_valid_after(now + datetime.timedelta(days=2))
                  .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
                  .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
                                               key_encipherment=False, data_encipherment=False, key_agreement=False,
                                               encipher_only=False, decipher_only=False), critical=True)
                  .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
                  .sign(key, hashes.SHA256()))
            ca_path = os.path.join(folder, "egress-ca.pem")
            with open(ca_path, "wb") as out:
                out.write(ca.public_bytes(serialization.Encoding.PEM))
            contexts = {}

            def context_for(host):
                if host in contexts:
                    return contexts[host]
                leaf_key = ec.generate_private_key(ec.SECP256R1())
                try:
                    import ipaddress
                    alternative = x509.IPAddress(ipaddress.ip_address(host))
                except ValueError:
                    alternative = x509.DNSName(host)
                leaf = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)]))
                        .issuer_name(name).public_key(leaf_key.public_key()).serial_number(x509.random_serial_number())
                        .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=2))
                        .add_extension(x509.SubjectAlternativeName([alternative]), critical=False)
                        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False)
                        .sign(key, hashes.SHA256()))
                path = os.path.join(folder, "leaf-%d.pem" % len(contexts))
                with open(path, "wb") as out:
                    out.write(leaf.public_bytes(serialization.Encoding.PEM))
                    out.write(leaf_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                     serialization.NoEncryption()))
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                context.load_cert_chain(path)
                os.unlink(path)
                contexts[host] = context
                return context
            return ca_path, context_for


        def _read_request(stream):
            """One HTTP/1.1 request from a buffered stream: (method, target, headers, body), or None at its end."""
            line = stream.readline(65537)
            if not line or not line.strip():
                return None
            method, target, _ = line.decode("latin-1").rstrip("\r\n").split(" ", 2)
            headers = []
            while True:
                header = stream.readline(65537).decode("latin-1").rstrip("\r\n")
                if not header:
                    break
                name, _, value = header.partition(":")
                headers.append((name.strip(), value.strip()))
            lookup = {name.lower(): value for name, value in headers}
            body = b""
            if lookup.get("transfer-encoding", "").lower() == "chunked":
                while True:
                    size = int(stream.readline().split(b";")[0].strip() or b"0", 16)
                    if size == 0:
                        stream.readline()
                        break
                    body += stream.read(size)
                    stream.readline()
            elif lookup.get("content-length"):
                body = stream.read(int(lookup["content-length"]))
            keep = [(n, v) for n, v in headers if n.lower() not in ("proxy-authorization", "proxy-connection", "connection",
                                                                  "transfer-encoding", "content-length", "host", "keep-alive")]
            return method, target, keep, body, lookup.get("connection", "").lower() != "close"


        def _send_through_snowlite(method, url, headers, body, out):
            answer = ask({"op": "http", "method": method, "url": url, "headers": headers,
                          "body": base64.b64encode(body).decode() if body else None})
            if "error" in answer:
                data = answer["error"].encode()
                out.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % len(data) + data)
                return
            data = base64.b64decode(answer.get("body") or "")
            lines = ["HTTP/1.1 %d %s" % (answer["status"], http.server.BaseHTTPRequestHandler.responses.get(answer["status"], ("",))[0])]
            for name, value in answer.get("headers", []):
                if name.lower() not in ("content-length", "transfer-encoding", "connection", "content-encoding"):
                    lines.append("%s: %s" % (name, value))
            lines.append("Content-Length: %d" % len(data))
            out.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + data)


        class _Gateway(socketserver.StreamRequestHandler):
            """One admitted host:port: ends its TLS (or reads its plain HTTP) and sends each request through Snowlite."""

            disable_nagle_algorithm = True

            def handle(self):
                host, port = self.server.target
                first = self.connection.recv(1, socket.MSG_PEEK)
                if first == b"\x16":
                    stream = _CERTIFICATES(host).wrap_socket(self.connection, server_side=True).makefile("rwb")
                    origin = "https://" + host + ("" if port == 443 else ":%d" % port)
                else:
                    stream = self.connection.makefile("rwb")
                    origin = "http://" + host + ("" if port == 80 else ":%d" % port)
                while True:
                    request = _read_request(stream)
                    if request is None:
                        break
                    method, path, headers, body, keep_alive = request
                    _send_through_snowlite(method, origin + path, headers, body, stream)
                    stream.flush()
                    if not keep_alive:
                        break


        _CERTIFICATES = None
        _GATEWAYS = {}
        _GATEWAY_LOCK = threading.Lock()
        # The loopback ports the worker may connect to: the driver relay's and each gateway's (the audit hook reads it).
        ALLOWED_PORTS = set()


        def _gateway_for(host, port):
            """The loopback port standing for host:port once Snowlite's egress policy admits it; None when it does not."""
            key = (host.lower(), port)
            with _GATEWAY_LOCK:
                if key in _GATEWAYS:
                    return _GATEWAYS[key]
            if not ask({"op": "connect", "host": host, "port": port}).get("allowed"):
                return None
            server = _Server(("127.0.0.1", 0), _Gateway)
            server.target = key
            threading.Thread(target=server.serve_forever, daemon=True).start()
            with _GATEWAY_LOCK:
                _GATEWAYS[key] = server.server_address[1]
                ALLOWED_PORTS.add(server.server_address[1])
            return server.server_address[1]


        _LOCAL_NAMES = (None, "localhost", "127.0.0.1", "::1")
        _real_getaddrinfo = socket.getaddrinfo


        def _resolve(host, port, family=0, type=0, proto=0, flags=0):
            """Name resolution as a procedure's sandbox answers it: a host the egress policy admits is its gateway on
            loopback; any other fails as it fails in Snowflake, with "Temporary failure in name resolution"."""
            name = host.decode("ascii", "replace") if isinstance(host, bytes) else host
            if name in _LOCAL_NAMES:
                return _real_getaddrinfo(host, port, family, type, proto, flags)
            if isinstance(port, bytes):
                port = port.decode()
            number = socket.getservbyname(port) if isinstance(port, str) and not port.isdigit() else int(port or 443)
            local = _gateway_for(name, number)
            if local is None:
                raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", ("127.0.0.1", local))]


        def _lookup(name, *args):
            if (name.decode() if isinstance(name, bytes) else name) in _LOCAL_NAMES:
                return "127.0.0.1"
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")


        def _start_relays(folder):
            """The driver relay, the worker's CA, and name resolution through the egress policy; the relay's port and the CA."""
            global _CERTIFICATES
            driver = _Server(("127.0.0.1", 0), _DriverRelay)
            threading.Thread(target=driver.serve_forever, daemon=True).start()
            ALLOWED_PORTS.add(driver.server_address[1])
            ca_path, _CERTIFICATES = _certificate_authority(folder)
            socket.getaddrinfo = _resolve
            socket.gethostbyname = _lookup
            return driver.server_address[1], ca_path
        """#
}
