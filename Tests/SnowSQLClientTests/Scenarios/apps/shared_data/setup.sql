-- SharedData's setup script: views and a procedure over the package's shared content. The
-- schema SHARED_DATA is the package's, not the application's: unqualified here, it resolves to
-- what the provider granted to SHARE IN APPLICATION PACKAGE.
CREATE APPLICATION ROLE IF NOT EXISTS app_public;
CREATE OR ALTER VERSIONED SCHEMA code_schema;
GRANT USAGE ON SCHEMA code_schema TO APPLICATION ROLE app_public;

CREATE VIEW IF NOT EXISTS code_schema.accounts_view
  AS SELECT id, name, value FROM shared_data.accounts;
GRANT SELECT ON VIEW code_schema.accounts_view TO APPLICATION ROLE app_public;

-- A package view over the provider's other database (REFERENCE_USAGE granted to the share).
CREATE VIEW IF NOT EXISTS code_schema.regions
  AS SELECT region, customers FROM shared_data.customers_by_region;
GRANT SELECT ON VIEW code_schema.regions TO APPLICATION ROLE app_public;

CREATE OR REPLACE PROCEDURE code_schema.account_count()
  RETURNS NUMBER
  LANGUAGE SQL
  AS
  $$
  BEGIN
    RETURN (SELECT COUNT(*) FROM shared_data.accounts);
  END;
  $$;
GRANT USAGE ON PROCEDURE code_schema.account_count() TO APPLICATION ROLE app_public;
