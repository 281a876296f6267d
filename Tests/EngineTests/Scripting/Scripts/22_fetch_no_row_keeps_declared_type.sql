-- setup: create database d
-- setup: create table config (value variant)
-- expect: k=none n=none found=false
DECLARE
  v VARIANT;
  n NUMBER;
  c CURSOR FOR SELECT value, 7 FROM config;
BEGIN
  OPEN c;
  FETCH c INTO v, n;
  LET found BOOLEAN := SQLFOUND;
  SELECT value INTO :v FROM config;
  RETURN 'k=' || COALESCE(v:k::string, 'none') || ' n=' || COALESCE(n::string, 'none') || ' found=' || found;
END;
