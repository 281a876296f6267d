-- The demo application's setup script: runs as the application at CREATE APPLICATION.
create or alter versioned schema public;
create schema if not exists state;
create application role if not exists app_user;
grant usage on schema public to application role app_user;

create table state.app_config (config_key string, value variant);
insert into state.app_config select 'org', to_variant('snowflakedb');

create procedure public.get_config(key string)
  returns string
  language sql
  as
$$
begin
  return (select value::string from state.app_config where config_key = :key);
end;
$$;
grant usage on procedure public.get_config(string) to application role app_user;

create streamlit public.dashboard from '/' main_file = 'streamlit_app.py';
grant usage on streamlit public.dashboard to application role app_user;
