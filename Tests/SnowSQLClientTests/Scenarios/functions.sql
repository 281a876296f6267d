-- Functions the connector and its dashboard use, one family per statement.
select iff(1 > 0, 'yes', 'no'), nvl(null, 'dflt'), nvl2('x', 'set', 'unset'), coalesce(null, null, 3), decode(2, 1, 'one', 2, 'two', 'other'), zeroifnull(null);
select upper('abc'), initcap('hello world'), concat('a', 'b', 'c'), split_part('org/repo', '/', 2), split('a,b', ','), lpad('7', 3, '0'), left('snowflake', 4), contains('abc', 'b'), startswith('abc', 'a');
select regexp_like('v1.2', 'v[0-9]+\\.[0-9]+'), regexp_substr('issue #123', '[0-9]+'), regexp_replace('a-b-c', '-', '+'), replace('x y', ' ', '_'), trim('  pad  '), length('four');
select to_varchar(42), to_number('12.7'), to_boolean('yes'), to_date('2024-03-01'), to_timestamp_ntz('2024-03-01 12:30:00');
select dateadd(day, 1, '2024-02-28'::date), datediff(hour, '2024-01-01 00:00:00'::timestamp_ntz, '2024-01-02 06:00:00'::timestamp_ntz), date_trunc('month', '2024-03-17'::date), date_part(year, '2024-03-17'::date), extract(month from '2024-03-17'::date);
select round(2.555, 2), floor(-1.5), ceil(1.2), abs(-3), mod(7, 3), md5('snowlite'), sha2('snowlite');
select count(*), count_if(v > 1), sum(v), avg(v), min(v), max(v), listagg(v, ',') within group (order by v desc) from values (1), (2), (3) as t (v);
select v, lag(v) over (order by v), lead(v, 1, 0) over (order by v), first_value(v) over (order by v), rank() over (order by v) from values (10), (20), (30) as t (v) order by v;
select dateadd(fortnight, 1, current_date());
