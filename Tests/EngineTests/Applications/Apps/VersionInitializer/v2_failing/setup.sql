-- VersionInitializer V2 patch 1: the setup script succeeds, the initializer fails.
create application role if not exists app_user;
insert into state.events values ('setup V2 patch 1');
create or alter versioned schema core;
grant usage on schema core to application role app_user;
create or replace procedure core.init()
  returns varchar
  language sql
  as $$
  begin
    insert into state.events values ('initializer V2 patch 1');
    select * from state.no_such_table;
    return 'never';
  end $$;
create or replace view core.events as select what from state.events;
grant select on view core.events to application role app_user;
