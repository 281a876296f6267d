-- expect: blue-large
DECLARE
  color VARIANT DEFAULT PARSE_JSON('{"c":"blue"}'):c;
  n INT DEFAULT 12;
  out VARCHAR DEFAULT '';
BEGIN
  CASE (color)
    WHEN 'red' THEN out := 'red';
    WHEN 'blue' THEN out := 'blue';
  END;
  CASE
    WHEN n > 10 THEN out := out || '-large';
    ELSE out := out || '-small';
  END;
  RETURN out;
END;
