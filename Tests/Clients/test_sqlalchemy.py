"""snowflake-sqlalchemy 1.11 (SQLAlchemy 2.0, connector 4.7.5) against `snowlite serve`: text queries,
Core tables, reflection, its transactions (the dialect turns autocommit off and rolls back on check-in),
and pandas through an engine. (Matrix row 21.)"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from support import STACK4

pytestmark = pytest.mark.stack4

if STACK4:  # snowflake-sqlalchemy pins connector < 5; the 5.x run deselects this module
    import sqlalchemy as sa
    from snowflake.sqlalchemy import URL


@pytest.fixture(scope="module")
def engine(server, account, db):
    engine = sa.create_engine(
        URL(account=account, user="snowlite", password="snowlite", database=db, schema="PUBLIC",
            warehouse="COMPUTE_WH"),
        connect_args={"host": "127.0.0.1", "port": server.port, "protocol": "http", "login_timeout": 30})
    yield engine
    engine.dispose()


def test_select_1(engine):
    with engine.connect() as connection:
        assert connection.execute(sa.text("select 1")).fetchall() == [(1,)]


def test_server_version(engine):
    with engine.connect():
        version = engine.dialect.server_version_info
    assert version and all(isinstance(part, int) for part in version), version


def test_bound_parameters(engine):
    with engine.connect() as connection:
        result = connection.execute(sa.text("select :n + 1 as n, :s as s"), {"n": 41, "s": "it's"})
        assert [tuple(row) for row in result] == [(42, "it's")]
        assert list(result.keys()) == ["n", "s"]  # the dialect normalises upper-case names


def test_core_table_and_reflection(engine):
    metadata = sa.MetaData()
    items = sa.Table("items", metadata,
                     sa.Column("id", sa.Integer, primary_key=True),
                     sa.Column("name", sa.String(20)),
                     sa.Column("price", sa.Numeric(10, 2)))
    metadata.drop_all(engine)
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(items.insert(), [{"id": 1, "name": "apple", "price": "1.25"},
                                            {"id": 2, "name": "pear", "price": "2.50"}])
    with engine.connect() as connection:
        selected = connection.execute(sa.select(items.c.name, items.c.price).where(items.c.id == 2)).fetchall()
        assert [tuple(row) for row in selected] == [("pear", Decimal("2.50"))]
    inspector = sa.inspect(engine)
    assert inspector.has_table("items")
    assert "items" in inspector.get_table_names()
    assert [column["name"] for column in inspector.get_columns("items")] == ["id", "name", "price"]


def test_transactions(engine):
    with engine.begin() as connection:
        connection.execute(sa.text("create or replace table tx_sa (a int)"))
    with engine.connect() as connection:
        connection.execute(sa.text("insert into tx_sa values (1)"))
        # no commit: SQLAlchemy rolls back when the connection goes back to the pool
    with engine.begin() as connection:
        connection.execute(sa.text("insert into tx_sa values (2)"))
    with engine.connect() as connection:
        assert connection.execute(sa.text("select a from tx_sa order by a")).fetchall() == [(2,)]
        connection.execute(sa.text("insert into tx_sa values (3)"))
        connection.commit()
    with engine.connect() as connection:
        assert connection.execute(sa.text("select count(*) from tx_sa")).scalar() == 2


def test_pandas_read_sql_and_to_sql(engine):
    frame = pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", None]})
    with engine.begin() as connection:
        assert frame.to_sql("from_pandas", connection, index=False, if_exists="replace") == 3
    with engine.connect() as connection:
        back = pd.read_sql(sa.text("select a, b from from_pandas order by a"), connection)
    assert back["a"].tolist() == [1, 2, 3]
    assert back["b"].tolist() == ["x", "y", None]
