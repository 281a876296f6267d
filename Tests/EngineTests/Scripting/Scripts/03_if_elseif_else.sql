-- expect: middle
DECLARE
  x INT DEFAULT 5;
BEGIN
  IF (x > 10) THEN
    RETURN 'high';
  ELSEIF (x > 3) THEN
    RETURN 'middle';
  ELSE
    RETURN 'low';
  END IF;
END;
