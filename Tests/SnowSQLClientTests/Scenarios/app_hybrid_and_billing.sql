-- Issue 20, patterns 10 and 11 through snowsql: the HybridLedger and MeteredAdder test apps
-- (Tests/EngineTests/Applications/Apps, whose engine tests assert each step too), staged and
-- installed as a user would, then used as their consumer.
create database ledger_dev;
create stage ledger_dev.public.artifacts;
put 'file://../../EngineTests/Applications/Apps/HybridLedger/*.yml' @ledger_dev.public.artifacts/v1 auto_compress = false;
put 'file://../../EngineTests/Applications/Apps/HybridLedger/setup.sql' @ledger_dev.public.artifacts/v1 auto_compress = false;
create application package hybrid_ledger_pkg;
alter application package hybrid_ledger_pkg add version v1 using '@ledger_dev.public.artifacts/v1';
!source ../../EngineTests/Applications/Apps/HybridLedger/consumer.sql

create database d;
create stage d.public.artifacts;
put 'file://../../EngineTests/Applications/Apps/MeteredAdder/v1/*' @d.public.artifacts/v1 auto_compress = false;
!source ../../EngineTests/Applications/Apps/MeteredAdder/provider.sql
create application adder from application package metered_adder_pkg;
call adder.core.add(2, 3);
call adder.core.bill_batch();
select database_name, charge_type, units, charge, currency
  from snowflake.data_sharing_usage.marketplace_paid_usage_daily order by usage_date;
select system$create_billing_event('outside', '', 0, 0, 1.00, '[]', '');
