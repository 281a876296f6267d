-- What the connector's Streamlit page shows: the newest state of each repository and the first
-- rows of the ingested data. The state tables are the application's own; debug mode lets their
-- owner read them, as a developer inspecting a connector does.
-- Run with snowsql -D APP_NAME=… -D DESTINATION_DB=… -D SINK_VIEW=<OWNER_REPO>_FLATTENED.
SET APP_INSTANCE_NAME = '&{APP_NAME}' || '_INSTANCE';
ALTER APPLICATION IDENTIFIER($APP_INSTANCE_NAME) SET DEBUG_MODE = TRUE;

SELECT key AS repository, value:state::string AS state, value:ingestion:rows_count AS rows_count, timestamp
FROM IDENTIFIER('&{APP_NAME}_INSTANCE.STATE.APP_STATE')
QUALIFY row_number() OVER (PARTITION BY repository ORDER BY timestamp DESC) = 1;

SELECT id, number, state, title
FROM IDENTIFIER('&{DESTINATION_DB}.PUBLIC.&{SINK_VIEW}')
ORDER BY number DESC
LIMIT 10;
