-- Tables with defaults, DESCRIBE, and DML with Snowflake's result columns and footers.
create database connector;
create schema state;
create table state.app_state (key string not null, value variant, timestamp timestamp_ntz default sysdate());
desc table state.app_state;
create table issues (id int, title string, comments int default 0, score number(5,2));
insert into issues (id, title) values (1, 'First'), (2, 'Second'), (3, NULL);
insert into issues (id, title, score) select id + 10, upper(title), '1.234' from issues where id < 3;
select * from issues order by id;
update issues set comments = comments + 5 where title ilike 's%';
delete from issues where title is null;
select id, title, comments from issues order by comments desc, id;
insert into issues (id) values ('not a number');
insert into state.app_state (value) values (null);
select key, timestamp from state.app_state;
