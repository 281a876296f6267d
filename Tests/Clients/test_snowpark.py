"""Snowpark 1.53 (on connector 4.7.5) against `snowlite serve`: the SQL Snowpark generates (describe-only
schema probes, `$1` over VALUES, SCOPED TEMPORARY tables with array-bound INSERTs, `describe
procedure` before CALL, `system$cancel_all_queries` at close). (Matrix rows 14-18.)"""

from __future__ import annotations

import gzip

import pytest

from support import STACK4

pytestmark = pytest.mark.stack4

if STACK4:  # Snowpark exists only beside connector 4.x; the 5.x run deselects this module
    from snowflake.snowpark import Session
    from snowflake.snowpark.functions import col, count, sum as sum_, upper
    from snowflake.snowpark.types import LongType, StringType


@pytest.fixture(scope="module")
def session(server, account, db):
    session = Session.builder.configs(server.params(account, database=db, schema="PUBLIC")).create()
    session.sql("create or replace table t (a int, b varchar)").collect()
    session.sql("insert into t values (1, 'x'), (2, 'y'), (3, 'z')").collect()
    yield session
    session.close()


def plain(rows):
    return [tuple(row) for row in rows]


def test_context_from_login(session):
    assert session.get_current_database() == '"TESTDB"'
    assert session.get_current_schema() == '"PUBLIC"'
    assert session.get_current_warehouse() == '"COMPUTE_WH"'


def test_sql_collect(session):
    result = session.sql("select 1 as one, 'a' as letter").collect()
    assert plain(result) == [(1, "a")]
    assert result[0].as_dict() == {"ONE": 1, "LETTER": "a"}


def test_table_filter_collect(session):
    result = session.table("t").filter(col("a") > 1).collect()
    assert sorted(plain(result)) == [(2, "y"), (3, "z")]
    assert result[0].as_dict().keys() == {"A", "B"}


def test_table_schema_from_describe(session):
    fields = session.table("t").schema.fields
    assert [field.name for field in fields] == ["A", "B"]
    assert isinstance(fields[0].datatype, LongType) and isinstance(fields[1].datatype, StringType)


def test_transformations(session):
    frame = session.table("t")
    result = (frame.filter(col("a") >= 2)
              .select((col("a") * 10).alias("x"), upper(col("b")).alias("y"))
              .sort(col("x").desc())
              .collect())
    assert plain(result) == [(30, "Z"), (20, "Y")]
    assert plain(frame.agg(sum_("a").alias("total"), count("b").alias("n")).collect()) == [(6, 3)]
    assert frame.count() == 3


def test_save_as_table(session):
    session.create_dataframe([[1, "x"], [2, "y"]], schema=["a", "b"]).write.save_as_table("t3", mode="overwrite")
    assert sorted(plain(session.table("t3").collect())) == [(1, "x"), (2, "y")]
    assert session.table("t3").count() == 2
    fields = session.table("t3").schema.fields
    assert [field.name for field in fields] == ["A", "B"]
    assert isinstance(fields[0].datatype, LongType) and isinstance(fields[1].datatype, StringType)
    described = session.sql("describe table t3").collect()
    assert [(row["name"], row["type"]) for row in described] == [("A", "NUMBER(38,0)"), ("B", "VARCHAR(16777216)")]
    # overwrite replaces the rows
    session.create_dataframe([[9, "n"]], schema=["a", "b"]).write.save_as_table("t3", mode="overwrite")
    assert plain(session.table("t3").collect()) == [(9, "n")]
    session.create_dataframe([[10, "m"]], schema=["a", "b"]).write.save_as_table("t3", mode="append")
    assert sorted(plain(session.table("t3").collect())) == [(9, "n"), (10, "m")]


def test_create_dataframe_of_600_rows(session):
    # Large enough for Snowpark to load it through a SCOPED TEMPORARY table and an array-bound INSERT.
    frame = session.create_dataframe([[i, str(i)] for i in range(600)], schema=["a", "b"])
    assert frame.count() == 600
    assert plain(frame.filter(col("a") == 599).collect()) == [(599, "599")]
    assert plain(frame.agg(sum_("a")).collect()) == [(sum(range(600)),)]


def test_call_procedure(session):
    session.sql("create or replace procedure double_it(a int) returns int language sql as "
                "$$ begin return a * 2; end $$").collect()
    session.sql("create or replace procedure greet(name varchar) returns varchar language sql as "
                "$$ begin return 'hello ' || name; end $$").collect()
    assert session.call("double_it", 21) == 42
    assert session.call("greet", "snowpark") == "hello snowpark"


def test_to_pandas(session):
    frame = session.table("t").sort(col("a")).to_pandas()
    assert list(frame.columns) == ["A", "B"]
    assert frame["A"].tolist() == [1, 2, 3]
    assert frame["B"].tolist() == ["x", "y", "z"]


def test_cache_result(session):
    cached = session.table("t").cache_result()
    assert sorted(plain(cached.collect())) == [(1, "x"), (2, "y"), (3, "z")]
    session.sql("insert into t values (4, 'w')").collect()
    try:
        assert cached.count() == 3  # a snapshot: later rows of t are not in it
        assert session.table("t").count() == 4
    finally:
        session.sql("delete from t where a = 4").collect()


def test_query_tag_and_session_stage(session, tmp_path):
    session.query_tag = "client-suite"
    assert session.query_tag == "client-suite"
    stage = session.get_session_stage()
    assert stage.startswith('@"TESTDB"."PUBLIC".SNOWPARK_TEMP_STAGE_'), stage
    (tmp_path / "hello.txt").write_text("hello\n")
    put = session.file.put(str(tmp_path / "hello.txt"), stage, auto_compress=False)
    assert [(p.source, p.target, p.status) for p in put] == [("hello.txt", "hello.txt", "UPLOADED")]
    names = [row[0] for row in session.sql(f"list {stage}").collect()]
    assert [name.rsplit("/", 1)[-1] for name in names] == ["hello.txt"]


def test_file_put_and_get(session, tmp_path):
    session.sql("create or replace stage files").collect()
    (tmp_path / "data.csv").write_text("a,1\n")
    put = session.file.put(str(tmp_path / "data.csv"), "@files/in")
    assert [(p.source, p.target, p.source_compression, p.target_compression, p.status) for p in put] \
        == [("data.csv", "data.csv.gz", "NONE", "GZIP", "UPLOADED")]
    out = tmp_path / "out"
    out.mkdir()
    got = session.file.get("@files/in", str(out))
    assert [(g.file, g.status) for g in got] == [("data.csv.gz", "DOWNLOADED")]
    assert gzip.decompress((out / "data.csv.gz").read_bytes()) == b"a,1\n"


def test_close(server, account, db):
    session = Session.builder.configs(server.params(account, database=db, schema="PUBLIC")).create()
    assert session.sql("select 5").collect()[0][0] == 5
    session.close()  # runs select system$cancel_all_queries(<session id>) and raises if that fails
    assert session.connection.is_closed()
