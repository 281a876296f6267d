-- setup: create database d
-- setup: create table t (id int)
-- expect: 3 true false
DECLARE
  tbl VARCHAR DEFAULT 'd.public.t';
BEGIN
  INSERT INTO IDENTIFIER(:tbl) VALUES (1), (2), (3);
  RETURN SQLROWCOUNT || ' ' || SQLFOUND || ' ' || SQLNOTFOUND;
END;
