-- expect: 15|10|6|3
DECLARE
  total INT DEFAULT 0;
  w INT DEFAULT 0;
  r INT DEFAULT 0;
  l INT DEFAULT 0;
BEGIN
  FOR i IN 1 TO 5 DO
    total := total + i;
  END FOR;
  WHILE (w < 10) DO
    w := w + 5;
  END WHILE;
  REPEAT
    r := r + 2;
  UNTIL (r > 5)
  END REPEAT;
  LOOP
    l := l + 1;
    IF (l = 2) THEN
      CONTINUE;
    END IF;
    IF (l >= 3) THEN
      BREAK;
    END IF;
  END LOOP;
  RETURN total || '|' || w || '|' || r || '|' || l;
END;
