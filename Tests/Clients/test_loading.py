"""Loading through the clients (issue 23): the connector PUTs a file and COPY INTO loads it (the result
row per file, a bad row's error with its errno and SQLSTATE, a staged-file query), and Snowpark's
DataFrameReader reads staged CSV and JSON (its temporary file format and `$1` query) and
`copy_into_table` loads them."""

from __future__ import annotations

import pytest

from snowflake.connector import errors

from support import STACK4, rows

COPY_COLUMNS = ["file", "status", "rows_parsed", "rows_loaded", "error_limit", "errors_seen", "first_error",
                "first_error_line", "first_error_character", "first_error_column_name"]


def test_put_then_copy_into(cur, tmp_path):
    (tmp_path / "orders.csv").write_text("id,name,amount\n1,ann,12.5\n2,bob,oops\n3,cid,7\n")
    rows(cur, "create or replace stage loads")
    rows(cur, "create or replace table orders (id int, name string, amount number(10,2))")
    rows(cur, f"put 'file://{tmp_path}/orders.csv' @loads")
    with pytest.raises(errors.ProgrammingError) as failure:
        cur.execute("copy into orders from @loads file_format = (type = csv skip_header = 1)")
    assert failure.value.errno == 100038
    assert failure.value.sqlstate == "22018"
    assert failure.value.msg.splitlines()[:3] == [
        "100038 (22018): Numeric value 'oops' is not recognized", "  File 'loads/orders.csv.gz', line 3, character 7",
        '  Row 2, column "ORDERS"["AMOUNT":3]']
    assert rows(cur, "select count(*) from orders") == [(0,)]

    cur.execute("copy into orders from @loads file_format = (type = csv skip_header = 1) on_error = continue")
    assert [d.name for d in cur.description] == COPY_COLUMNS
    assert cur.fetchall() == [("loads/orders.csv.gz", "PARTIALLY_LOADED", 3, 2, 3, 1, "Numeric value 'oops' is not recognized",
                               3, 7, '"ORDERS"["AMOUNT":3]')]
    assert rows(cur, "select id, name, amount from orders order by id") == [(1, "ann", 12.5), (3, "cid", 7)]
    assert rows(cur, "copy into orders from @loads file_format = (type = csv skip_header = 1)") \
        == [("Copy executed with 0 files processed.",)]
    assert rows(cur, "select $2, metadata$file_row_number from @loads where $1 = '3'") == [("cid", 4)]


@pytest.mark.stack4
@pytest.mark.skipif(not STACK4, reason="Snowpark exists only beside connector 4.x")
def test_snowpark_reads_and_copies_staged_files(server, account, db, tmp_path):
    from snowflake.snowpark import Session
    from snowflake.snowpark.types import IntegerType, StringType, StructField, StructType

    session = Session.builder.configs(server.params(account, database=db, schema="PUBLIC")).create()
    try:
        session.sql("create or replace stage reads").collect()
        (tmp_path / "people.csv").write_text("1,ann\n2,bob\n")
        (tmp_path / "events.json").write_text('{"id": 1, "kind": "open"}\n{"id": 2, "kind": "close"}\n')
        session.file.put(str(tmp_path / "people.csv"), "@reads/csv")
        session.file.put(str(tmp_path / "events.json"), "@reads/json")
        schema = StructType([StructField("ID", IntegerType()), StructField("NAME", StringType())])
        people = session.read.schema(schema).csv("@reads/csv/people.csv.gz")
        assert sorted(tuple(row) for row in people.collect()) == [(1, "ann"), (2, "bob")]
        events = session.read.json("@reads/json/events.json.gz")
        assert sorted(row[0].replace("\n", "").replace(" ", "") for row in events.collect()) \
            == ['{"id":1,"kind":"open"}', '{"id":2,"kind":"close"}']
        session.sql("create or replace table people (id int, name string)").collect()
        people.copy_into_table("people")
        assert sorted(tuple(row) for row in session.table("people").collect()) == [(1, "ann"), (2, "bob")]
    finally:
        session.close()
