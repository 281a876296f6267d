"""The Snowflake CLI (`snow`, snowflake-cli 3.30 on connector 4.7.5) against `snowlite serve`: `snow sql`
with a connection from config.toml and with `-x` (environment variables only), its exit code on a
failed statement, several statements in one `-q`, and `snow connection test`. (Matrix rows 19-20.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import support

pytestmark = pytest.mark.stack4

SNOW = Path(sys.executable).with_name("snow")  # the venv's own console script


@pytest.fixture
def snow_home(tmp_path):
    """SNOWFLAKE_HOME (and HOME) for one test, with the [cli] section every snow run here needs."""
    home = tmp_path / "snowflake-home"
    home.mkdir()
    support.write_snow_config(home)
    return home


@pytest.fixture
def local_connection(snow_home, server, account, db):
    support.write_snow_config(snow_home, account=account, port=server.port, database=db, role="SYSADMIN")
    return snow_home


def snow(home: Path, *arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(SNOW), *arguments], env=support.snow_environment(home, **(env or {})), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=90)


def json_output(result: subprocess.CompletedProcess):
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return json.loads(result.stdout)


def test_sql_with_a_connection(local_connection):
    assert json_output(snow(local_connection, "sql", "-c", "local", "--format", "json",
                            "-q", "select 42 as answer, 'snow' as word")) == [{"ANSWER": 42, "WORD": "snow"}]


def test_sql_table_output(local_connection):
    result = snow(local_connection, "sql", "-c", "local", "-q", "select 42 as answer")
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stdout.splitlines() if "ANSWER" in line or "42" in line] \
        == ["select 42 as answer", "| ANSWER |", "| 42     |"]


def test_sql_with_environment_variables(snow_home, server, account, db):
    env = dict(SNOWFLAKE_ACCOUNT=account, SNOWFLAKE_USER="snowlite", SNOWFLAKE_PASSWORD="snowlite",
               SNOWFLAKE_HOST="127.0.0.1", SNOWFLAKE_PORT=str(server.port), SNOWFLAKE_PROTOCOL="http",
               SNOWFLAKE_WAREHOUSE="COMPUTE_WH", SNOWFLAKE_DATABASE=db, SNOWFLAKE_SCHEMA="PUBLIC")
    result = snow(snow_home, "sql", "-x", "--format", "json",
                  "-q", "select current_database() as db, current_user() as who", env=env)
    assert json_output(result) == [{"DB": "TESTDB", "WHO": "SNOWLITE"}]


def test_sql_error_exits_1(local_connection):
    result = snow(local_connection, "sql", "-c", "local", "-q", "select * from nope")
    assert result.returncode == 1
    assert "002003 (42S02)" in result.stderr, result.stderr
    assert "Object 'NOPE' does not exist or not authorized." in result.stderr


def test_sql_several_statements(local_connection):
    # snow splits -q itself and sends the statements one by one.
    output = json_output(snow(local_connection, "sql", "-c", "local", "--format", "json", "-q",
                              "create or replace table snow_t (a int); insert into snow_t values (1), (2);"
                              " select count(*) as n from snow_t"))
    assert output == [[{"status": "Table SNOW_T successfully created."}],
                      [{"number of rows inserted": 2}],
                      [{"N": 2}]]


def test_connection_test(local_connection, account):
    report = json_output(snow(local_connection, "connection", "test", "-c", "local", "--format", "json"))
    assert report == {"Connection name": "local", "Status": "OK", "Host": "127.0.0.1", "Account": account,
                      "User": "snowlite", "Role": "SYSADMIN", "Database": "TESTDB", "Warehouse": "COMPUTE_WH"}
