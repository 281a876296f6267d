-- setup: create database d
-- setup: create table log (msg string)
-- expect: after
BEGIN
  SELECT * FROM nosuch;
  INSERT INTO log VALUES ('after');
  RETURN (SELECT msg FROM log);
EXCEPTION
  WHEN STATEMENT_ERROR CONTINUE THEN
    INSERT INTO log VALUES ('handled');
    DELETE FROM log;
END;
