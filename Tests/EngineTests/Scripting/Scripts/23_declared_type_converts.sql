-- setup: create database d
-- setup: create table t (doc variant, price string)
-- setup: insert into t select parse_json('{"k":"from row"}'), '12.50'
-- expect: 5 | from row | a variant | 13
DECLARE
  s VARCHAR;
  v VARIANT;
  n NUMBER(10, 0);
  c CURSOR FOR SELECT doc:k::string, price FROM t;
BEGIN
  s := 5;
  OPEN c;
  FETCH c INTO v, n;
  RETURN s || ' | ' || v::string || ' | ' || COALESCE(v:x::string, 'a variant') || ' | ' || n;
END;
