"""Every Snowflake type Snowlite has, read by the connector (4.x and 5.x) as JSON and as Arrow:
exact Python values from fetchall() over each format, and the Arrow paths fetch_arrow_all() and
fetch_pandas_all(). The JSON cursor asks for JSON the way a Snowflake user does, with the session
parameter PYTHON_CONNECTOR_QUERY_RESULT_FORMAT; the default is Arrow. (Matrix rows 4 and 22.)"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

import pandas as pd
import pytest

import support
from support import rows

CREATE = ("create or replace table types (id int, n0 number(38,0), nbig number(38,0), n2 number(10,2), f float,"
          " s varchar, b boolean, d date, t time, ntz timestamp_ntz, ltz timestamp_ltz, tz timestamp_tz,"
          " bin binary, v variant, o object, a array)")
# INSERT … SELECT: Snowflake refuses PARSE_JSON and the like in a VALUES clause.
INSERTS = [
    "insert into types select 1, 42, 123456789012345678, 12.34, 1.5, 'héllo ☃ \"q\"', true,"
    " '2024-01-01'::date, '12:34:56'::time, '2024-01-01 12:34:56.123'::timestamp_ntz,"
    " '2024-01-01 12:34:56.123 +00:00'::timestamp_ltz, '2024-01-01 12:34:56.123 +00:00'::timestamp_tz,"
    " to_binary('DEADBEEF', 'HEX'), parse_json('{\"a\": [1, 2], \"b\": \"x\"}'), object_construct('k', 1),"
    " array_construct(1, 'two', true)",
    "insert into types select 2, -1, -999999999999999999, -0.05, 0.1, '', false,"
    " '1969-07-20'::date, '00:00:00'::time, '1969-07-20 20:17:40.5'::timestamp_ntz,"
    " '2000-02-29 23:59:59.999 +00:00'::timestamp_ltz, '2024-06-30 23:00:00 +00:00'::timestamp_tz,"
    " to_binary('00FF', 'HEX'), parse_json('null'), object_construct(), array_construct()",
    "insert into types (id) select 3",
]
SELECT = "select * from types order by id"

NAMES = ["ID", "N0", "NBIG", "N2", "F", "S", "B", "D", "T", "NTZ", "LTZ", "TZ", "BIN", "V", "O", "A"]
# DB-API type codes: fixed 0, real 1, text 2, date 3, variant 5, timestamp_ltz 6, timestamp_tz 7,
# timestamp_ntz 8, object 9, array 10, binary 11, time 12, boolean 13.
TYPE_CODES = [0, 0, 0, 0, 1, 2, 13, 3, 12, 8, 6, 7, 11, 5, 9, 10]

UTC = timezone.utc
EXPECTED = [
    (1, 42, 123456789012345678, Decimal("12.34"), 1.5, 'héllo ☃ "q"', True,
     date(2024, 1, 1), time(12, 34, 56), datetime(2024, 1, 1, 12, 34, 56, 123000),
     datetime(2024, 1, 1, 12, 34, 56, 123000, tzinfo=UTC),
     datetime(2024, 1, 1, 12, 34, 56, 123000, tzinfo=UTC),
     b"\xde\xad\xbe\xef", '{\n  "a": [\n    1,\n    2\n  ],\n  "b": "x"\n}', '{\n  "k": 1\n}',
     '[\n  1,\n  "two",\n  true\n]'),
    (2, -1, -999999999999999999, Decimal("-0.05"), 0.1, "", False,
     date(1969, 7, 20), time(0, 0), datetime(1969, 7, 20, 20, 17, 40, 500000),
     datetime(2000, 2, 29, 23, 59, 59, 999000, tzinfo=UTC),
     datetime(2024, 6, 30, 23, 0, tzinfo=UTC),
     b"\x00\xff", "null", "{}", "[]"),
    (3,) + (None,) * 15,
]


@pytest.fixture(scope="module")
def types_table(server, account, db):
    conn = server.connect(account, database=db, schema="PUBLIC")
    try:
        cursor = conn.cursor()
        cursor.execute(CREATE)
        for insert in INSERTS:
            cursor.execute(insert)
    finally:
        conn.close()


def open_cursor(connect, result_format: str):
    """A cursor in a UTC session whose results come as `result_format` (json, or arrow: the default)."""
    cursor = connect().cursor()
    cursor.execute("alter session set timezone = 'UTC'")
    if result_format == "json":
        cursor.execute("alter session set python_connector_query_result_format = 'JSON'")
    return cursor


def binary_types():
    # 4.x gives bytes from JSON and bytearray from its Arrow converter; 5.x gives bytearray.
    return (bytes, bytearray)


def assert_exact(got: list[tuple], expected: list[tuple]):
    assert len(got) == len(expected), got
    for row_got, row_expected in zip(got, expected):
        assert len(row_got) == len(row_expected)
        for name, value, want in zip(NAMES, row_got, row_expected):
            where = f"row {row_expected[0]}, column {name}"
            assert value == want, f"{where}: {value!r} != {want!r}"
            if isinstance(want, bytes):
                assert isinstance(value, binary_types()), f"{where}: {type(value)}"
            else:
                assert type(value) is type(want), f"{where}: {type(value).__name__} is not {type(want).__name__}"
            if isinstance(want, datetime):
                assert value.utcoffset() == want.utcoffset(), f"{where}: offset {value.utcoffset()}"


@pytest.mark.parametrize("result_format", ["json", "arrow"])
def test_description(connect, types_table, result_format):
    cursor = open_cursor(connect, result_format)
    cursor.execute(SELECT)
    assert [(d.name, d.type_code) for d in cursor.description] == list(zip(NAMES, TYPE_CODES))
    by_name = {d.name: d for d in cursor.description}
    assert (by_name["N2"].precision, by_name["N2"].scale) == (10, 2)
    assert (by_name["NBIG"].precision, by_name["NBIG"].scale) == (38, 0)
    assert by_name["S"].internal_size == 16777216
    assert by_name["BIN"].internal_size == 8388608
    assert by_name["T"].scale == 9 and by_name["NTZ"].scale == 9
    assert all(d.is_nullable for d in cursor.description)


@pytest.mark.parametrize("result_format", ["json", "arrow"])
def test_rows(connect, types_table, result_format):
    cursor = open_cursor(connect, result_format)
    cursor.execute(SELECT)
    assert cursor._query_result_format == result_format  # what the server sent
    assert cursor.rowcount == 3
    assert_exact([tuple(row) for row in cursor.fetchall()], EXPECTED)


def normalized(value):
    """One comparable form for what Arrow and pandas give: None for every null, Decimal for every
    number (exact for decimal128; float64 columns print their shortest repr), pd.Timestamp for dates
    and timestamps (aware ones compare as instants)."""
    if isinstance(value, (str, bytes, bytearray, time, list, dict)):
        return bytes(value) if isinstance(value, bytearray) else value
    if value is None or pd.isna(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value))
    if hasattr(value, "item") and not isinstance(value, (pd.Timestamp, datetime, date)):  # numpy scalars
        return normalized(value.item())
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return pd.Timestamp(value)
    return value


def assert_columns(columns: dict[str, list]):
    assert list(columns) == NAMES
    for index, name in enumerate(NAMES):
        got = [normalized(value) for value in columns[name]]
        want = [normalized(row[index]) for row in EXPECTED]
        assert got == want, f"column {name}"


def test_fetch_arrow_all(connect, types_table):
    cursor = open_cursor(connect, "arrow")
    cursor.execute(SELECT)
    table = cursor.fetch_arrow_all()
    assert table is not None and table.num_rows == 3
    assert_columns({name: table.column(name).to_pylist() for name in table.column_names})


def test_fetch_pandas_all(connect, types_table):
    cursor = open_cursor(connect, "arrow")
    cursor.execute(SELECT)
    frame = cursor.fetch_pandas_all()
    assert frame.shape == (3, len(NAMES))
    # pandas holds an integer column with a null as float64: its values are compared as floats.
    assert str(frame["NBIG"].dtype) == "float64"
    columns = {name: frame[name].tolist() for name in frame.columns}
    columns["NBIG"] = [None if pd.isna(v) else int(v) for v in columns["NBIG"]]
    expected_nbig = [None if row[2] is None else int(float(row[2])) for row in EXPECTED]
    assert columns["NBIG"] == expected_nbig
    columns["NBIG"] = [row[2] for row in EXPECTED]
    assert_columns(columns)


def test_fetch_pandas_all_of_an_empty_result(connect, types_table):
    cursor = open_cursor(connect, "arrow")
    cursor.execute("select * from types where id < 0")
    frame = cursor.fetch_pandas_all()
    assert list(frame.columns) == NAMES and len(frame) == 0


@pytest.mark.parametrize("result_format", ["json", "arrow"])
def test_float_specials(connect, result_format):
    cursor = open_cursor(connect, result_format)
    ((inf, minus_inf, big, small),) = rows(cursor, "select 'inf'::float, '-inf'::float,"
                                                   " 1.7976931348623157e308::float, 2.2250738585072014e-308::float")
    assert inf == math.inf and minus_inf == -math.inf
    assert (big, small) == (1.7976931348623157e308, 2.2250738585072014e-308)


@pytest.mark.parametrize("result_format", ["json", "arrow"])
def test_timestamps_keep_milliseconds(connect, result_format):
    # Snowlite keeps timestamps to the millisecond (README, "What differs from Snowflake").
    cursor = open_cursor(connect, result_format)
    assert rows(cursor, "select '2024-01-01 12:34:56.123456789'::timestamp_ntz, '12:34:56'::time") \
        == [(datetime(2024, 1, 1, 12, 34, 56, 123000), time(12, 34, 56))]


def test_timestamps_in_pandas(connect):
    cursor = open_cursor(connect, "arrow")
    cursor.execute("select '2024-01-01 12:34:56.123'::timestamp_ntz as ts, '1969-07-20 20:17:40.5'::timestamp_ntz as old")
    frame = cursor.fetch_pandas_all()
    assert frame["TS"][0] == pd.Timestamp("2024-01-01 12:34:56.123")
    assert frame["OLD"][0] == pd.Timestamp("1969-07-20 20:17:40.5")


def test_many_rows_as_arrow(connect):
    cursor = connect(paramstyle="qmark").cursor()
    cursor.execute("create or replace table arrow_many (n int, s varchar, f float)")
    cursor.executemany("insert into arrow_many values (?, ?, ?)", [(n, f"s{n}", n / 4) for n in range(3000)])
    cursor.execute("select n, s, f from arrow_many order by n")
    frame = cursor.fetch_pandas_all()
    assert len(frame) == 3000
    assert frame["N"].tolist() == list(range(3000))
    assert frame["S"].tolist()[-1] == "s2999"
    assert frame["F"].sum() == sum(n / 4 for n in range(3000))
