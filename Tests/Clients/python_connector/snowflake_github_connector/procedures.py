"""The connector's three procedures, as the quickstart's procedures.py declares them: provision
binds the secret and integration to INGEST_DATA and makes the destination database; enable makes
the sink table, its flattened view and the ingestion task; ingest fetches every page and records
the resource's state (RUNNING per page, then DONE, or FAILED with the reason)."""

import logging

import _snowflake
from snowflake.snowpark import Session

from snowflake_github_connector.common import (APP_CONFIGURATION, RESOURCE_CONFIGURATION, AppStateTable,
                                               KeyValueTable)
from snowflake_github_connector.ingestion import fetch_single_batch, sink_table

logger = logging.getLogger(__name__)
ROLE = "APP_USER"
COLUMNS = [("id", "NUMBER"), ("node_id", "VARCHAR"), ("url", "VARCHAR"), ("repository_url", "VARCHAR"),
           ("labels_url", "VARCHAR"), ("comments_url", "VARCHAR"), ("events_url", "VARCHAR"), ("html_url", "VARCHAR"),
           ("number", "NUMBER"), ("state", "VARCHAR"), ("title", "VARCHAR"), ("body", "VARCHAR"), ("user", "VARIANT")]


def provision_connector(session: Session, config: dict) -> str:
    database = config["destination_database"]
    logger.info("Provisioning the connector into database %s", database)
    session.sql(f"ALTER PROCEDURE PUBLIC.INGEST_DATA(STRING) SET SECRETS = ('token' = {config['secret_name']}) "
                f"EXTERNAL_ACCESS_INTEGRATIONS = ({config['external_access_integration_name']})").collect()
    session.sql(f"CREATE DATABASE IF NOT EXISTS {database}").collect()
    session.sql(f"GRANT USAGE ON DATABASE {database} TO APPLICATION ROLE {ROLE}").collect()
    session.sql(f"GRANT USAGE ON SCHEMA {database}.PUBLIC TO APPLICATION ROLE {ROLE}").collect()
    KeyValueTable(session, APP_CONFIGURATION).merge("config", config)
    logger.info("Connector provisioned")
    return "Connector provisioned"


def enable_resource(session: Session, resource_id: str) -> str:
    config = KeyValueTable(session, APP_CONFIGURATION).get_value("config")
    if config is None:
        raise ValueError("The connector is not provisioned: call PROVISION_CONNECTOR first")
    KeyValueTable(session, RESOURCE_CONFIGURATION).merge(resource_id, {"enabled": True})
    table = sink_table(config["destination_database"], resource_id)
    view = table[:-1] + '_FLATTENED"'
    session.sql(f"CREATE TABLE IF NOT EXISTS {table} (RAW VARIANT)").collect()
    columns = ", ".join(f"RAW:{name}::{kind} AS {name.upper()}" for name, kind in COLUMNS)
    session.sql(f"CREATE OR REPLACE VIEW {view} AS SELECT {columns} FROM {table}").collect()
    session.sql(f"GRANT SELECT ON TABLE {table} TO APPLICATION ROLE {ROLE}").collect()
    session.sql(f"GRANT SELECT ON VIEW {view} TO APPLICATION ROLE {ROLE}").collect()
    task = "TASKS.INGEST_" + table.split(".")[-1].strip('"')
    session.sql(f"CREATE OR REPLACE TASK IDENTIFIER('{task}')SCHEDULE = '30 minutes' "
                f"WAREHOUSE = reference('warehouse_reference') AS CALL PUBLIC.INGEST_DATA('{resource_id}')").collect()
    session.sql(f"ALTER TASK IDENTIFIER('{task}') RESUME").collect()
    session.sql(f"EXECUTE TASK IDENTIFIER('{task}')").collect()
    logger.info("Enabled: %s", resource_id)
    return f"{resource_id} enabled"


def ingest_data(session: Session, resource_id: str) -> dict:
    state = AppStateTable(session)
    try:
        config = KeyValueTable(session, APP_CONFIGURATION).get_value("config")
        table = sink_table(config["destination_database"], resource_id)
        token = _snowflake.get_generic_secret_string("token")
        logger.info("Starting ingestion of %s", resource_id)
        url = f"https://api.github.com/repos/{resource_id}/issues?state=all"
        while url:
            count, url = fetch_single_batch(session, token, url, table)
            rows = session.table(table).count()
            ingestion = {"table": table, "rows_count": rows, "extras": {"next_page_link": url}}
            state.append(resource_id, {"state": "RUNNING", "ingestion": ingestion})
            logger.info("Batch fetched for %s: %d issues", resource_id, count)
        state.append(resource_id, {"state": "DONE", "ingestion": ingestion})
        logger.info("Ingestion of %s done: %d rows", resource_id, rows)
        return ingestion
    except Exception as error:
        logger.error("Ingestion failed for %s: %s", resource_id, error)
        state.append(resource_id, {"state": "FAILED", "reason": str(error)})
        raise
