-- Session variables, IDENTIFIER() and EXECUTE IMMEDIATE, as deploy.sql and install.sql use them.
SET APP_NAME = 'EXAMPLE_GITHUB_PYTHON_CONNECTOR';
SET APP_INSTANCE_NAME = $APP_NAME || '_INSTANCE';
SET SECRETS_DB = $APP_INSTANCE_NAME || '_SECRETS';
select $APP_INSTANCE_NAME, $secrets_db;
CREATE OR REPLACE DATABASE IDENTIFIER($SECRETS_DB);
USE DATABASE IDENTIFIER($SECRETS_DB);
set CREATE_TABLE = 'CREATE TABLE ' || $SECRETS_DB || '.PUBLIC.TOKENS (name string)';
select $CREATE_TABLE;
execute immediate $CREATE_TABLE;
SHOW TABLES;
set (min, max) = (50, 2 * 10);
show variables like 'M%';
select $MISSING;
unset (min, max);
select identifier('x' || 'y');
