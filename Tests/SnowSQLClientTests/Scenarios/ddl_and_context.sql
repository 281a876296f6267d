-- Databases, schemas, warehouses and roles: messages, context changes and errors.
create database d1 comment = 'first';
select current_database(), current_schema();
create schema state;
create schema if not exists state;
create database d1;
create or replace database d2;
show databases;
use database d1;
show schemas;
use schema d1.state;
select current_schema();
create warehouse xs warehouse_size = xsmall auto_suspend = 60 initially_suspended = true;
show warehouses like 'XS';
use role analyst;
create role analyst;
use role analyst;
use role sysadmin;
-- The databases below belong to ACCOUNTADMIN: SYSADMIN could not drop them.
use role accountadmin;
drop database if exists nosuch;
drop database nosuch;
drop schema d1.state;
drop database d2;
use database nosuch;
create table t (a int);
