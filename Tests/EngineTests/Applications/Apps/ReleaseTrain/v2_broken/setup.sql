-- ReleaseTrain V2 patch 1: a setup script that fails half way, after it wrote a row.
create application role if not exists app_user;
insert into state.setup_runs values ('V2 patch 1');
select * from state.missing_table;
