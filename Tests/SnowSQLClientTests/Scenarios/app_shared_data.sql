-- Issue 20, pattern 1: a provider shares data with its app through the application package.
-- The provider's own data, in a database of its account
create database provider_db;
create table provider_db.public.customers (id int, name varchar, region varchar);
insert into provider_db.public.customers values (1, 'Acme', 'EMEA'), (2, 'Globex', 'AMER'), (3, 'Initech', 'AMER');

-- The package is also a database: its schemas hold the shared content
create application package shared_pkg;
show databases like 'SHARED%';
use application package shared_pkg;
create schema shared_data;
create table accounts (id int, name varchar, value varchar);
insert into accounts values (1, 'Joe', 'Snowflake'), (2, 'Nima', 'Snowflake'), (3, 'Sally', 'Snowflake'), (4, 'Juan', 'Acme');
grant usage on schema shared_data to share in application package shared_pkg;
grant select on table accounts to share in application package shared_pkg;

-- A package view over another database needs REFERENCE_USAGE on it first
create view shared_data.customers_by_region as
  select region, count(*) as customers from provider_db.public.customers group by region;
grant select on view shared_data.customers_by_region to share in application package shared_pkg;
grant reference_usage on database provider_db to share in application package shared_pkg;
grant select on view shared_data.customers_by_region to share in application package shared_pkg;

-- What a package's share does not take
grant select on table provider_db.public.customers to share in application package shared_pkg;
grant insert on table shared_data.accounts to share in application package shared_pkg;
grant select on table shared_data.accounts to share in application package shared_pkg with grant option;
grant select on table shared_data.accounts to share in application package nosuch_pkg;
show grants to share in application package shared_pkg;

-- The app's files, staged in the package, and a version
create schema stage_content;
create stage stage_content.files;
put 'file://apps/shared_data/*' @stage_content.files/v1 auto_compress = false;
alter application package shared_pkg add version v1 using '@shared_pkg.stage_content.files/v1';

-- The consumer installs it and reads through the app's views and procedure
create application shared_app from application package shared_pkg using version v1;
select * from shared_app.code_schema.accounts_view order by id;
select * from shared_app.code_schema.regions order by region;
call shared_app.code_schema.account_count();

-- The content is live and unversioned: the provider's change shows at once
insert into shared_pkg.shared_data.accounts values (5, 'Ada', 'Acme');
call shared_app.code_schema.account_count();

-- The consumer cannot reach the shared content directly
select * from shared_app.shared_data.accounts;

-- Revoking from the share takes it from the app
revoke select on table shared_pkg.shared_data.accounts from share in application package shared_pkg;
select * from shared_app.code_schema.accounts_view;
grant select on table shared_pkg.shared_data.accounts to share in application package shared_pkg;
select count(*) from shared_app.code_schema.accounts_view;

-- A package's name is one database's; dropping the package drops its content and grants
create database shared_pkg;
drop database shared_pkg;
drop application shared_app;
drop application package shared_pkg;
show databases like 'SHARED%';
select * from shared_pkg.shared_data.accounts;
