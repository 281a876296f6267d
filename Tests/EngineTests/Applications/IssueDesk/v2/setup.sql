-- IssueDesk's setup script: roles and schemas here, every concern in its own file.
CREATE APPLICATION ROLE IF NOT EXISTS ADMIN;
CREATE APPLICATION ROLE IF NOT EXISTS VIEWER;
CREATE OR ALTER VERSIONED SCHEMA API;
GRANT USAGE ON SCHEMA API TO APPLICATION ROLE ADMIN;
GRANT USAGE ON SCHEMA API TO APPLICATION ROLE VIEWER;
CREATE SCHEMA IF NOT EXISTS STATE;

EXECUTE IMMEDIATE FROM 'core/functions.sql';
EXECUTE IMMEDIATE FROM 'core/status.sql';
EXECUTE IMMEDIATE FROM 'core/prerequisites.sql';
EXECUTE IMMEDIATE FROM 'core/configuration.sql';
EXECUTE IMMEDIATE FROM './core/scheduler.sql';
EXECUTE IMMEDIATE FROM 'core/reports.sql';

-- State survives upgrades: the initial rows are merged in, never inserted twice.
CALL API.INITIALIZE();
