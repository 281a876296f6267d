-- Loading and unloading through stages (issue 23): file formats, PUT then COPY INTO a table (CSV and
-- JSON, ON_ERROR, VALIDATION_MODE, load metadata, a transformation), staged files queried directly,
-- INFER_SCHEMA, LOAD_HISTORY and COPY_HISTORY, and COPY INTO a stage location read back.
create database shop;
create stage landing;
put file://data/orders.csv @landing/in;
put file://data/issues.json @landing/in;
create file format orders_csv type = csv skip_header = 1 field_optionally_enclosed_by = '"' comment = 'orders export';
create file format issues_json type = json;
show file formats;
describe file format issues_json;
create table orders (id int, customer string, amount number(10,2), ordered date);
copy into orders from @landing/in files = ('orders.csv.gz') file_format = (format_name = 'orders_csv');
copy into orders from @landing/in files = ('orders.csv.gz') file_format = (format_name = 'orders_csv') validation_mode = return_errors;
copy into orders from @landing/in files = ('orders.csv.gz') file_format = (format_name = 'orders_csv') on_error = continue;
select * from orders order by id;
copy into orders from @landing/in files = ('orders.csv.gz') file_format = (format_name = 'orders_csv') on_error = continue;
select file_name, status, row_count, row_parsed, error_count, first_error_message from information_schema.load_history;
create table issues (raw variant);
copy into issues from @landing/in pattern = '.*[.]json[.]gz' file_format = (format_name = 'issues_json');
select raw:id::int as id, raw:user.login::string as login, array_size(raw:labels) as labels from issues order by id;
create table logins (id int, login string, source string);
copy into logins from (select $1:id, $1:user.login, metadata$filename from @landing/in (file_format => 'issues_json', pattern => '.*json.*'));
select * from logins order by id;
select $1, $2, metadata$file_row_number from @landing/in/orders.csv.gz (file_format => 'orders_csv') where $1 > '2';
select * from table(infer_schema(location => '@landing/in/issues.json.gz', file_format => 'issues_json'));
copy into @landing/out/ from (select * from orders order by id) file_format = (type = csv compression = none) header = true;
list @landing/out;
select $1, $2, $3, $4 from @landing/out/data_0_0_0.csv;
copy into @landing/out/ from orders;
copy into issues from @landing/in files = ('orders.csv.gz') file_format = (type = json);
copy into orders from @landing/in files = ('missing.csv');
