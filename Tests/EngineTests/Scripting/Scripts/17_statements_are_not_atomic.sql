-- setup: create database d
-- setup: create table t (id int)
-- check: select count(*) from t => 1
-- error: 100051 (22012): Uncaught exception of type 'EXPRESSION_ERROR' on line 3 at position 2 : Division by zero
BEGIN
  INSERT INTO t VALUES (1);
  LET y := 1 / 0;
END;
