-- setup: create database d
-- setup: create table t (id int, label string)
-- setup: insert into t values (1, 'x'), (2, 'y'), (3, 'z')
-- expect: z,y,x
DECLARE
  rs RESULTSET DEFAULT (SELECT label FROM t ORDER BY id DESC);
  c CURSOR FOR rs;
  label VARCHAR;
  out VARCHAR DEFAULT '';
BEGIN
  OPEN c;
  FETCH c INTO label;
  WHILE (label IS NOT NULL) DO
    out := out || CASE WHEN out = '' THEN '' ELSE ',' END || label;
    FETCH c INTO label;
  END WHILE;
  CLOSE c;
  RETURN out;
END;
