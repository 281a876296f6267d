-- expect: ab3
DECLARE
  s VARCHAR DEFAULT 'a';
  n NUMBER := 1;
BEGIN
  LET t := 'b';
  n := n + 2;
  s := s || t;
  RETURN s || n;
END;
