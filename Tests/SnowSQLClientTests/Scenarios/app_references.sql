-- Issue 20, patterns 4–8: references in every place Snowflake's docs use one (DML and CALL through them too) — DESCRIBE (into a
-- RESULTSET), a view and a SQL function over references, a task on a referenced warehouse.
create database shop;
create table shop.public.orders (id int, amount number(10,2), placed date);
insert into shop.public.orders values (1, 100.00, '2026-01-01'), (2, 40.00, '2026-01-02');
create function shop.public.vat(x number) returns number as $$ round(x * 0.2, 2) $$;
create warehouse app_wh;
create table shop.public.orders_archive (id int, amount number(10,2), placed date);
create table shop.public.notices (moved int);
create procedure shop.public.notify(moved int) returns string language sql as $$
begin
  insert into shop.public.notices values (:moved);
  return 'noted';
end;
$$;
create stage shop.public.artifacts;
put 'file://apps/references/*' @shop.public.artifacts/v1 auto_compress = false;
create application package ref_pkg;
alter application package ref_pkg add version v1 using '@shop.public.artifacts/v1';
create application ref_app from application package ref_pkg using version v1;

-- Before binding, each use says which reference is missing
call ref_app.core.order_columns();
call ref_app.config.register('ORDERS', 'ADD', SYSTEM$REFERENCE('TABLE', 'shop.public.orders', 'PERSISTENT', 'SELECT'));
call ref_app.config.register('TAX', 'ADD', SYSTEM$REFERENCE('FUNCTION', 'shop.public.vat(number)', 'PERSISTENT', 'USAGE'));
call ref_app.config.register('ARCHIVE', 'ADD', SYSTEM$REFERENCE('TABLE', 'shop.public.orders_archive', 'PERSISTENT', 'SELECT', 'INSERT', 'UPDATE', 'DELETE'));
call ref_app.config.register('NOTIFY', 'ADD', SYSTEM$REFERENCE('PROCEDURE', 'shop.public.notify(int)', 'PERSISTENT', 'USAGE'));
call ref_app.config.register('COMPUTE', 'ADD', SYSTEM$REFERENCE('WAREHOUSE', 'app_wh', 'PERSISTENT', 'USAGE', 'MONITOR'));
show references in application ref_app;

call ref_app.core.order_columns();
select * from ref_app.core.orders_with_tax order by id;
select ref_app.core.taxed(10);
call ref_app.core.schedule();
call ref_app.core.archive('2026-01-02');
select * from shop.public.orders_archive order by id;
select * from shop.public.notices;

-- The consumer still reaches nothing through the app's references directly
describe table reference('orders');
select * from reference('orders');
drop application ref_app;
drop application package ref_pkg;
