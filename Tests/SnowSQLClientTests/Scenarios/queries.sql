-- Queries the connector's dashboard shapes: grouping, ordering, joins, windows, QUALIFY.
create database q;
create table app_state (key string, value string, timestamp timestamp_ntz);
insert into app_state values ('org/a', 'RUNNING', '2024-05-01 10:00:00'), ('org/a', 'DONE', '2024-05-01 11:00:00'), ('org/b', 'RUNNING', '2024-05-01 09:30:00');
select key as repository, value as state, timestamp from app_state
  qualify row_number() over (partition by repository order by timestamp desc) = 1
  order by repository;
select key, count(*) as runs, max(timestamp) from app_state group by key order by runs desc;
select a.key, b.value from app_state a left join (select 'org/b' as key, 'extra' as value) b on a.key = b.key order by 1, 2;
with latest as (select key, max(timestamp) as t from app_state group by key)
  select count(*) from latest where t > '2024-05-01 10:00:00';
select * from values (1, 'one'), (2, 'two') v (n, word) order by n desc;
select 10 / 4, 10 % 4, 'a' || 'b', 1 = 1, null is null;
select nosuch from app_state;
select unknown_fn(1);
