-- The setup script runs at every install and upgrade, as the application.
CREATE APPLICATION ROLE IF NOT EXISTS app_public;

-- Code lives in a versioned schema: it is replaced at each upgrade.
CREATE OR ALTER VERSIONED SCHEMA core;
GRANT USAGE ON SCHEMA core TO APPLICATION ROLE app_public;

CREATE OR REPLACE PROCEDURE core.hello()
  RETURNS STRING
  LANGUAGE SQL
  EXECUTE AS OWNER
AS
BEGIN
  SYSTEM$LOG_INFO('hello() was called');
  RETURN 'Hello Snowflake!';
END;

GRANT USAGE ON PROCEDURE core.hello() TO APPLICATION ROLE app_public;
