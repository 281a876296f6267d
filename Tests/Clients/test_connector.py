"""snowflake-connector-python, 4.x and 5.x, against `snowlite serve`: login and users, errors with
Snowflake's codes, DML row counts, qmark/numeric/pyformat binds and executemany, multi-statement,
async, RESULT_SCAN, describe, session context, transactions, several sessions at once.
(Rows 1-3, 5-9 and 11 of the test matrix in driver-protocol.md (b); types are in test_types.py,
files in test_files.py.) Expected values are Snowflake's."""

from __future__ import annotations

import time as clock
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

import pytest
from snowflake.connector import DictCursor, errors
from snowflake.connector.constants import QueryStatus

import support
from support import UUID, rows, scalar


# --- connect -------------------------------------------------------------------------------------

def test_select_1(cur):
    cur.execute("select 1")
    assert cur.fetchall() == [(1,)]
    assert UUID.match(cur.sfqid), cur.sfqid
    assert cur.rowcount == 1
    assert [(d.name, d.type_code) for d in cur.description] == [("1", 0)]


def test_login_context(connect):
    conn = connect()
    assert rows(conn.cursor(), "select current_user(), current_database(), current_schema(), current_warehouse()") \
        == [("SNOWLITE", "TESTDB", "PUBLIC", "COMPUTE_WH")]
    assert (conn.database, conn.schema) == ("TESTDB", "PUBLIC")


def test_login_role(connect):
    assert scalar(connect(role="SYSADMIN").cursor(), "select current_role()") == "SYSADMIN"


def test_login_session_parameters(connect):
    cursor = connect(session_parameters={"TIMEZONE": "Asia/Tokyo"}).cursor()
    value = scalar(cursor, "select '2024-01-01 00:00:00 +00:00'::timestamp_ltz")
    assert value == datetime(2024, 1, 1, tzinfo=timezone.utc)
    assert value.utcoffset() == timedelta(hours=9)


@pytest.mark.parametrize("user, password", [("snowlite", "wrong"), ("nobody", "snowlite")],
                         ids=["wrong-password", "unknown-user"])
def test_wrong_credentials(server, account, db, user, password):
    with pytest.raises(errors.DatabaseError) as caught:
        server.connect(account, user=user, password=password)
    assert caught.value.errno == 390100
    assert caught.value.sqlstate == "28000"
    assert "Incorrect username or password was specified." in caught.value.raw_msg


def test_created_user_logs_in_and_changes_password(server, fresh_account):
    account = fresh_account("users")
    admin = server.connect(account)
    try:
        cursor = admin.cursor()
        assert rows(cursor, "create user alice password = 'pw1'") == [("User ALICE successfully created.",)]
        alice = server.connect(account, user="alice", password="pw1", warehouse=None)
        assert scalar(alice.cursor(), "select current_user()") == "ALICE"
        alice.close()
        assert rows(cursor, "alter user alice set password = 'pw2'") == [("Statement executed successfully.",)]
        with pytest.raises(errors.DatabaseError) as caught:
            server.connect(account, user="alice", password="pw1", warehouse=None)
        assert caught.value.errno == 390100
        server.connect(account, user="ALICE", password="pw2", warehouse=None).close()
        # Stored as a hash and never shown.
        for sql in ("show users",):
            cells = [str(cell) for row in rows(cursor, sql) for cell in row]
            assert not [cell for cell in cells if "pw1" in cell or "pw2" in cell], sql
    finally:
        admin.close()


def test_close(server, account, db):
    conn = server.connect(account, database=db, schema="PUBLIC")
    conn.close()
    assert conn.is_closed()
    with pytest.raises(errors.Error):
        conn.cursor().execute("select 1")


# --- errors ----------------------------------------------------------------------------------------

ERRORS = [
    ("select * from nope", errors.ProgrammingError, 2003, "42S02",
     "SQL compilation error:\nObject 'NOPE' does not exist or not authorized."),
    ("selec 1", errors.ProgrammingError, 1003, "42000",
     "SQL compilation error:\nsyntax error line 1 at position 0 unexpected 'selec'."),
    ("select nosuch from err_t", errors.ProgrammingError, 904, "42000",
     "SQL compilation error: error line 1 at position 7\ninvalid identifier 'NOSUCH'"),
    ("create table err_t (a int)", errors.ProgrammingError, 2002, "42710",
     "SQL compilation error:\nObject 'ERR_T' already exists."),
    ("select 1/0", errors.ProgrammingError, 100051, "22012", "Division by zero"),
    ("select 'abc'::int", errors.ProgrammingError, 100038, "22018", "Numeric value 'abc' is not recognized"),
    # Only code 100072 is an IntegrityError (the connectors compare the code string).
    ("insert into err_t values (null)", errors.IntegrityError, 100072, "22000", "NULL result in a non-nullable column"),
]


@pytest.mark.parametrize("sql, error_class, errno, sqlstate, message", ERRORS, ids=[e[0] for e in ERRORS])
def test_errors(cur, sql, error_class, errno, sqlstate, message):
    cur.execute("create or replace table err_t (a int not null)")
    with pytest.raises(error_class) as caught:
        cur.execute(sql)
    error = caught.value
    assert (error.errno, error.sqlstate, error.raw_msg) == (errno, sqlstate, message)
    assert error.sfqid and UUID.match(error.sfqid), error.sfqid
    assert str(error).startswith(f"{errno:06d} ({sqlstate}): ")


def test_session_survives_an_error(cur):
    with pytest.raises(errors.ProgrammingError):
        cur.execute("select * from nope")
    assert rows(cur, "select 2") == [(2,)]


# --- DDL and DML -----------------------------------------------------------------------------------

def test_ddl_status(cur):
    cur.execute("create or replace table ddl_t (a int)")
    assert cur.fetchall() == [("Table DDL_T successfully created.",)]
    assert [d.name for d in cur.description] == ["status"]
    assert rows(cur, "drop table ddl_t") == [("DDL_T successfully dropped.",)]


def test_dml_rowcounts(cur):
    cur.execute("create or replace table dml (a int, b varchar)")

    cur.execute("insert into dml values (1, 'a'), (2, 'b')")
    assert cur.rowcount == 2
    assert [d.name for d in cur.description] == ["number of rows inserted"]
    assert cur.fetchall() == [(2,)]

    cur.execute("insert into dml (a, b) select 3, 'c'")
    assert cur.rowcount == 1

    cur.execute("update dml set b = upper(b) where a <= 2")
    assert cur.rowcount == 2
    assert [d.name for d in cur.description] == ["number of rows updated", "number of multi-joined rows updated"]
    assert cur.fetchall() == [(2, 0)]

    cur.execute("update dml set b = 'none' where a > 100")
    assert cur.rowcount == 0

    cur.execute("delete from dml where a = 3")
    assert cur.rowcount == 1
    assert [d.name for d in cur.description] == ["number of rows deleted"]
    assert cur.fetchall() == [(1,)]

    cur.execute("merge into dml using (select 1 as a, 'x' as b union all select 2, 'y' union all select 4, 'w') s"
                " on dml.a = s.a"
                " when matched then update set b = s.b"
                " when not matched then insert (a, b) values (s.a, s.b)")
    assert cur.rowcount == 3
    assert [d.name for d in cur.description] == ["number of rows inserted", "number of rows updated"]
    assert cur.fetchall() == [(1, 2)]

    assert rows(cur, "select a, b from dml order by a") == [(1, "x"), (2, "y"), (4, "w")]


# --- binds -----------------------------------------------------------------------------------------

BIND_TABLE = ("create or replace table binds (i number(38,0), d number(10,2), f float, s varchar, bo boolean,"
              " n varchar, dt date, ts timestamp_ntz, tm time, bi binary)")
BIND_INSERT = "insert into binds values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
BIND_ROWS = [
    (-1, Decimal("-0.05"), -2.5, "", False, "n", date(1969, 7, 20), datetime(1969, 7, 20, 20, 17, 40, 500000),
     time(0, 0), b""),
    (0, Decimal("0.00"), 0.1, "x", None, None, None, None, None, None),
    (1234567890123, Decimal("12.34"), 1.5, "héllo ☃ 'q' \"d\"", True, None, date(2024, 1, 1),
     datetime(2024, 1, 1, 12, 34, 56, 123000), time(12, 34, 56), b"\x00\xffab"),
    (2 ** 62, Decimal("99999999.99"), 1e-300, "ü", True, "z", date(2100, 12, 31), datetime(2100, 1, 1, 0, 0, 0, 1000),
     time(23, 59, 59), bytes(range(256))),
]


def test_qmark_insert_of_every_type(connect):
    cursor = connect(paramstyle="qmark").cursor()
    cursor.execute(BIND_TABLE)
    cursor.execute(BIND_INSERT, BIND_ROWS[2])
    assert cursor.rowcount == 1
    assert rows(cursor, "select * from binds") == [BIND_ROWS[2]]
    assert rows(cursor, "select s from binds where i = ? and dt = ?", (1234567890123, date(2024, 1, 1))) \
        == [(BIND_ROWS[2][3],)]


def test_qmark_executemany_of_every_type(connect):
    # The rows without NULLs: with a None in a column the connector sends that column as TEXT (its
    # dates as millisecond strings), which Snowflake reads by the digits' magnitude.
    typed = [row for row in BIND_ROWS if None not in row]
    cursor = connect(paramstyle="qmark").cursor()
    cursor.execute(BIND_TABLE)
    cursor.executemany(BIND_INSERT, typed)
    assert cursor.rowcount == len(typed) == 2
    assert rows(cursor, "select * from binds order by i") == typed
    cursor.execute(BIND_INSERT, BIND_ROWS[1])
    assert rows(cursor, "select * from binds where i = 0") == [BIND_ROWS[1]]


BOUND_VALUES = [7, Decimal("12.34"), 1.5, "text", True, False, date(2024, 2, 29),
                datetime(2024, 2, 29, 23, 59, 59, 999000), time(1, 2, 3), b"\x01\x02"]


@pytest.mark.parametrize("value", BOUND_VALUES, ids=[type(v).__name__ + str(i) for i, v in enumerate(BOUND_VALUES)])
def test_qmark_select_returns_the_bound_type(connect, value):
    result = scalar(connect(paramstyle="qmark").cursor(), "select ?", (value,))
    assert result == value
    assert isinstance(result, bytes | bytearray) if isinstance(value, bytes) else type(result) is type(value)


def test_bound_time_with_a_fraction_is_refused(connect):
    # Snowlite's TIME keeps whole seconds (README, "What differs from Snowflake"): refused, never cut.
    with pytest.raises(errors.ProgrammingError) as caught:
        scalar(connect(paramstyle="qmark").cursor(), "select ?", (time(1, 2, 3, 4),))
    assert caught.value.errno == 100108
    assert caught.value.sqlstate == "22007"
    assert "Time bound to :1 has a fraction of a second, which Snowlite's TIME does not keep" in caught.value.msg


def test_bound_timestamps_keep_milliseconds(connect):
    # Snowlite keeps timestamps to the millisecond, bound or written as literals (README).
    assert scalar(connect(paramstyle="qmark").cursor(), "select ?", (datetime(2024, 1, 1, 0, 0, 0, 123456),)) \
        == datetime(2024, 1, 1, 0, 0, 0, 123000)


def test_qmark_null(connect):
    assert rows(connect(paramstyle="qmark").cursor(), "select ? is null, ?", (None, None)) == [(True, None)]


def test_numeric_binds(connect):
    assert rows(connect(paramstyle="numeric").cursor(), "select :2, :1, :2", (1, "a")) == [("a", 1, "a")]


def test_pyformat_binds(cur):
    # The default paramstyle: the connector substitutes the values itself.
    assert rows(cur, "select %s, %s, %s", (5, "it's", None)) == [(5, "it's", None)]
    cur.execute("create or replace table py_t (a int, b varchar)")
    cur.executemany("insert into py_t values (%s, %s)", [(1, "x"), (2, "y"), (3, None)])
    assert cur.rowcount == 3
    assert rows(cur, "select * from py_t order by a") == [(1, "x"), (2, "y"), (3, None)]


def test_thousand_rows(connect):
    cursor = connect(paramstyle="qmark").cursor()
    cursor.execute("create or replace table many (n int, s varchar)")
    cursor.executemany("insert into many values (?, ?)", [(n, f"row {n}") for n in range(1000)])
    assert cursor.rowcount == 1000
    cursor.execute("select n, s from many order by n")
    assert cursor.rowcount == 1000
    first = cursor.fetchmany(300)
    assert first[0] == (0, "row 0") and first[-1] == (299, "row 299") and len(first) == 300
    assert cursor.fetchone() == (300, "row 300")
    rest = list(cursor)
    assert len(rest) == 699 and rest[-1] == (999, "row 999")
    assert cursor.fetchone() is None


def test_dict_cursor(connect):
    cursor = connect().cursor(DictCursor)
    cursor.execute("select 1 as a, 'x' as b, null as c")
    assert cursor.fetchall() == [{"A": 1, "B": "x", "C": None}]


# --- multi-statement -----------------------------------------------------------------------------

def test_multi_statement(cur):
    cur.execute("select 1; select 2", num_statements=2)
    assert cur.fetchall() == [(1,)]
    assert cur.nextset() is not None
    assert cur.fetchall() == [(2,)]
    assert cur.nextset() is None


def test_multi_statement_script(cur):
    cur.execute("create or replace table ms (aa int);\n"
                "insert into ms (aa) values (3), (1), (2);\n"
                "select aa from ms order by aa;\n"
                "drop table ms;", num_statements=0)
    assert cur.fetchall() == [("Table MS successfully created.",)]
    assert cur.nextset() is not None
    assert cur.fetchall() == [(3,)]
    assert cur.nextset() is not None
    assert cur.fetchall() == [(1,), (2,), (3,)]
    assert cur.nextset() is not None
    assert cur.fetchall() == [("MS successfully dropped.",)]
    assert cur.nextset() is None


def test_multi_statement_needs_a_count(cur):
    with pytest.raises(errors.ProgrammingError) as caught:
        cur.execute("select 1; select 2")
    assert caught.value.errno == 8
    assert caught.value.raw_msg == "Actual statement count 2 did not match the desired statement count 1."


# --- async and results by query id ---------------------------------------------------------------

def wait_for(conn, qid, seconds=30):
    deadline = clock.monotonic() + seconds
    while conn.is_still_running(conn.get_query_status(qid)):
        assert clock.monotonic() < deadline, f"query {qid} still running after {seconds} s"
        clock.sleep(0.2)
    return conn.get_query_status(qid)


def test_execute_async(connect):
    conn = connect()
    cursor = conn.cursor()
    cursor.execute_async("select 42 as answer")
    qid = cursor.sfqid
    assert UUID.match(qid), qid
    assert wait_for(conn, qid) == QueryStatus.SUCCESS
    assert conn.get_query_status_throw_if_error(qid) == QueryStatus.SUCCESS
    results = conn.cursor()
    results.get_results_from_sfqid(qid)
    assert results.fetchall() == [(42,)]
    assert [d.name for d in results.description] == ["ANSWER"]


def test_async_error(connect):
    conn = connect()
    cursor = conn.cursor()
    qid = cursor.execute_async("select 1; select * from nope", num_statements=2)["queryId"]
    assert wait_for(conn, qid) == QueryStatus.FAILED_WITH_ERROR
    with pytest.raises(errors.ProgrammingError) as caught:
        conn.get_query_status_throw_if_error(qid)
    assert caught.value.errno == 2003
    with pytest.raises(errors.ProgrammingError) as caught:
        conn.cursor().get_results_from_sfqid(qid)
    assert caught.value.errno == 2003


def test_result_scan(cur):
    cur.execute("select 7 as x, 'y' as y")
    qid = cur.sfqid
    assert rows(cur, f"select * from table(result_scan('{qid}'))") == [(7, "y")]
    assert [d.name for d in cur.description] == ["X", "Y"]


# --- describe ------------------------------------------------------------------------------------

def test_describe(cur):
    cur.execute("create or replace table descr (a number(10,2), b varchar(20), c timestamp_ntz, d boolean)")
    described = cur.describe("select a, b, c, d from descr")
    assert [(m.name, m.type_code) for m in described] == [("A", 0), ("B", 2), ("C", 8), ("D", 13)]
    assert (described[0].precision, described[0].scale) == (10, 2)
    assert described[1].internal_size == 20
    assert described[2].scale == 9
    assert all(m.is_nullable for m in described)


def test_describe_runs_nothing(cur):
    cur.execute("create or replace table descr_n (a int)")
    cur.describe("insert into descr_n values (1)")
    assert scalar(cur, "select count(*) from descr_n") == 0


# --- session context -----------------------------------------------------------------------------

def test_use_schema_and_database(connect):
    conn = connect()
    cursor = conn.cursor()
    assert rows(cursor, "create or replace schema other") == [("Schema OTHER successfully created.",)]
    # CREATE SCHEMA makes the new schema current, as USE would.
    assert scalar(cursor, "select current_schema()") == "OTHER"
    assert rows(cursor, "use schema public") == [("Statement executed successfully.",)]
    assert conn.schema == "PUBLIC"
    cursor.execute("use schema other")
    assert conn.schema == "OTHER"
    assert scalar(cursor, "select current_schema()") == "OTHER"
    cursor.execute("create or replace database otherdb")
    cursor.execute("use database testdb")
    assert (conn.database, conn.schema) == ("TESTDB", "PUBLIC")
    cursor.execute("use database otherdb")
    assert (conn.database, conn.schema) == ("OTHERDB", "PUBLIC")
    assert rows(cursor, "select current_database(), current_schema()") == [("OTHERDB", "PUBLIC")]


def test_timezone_follows_alter_session(cur):
    cur.execute("alter session set timezone = 'America/New_York'")
    value = scalar(cur, "select '2024-01-01 12:00:00 +00:00'::timestamp_ltz")
    assert value == datetime(2024, 1, 1, 12, tzinfo=timezone.utc)
    assert value.utcoffset() == timedelta(hours=-5)


def test_sessions_are_separate(connect):
    first, second = connect().cursor(), connect().cursor()
    first.execute("set v = 1")
    second.execute("set v = 2")
    assert scalar(first, "select $v") == 1
    assert scalar(second, "select $v") == 2


def test_concurrent_sessions(connect):
    cursors = [connect().cursor() for _ in range(4)]

    def work(index):
        return [scalar(cursors[index], f"select {index} * 1000 + {n}") for n in range(25)]

    with ThreadPoolExecutor(len(cursors)) as pool:
        answers = list(pool.map(work, range(len(cursors))))
    assert answers == [[index * 1000 + n for n in range(25)] for index in range(len(cursors))]


def test_transactions(connect):
    conn = connect()
    cursor, other = conn.cursor(), connect().cursor()
    cursor.execute("create or replace table tx (a int)")
    conn.autocommit(False)
    cursor.execute("insert into tx values (1)")
    conn.rollback()
    assert scalar(cursor, "select count(*) from tx") == 0
    cursor.execute("insert into tx values (2)")
    conn.commit()
    assert rows(other, "select a from tx") == [(2,)]
    conn.autocommit(True)
    assert rows(cursor, "begin") == [("Statement executed successfully.",)]
    cursor.execute("insert into tx values (3)")
    assert scalar(other, "select count(*) from tx") == 1  # not committed yet
    cursor.execute("commit")
    assert rows(other, "select a from tx order by a") == [(2,), (3,)]


# --- procedures ----------------------------------------------------------------------------------

def test_call_sql_procedure(cur):
    cur.execute("create or replace procedure double_it(a int) returns int language sql as "
                "$$ begin return a * 2; end $$")
    assert cur.fetchall() == [("Function DOUBLE_IT successfully created.",)]
    cur.execute("call double_it(21)")
    assert cur.fetchall() == [(42,)]
    assert [d.name for d in cur.description] == ["DOUBLE_IT"]


# --- session tokens ------------------------------------------------------------------------------

def test_an_expired_session_token_is_renewed_and_the_query_goes_on(tmp_path):
    # A server whose session tokens last one second: the next query gets 390112, the client renews
    # its token with the master token (/session/token-request) and sends the query again.
    (tmp_path / "home").mkdir()
    short = support.start_server(tmp_path / "home", extra_args=["--session-validity", "1"])
    try:
        conn = short.connect("renewal")
        cursor = conn.cursor()
        assert cursor.execute("select 1").fetchall() == [(1,)]
        clock.sleep(1.5)
        assert cursor.execute("select 2").fetchall() == [(2,)]
        conn.close()
    finally:
        assert short.process.stop(support.STOP_TIMEOUT) is None
