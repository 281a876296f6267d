-- Snowlite demo: the foundation at work. Client variables (&DEMO_DB), session variables,
-- IDENTIFIER(), databases, tables with defaults, DML, joins, aggregates, views, SHOW and DESCRIBE;
-- then a native application packaged from sql/demo_app and installed.
-- Run with `make demo`; every statement goes through the snowsql-compatible client.
SET DB_NAME = '&{DEMO_DB}';
SET ISSUES_TABLE = $DB_NAME || '.PUBLIC.ISSUES';
CREATE OR REPLACE DATABASE IDENTIFIER($DB_NAME);
CREATE TABLE IDENTIFIER($ISSUES_TABLE) (
    id INT NOT NULL,
    repository STRING,
    state STRING,
    comments INT DEFAULT 0,
    timestamp TIMESTAMP_NTZ DEFAULT SYSDATE()
);
INSERT INTO issues (id, repository, state, comments) VALUES
    (1, 'snowflakedb/connectors-native-sdk', 'open', 3),
    (2, 'snowflakedb/connectors-native-sdk', 'closed', 0),
    (3, 'Snowflake-Labs/sfquickstarts', 'open', 7);
INSERT INTO issues (id, repository, state) SELECT id + 10, repository, 'open' FROM issues WHERE state = 'closed';
UPDATE issues SET comments = comments + 1 WHERE repository LIKE 'snowflakedb/%';
CREATE VIEW open_issues AS SELECT repository, COUNT(*) AS open_count, SUM(comments) AS comments
    FROM issues WHERE state = 'open' GROUP BY repository;
SELECT * FROM open_issues ORDER BY open_count DESC, repository;
SELECT repository, state, COUNT(*) FROM issues GROUP BY 1, 2 ORDER BY 1, 2;
DESCRIBE TABLE issues;
SHOW TABLES;
SHOW VARIABLES;

-- The native-app loop: stage a build folder, version a package, install it (its setup script runs
-- as the application), and reach inside only through the application role it granted.
CREATE STAGE IF NOT EXISTS artifacts;
PUT 'file://sql/demo_app/*' @artifacts/V_1_0_0 AUTO_COMPRESS = FALSE OVERWRITE = TRUE;
CREATE APPLICATION PACKAGE IF NOT EXISTS demo_pkg;
ALTER APPLICATION PACKAGE demo_pkg ADD VERSION V_1_0_0 USING @artifacts/V_1_0_0;
CREATE APPLICATION demo_app FROM APPLICATION PACKAGE demo_pkg USING VERSION V_1_0_0;
SHOW APPLICATION ROLES IN APPLICATION demo_app;
CALL demo_app.public.get_config('org');
-- The state table is the application's own: its owner reads it only in debug mode.
ALTER APPLICATION demo_app SET DEBUG_MODE = TRUE;
SELECT config_key, value FROM demo_app.state.app_config;
SHOW PRIVILEGES IN APPLICATION demo_app;
DROP APPLICATION demo_app;
