-- error: 100051 (22012): Uncaught exception of type 'EXPRESSION_ERROR' on line 3 at position 4 : Division by zero
BEGIN
  BEGIN
    LET x := 1 / 0;
  EXCEPTION
    WHEN OTHER THEN RAISE;
  END;
END;
