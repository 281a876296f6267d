-- setup: create database d
-- setup: create table t (id int, label string)
-- setup: insert into t values (1, 'x'), (2, 'y'), (3, 'z')
-- expect: xyz-6-x
DECLARE
  c CURSOR FOR SELECT id, label FROM t ORDER BY id;
  labels VARCHAR DEFAULT '';
  total INT DEFAULT 0;
  first_label VARCHAR;
  first_id INT;
BEGIN
  FOR r IN c DO
    labels := labels || r.label;
    total := total + r.id;
  END FOR;
  OPEN c;
  FETCH c INTO first_id, first_label;
  CLOSE c;
  RETURN labels || '-' || total || '-' || first_label;
END;
