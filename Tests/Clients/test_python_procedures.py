"""Python procedures run as their own code (SNOWLITE_PROCEDURE_RUNTIME = PYTHON): the quickstart's
connector as Python source (python_connector/, written for these tests in the quickstart's shape),
zipped, staged with the repository's own manifest.yml and setup.sql, installed, provisioned and
enabled as sql/configure.sql does; its task's INGEST_DATA then runs in a Python worker, through the
egress gateway to the GitHub fixture. Then the ways it must fail, each with its exact error."""

from __future__ import annotations

import http.server
import json
import subprocess
import threading
import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest

import support
from support import REPO

pytestmark = [pytest.mark.stack4, pytest.mark.timeout(420)]

APP = "PYCONN"
REPOSITORY = "Snowflake-Labs/sfquickstarts"
SINK = "GITHUB_ISSUES.PUBLIC.SNOWFLAKE_LABS_SFQUICKSTARTS"
PYTHON = REPO / ".build" / "clients-venv4" / "bin" / "python"
CONNECTOR = Path(__file__).parent / "python_connector"
INGESTION_TIMEOUT = 180


class Redirect(http.server.BaseHTTPRequestHandler):
    """redirect.test as the egress map reaches it: every GET is sent on to https://evil.test/."""

    def do_GET(self):
        self.send_response(302)
        self.send_header("Location", "https://evil.test/stolen")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def python_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("python-procedures")
    github = support.start_github_fixture(folder)
    redirect = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=redirect.serve_forever, daemon=True).start()
    home = folder / "home"
    home.mkdir()
    egress_map = f"{github.egress_map},https://redirect.test=http://127.0.0.1:{redirect.server_address[1]}"
    try:
        server = support.start_server(home, {"SNOWLITE_EGRESS_MAP": egress_map, "SNOWLITE_PYTHON": str(PYTHON)})
    except RuntimeError:
        github.process.stop(10)
        redirect.shutdown()
        raise
    yield server, github
    redirect.shutdown()
    problems = [p for p in (server.process.stop(support.STOP_TIMEOUT), github.process.stop(10)) if p]
    if problems:
        pytest.fail("\n".join(problems) + "\n" + server.process.log_tail(), pytrace=False)


def build_folder(folder: Path) -> Path:
    """The package's files: the repository's manifest.yml, setup.sql and Streamlit page, and the
    connector's Python sources zipped with the package at the zip's root (as hatch builds it)."""
    build = folder / "build"
    build.mkdir()
    for name in ("manifest.yml", "setup.sql", "streamlit_app.py"):
        shutil.copy(REPO / name, build / name)
    with zipfile.ZipFile(build / "snowflake_github_connector.zip", "w") as archive:
        for source in sorted((CONNECTOR / "snowflake_github_connector").glob("*.py")):
            archive.write(source, f"snowflake_github_connector/{source.name}")
    return build


def run(cur, statements):
    for statement in statements:
        cur.execute(statement)


def install(cur, build: Path, token: str):
    run(cur, [
        "ALTER ACCOUNT SET SNOWLITE_PROCEDURE_RUNTIME = PYTHON",
        "CREATE OR REPLACE DATABASE PYCONN_STAGE", "CREATE STAGE PYCONN_STAGE.PUBLIC.ARTIFACTS",
        f"PUT 'file://{build}/*' @PYCONN_STAGE.PUBLIC.ARTIFACTS/V1 AUTO_COMPRESS = FALSE OVERWRITE = TRUE",
        f"CREATE APPLICATION PACKAGE {APP}",
        f"ALTER APPLICATION PACKAGE {APP} ADD VERSION V1 USING @PYCONN_STAGE.PUBLIC.ARTIFACTS/V1",
        "CREATE OR REPLACE DATABASE PYCONN_SECRETS",
        "CREATE OR REPLACE NETWORK RULE PYCONN_SECRETS.PUBLIC.GH_RULE MODE = EGRESS TYPE = HOST_PORT VALUE_LIST = ('api.github.com:443')",
        f"CREATE OR REPLACE SECRET PYCONN_SECRETS.PUBLIC.GITHUB_TOKEN TYPE = GENERIC_STRING SECRET_STRING = '{token}'",
        "CREATE OR REPLACE EXTERNAL ACCESS INTEGRATION PYCONN_INTEGRATION ALLOWED_NETWORK_RULES = (PYCONN_SECRETS.PUBLIC.GH_RULE) "
        "ALLOWED_AUTHENTICATION_SECRETS = (PYCONN_SECRETS.PUBLIC.GITHUB_TOKEN) ENABLED = TRUE",
        f"CREATE APPLICATION {APP}_INSTANCE FROM APPLICATION PACKAGE {APP} USING VERSION V1",
        f"GRANT USAGE ON INTEGRATION PYCONN_INTEGRATION TO APPLICATION {APP}_INSTANCE",
        f"GRANT USAGE ON DATABASE PYCONN_SECRETS TO APPLICATION {APP}_INSTANCE",
        f"GRANT USAGE ON SCHEMA PYCONN_SECRETS.PUBLIC TO APPLICATION {APP}_INSTANCE",
        f"GRANT READ ON SECRET PYCONN_SECRETS.PUBLIC.GITHUB_TOKEN TO APPLICATION {APP}_INSTANCE",
        "CREATE WAREHOUSE IF NOT EXISTS XS",
        f"GRANT CREATE DATABASE ON ACCOUNT TO APPLICATION {APP}_INSTANCE",
        f"GRANT EXECUTE TASK ON ACCOUNT TO APPLICATION {APP}_INSTANCE",
        "CREATE OR REPLACE DATABASE EVENTS", "CREATE EVENT TABLE EVENTS.PUBLIC.EVENTS",
        "ALTER ACCOUNT SET EVENT_TABLE = EVENTS.PUBLIC.EVENTS",
        f"USE DATABASE {APP}_INSTANCE",
        "CALL PUBLIC.REGISTER_REFERENCE('warehouse_reference', 'ADD', SYSTEM$REFERENCE('WAREHOUSE', 'XS', 'PERSISTENT', 'USAGE'))",
    ])


def wait_for_ingestion(cur) -> None:
    """Waits for INGEST_DATA's last log line (done or failed), which it logs after its final state."""
    deadline = time.monotonic() + INGESTION_TIMEOUT
    while time.monotonic() < deadline:
        if support.scalar(cur, "SELECT COUNT(*) FROM EVENTS.PUBLIC.EVENTS WHERE VALUE::string LIKE 'Ingestion%'"):
            return
        time.sleep(0.5)
    raise AssertionError(f"the ingestion did not end in {INGESTION_TIMEOUT} s")


def last_state(cur) -> tuple[str, dict]:
    (state, value), = support.rows(cur, f"SELECT value:state::string, value FROM {APP}_INSTANCE.STATE.APP_STATE "
                                        "ORDER BY timestamp DESC LIMIT 1")
    return state, json.loads(value)


def test_the_quickstart_connector_runs_as_python(python_server, tmp_path):
    server, github = python_server
    build = build_folder(tmp_path)
    with server.connect("pythonmode") as connection:
        cur = connection.cursor()
        install(cur, build, github.token)
        cur.execute(f"ALTER APPLICATION {APP}_INSTANCE SET DEBUG_MODE = TRUE")
        provisioned = support.scalar(cur, "CALL PUBLIC.PROVISION_CONNECTOR(PARSE_JSON('{\"destination_database\": \"GITHUB_ISSUES\", "
                                          f"\"secret_name\": \"PYCONN_SECRETS.PUBLIC.GITHUB_TOKEN\", "
                                          "\"external_access_integration_name\": \"PYCONN_INTEGRATION\"}'))")
        assert provisioned == "Connector provisioned"
        assert support.scalar(cur, f"CALL PUBLIC.ENABLE_RESOURCE('{REPOSITORY}')") == f"{REPOSITORY} enabled"
        wait_for_ingestion(cur)
        state, value = last_state(cur)
        assert state == "DONE", value
        assert value["ingestion"]["rows_count"] == 250
        assert support.scalar(cur, f"SELECT COUNT(*) FROM {SINK}") == 250
        assert support.rows(cur, f"SELECT NUMBER FROM {SINK}_FLATTENED ORDER BY NUMBER DESC LIMIT 3") == [(250,), (249,), (248,)]
        # The connector's own log lines, from Python's logging, in the event table.
        lines = support.rows(cur, "SELECT RECORD:severity_text::string, VALUE::string, RECORD_ATTRIBUTES:\"code.function\"::string, "
                                  "RESOURCE_ATTRIBUTES:\"snow.executable.name\"::string FROM EVENTS.PUBLIC.EVENTS "
                                  "WHERE SCOPE:name::string = 'snowflake_github_connector.procedures' ORDER BY TIMESTAMP")
        ingest = [line for line in lines if line[2] == "ingest_data"]
        assert ingest[0] == ("INFO", f"Starting ingestion of {REPOSITORY}", "ingest_data", "INGEST_DATA(RESOURCE_ID VARCHAR):VARIANT")
        assert [line[1] for line in ingest[1:]] == [f"Batch fetched for {REPOSITORY}: 30 issues"] * 8 + [
            f"Batch fetched for {REPOSITORY}: 10 issues", f"Ingestion of {REPOSITORY} done: 250 rows"]
        assert ("INFO", "Connector provisioned", "provision_connector", "PROVISION_CONNECTOR(CONFIG VARIANT):VARCHAR") in lines
        # Nine pages, each one allowed request, and the token nowhere.
        egress = support.rows(cur, "SELECT DECISION, HOST_PORT, STATUS FROM TABLE(INFORMATION_SCHEMA.EGRESS_HISTORY()) ORDER BY TIME")
        assert egress == [("ALLOWED", "api.github.com:443", 200)] * 9
        assert_no_secret(cur, github.token)


def assert_no_secret(cur, token: str):
    """The token is in no event, egress entry, task run message, or query of the account."""
    texts = support.rows(cur, "SELECT VALUE::string || RECORD_ATTRIBUTES::string FROM EVENTS.PUBLIC.EVENTS")
    texts += support.rows(cur, "SELECT URL || REASON || COALESCE(ERROR, '') FROM TABLE(INFORMATION_SCHEMA.EGRESS_HISTORY())")
    texts += support.rows(cur, "SELECT COALESCE(ERROR_MESSAGE, '') || COALESCE(RETURN_VALUE, '') "
                               "FROM TABLE(INFORMATION_SCHEMA.TASK_HISTORY())")
    assert texts and not [text for (text,) in texts if text and token in text]


def test_a_host_outside_the_rule_fails_the_call_and_reaches_nothing(python_server):
    server, github = python_server
    with server.connect("pythonmode") as connection:
        cur = connection.cursor()
        cur.execute("ALTER NETWORK RULE PYCONN_SECRETS.PUBLIC.GH_RULE SET VALUE_LIST = ('api.example.com:443')")
        cur.execute(f"USE DATABASE {APP}_INSTANCE")
        allowed = "SELECT COUNT(*) FROM TABLE(INFORMATION_SCHEMA.EGRESS_HISTORY()) WHERE DECISION = 'ALLOWED'"
        allowed_before = support.scalar(cur, allowed)
        with pytest.raises(Exception) as failure:
            cur.execute("CALL PUBLIC.INGEST_DATA('Snowflake-Labs/snowcli')")
        message = str(failure.value)
        assert "100357 (P0000): Python Interpreter Error:\nTraceback (most recent call last):" in message
        assert "Failed to resolve 'api.github.com' ([Errno -3] Temporary failure in name resolution)" in message, message
        assert message.endswith(" in function INGEST_DATA with handler snowflake_github_connector.procedures.ingest_data")
        state, value = last_state(cur)
        assert state == "FAILED" and "Temporary failure in name resolution" in value["reason"]
        assert support.scalar(cur, allowed) == allowed_before  # nothing was sent
        denied = support.rows(cur, "SELECT METHOD, HOST_PORT, REASON FROM TABLE(INFORMATION_SCHEMA.EGRESS_HISTORY()) "
                                   "WHERE DECISION <> 'ALLOWED'")
        assert denied == [("CONNECT", "api.github.com:443",
                           "Request to api.github.com:443 denied: no network rule of the integrations bound to procedure "
                           "'PYCONN_INSTANCE.PUBLIC.INGEST_DATA' allows it.")]
        cur.execute("ALTER NETWORK RULE PYCONN_SECRETS.PUBLIC.GH_RULE SET VALUE_LIST = ('api.github.com:443')")
        assert_no_secret(cur, github.token)


def python_procedure(cur, name: str, body: str, returns: str = "VARIANT", extra: str = "") -> None:
    cur.execute(f"CREATE OR REPLACE PROCEDURE {name}() RETURNS {returns} LANGUAGE PYTHON RUNTIME_VERSION = '3.11' "
                f"PACKAGES = ('snowflake-snowpark-python') HANDLER = 'run' {extra} AS $$\n{body}\n$$")


def test_an_unbound_secret_a_timeout_and_a_hostile_handler(python_server):
    server, _ = python_server
    with server.connect("pythonmode") as connection:
        cur = connection.cursor()
        cur.execute("CREATE OR REPLACE DATABASE PYTESTS")
        python_procedure(cur, "NO_SECRET", "import _snowflake\ndef run(session):\n    return _snowflake.get_generic_secret_string('token')",
                         returns="STRING")
        with pytest.raises(Exception) as failure:
            cur.execute("CALL NO_SECRET()")
        # Python 3.11 and later underline the failing expression (a line of ^): not part of what is checked.
        assert [line for line in str(failure.value).splitlines() if line.strip("^ ")] == [
            "100357 (P0000): Python Interpreter Error:", "Traceback (most recent call last):",
            '  File "_udf_code.py", line 4, in run', "    return _snowflake.get_generic_secret_string('token')",
            "ValueError: Secret alias 'token' is not bound to procedure PYTESTS.PUBLIC.NO_SECRET; bind it with "
            "ALTER PROCEDURE … SET SECRETS = ('token' = <secret>).", " in function NO_SECRET with handler run"]

        python_procedure(cur, "SLOW", "import time\ndef run(session):\n    time.sleep(60)")
        cur.execute("ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = 2")
        started = time.monotonic()
        with pytest.raises(Exception) as failure:
            cur.execute("CALL SLOW()")
        assert "Statement reached its statement or warehouse timeout of 2 second(s) and was canceled." in str(failure.value)
        assert time.monotonic() - started < 30
        cur.execute("ALTER SESSION UNSET STATEMENT_TIMEOUT_IN_SECONDS")

        python_procedure(cur, "FLOOD", "import __main__\ndef run(session):\n    __main__._CHANNEL_OUT.write(b'x' * (300 << 20))")
        with pytest.raises(Exception) as failure:
            cur.execute("CALL FLOOD()")
        assert str(failure.value) == ("100357 (P0000): Python Interpreter Error:\nThe Python worker failed: it sent a message "
                                      "larger than 256 MB\n in function FLOOD with handler run")

        python_procedure(cur, "HOSTILE", HOSTILE)
        (outcome,), = support.rows(cur, "CALL HOSTILE()")
        outcomes = json.loads(outcome)
        assert outcomes == {
            "environment": ["ARROW_DEFAULT_MEMORY_POOL", "CURL_CA_BUNDLE", "HOME", "LANG", "PATH", "PYTHONDONTWRITEBYTECODE", "PYTHONNOUSERSITE",
                            "REQUESTS_CA_BUNDLE", "SNOWFLAKE_DISABLE_PLATFORM_DETECTION", "SSL_CERT_FILE", "TMPDIR"],
            "dns": "gaierror: [Errno -3] Temporary failure in name resolution",
            "tcp": "PermissionError: [Errno 1] Network access outside the procedure's external access integrations is not allowed",
            "udp": "PermissionError: [Errno 1] Network access outside the procedure's external access integrations is not allowed",
            "subprocess": "PermissionError: [Errno 1] subprocess.Popen is not allowed in a procedure",
            "system": "PermissionError: [Errno 1] os.system is not allowed in a procedure",
            "https": "ConnectionError",
            "https_without_proxies": "ConnectionError",
            "raw_lookup": "gaierror: [Errno -3] Temporary failure in name resolution",
            "native_library": "PermissionError: [Errno 1] ctypes.dlopen is not allowed in a procedure",
            "sql": 42,
        }


HOSTILE = """
import ctypes, json, os, socket, subprocess, _socket

def attempt(action):
    try:
        action()
        return "reached"
    except Exception as error:
        return f"{type(error).__name__}: {error}"

def run(session):
    import requests
    return {
        "environment": sorted(os.environ),
        "dns": attempt(lambda: socket.getaddrinfo("example.com", 443)),
        "tcp": attempt(lambda: socket.create_connection(("127.0.0.1", 22), timeout=2)),
        "udp": attempt(lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("127.0.0.1", 53))),
        "subprocess": attempt(lambda: subprocess.run(["true"])),
        "system": attempt(lambda: os.system("true")),
        "https": attempt(lambda: requests.get("https://example.com/", timeout=5)).split(":")[0],
        "https_without_proxies": attempt(lambda: requests.get("https://example.com/", proxies={}, timeout=5)).split(":")[0],
        "raw_lookup": attempt(lambda: _socket.getaddrinfo("example.com", 443)),
        "native_library": attempt(lambda: ctypes.CDLL("libc.so.6")),
        "sql": session.sql("select 42").collect()[0][0],
    }
"""


def test_read_revoked_and_the_integration_disabled_stop_the_call_before_any_egress(python_server):
    server, github = python_server
    with server.connect("pythonmode") as connection:
        cur = connection.cursor()
        cur.execute(f"USE DATABASE {APP}_INSTANCE")
        before = support.scalar(cur, "SELECT COUNT(*) FROM TABLE(INFORMATION_SCHEMA.EGRESS_HISTORY())")
        cur.execute(f"REVOKE READ ON SECRET PYCONN_SECRETS.PUBLIC.GITHUB_TOKEN FROM APPLICATION {APP}_INSTANCE")
        with pytest.raises(Exception) as failure:
            cur.execute("CALL PUBLIC.INGEST_DATA('Snowflake-Labs/snowcli')")
        assert str(failure.value) == ("002003 (02000): SQL compilation error:\n"
                                      "Secret 'PYCONN_SECRETS.PUBLIC.GITHUB_TOKEN' does not exist or not authorized.")
        cur.execute(f"GRANT READ ON SECRET PYCONN_SECRETS.PUBLIC.GITHUB_TOKEN TO APPLICATION {APP}_INSTANCE")
        cur.execute("ALTER EXTERNAL ACCESS INTEGRATION PYCONN_INTEGRATION SET ENABLED = FALSE")
        with pytest.raises(Exception) as failure:
            cur.execute("CALL PUBLIC.INGEST_DATA('Snowflake-Labs/snowcli')")
        assert "Temporary failure in name resolution" in str(failure.value)
        cur.execute("ALTER EXTERNAL ACCESS INTEGRATION PYCONN_INTEGRATION SET ENABLED = TRUE")
        entries = support.rows(cur, "SELECT METHOD, DECISION, REASON FROM TABLE(INFORMATION_SCHEMA.EGRESS_HISTORY()) ORDER BY TIME")
        assert len(entries) == before + 1
        assert entries[-1][:2] == ("CONNECT", "DENIED") and "PYCONN_INTEGRATION" in entries[-1][2]
        assert_no_secret(cur, github.token)


def test_a_redirect_to_an_unlisted_host_is_a_new_checked_connection(python_server):
    server, _ = python_server
    with server.connect("pythonmode") as connection:
        cur = connection.cursor()
        cur.execute("CREATE OR REPLACE DATABASE PYREDIRECT")
        cur.execute("CREATE NETWORK RULE REDIRECT_RULE MODE = EGRESS TYPE = HOST_PORT VALUE_LIST = ('redirect.test')")
        cur.execute("CREATE EXTERNAL ACCESS INTEGRATION REDIRECT_INTEGRATION ALLOWED_NETWORK_RULES = (REDIRECT_RULE) ENABLED = TRUE")
        python_procedure(cur, "FOLLOW", "import requests\ndef run(session):\n    return requests.get('https://redirect.test/start').status_code",
                         extra="EXTERNAL_ACCESS_INTEGRATIONS = (REDIRECT_INTEGRATION)")
        with pytest.raises(Exception) as failure:
            cur.execute("CALL FOLLOW()")
        assert "Temporary failure in name resolution" in str(failure.value)
        entries = support.rows(cur, "SELECT METHOD, URL, DECISION, STATUS FROM TABLE(INFORMATION_SCHEMA.EGRESS_HISTORY()) "
                                    "WHERE PROCEDURE_NAME = 'PYREDIRECT.PUBLIC.FOLLOW' ORDER BY TIME")
        assert entries == [("GET", "https://redirect.test/start", "ALLOWED", 302),
                           ("CONNECT", "https://evil.test", "DENIED", None)]


def test_tables_nulls_and_nested_calls(python_server):
    server, _ = python_server
    with server.connect("pythonmode") as connection:
        cur = connection.cursor()
        cur.execute("CREATE OR REPLACE DATABASE PYSHAPES")
        cur.execute("CREATE TABLE T (ID INT, NAME STRING)")
        cur.execute("INSERT INTO T VALUES (1, 'one'), (2, 'two'), (3, 'three')")
        python_procedure(cur, "FROM_TWO", "def run(session):\n    return session.table('T').filter('ID >= 2').sort('ID')",
                         returns="TABLE()")
        assert support.rows(cur, "CALL FROM_TWO()") == [(2, "two"), (3, "three")]
        assert [column.name for column in cur.description] == ["ID", "NAME"]
        python_procedure(cur, "NOTHING", "def run(session):\n    return None")
        assert support.rows(cur, "CALL NOTHING()") == [(None,)]
        python_procedure(cur, "OUTER_CALL", "def run(session):\n    return session.sql('CALL FROM_TWO()').collect()[1]['NAME']",
                         returns="STRING")
        assert support.rows(cur, "CALL OUTER_CALL()") == [("three",)]


def test_snowsql_alone_runs_python_and_says_how_to_get_python(tmp_path):
    """The rest of the module runs workers forked from the pool; this one starts a fresh worker."""
    snowsql = support.SNOWLITE_BIN.parent / "snowsql"
    script = tmp_path / "call.sql"
    script.write_text("CREATE DATABASE D;\n"
                      "CREATE PROCEDURE TWICE(X NUMBER) RETURNS NUMBER LANGUAGE PYTHON RUNTIME_VERSION = '3.11' "
                      "PACKAGES = ('snowflake-snowpark-python') HANDLER = 'run' AS $$\n"
                      "def run(session, x):\n    return x * session.sql('select 2').collect()[0][0]\n$$;\n"
                      "CALL TWICE(21);\n")
    base = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SNOWLITE_HOME": str(tmp_path)}
    options = ["-o", "friendly=false", "-o", "timing=false", "-o", "output_format=csv", "-o", "header=false"]

    def run_with(env):
        return subprocess.run([str(snowsql), "-f", str(script), *options], env={**base, **env}, capture_output=True, text=True,
                              timeout=120)

    done = run_with({"SNOWLITE_PYTHON": str(PYTHON), "SNOWLITE_PYTHON_POOL": "off"})  # a fresh worker, no pool
    assert done.stdout.splitlines()[-1] == "42", done.stdout + done.stderr
    (tmp_path / "snowlite.sqlite").unlink()
    missing = run_with({"SNOWLITE_PYTHON": "/nonexistent/python"})
    assert ("100357 (P0000): Python Interpreter Error:\nProcedure TWICE runs Python code, and Snowlite has no Python to run it: "
            "SNOWLITE_PYTHON names /nonexistent/python, which is not an executable file. Run `snowlite python install`") in missing.stdout


def test_logging_levels_and_attributes(python_server):
    server, _ = python_server
    with server.connect("pythonmode") as connection:
        cur = connection.cursor()
        cur.execute("CREATE OR REPLACE DATABASE PYLOGS")
        python_procedure(cur, "CHATTY", "import logging\nlog = logging.getLogger('chatty')\ndef run(session):\n"
                                        "    log.info('hello %s', 'there', extra={'customer': 'acme', 'rows': 3})\n"
                                        "    log.warning('careful')\n    log.debug('details')\n    return 1")
        cur.execute("ALTER ACCOUNT SET LOG_LEVEL = INFO")

        def records():
            return support.rows(cur, "SELECT RECORD:severity_text::string, VALUE::string, RECORD_ATTRIBUTES::string, "
                                     "RESOURCE_ATTRIBUTES:\"snow.executable.name\"::string, "
                                     "RESOURCE_ATTRIBUTES:\"telemetry.sdk.language\"::string "
                                     "FROM EVENTS.PUBLIC.EVENTS WHERE SCOPE:name::string = 'chatty' ORDER BY TIMESTAMP, RECORD:severity_text")

        cur.execute("CALL CHATTY()")
        assert records() == [
            ("INFO", "hello there", '{"code.filepath":"_udf_code.py","code.function":"run","code.lineno":5,"customer":"acme","rows":3}',
             "CHATTY():VARIANT", "python"),
            ("WARN", "careful", '{"code.filepath":"_udf_code.py","code.function":"run","code.lineno":6}', "CHATTY():VARIANT", "python"),
        ]
        cur.execute("DELETE FROM EVENTS.PUBLIC.EVENTS WHERE SCOPE:name::string = 'chatty'")
        cur.execute("ALTER PROCEDURE CHATTY() SET LOG_LEVEL = ERROR")
        cur.execute("CALL CHATTY()")
        assert records() == []
        cur.execute("ALTER ACCOUNT UNSET LOG_LEVEL")
