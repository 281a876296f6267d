select datediff(nanosecond, '0001-01-01'::timestamp_ntz, '9999-12-31'::timestamp_ntz);
select dateadd(year, 9223372036854775807, '2026-01-01'::date);
select dateadd(day, -9223372036854775808, current_date());
