select regexp_like(repeat('a', 40) || 'b', '(a+)+$');
select regexp_count(repeat('a', 5000), '(a|a)*b');
select regexp_replace(repeat('x', 3000) || 'z', '(x+x+)+y', 'q');
