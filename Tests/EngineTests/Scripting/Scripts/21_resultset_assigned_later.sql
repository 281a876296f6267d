-- setup: create database d
-- setup: create table t (id int, label string)
-- setup: insert into t values (1, 'x'), (2, 'y'), (3, 'z')
-- expect: 3 | z
-- expect: 2 | y
DECLARE
  res RESULTSET;
  q VARCHAR DEFAULT 'SELECT id, label FROM t WHERE id > ? ORDER BY id DESC';
  n INT;
BEGIN
  res := (SELECT id FROM t);
  SELECT COUNT(*) INTO :n FROM TABLE(res);
  IF (n <> 3) THEN RETURN 'wrong count ' || n; END IF;
  res := (EXECUTE IMMEDIATE :q USING (n - 2));
  RETURN TABLE(res);
END;
