-- setup: create database d
-- setup: create sequence s
-- expect: 1-2
BEGIN
  LET first INT := s.nextval;
  RETURN first || '-' || s.nextval;
END;
