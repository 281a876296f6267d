-- VersionInitializer V2: state kept across versions, the initializer in the versioned schema.
create application role if not exists app_user;
create schema if not exists state;
create table if not exists state.events (what varchar);
insert into state.events values ('setup V2');
create or alter versioned schema core;
grant usage on schema core to application role app_user;
create or replace procedure core.init()
  returns varchar
  language sql
  as $$
  begin
    insert into state.events values ('initializer V2');
    return 'initialized V2';
  end $$;
create or replace view core.events as select what from state.events;
grant select on view core.events to application role app_user;
