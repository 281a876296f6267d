"""Fetching a repository's issues page by page and merging each page into the sink table, as the
quickstart's ingestion.py does: `requests` through the procedure's external access integration,
the token from `_snowflake`, pages followed through the Link header's rel="next"."""

import json
import re

import requests
from snowflake.snowpark import Session
from snowflake.snowpark.functions import parse_json, when_matched, when_not_matched

NEXT_LINK = re.compile(r'<([^>]+)>;\s*rel="next"')


def sink_table(database: str, resource_id: str) -> str:
    escaped = re.sub(r"[/.-]", "_", resource_id.upper())
    return f'{database.upper()}.PUBLIC."{escaped}"'


def fetch_single_batch(session: Session, token: str, url: str, table: str):
    response = requests.get(url, headers={"Authorization": f"Bearer {token}",
                                          "Accept": "application/vnd.github+json",
                                          "X-GitHub-Api-Version": "2022-11-28"}, timeout=60)
    response.raise_for_status()
    issues = response.json()
    if issues:
        source = session.create_dataframe([[json.dumps(issue)] for issue in issues], schema=["raw"])
        source = source.select(parse_json(source["raw"]).alias("raw"))
        target = session.table(table)
        target.merge(source, target["raw"]["id"] == source["raw"]["id"],
                     [when_matched().update({"raw": source["raw"]}), when_not_matched().insert({"raw": source["raw"]})])
    match = NEXT_LINK.search(response.headers.get("Link") or "")
    return len(issues), (match.group(1) if match else None)
