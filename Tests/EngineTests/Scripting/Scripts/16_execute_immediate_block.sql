-- expect: from block
EXECUTE IMMEDIATE $$
BEGIN
  RETURN 'from block';
END;
$$
