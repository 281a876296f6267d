-- error: -20002 (P0001): Uncaught exception of type 'MY_EXCEPTION' on line 5 at position 2 : Raised MY_EXCEPTION.
DECLARE
  my_exception EXCEPTION (-20002, 'Raised MY_EXCEPTION.');
BEGIN
  LET n := 1;
  RAISE my_exception;
END;
