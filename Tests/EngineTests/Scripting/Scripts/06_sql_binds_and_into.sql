-- setup: create database d
-- setup: create table t (id int, name string)
-- expect: 2:b
DECLARE
  wanted INT DEFAULT 2;
  found VARCHAR;
  id_out INT;
BEGIN
  INSERT INTO t VALUES (1, 'a'), (2, 'b');
  SELECT id, name INTO :id_out, :found FROM t WHERE id = :wanted;
  RETURN id_out || ':' || found;
END;
