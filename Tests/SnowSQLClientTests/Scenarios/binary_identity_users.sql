-- BINARY values, an AUTOINCREMENT primary key as SQLAlchemy writes it, and DESCRIBE USER, as snowsql prints them.
create database gaps;
create table users (id integer not null autoincrement, name varchar, avatar binary, primary key (id));
insert into users (name, avatar) values ('ada', 'C0FFEE'), ('bob', to_binary('hi', 'UTF-8'));
insert into users (name) select 'cy';
select id, name, avatar, hex_encode(name) as hex, to_varchar(avatar, 'BASE64') as b64 from users order by id;
desc table users;
create user carl password = 'not-shown-1' display_name = 'Carl' default_role = public;
desc user carl;
