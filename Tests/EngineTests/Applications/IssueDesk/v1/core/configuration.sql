-- The configuration wizard: one VARIANT per key, validated before it is kept.
CREATE TABLE IF NOT EXISTS STATE.APP_CONFIG (config_key VARCHAR, value VARIANT, updated_at TIMESTAMP_NTZ);

CREATE OR REPLACE VIEW API.CONFIGURATION AS
  SELECT value:warehouse::VARCHAR AS warehouse,
         value:destination_database::VARCHAR AS destination_database,
         COALESCE(value:page_size::INT, 50) AS page_size,
         value:repositories AS repositories
  FROM STATE.APP_CONFIG
  WHERE config_key = 'connector_configuration';
GRANT SELECT ON VIEW API.CONFIGURATION TO APPLICATION ROLE ADMIN;

CREATE OR REPLACE PROCEDURE API.SET_CONNECTOR_CONFIGURATION(config VARIANT)
  RETURNS VARIANT
  LANGUAGE SQL
  AS
$$
DECLARE
  st VARIANT;
BEGIN
  CALL API.GET_STATUS() INTO :st;
  IF (st:status NOT IN ('PREREQUISITES_DONE', 'CONFIGURED')) THEN
    RETURN API.RESPONSE('INVALID_CONNECTOR_STATUS',
                        'Configuring needs status PREREQUISITES_DONE or CONFIGURED, not ' || st:status::VARCHAR);
  END IF;
  IF (NOT IS_OBJECT(config)) THEN
    RETURN API.RESPONSE('INVALID_CONFIGURATION', 'The configuration must be an object');
  END IF;
  IF (config:warehouse IS NULL OR config:destination_database IS NULL) THEN
    RETURN API.RESPONSE('MISSING_PROPERTIES', 'warehouse and destination_database are required');
  END IF;
  IF (COALESCE(config:page_size::INT, 50) NOT BETWEEN 1 AND 100) THEN
    RETURN API.RESPONSE('INVALID_PAGE_SIZE', 'page_size must be between 1 and 100');
  END IF;
  IF (NOT IS_ARRAY(config:repositories) OR ARRAY_SIZE(config:repositories) = 0) THEN
    RETURN API.RESPONSE('INVALID_REPOSITORIES', 'repositories must be a non-empty array');
  END IF;
  MERGE INTO STATE.APP_CONFIG t
    USING (SELECT 'connector_configuration' AS k, :config AS v) s ON t.config_key = s.k
    WHEN MATCHED THEN UPDATE SET value = s.v, updated_at = CURRENT_TIMESTAMP()::TIMESTAMP_NTZ
    WHEN NOT MATCHED THEN INSERT (config_key, value, updated_at) VALUES (s.k, s.v, CURRENT_TIMESTAMP()::TIMESTAMP_NTZ);
  IF (st:status = 'PREREQUISITES_DONE') THEN
    CALL API.SET_STATUS('CONFIGURED', 'configuration saved');
  END IF;
  RETURN API.OK();
END;
$$;
GRANT USAGE ON PROCEDURE API.SET_CONNECTOR_CONFIGURATION(VARIANT) TO APPLICATION ROLE ADMIN;
