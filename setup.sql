-- The GitHub connector's setup script: CREATE APPLICATION runs it as the application, statement
-- by statement, and so does every upgrade, so each statement may run again.
create or alter versioned schema public;
create schema if not exists state;
create schema if not exists tasks;

create application role if not exists app_user;
grant usage on schema public to application role app_user;
grant usage on schema tasks to application role app_user;

-- Key-value state: configuration of the connector and of each resource, and an append-only log.
create table if not exists state.app_configuration (
    key string,
    value variant
);
create table if not exists state.resource_configuration (
    key string,
    value variant
);
create table if not exists state.app_state (
    timestamp timestamp_ntz default SYSDATE(),
    key string,
    value variant
);

-- The connector's procedures. Snowlite runs their handlers in Swift (GitHubConnector).
create or replace procedure public.provision_connector(config variant)
returns string
language python
runtime_version = '3.8'
packages = ('snowflake-snowpark-python', 'requests')
imports = ('/snowflake_github_connector.zip')
handler = 'snowflake_github_connector.procedures.provision_connector';
grant usage on procedure public.provision_connector(variant) to application role app_user;

create or replace procedure public.enable_resource(resource_id string)
returns string
language python
runtime_version = '3.8'
packages = ('snowflake-snowpark-python', 'requests')
imports = ('/snowflake_github_connector.zip')
handler = 'snowflake_github_connector.procedures.enable_resource';
grant usage on procedure public.enable_resource(string) to application role app_user;

create or replace procedure public.ingest_data(resource_id string)
returns variant
language python
runtime_version = '3.8'
packages = ('snowflake-snowpark-python', 'requests')
imports = ('/snowflake_github_connector.zip')
handler = 'snowflake_github_connector.procedures.ingest_data';
grant usage on procedure public.ingest_data(string) to application role app_user;

-- The dashboard.
create or replace streamlit public.github_app from '/'
main_file = 'streamlit_app.py';
grant usage on streamlit public.github_app to application role app_user;

-- Binds the consumer's warehouse (manifest reference warehouse_reference).
create procedure public.register_reference(ref_name string, operation string, ref_or_alias string)
    returns string
    language sql
as $$
    begin
        case (operation)
            when 'ADD' then
                select system$set_reference(:ref_name, :ref_or_alias);
            when 'REMOVE' then
                select system$remove_reference(:ref_name);
            when 'CLEAR' then
                select system$remove_reference(:ref_name);
            else return 'unknown operation: ' || operation;
        end case;
        return null;
    end;
$$;
grant usage on procedure public.register_reference(string, string, string)
  to application role app_user;
