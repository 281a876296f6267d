-- setup: create database d
-- setup: create procedure if not exists p() returns string language sql as 'begin return ''first''; end'
-- setup: create procedure if not exists p() returns string language sql as 'begin return ''second''; end'
-- expect: first
DECLARE
  r VARCHAR;
BEGIN
  CALL p() INTO :r;
  RETURN r;
END;
