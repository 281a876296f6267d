-- make deploy: stages sf_build/ and makes an application package version of it, as the
-- quickstart's sql/deploy.sql does. Run with snowsql -D APP_NAME=… -D STAGE_DB=…
-- -D STAGE_NAME=… -D APP_VERSION=… (variable_substitution on).
SET APP_NAME = '&{APP_NAME}';
SET APP_INSTANCE_NAME = $APP_NAME || '_INSTANCE';

-- The stage for the build's files
CREATE OR REPLACE DATABASE IDENTIFIER('&STAGE_DB');
CREATE STAGE IF NOT EXISTS IDENTIFIER('&STAGE_NAME');

PUT 'file://sf_build/*' @&{STAGE_NAME}/&{APP_VERSION} AUTO_COMPRESS = FALSE overwrite=true;

-- The application package and its version
DROP APPLICATION PACKAGE IF EXISTS IDENTIFIER($APP_NAME);
CREATE APPLICATION PACKAGE IF NOT EXISTS IDENTIFIER($APP_NAME);
ALTER APPLICATION PACKAGE IDENTIFIER($APP_NAME) ADD VERSION &APP_VERSION USING @&{STAGE_NAME}/&APP_VERSION;
