-- Internal stages through snowsql: CREATE / SHOW / DESC / LIST / REMOVE / DROP of an empty stage as
-- deploy.sql names it, and the errors of PUT, LIST and CREATE STAGE (PUT of real files: EngineTests).
create database app_stage;
CREATE STAGE IF NOT EXISTS IDENTIFIER('APP_STAGE.PUBLIC.ARTIFACTS');
create stage if not exists app_stage.public.artifacts;
create stage artifacts;
create or replace stage artifacts directory = (enable = true) comment = 'app files';
show stages;
desc stage artifacts;
list @app_stage.public.artifacts/V_1_0_0;
ls @artifacts pattern = '.*[.]yml';
remove @artifacts;
PUT 'file:///nonexistent/sf_build/*' @APP_STAGE.PUBLIC.ARTIFACTS/V_1_0_0 AUTO_COMPRESS = FALSE overwrite=true;
put file:///nonexistent/x.csv @nope;
list @nope;
list @~;
create stage ext url = 's3://bucket/path/';
drop stage artifacts;
drop stage if exists artifacts;
drop stage artifacts;
