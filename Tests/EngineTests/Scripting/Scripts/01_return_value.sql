-- expect: 42
BEGIN
  RETURN 40 + 2;
END;
