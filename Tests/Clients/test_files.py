"""PUT, LIST, GET and REMOVE through the connector (4.x and 5.x): the server describes each transfer,
the client moves the bytes and builds the result rows itself (source, target, sizes, compression,
status UPLOADED / SKIPPED; file, size, status DOWNLOADED). (Matrix row 10.)"""

from __future__ import annotations

import gzip

import pytest

import support
from snowflake.connector import errors

from support import rows

PUT_COLUMNS = ["source", "target", "source_size", "target_size", "source_compression", "target_compression",
               "status", "message"]


@pytest.fixture
def stage(cur):
    assert rows(cur, "create or replace stage s") == [("Stage area S successfully created.",)]
    return cur


def put_rows(cursor, sql):
    """The PUT result as dicts keyed by Snowflake's column names."""
    return [dict(zip(PUT_COLUMNS, row)) for row in rows(cursor, sql)]


def test_put_list_get_remove(stage, tmp_path):
    data = b"a,1\nb,2\n"
    (tmp_path / "x.csv").write_bytes(data)
    put = put_rows(stage, f"put 'file://{tmp_path}/x.csv' @s")
    assert [(p["source"], p["target"], p["source_size"], p["source_compression"], p["target_compression"], p["status"])
            for p in put] == [("x.csv", "x.csv.gz", len(data), "NONE", "GZIP", "UPLOADED")]
    compressed_size = put[0]["target_size"]
    assert compressed_size > 0

    listed = rows(stage, "list @s")
    assert [(row[0], row[1]) for row in listed] == [("s/x.csv.gz", compressed_size)]

    out = tmp_path / "out"
    out.mkdir()
    got = rows(stage, f"get @s/x.csv.gz 'file://{out}/'")
    assert [(row[0], row[2]) for row in got] == [("x.csv.gz", "DOWNLOADED")]
    assert gzip.decompress((out / "x.csv.gz").read_bytes()) == data

    assert rows(stage, "remove @s/x.csv.gz") == [("s/x.csv.gz", "removed")]
    assert rows(stage, "list @s") == []


def test_put_without_compression_keeps_the_bytes(stage, tmp_path):
    data = bytes(range(256)) * 64
    (tmp_path / "raw.bin").write_bytes(data)
    put = put_rows(stage, f"put 'file://{tmp_path}/raw.bin' @s/raw auto_compress = false")
    assert [(p["target"], p["target_size"], p["target_compression"], p["status"]) for p in put] \
        == [("raw.bin", len(data), "NONE", "UPLOADED")]
    assert [(row[0], row[1]) for row in rows(stage, "list @s")] == [("s/raw/raw.bin", len(data))]
    out = tmp_path / "out"
    out.mkdir()
    rows(stage, f"get @s/raw 'file://{out}'")
    assert (out / "raw.bin").read_bytes() == data


def test_put_skips_an_existing_file_unless_overwrite(stage, tmp_path):
    (tmp_path / "same.txt").write_text("same content\n")
    put = f"put 'file://{tmp_path}/same.txt' @s auto_compress = false"
    assert [p["status"] for p in put_rows(stage, put)] == ["UPLOADED"]
    if support.CONNECTOR_MAJOR == 4:
        # 4.x uploads to a presigned URL without asking whether the file exists; the server refuses
        # to replace it (HTTP 412), which 4.x reports as an error rather than SKIPPED (README).
        with pytest.raises(errors.OperationalError) as caught:
            put_rows(stage, put)
        assert caught.value.errno == 253003 and "412" in caught.value.msg
    else:
        assert [p["status"] for p in put_rows(stage, put)] == ["SKIPPED"]
    assert [p["status"] for p in put_rows(stage, put + " overwrite = true")] == ["UPLOADED"]
    assert [row[0] for row in rows(stage, "list @s")] == ["s/same.txt"]


def test_put_of_a_glob(stage, tmp_path):
    for name in ("b.csv", "a.csv", "c.txt"):
        (tmp_path / name).write_text(f"{name}\n")
    put = put_rows(stage, f"put 'file://{tmp_path}/*.csv' @s/sub auto_compress = false")
    assert sorted((p["source"], p["status"]) for p in put) == [("a.csv", "UPLOADED"), ("b.csv", "UPLOADED")]
    assert [row[0] for row in rows(stage, "list @s")] == ["s/sub/a.csv", "s/sub/b.csv"]


def test_put_into_a_missing_stage(cur, tmp_path):
    (tmp_path / "x.csv").write_text("x\n")
    with pytest.raises(errors.ProgrammingError) as caught:
        cur.execute(f"put 'file://{tmp_path}/x.csv' @nope")
    assert (caught.value.errno, caught.value.sqlstate) == (2003, "02000")
    assert caught.value.raw_msg == "SQL compilation error:\nStage 'TESTDB.PUBLIC.NOPE' does not exist or not authorized."
