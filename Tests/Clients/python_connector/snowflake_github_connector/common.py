"""The connector's state tables, as the quickstart's common.py keeps them: two key-value tables
that hold one row per key (merged), and APP_STATE, an append-only log of each resource's state.
Written for Snowlite's tests in the quickstart's shape, with Snowpark's DataFrame API."""

import json
from typing import Any, Optional

from snowflake.snowpark import Session
from snowflake.snowpark.functions import col, parse_json, when_matched, when_not_matched

APP_CONFIGURATION = "STATE.APP_CONFIGURATION"
RESOURCE_CONFIGURATION = "STATE.RESOURCE_CONFIGURATION"
APP_STATE = "STATE.APP_STATE"


class KeyValueTable:
    def __init__(self, session: Session, name: str):
        self.session = session
        self.name = name

    def merge(self, key: str, value: dict) -> None:
        source = self.session.create_dataframe([[key, json.dumps(value)]], schema=["key", "value"])
        source = source.select(col("key").alias("key"), parse_json(col("value")).alias("value"))
        target = self.session.table(self.name)
        target.merge(source, target["key"] == source["key"],
                     [when_matched().update({"value": source["value"]}),
                      when_not_matched().insert({"key": source["key"], "value": source["value"]})])

    def get_value(self, key: str) -> Optional[Any]:
        rows = self.session.table(self.name).filter(col("key") == key).select("value").collect()
        return json.loads(rows[0][0]) if rows else None


class AppStateTable:
    def __init__(self, session: Session):
        self.session = session

    def append(self, key: str, value: dict) -> None:
        row = self.session.create_dataframe([[key, json.dumps(value)]], schema=["key", "value"])
        row = row.select(col("key").alias("key"), parse_json(col("value")).alias("value"))
        row.write.mode("append").save_as_table(APP_STATE, column_order="name")
