-- setup: create database d
-- setup: create table t (id int)
-- setup: insert into t values (3), (1), (2)
-- expect: 1
-- expect: 2
DECLARE
  rs RESULTSET DEFAULT (SELECT id FROM t WHERE id < 3 ORDER BY id);
BEGIN
  RETURN TABLE(rs);
END;
