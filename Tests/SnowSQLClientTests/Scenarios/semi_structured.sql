-- VARIANT from PARSE_JSON and OBJECT_CONSTRUCT, paths, casts, JSON null, FLATTEN.
create database gh;
create table issues (raw variant);
insert into issues select parse_json('{"id": 1, "number": 7, "state": "open", "title": "Crash on start", "user": {"login": "ann", "id": 10}, "labels": [{"name": "bug", "color": "d73a4a"}, {"name": "p1", "color": "000000"}], "closed_at": null}');
insert into issues select object_construct('id', 2, 'number', 8, 'state', 'closed', 'title', 'Docs', 'user', object_construct('login', 'bob'), 'labels', array_construct(), 'closed_at', '2024-05-02T10:00:00Z');
select raw:id, raw:state, raw:state::string as state, raw:user.login::string login, raw:labels[0].name from issues order by raw:id;
select raw:closed_at, raw:closed_at::timestamp_ntz, is_null_value(raw:closed_at) from issues order by raw:id;
select raw:user from issues where raw:state = 'open';
select i.raw:number::int as number, l.index, l.value:name::string as label
  from issues i, lateral flatten(input => i.raw:labels) l order by number, l.index;
select raw:state::string, count(*) from issues group by 1 order by 1;
select typeof(raw), typeof(raw:id), typeof(raw:title), typeof(raw:labels) from issues where raw:id = 1;
select parse_json('{not json');
