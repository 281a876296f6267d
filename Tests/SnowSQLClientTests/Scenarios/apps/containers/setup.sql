-- ContainerApp's setup script: its data and a view work offline; its service and Cortex need Snowflake.
CREATE APPLICATION ROLE IF NOT EXISTS app_user;
CREATE SCHEMA IF NOT EXISTS core;
GRANT USAGE ON SCHEMA core TO APPLICATION ROLE app_user;
CREATE TABLE IF NOT EXISTS core.notes (id INT, body VARCHAR);
INSERT INTO core.notes VALUES (1, 'The quarterly numbers look good.');
CREATE OR REPLACE VIEW core.notes_view AS SELECT id, body FROM core.notes;
GRANT SELECT ON VIEW core.notes_view TO APPLICATION ROLE app_user;
CREATE OR REPLACE VIEW core.sentiments AS SELECT id, SNOWFLAKE.CORTEX.SENTIMENT(body) AS sentiment FROM core.notes;
GRANT SELECT ON VIEW core.sentiments TO APPLICATION ROLE app_user;

CREATE OR REPLACE PROCEDURE core.start_service()
  RETURNS STRING
  LANGUAGE SQL
  AS $$
  BEGIN
    CREATE COMPUTE POOL IF NOT EXISTS echo_pool MIN_NODES = 1 MAX_NODES = 1 INSTANCE_FAMILY = CPU_X64_XS;
    CREATE SERVICE IF NOT EXISTS core.echo IN COMPUTE POOL echo_pool FROM SPECIFICATION_FILE = 'service.yml';
    RETURN 'started';
  END;
  $$;
GRANT USAGE ON PROCEDURE core.start_service() TO APPLICATION ROLE app_user;
