-- setup: create database d
-- expect: STATEMENT_ERROR caught: 2003 42S02
BEGIN
  SELECT * FROM nosuch_table;
  RETURN 'not reached';
EXCEPTION
  WHEN STATEMENT_ERROR THEN
    RETURN 'STATEMENT_ERROR caught: ' || SQLCODE || ' ' || SQLSTATE;
END;
