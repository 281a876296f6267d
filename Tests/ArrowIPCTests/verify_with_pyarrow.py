#!/usr/bin/env python3
"""Reads the Arrow IPC streams that Snowlite's ArrowIPC writer makes with the real pyarrow and,
when it is installed, with the Snowflake connector's own reader (nanoarrow, the C++ code that
decodes `rowsetBase64`), and checks every schema, value and null against the expectations below,
which are written here independently of the Swift fixtures (Support/VerificationStreams.swift).

A development tool, not part of `make test`. From a package that builds ArrowIPCTests (such as a
throwaway package whose targets point at Sources/ArrowIPC and Tests/ArrowIPCTests):

    ARROW_IPC_DUMP_DIR=/tmp/arrow-streams swift test --filter testDumpVerificationStreamsWhenAsked
    python3 Tests/ArrowIPCTests/verify_with_pyarrow.py /tmp/arrow-streams

The Python needs pyarrow; snowflake-connector-python 4.x (`nanoarrow_arrow_iterator`) is optional.
Exits 1 at the first difference.
"""

import datetime
import math
import sys
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

NTZ = pa.struct([pa.field("epoch", pa.int64(), False), pa.field("fraction", pa.int32(), False)])
TZ = pa.struct([pa.field("epoch", pa.int64(), False), pa.field("fraction", pa.int32(), False),
                pa.field("timezone", pa.int32(), False)])


def f(name, type_, nullable=True, **metadata):
    return pa.field(name, type_, nullable, metadata=metadata or None)


ALL_TYPES = [f("i8", pa.int8()), f("i16", pa.int16()), f("i32", pa.int32()), f("i64", pa.int64()),
             f("f", pa.float64()), f("b", pa.bool_()), f("s", pa.string()), f("bin", pa.binary()),
             f("d", pa.date32()), f("dec", pa.decimal128(38, 2)), f("ts", NTZ)]

SNOWFLAKE_FIELDS = [
    f("N", pa.int64(), logicalType="FIXED", precision="38", scale="0"),
    f("N8", pa.int8(), logicalType="FIXED", precision="3", scale="0"),
    f("N16", pa.int16(), logicalType="FIXED", precision="5", scale="0"),
    f("N32S3", pa.int32(), False, logicalType="FIXED", precision="10", scale="3"),
    f("D", pa.decimal128(38, 2), logicalType="FIXED", precision="38", scale="2"),
    f("R", pa.float64(), logicalType="REAL"),
    f("T", pa.string(), logicalType="TEXT", charLength="16777216"),
    f("B", pa.bool_(), logicalType="BOOLEAN"),
    f("DT", pa.date32(), logicalType="DATE"),
    f("BIN", pa.binary(), logicalType="BINARY", byteLength="8388608"),
    f("TS", NTZ, logicalType="TIMESTAMP_NTZ", scale="9"),
    f("TZ", TZ, logicalType="TIMESTAMP_TZ", scale="9", byteLength="16"),
]

# name -> (fields, rows per batch, expected columns over all batches)
EXPECTED = {
    "integers": ([f("i8", pa.int8()), f("i16", pa.int16()), f("i32", pa.int32()),
                  f("i64", pa.int64(), False, logicalType="FIXED", precision="19", scale="0")], [4], {
        "i8": [-128, 127, None, 0],
        "i16": [-32768, 32767, None, -1],
        "i32": [-2**31, 2**31 - 1, None, 42],
        "i64": [-2**63, 2**63 - 1, -1, 0],
    }),
    "floats_and_booleans": ([f("f", pa.float64()), f("b", pa.bool_())], [10], {
        "f": [1.5, -0.0, math.nan, math.inf, -math.inf, None, 5e-324, 1.7976931348623157e308, -2.5, 0.0],
        "b": [True, False, None, True, True, False, None, True, False, True],
    }),
    "strings_and_binary": ([f("s", pa.string(), logicalType="TEXT", charLength="16777216"), f("bin", pa.binary()),
                            f("s2", pa.string(), False)], [6], {
        "s": ["", "a", None, "h\u00e9llo \u2713 \U0001F600", "", "xyz" * 100],
        "bin": [b"", b"\x00\xff", None, b"\x01\x02\x03", b"", bytes(range(256))],
        "s2": ["only", "non", "null", "text", "", "z"],
    }),
    "dates": ([f("d", pa.date32())], [6], {
        "d": [datetime.date(1970, 1, 1), datetime.date(1969, 12, 31), None, datetime.date(2022, 1, 8),
              datetime.date(1, 1, 1), datetime.date(9999, 12, 31)],
    }),
    "decimals": ([f("d38_0", pa.decimal128(38, 0)), f("d10_2", pa.decimal128(10, 2)),
                  f("d38_37", pa.decimal128(38, 37)), f("d5_5", pa.decimal128(5, 5), False)], [4], {
        "d38_0": [Decimal("9" * 38), Decimal("-" + "9" * 38), Decimal(0), None],
        "d10_2": [Decimal("-12.34"), Decimal("0.01"), Decimal("-7.00"), Decimal("99999999.99")],
        "d38_37": [Decimal("9." + "9" * 37), Decimal("-0." + "0" * 36 + "1"), None, Decimal(1)],
        "d5_5": [Decimal("0.12345"), Decimal("-0.99999"), Decimal(0), Decimal("0.00001")],
    }),
    "structs": ([f("ntz", NTZ, logicalType="TIMESTAMP_NTZ", scale="9"),
                 f("tz", TZ, logicalType="TIMESTAMP_TZ", scale="9", byteLength="16"),
                 f("nested", pa.struct([f("inner", pa.struct([f("x", pa.int64()), f("s", pa.string())])),
                                        f("flag", pa.bool_(), False)]))], [3], {
        "ntz": [{"epoch": 1700000000, "fraction": 123456789}, None, {"epoch": -1, "fraction": 999999999}],
        "tz": [{"epoch": 0, "fraction": 0, "timezone": 1440},
               {"epoch": 1700000000, "fraction": 5, "timezone": 1380}, None],
        "nested": [{"inner": {"x": 7, "s": "a"}, "flag": True}, None, {"inner": None, "flag": False}],
    }),
    "several_batches": ([f("id", pa.int64(), False), f("name", pa.string())], [3, 0, 2], {
        "id": [1, 2, 3, 4, 5],
        "name": ["a", None, "c", "", "e"],
    }),
    "zero_row_batch": (ALL_TYPES, [0], {field.name: [] for field in ALL_TYPES}),
    "no_batches": (ALL_TYPES, [], {field.name: [] for field in ALL_TYPES}),
    "snowflake_result": (SNOWFLAKE_FIELDS, [3, 1], {
        "N": [1, -2, None, 2**63 - 1],
        "N8": [127, -128, None, 0],
        "N16": [32767, -32768, None, 1],
        "N32S3": [123456, -1, 0, 2**31 - 1],
        "D": [Decimal("1.50"), Decimal("-0.01"), None, Decimal("-" + "9" * 36 + ".99")],
        "R": [1.5, -0.25, None, -math.inf],
        "T": ["hello", "", None, "na\u00efve"],
        "B": [True, False, None, False],
        "DT": [datetime.date(2022, 1, 8), datetime.date(1970, 1, 1), None, datetime.date(1969, 12, 31)],
        "BIN": [b"\xab", b"", None, b"\x00\x01"],
        "TS": [{"epoch": 1700000000, "fraction": 123456789}, {"epoch": 0, "fraction": 0}, None,
               {"epoch": -86400, "fraction": 1}],
        "TZ": [{"epoch": 1700000000, "fraction": 0, "timezone": 1500},
               {"epoch": 0, "fraction": 500000000, "timezone": 1140}, None,
               {"epoch": -1, "fraction": 999999999, "timezone": 1440}],
    }),
    "snowflake_empty_result": (SNOWFLAKE_FIELDS, [], {field.name: [] for field in SNOWFLAKE_FIELDS}),
    "tiny_int32": ([f("a", pa.int32())], [3], {"a": [1, None, -3]}),
    "tiny_text": ([f("s", pa.string(), False, logicalType="TEXT")], [2], {"s": ["hi", ""]}),
}


def utc_offset(minutes):
    return datetime.timezone(datetime.timedelta(minutes=minutes))


# What the connector's row iterator returns for `snowflake_result` (session TIMEZONE UTC): the
# Snowflake meaning of each value (FIXED with a scale is a Decimal, whether sent as an integer or
# a DECIMAL128; TIMESTAMP_NTZ a naive datetime; TIMESTAMP_TZ an aware one at timezone - 1440
# minutes east of UTC).
CONNECTOR_ROWS = [
    (1, 127, 32767, Decimal("123.456"), Decimal("1.50"), 1.5, "hello", True, datetime.date(2022, 1, 8),
     bytearray(b"\xab"), datetime.datetime(2023, 11, 14, 22, 13, 20, 123456),
     datetime.datetime(2023, 11, 14, 23, 13, 20, tzinfo=utc_offset(60))),
    (-2, -128, -32768, Decimal("-0.001"), Decimal("-0.01"), -0.25, "", False, datetime.date(1970, 1, 1),
     bytearray(b""), datetime.datetime(1970, 1, 1),
     datetime.datetime(1969, 12, 31, 19, 0, 0, 500000, tzinfo=utc_offset(-300))),
    (None, None, None, Decimal("0.000")) + (None,) * 8,
    (2**63 - 1, 0, 1, Decimal("2147483.647"), Decimal("-" + "9" * 36 + ".99"), -math.inf, "na\u00efve", False,
     datetime.date(1969, 12, 31), bytearray(b"\x00\x01"), datetime.datetime(1969, 12, 31, 0, 0, 0, 0),
     datetime.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=utc_offset(0))),
]


def same(actual, expected):
    """Equality that tells NaN, -0.0, bool from int and UTC offsets apart."""
    if isinstance(expected, datetime.datetime) and isinstance(actual, datetime.datetime):
        return actual == expected and actual.utcoffset() == expected.utcoffset()
    if isinstance(expected, float) and isinstance(actual, float):
        if math.isnan(expected):
            return math.isnan(actual)
        return actual == expected and math.copysign(1, actual) == math.copysign(1, expected)
    if isinstance(expected, dict) and isinstance(actual, dict):
        return actual.keys() == expected.keys() and all(same(actual[k], expected[k]) for k in expected)
    if isinstance(expected, (list, tuple)) and isinstance(actual, (list, tuple)):
        return len(actual) == len(expected) and all(same(a, e) for a, e in zip(actual, expected))
    return type(actual) is type(expected) and actual == expected


def fail(name, message):
    print(f"FAIL {name}: {message}")
    sys.exit(1)


def check_with_pyarrow(name, data):
    fields, batch_rows, columns = EXPECTED[name]
    reader = pa.ipc.open_stream(data)
    batches = list(reader)
    expected_schema = pa.schema(fields)
    if not reader.schema.equals(expected_schema, check_metadata=True):
        fail(name, f"schema\n{reader.schema}\n!=\n{expected_schema}")
    for field, expected_field in zip(reader.schema, fields):  # metadata order too
        if list((field.metadata or {}).items()) != list((expected_field.metadata or {}).items()):
            fail(name, f"metadata of {field.name}: {field.metadata} != {expected_field.metadata}")
    if [batch.num_rows for batch in batches] != batch_rows:
        fail(name, f"batch rows {[batch.num_rows for batch in batches]} != {batch_rows}")
    for batch in batches:
        batch.validate(full=True)
    table = pa.Table.from_batches(batches, schema=reader.schema)
    table.validate(full=True)
    for column_name, expected_values in columns.items():
        actual = table.column(column_name).to_pylist()
        if not same(actual, expected_values):
            fail(name, f"column {column_name}: {actual!r} != {expected_values!r}")
    # Reading a stream from a file-like object takes another code path than from bytes.
    again = pa.ipc.open_stream(pa.BufferReader(data)).read_all()
    again.validate(full=True)
    if not same(again.to_pydict(), table.to_pydict()):
        fail(name, "reading from a BufferReader gives another table")


def connector_rows(data):
    """The rows the connector's nanoarrow reader makes of a stream, as it decodes `rowsetBase64`;
    None when the connector is not installed. (Its row iterator crashes the process on a zero-row
    batch, even one pyarrow writes, so the streams given here have none.)"""
    try:
        from snowflake.connector.arrow_context import ArrowConverterContext
        from snowflake.connector.nanoarrow_arrow_iterator import PyArrowRowIterator
    except ImportError:
        return None
    context = ArrowConverterContext(session_parameters={"TIMEZONE": "UTC"})
    return list(PyArrowRowIterator(None, data, context, False, False, False, True))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    folder = Path(sys.argv[1])
    written = sorted(path.stem for path in folder.glob("*.arrows"))
    if written != sorted(EXPECTED):
        fail("streams", f"found {written}, expected {sorted(EXPECTED)}")
    for name in sorted(EXPECTED):
        check_with_pyarrow(name, (folder / f"{name}.arrows").read_bytes())
        print(f"ok   {name} (pyarrow {pa.__version__})")
    for name, expected_rows in [("snowflake_result", CONNECTOR_ROWS), ("snowflake_empty_result", [])]:
        rows = connector_rows((folder / f"{name}.arrows").read_bytes())
        if rows is None:
            print(f"skip {name} with the connector's nanoarrow reader (snowflake-connector-python 4.x not installed)")
            continue
        if not same(rows, expected_rows):
            fail(name, f"connector rows\n{rows!r}\n!=\n{expected_rows!r}")
        print(f"ok   {name} with the connector's nanoarrow reader ({len(rows)} rows)")


if __name__ == "__main__":
    main()
