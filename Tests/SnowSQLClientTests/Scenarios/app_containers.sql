-- Issue 20, pattern 13: an app with a container service and a Cortex view installs offline;
-- external tables, external functions and API integrations say they need Snowflake too;
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
create external table provider_db.public.ext (a int as (value:a::int)) location = @provider_db.public.artifacts file_format = (type = json);
create api integration my_api api_provider = aws_api_gateway api_allowed_prefixes = ('https://x') enabled = true;
drop application container_app;
drop application package container_pkg;
