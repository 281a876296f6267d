"""Fixtures of the client suite (Tests/Clients/run.sh runs it with each virtual environment).

- `server` (session): one `snowlite serve --port 0` on a fresh SNOWLITE_HOME, stopped with
  SIGTERM at the end; it must exit 0. A test that finds it dead fails with its last lines.
- `account` (module): an account name made from the module's name, so modules share no state;
  `fresh_account(tag)` makes another one where a test needs its own.
- `db` (module): creates database TESTDB in the module's account (schema PUBLIC).
- `connect(**overrides)`: a connection as user snowlite to TESTDB.PUBLIC of the module's account
  (`database=None` leaves the database out), closed after the test.
"""

from __future__ import annotations

import os
import uuid

import pytest

import support

# Pitfall 2 of driver-protocol.md: without it both connectors probe cloud metadata services at login.
os.environ.setdefault("SNOWFLAKE_DISABLE_PLATFORM_DETECTION", "true")

DATABASE = "TESTDB"
SCHEMA = "PUBLIC"


def pytest_configure(config):
    config.addinivalue_line("markers", "stack4: needs Snowpark, the snow CLI or snowflake-sqlalchemy, "
                                       "which exist only with connector 4.x (the 5.x run deselects these)")


def pytest_report_header(config):
    return [f"snowflake-connector-python {support.CONNECTOR_VERSION}; snowlite: {support.SNOWLITE_BIN}"]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """After -m has deselected: with connector 5.x no stack4 test may be left (run.sh passes
    -m "not stack4"); the 4.x-only packages are not installed there, so they would fail, not skip."""
    if support.STACK4:
        return
    stack4 = [item.nodeid for item in items if item.get_closest_marker("stack4")]
    if stack4:
        raise pytest.UsageError(f"connector {support.CONNECTOR_VERSION} cannot run the 4.x-only tests "
                                f"({len(stack4)}, e.g. {stack4[0]}); run with -m \"not stack4\"")


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    try:
        running = support.start_server(tmp_path_factory.mktemp("snowlite-home"))
    except RuntimeError as error:
        pytest.exit(str(error), returncode=3)
    yield running
    problem = running.process.stop(support.STOP_TIMEOUT)
    if problem:
        pytest.fail(f"{problem}\n{running.process.log_tail()}", pytrace=False)


@pytest.fixture(autouse=True)
def _server_alive(request):
    """Fails a test, with the server's last lines, if `snowlite serve` died while it ran."""
    yield
    if "server" in request.fixturenames:
        running = request.getfixturevalue("server")
        if running.process.popen.poll() is not None:
            pytest.fail(f"snowlite serve died (exit {running.process.popen.returncode})\n"
                        f"{running.process.log_tail()}", pytrace=False)


@pytest.fixture(scope="module")
def account(request):
    return support.account_name(request.module.__name__.rsplit(".", 1)[-1])


@pytest.fixture
def fresh_account(account):
    """A new account for one test: `fresh_account("users")` → `<module>_users_<8 hex>`."""
    return lambda tag: support.account_name(f"{account}_{tag}_{uuid.uuid4().hex[:8]}")


@pytest.fixture(scope="module")
def db(server, account):
    # SYSADMIN creates the database, as on Snowflake, so that sessions with role SYSADMIN (the
    # snow CLI's connection) can use it; ACCOUNTADMIN inherits SYSADMIN's objects.
    conn = server.connect(account, role="SYSADMIN")
    try:
        conn.cursor().execute(f"create database if not exists {DATABASE}")
    finally:
        conn.close()
    return DATABASE


@pytest.fixture
def connect(server, account, db):
    opened = []

    def open_connection(**overrides):
        params = {"account": account, "database": db, "schema": SCHEMA, **overrides}
        conn = server.connect(**params)
        opened.append(conn)
        return conn

    yield open_connection
    for conn in opened:
        try:
            conn.close()
        except Exception:  # a test may have closed it, or broken it on purpose
            pass


@pytest.fixture
def cur(connect):
    return connect().cursor()
