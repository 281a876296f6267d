-- The connector's status: one VARIANT row, moved only along API.CAN_TRANSITION's edges.
CREATE TABLE IF NOT EXISTS STATE.APP_STATUS (status VARIANT, updated_at TIMESTAMP_NTZ);

CREATE OR REPLACE VIEW API.CONNECTOR_STATUS AS
  SELECT status:status::VARCHAR AS status, status:reason::VARCHAR AS reason, updated_at
  FROM STATE.APP_STATUS;
GRANT SELECT ON VIEW API.CONNECTOR_STATUS TO APPLICATION ROLE VIEWER;

CREATE OR REPLACE PROCEDURE API.GET_STATUS()
  RETURNS VARIANT
  LANGUAGE SQL
  EXECUTE AS OWNER
  AS
$$
DECLARE
  c CURSOR FOR SELECT status FROM STATE.APP_STATUS;
  s VARIANT;
BEGIN
  OPEN c;
  FETCH c INTO s;
  CLOSE c;
  IF (s:status IS NULL) THEN
    RETURN OBJECT_CONSTRUCT('status', 'UNKNOWN');
  END IF;
  RETURN s;
END;
$$;
GRANT USAGE ON PROCEDURE API.GET_STATUS() TO APPLICATION ROLE VIEWER;

CREATE OR REPLACE PROCEDURE API.SET_STATUS(new_status VARCHAR, reason VARCHAR)
  RETURNS VARIANT
  LANGUAGE SQL
  AS
$$
DECLARE
  current_status VARCHAR;
BEGIN
  SELECT status:status::VARCHAR INTO :current_status FROM STATE.APP_STATUS;
  IF (NOT API.CAN_TRANSITION(current_status, new_status)) THEN
    RETURN API.RESPONSE('INVALID_STATUS_TRANSITION', 'Cannot go from ' || current_status || ' to ' || new_status);
  END IF;
  UPDATE STATE.APP_STATUS
    SET status = OBJECT_CONSTRUCT('status', :new_status, 'reason', :reason,
                                  'before_error', IFF(:new_status = 'ERROR', :current_status, NULL)),
        updated_at = CURRENT_TIMESTAMP()::TIMESTAMP_NTZ;
  SYSTEM$LOG('info', 'status ' || current_status || ' -> ' || new_status);
  RETURN API.OK();
END;
$$;

CREATE OR REPLACE PROCEDURE API.REPORT_ERROR(reason VARCHAR)
  RETURNS VARIANT
  LANGUAGE SQL
  AS
$$
DECLARE
  r VARIANT;
BEGIN
  CALL API.SET_STATUS('ERROR', :reason) INTO :r;
  RETURN r;
END;
$$;
GRANT USAGE ON PROCEDURE API.REPORT_ERROR(VARCHAR) TO APPLICATION ROLE ADMIN;

-- RECOVER: back from ERROR to the status the connector had before it.
CREATE OR REPLACE PROCEDURE API.RECOVER()
  RETURNS VARIANT
  LANGUAGE SQL
  AS
$$
DECLARE
  st VARIANT;
  previous VARCHAR;
  r VARIANT;
BEGIN
  CALL API.GET_STATUS() INTO :st;
  CASE (st:status::VARCHAR)
    WHEN 'ERROR' THEN
      previous := COALESCE(st:before_error::VARCHAR, 'CONFIGURED');
      CALL API.SET_STATUS('RECOVERING', 'recover requested');
      CALL API.SET_STATUS(:previous, 'recovered') INTO :r;
      IF (r:response_code <> 'OK') THEN
        RETURN r;
      END IF;
      RETURN API.RESPONSE('OK', 'Recovered to ' || previous);
    ELSE
      RETURN API.RESPONSE('NOTHING_TO_RECOVER', 'The connector is ' || st:status::VARCHAR);
  END;
END;
$$;
GRANT USAGE ON PROCEDURE API.RECOVER() TO APPLICATION ROLE ADMIN;
