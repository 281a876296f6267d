-- MERGE as ingestion uses it: upsert a page by raw:id, then deletes and conditional inserts.
create database ingest;
create table sink (raw variant, loaded int default 1);
insert into sink (raw) select parse_json('{"id": 1, "state": "open"}') union all select parse_json('{"id": 2, "state": "open"}');
merge into sink t using (
    select parse_json('{"id": 2, "state": "closed"}') as raw union all select parse_json('{"id": 3, "state": "open"}')) s
  on t.raw:id = s.raw:id
  when matched then update set raw = s.raw, loaded = loaded + 1
  when not matched then insert (raw) values (s.raw);
select raw:id::int id, raw:state::string state, loaded from sink order by id;
merge into sink t using (select * from values (1, 'gone'), (4, 'skip')) as src (id, what) on t.raw:id = src.id
  when matched and src.what = 'gone' then delete
  when not matched and src.what <> 'skip' then insert (raw) values (to_variant(src.id));
select raw:id::int id from sink order by id;
merge into sink t using (select parse_json('{"id": 3}') as raw union all select parse_json('{"id": 3}')) s
  on t.raw:id = s.raw:id when matched then update set loaded = 0;
