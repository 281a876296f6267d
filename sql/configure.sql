-- What the connector's Streamlit page does once the application is installed: the privilege
-- pop-ups (CREATE DATABASE and EXECUTE TASK for the application), the warehouse reference, the
-- configuration form (PROVISION_CONNECTOR) and the enable-repository form (ENABLE_RESOURCE).
-- Run with snowsql -D APP_NAME=… -D WAREHOUSE=… -D DESTINATION_DB=… -D REPOSITORY=owner/repo.
SET APP_INSTANCE_NAME = '&{APP_NAME}' || '_INSTANCE';

CREATE WAREHOUSE IF NOT EXISTS IDENTIFIER('&{WAREHOUSE}');

-- The privilege pop-ups
GRANT CREATE DATABASE ON ACCOUNT TO APPLICATION IDENTIFIER($APP_INSTANCE_NAME);
GRANT EXECUTE TASK ON ACCOUNT TO APPLICATION IDENTIFIER($APP_INSTANCE_NAME);

USE DATABASE IDENTIFIER($APP_INSTANCE_NAME);
CALL PUBLIC.REGISTER_REFERENCE('warehouse_reference', 'ADD',
    SYSTEM$REFERENCE('WAREHOUSE', '&{WAREHOUSE}', 'PERSISTENT', 'USAGE'));

-- The configuration form
CALL PUBLIC.PROVISION_CONNECTOR(PARSE_JSON('{
    "destination_database": "&{DESTINATION_DB}",
    "secret_name": "&{APP_NAME}_SECRETS.PUBLIC.GITHUB_TOKEN",
    "external_access_integration_name": "GITHUB_INTEGRATION"
}'));

-- The enable-repository form: creates the sink table, its view and the ingestion task, and runs it
CALL PUBLIC.ENABLE_RESOURCE('&{REPOSITORY}');
