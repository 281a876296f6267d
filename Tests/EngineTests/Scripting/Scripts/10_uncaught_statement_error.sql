-- setup: create database d
-- error: 002003 (42S02): Uncaught exception of type 'STATEMENT_ERROR' on line 3 at position 2 : SQL compilation error:\nObject 'NOSUCH' does not exist or not authorized.
BEGIN
  LET x := 1;
  SELECT * FROM nosuch;
END;
