-- ReferenceKinds' setup script: a register callback, then code that uses each reference.
CREATE APPLICATION ROLE IF NOT EXISTS app_user;
CREATE OR ALTER VERSIONED SCHEMA config;
GRANT USAGE ON SCHEMA config TO APPLICATION ROLE app_user;
CREATE SCHEMA IF NOT EXISTS core;
GRANT USAGE ON SCHEMA core TO APPLICATION ROLE app_user;

CREATE OR REPLACE PROCEDURE config.register(ref_name STRING, operation STRING, ref_or_alias STRING)
  RETURNS STRING
  LANGUAGE SQL
  AS $$
  BEGIN
    CASE (operation)
      WHEN 'ADD' THEN SELECT SYSTEM$SET_REFERENCE(:ref_name, :ref_or_alias);
      WHEN 'REMOVE' THEN SELECT SYSTEM$REMOVE_REFERENCE(:ref_name, :ref_or_alias);
      WHEN 'CLEAR' THEN SELECT SYSTEM$REMOVE_ALL_REFERENCES(:ref_name);
      ELSE RETURN 'unknown operation: ' || operation;
    END CASE;
    RETURN 'OK';
  END;
  $$;
GRANT USAGE ON PROCEDURE config.register(STRING, STRING, STRING) TO APPLICATION ROLE app_user;

-- DESCRIBE through a reference, into a RESULTSET
CREATE OR REPLACE PROCEDURE core.order_columns()
  RETURNS TABLE ()
  LANGUAGE SQL
  AS $$
  DECLARE
    rs RESULTSET;
  BEGIN
    rs := (DESCRIBE TABLE reference('orders'));
    RETURN TABLE(rs);
  END;
  $$;
GRANT USAGE ON PROCEDURE core.order_columns() TO APPLICATION ROLE app_user;

-- A view and a function over references: they read with the app's references, whoever queries them
CREATE OR REPLACE VIEW core.orders_with_tax
  AS SELECT o.id, o.amount, reference('tax')(o.amount) AS tax FROM reference('orders') AS o;
GRANT SELECT ON VIEW core.orders_with_tax TO APPLICATION ROLE app_user;

CREATE OR REPLACE FUNCTION core.taxed(x NUMBER)
  RETURNS NUMBER
  AS $$ x + reference('tax')(x) $$;
GRANT USAGE ON FUNCTION core.taxed(NUMBER) TO APPLICATION ROLE app_user;

-- DML and CALL through references (CREATE … IF NOT EXISTS, SYSTEM$LOG_INFO as a statement)
CREATE PROCEDURE IF NOT EXISTS core.archive(before DATE)
  RETURNS STRING
  LANGUAGE SQL
  AS $$
  DECLARE
    moved INTEGER;
  BEGIN
    INSERT INTO reference('archive') (id, amount, placed) SELECT id, amount, placed FROM reference('orders') WHERE placed < :before;
    moved := SQLROWCOUNT;
    UPDATE reference('archive') SET amount = amount * 1 WHERE placed < :before;
    MERGE INTO reference('archive') a USING (SELECT 99 AS id) s ON a.id = s.id
      WHEN NOT MATCHED THEN INSERT (id, amount, placed) VALUES (s.id, 0, '2000-01-01');
    DELETE FROM reference('archive') WHERE id = 99;
    SYSTEM$LOG_INFO('archived ' || moved || ' orders');
    CALL reference('notify')(:moved);
    RETURN 'archived ' || moved;
  END;
  $$;
GRANT USAGE ON PROCEDURE core.archive(DATE) TO APPLICATION ROLE app_user;

-- A task on the consumer's warehouse, made once the reference is bound
CREATE OR REPLACE PROCEDURE core.schedule()
  RETURNS STRING
  LANGUAGE SQL
  AS $$
  BEGIN
    CREATE OR REPLACE TASK core.nightly WAREHOUSE = reference('compute') SCHEDULE = '60 MINUTE' AS SELECT 1;
    SHOW TASKS LIKE 'NIGHTLY' IN SCHEMA core;
    RETURN 'scheduled on ' || (SELECT "warehouse" FROM TABLE(RESULT_SCAN(LAST_QUERY_ID())));
  END;
  $$;
GRANT USAGE ON PROCEDURE core.schedule() TO APPLICATION ROLE app_user;
