-- setup: create database d
-- setup: create table t (n int)
-- expect: 3 | 1 | caught at await
-- check: select count(*) from t => 3
DECLARE
  rs RESULTSET;
  total INT;
  out VARCHAR;
BEGIN
  ASYNC (INSERT INTO t VALUES (1));
  ASYNC (INSERT INTO t VALUES (2));
  AWAIT ALL;
  rs := ASYNC (SELECT SUM(n) AS s FROM t);
  AWAIT rs;
  LET first RESULTSET := ASYNC (SELECT MIN(n) AS m FROM t);
  AWAIT first;
  LET c1 CURSOR FOR rs;
  OPEN c1;
  FETCH c1 INTO total;
  LET c2 CURSOR FOR first;
  OPEN c2;
  FETCH c2 INTO out;
  LET bad RESULTSET := ASYNC (SELECT * FROM missing_table);
  INSERT INTO t VALUES (3);
  CANCEL rs;
  BEGIN
    AWAIT bad;
    RETURN 'not raised';
  EXCEPTION
    WHEN STATEMENT_ERROR THEN
      RETURN total || ' | ' || out || ' | caught at await';
  END;
END;
