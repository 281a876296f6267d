-- setup: create database d
-- setup: create table t (id int)
-- setup: insert into t values (2), (1)
-- expect: 1
-- expect: 2
-- check: select count(*) from t => 3
DECLARE
  c CURSOR FOR SELECT id FROM t WHERE id < 3 ORDER BY id;
BEGIN
  INSERT INTO t VALUES (3);
  IF (SQLID IS NULL OR LENGTH(SQLID) < 10) THEN RETURN 'no SQLID'; END IF;
  OPEN c;
  RETURN TABLE(RESULTSET_FROM_CURSOR(c));
END;
