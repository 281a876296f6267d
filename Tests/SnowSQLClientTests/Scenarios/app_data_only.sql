-- Issue 20, pattern 2: a data-only package (TYPE = DATA) shares tables and views declaratively,
-- with a live version, BUILD, COMMIT and RELEASE; the installed app follows each release.
create database market_db;
create schema market_db.prices;
create table market_db.prices.quotes (symbol varchar, price number(10,2));
insert into market_db.prices.quotes values ('SNOW', 150.25), ('ACME', 12.50);
create table market_db.prices.trades (symbol varchar, qty int);
insert into market_db.prices.trades values ('SNOW', 100);
create view market_db.prices.daily_summary as select count(*) as symbols, max(price) as top_price from market_db.prices.quotes;
create database ref_db;
create table ref_db.public.names (symbol varchar, company varchar);
insert into ref_db.public.names values ('SNOW', 'Snowflake Inc.'), ('ACME', 'Acme Corp.');
create view market_db.prices.named_quotes as
  select q.symbol, n.company, q.price from market_db.prices.quotes q join ref_db.public.names n on n.symbol = q.symbol;

-- The package and its live version
create application package market_pkg type = data comment = 'not with TYPE = DATA';
create application package market_pkg type = data;
alter application package market_pkg build;
put 'file://apps/data_only/bad/manifest.yml' snow://package/market_pkg/versions/LIVE/ overwrite = true auto_compress = false;
alter application package market_pkg build;
put 'file://apps/data_only/v1/manifest.yml' snow://package/market_pkg/versions/LIVE/ overwrite = true auto_compress = false;
list snow://package/market_pkg/versions/LIVE;
alter application package market_pkg build;
alter application package market_pkg add version v1 using '@market_db.prices.nosuch';
alter application package market_pkg release live version;
show versions in application package market_pkg;
show shared content in application package market_pkg;

-- The consumer installs the released version
create application market_app from application package market_pkg;
show schemas in application market_app;
show application roles in application market_app;
select * from market_app.prices.quotes order by symbol;
select * from market_app.prices.daily_summary;
select * from market_app.prices.trades;
-- A role holding only ANALYST reads what ANALYST may
create role desk;
grant application role market_app.analyst to role desk;
grant role desk to user snowlite;
use role desk;
select symbol from market_app.prices.quotes order by symbol;
select symbols from market_app.prices.daily_summary;
select * from market_app.prices.trades;
use role accountadmin;

-- The provider's data is live: a new quote shows at once
insert into market_db.prices.quotes values ('ZED', 1.00);
select count(*) from market_app.prices.quotes;

-- Version 2: edit the live version, try it with UPGRADE USING VERSION LIVE, then release it
put 'file://apps/data_only/v2/manifest.yml' snow://package/market_pkg/versions/LIVE/ overwrite = true auto_compress = false;
alter application package market_pkg abort live version;
select count(*) from market_app.prices.daily_summary;
put 'file://apps/data_only/v2/manifest.yml' snow://package/market_pkg/versions/LIVE/ overwrite = true auto_compress = false;
alter application market_app upgrade using version live;
select * from market_app.prices.named_quotes order by symbol;
alter application package market_pkg commit;
alter application package market_pkg release;
show application roles in application market_app;
use role desk;
select * from market_app.prices.named_quotes order by symbol;
select * from market_app.prices.trades;
use role accountadmin;
select * from market_app.prices.trades;
show shared content in application package market_pkg for version VERSION$3;
describe application market_app;

-- Version 3 names a table the provider drops before releasing it: the app stays on VERSION$3
create table market_db.prices.extra (a int);
put 'file://apps/data_only/v3/manifest.yml' snow://package/market_pkg/versions/LIVE/ overwrite = true auto_compress = false;
alter application package market_pkg commit;
drop table market_db.prices.extra;
alter application package market_pkg release;
describe application market_app;
select count(*) from market_app.prices.quotes;

-- A native package has none of this
create application package native_pkg;
alter application package native_pkg build;
drop application market_app;
drop application package market_pkg;
drop application package native_pkg;
