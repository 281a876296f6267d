-- Catalog queries and sequences: INFORMATION_SCHEMA views, RESULT_SCAN over SHOW output, and
-- NEXTVAL in select lists, inserts and column defaults.
create database cat;
create sequence ids start with 100 increment by 10 comment = 'row ids';
create table items (id int default ids.nextval, name varchar(30) not null, price number(8,2));
insert into items (name, price) values ('apple', 1.25), ('pear', 2.5);
insert into items (name) select 'plum';
select id, name, price from items order by id;
select ids.nextval, ids.nextval;
show sequences;
create view cheap as select name from items where price < 2;
select table_name, table_type, row_count from information_schema.tables where table_schema = 'PUBLIC' order by table_name;
select table_name, column_name, data_type, is_nullable, column_default from cat.information_schema.columns
  where table_schema = 'PUBLIC' order by table_name, ordinal_position;
select schema_name from information_schema.schemata order by 1;
show tables;
select "name", "rows" from table(result_scan(last_query_id()));
select name from table(result_scan(last_query_id(-2)));
select * from information_schema.nosuch;
drop sequence ids;
