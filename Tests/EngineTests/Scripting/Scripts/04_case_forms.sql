-- expect: two-yes
DECLARE
  k INT DEFAULT 2;
  out VARCHAR DEFAULT '';
BEGIN
  CASE (k)
    WHEN 1 THEN out := 'one';
    WHEN 2 THEN out := 'two';
    ELSE out := 'many';
  END CASE;
  CASE
    WHEN k > 1 THEN out := out || '-yes';
    ELSE out := out || '-no';
  END CASE;
  RETURN out;
END;
