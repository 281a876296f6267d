-- error: 001007 (22023): SQL compilation error:\n'NOPE' is not a RESULTSET
BEGIN
  RETURN TABLE(nope);
END;
