-- Issue 23, item 5 in part, through snowsql: GENERATOR with SEQ and the random functions (their
-- counts, ranges and repeatability, not their values, which are Snowlite's own), INSERT ALL and
-- INSERT FIRST into several tables, and CREATE TABLE … LIKE / CLONE.
create database gen;
select seq4() as n, seq1(1) as wrapped from table(generator(rowcount => 130)) order by n desc limit 3;
create table people (id int autoincrement, name string not null, age int, city string default 'Paris');
insert into people (name, age)
  select 'person ' || seq4(), uniform(1, 90, random(7)) from table(generator(rowcount => 1000));
select count(*), min(age) >= 1, max(age) <= 90, count(distinct name) from people;
create table minors like people;
create table adults like people;
create table seniors like people;
insert first
  when age < 18 then into minors (name, age) values (name, age)
  when age < 65 then into adults (name, age, city) values (name, age, 'Lyon')
  else into seniors (name, age) values (name, age)
select name, age from people;
select (select count(*) from minors) + (select count(*) from adults) + (select count(*) from seniors) as everyone,
       (select count(*) from adults where city <> 'Lyon') as adults_elsewhere,
       (select min(id) from seniors) as first_senior_id;
insert all into minors into seniors select * from people where false;
create table people_copy clone people;
delete from people where age > 10;
select (select count(*) from people_copy) as kept, (select max(id) from people_copy) as last_id;
insert into people_copy (name) values ('newcomer');
select id, name, city from people_copy where name = 'newcomer';
select length(randstr(16, random())) from table(generator(rowcount => 2));
insert first into minors select * from people;
-- Recursive CTEs, with and without RECURSIVE, and the 100-round limit.
with recursive countdown (n) as (select 3 union all select n - 1 from countdown where n > 0) select * from countdown;
with fib (a, b) as (select 0, 1 union all select b, a + b from fib where b < 50) select listagg(a, ',') within group (order by a) from fib;
with t (n) as (select 1 union all select n + 1 from t) select count(*) from t;
