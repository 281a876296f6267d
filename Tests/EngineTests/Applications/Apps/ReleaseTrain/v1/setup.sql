-- ReleaseTrain V1 patch 0: the state schema keeps a row per setup run; core is versioned.
create application role if not exists app_user;
create schema if not exists state;
create table if not exists state.setup_runs (release varchar);
insert into state.setup_runs values ('V1 patch 0');
create or alter versioned schema core;
grant usage on schema core to application role app_user;
create or replace procedure core.release()
  returns varchar
  language sql
  as $$ begin return 'V1 patch 0'; end $$;
grant usage on procedure core.release() to application role app_user;
create or replace view core.setup_runs as select release from state.setup_runs;
grant select on view core.setup_runs to application role app_user;
