-- expect: -20001 custom failure P0001
DECLARE
  my_error EXCEPTION (-20001, 'custom failure');
BEGIN
  RAISE my_error;
EXCEPTION
  WHEN my_error THEN
    RETURN SQLCODE || ' ' || SQLERRM || ' ' || SQLSTATE;
END;
