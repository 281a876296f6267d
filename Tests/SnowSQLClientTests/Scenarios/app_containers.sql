-- Issue 20, pattern 13: an app with a container service and a Cortex view installs offline;
-- what needs Snowflake fails when used, saying so, and the rest works.
create database provider_db;
create stage provider_db.public.artifacts;
put 'file://apps/containers/*' @provider_db.public.artifacts/v1 auto_compress = false;
create application package container_pkg;
alter application package container_pkg add version v1 using '@provider_db.public.artifacts/v1';
create application container_app from application package container_pkg using version v1;
select * from container_app.core.notes_view;
select * from container_app.core.sentiments;
call container_app.core.start_service();
create compute pool my_pool min_nodes = 1 max_nodes = 1 instance_family = cpu_x64_xs;
select snowflake.cortex.complete('mistral-large', 'hello');
drop application container_app;
drop application package container_pkg;
