// RoundTripTests: SQLPrinter writes back SQL that parses to the same tree. A corpus covering every
// statement family and expression form goes through parse → print → parse and must give an equal
// AST, and printing the re-parsed tree must give the same text again. A few exact printed forms
// pin the printer's style: upper-case keywords and names, strings re-escaped (`''`, `\\`), quoted
// identifiers only where needed, `$$…$$` printed as an ordinary string, and parentheses added by
// precedence when a tree is built by hand rather than parsed.

import XCTest
@testable import SnowSQL

final class RoundTripTests: XCTestCase {
    static let corpus: [String] = [
        // Session
        "set x = 1",
        "SET (a, b) = (1, 'two')",
        "set (min, max) = (50, 2 * $min)",
        "set n = (select count(*) from t)",
        #"set "lower" = 'v'"#,
        "unset x",
        "unset (a, b)",
        "show variables like 'X%'",
        "execute immediate 'select 1'",
        #"execute immediate $$select 'a\n' from t$$"#,
        "execute immediate $stmt using (a, 2)",
        "use role accountadmin",
        "use warehouse wh",
        "use database identifier($db)",
        "use schema db.s",
        "use db.sch",
        "begin transaction",
        "commit",
        "rollback",
        // DDL
        "create or replace transient database if not exists d comment='x' data_retention_time_in_days=1",
        "create or alter database d",
        "create schema if not exists db.s with managed access comment = 'it''s'",
        "create table t (a number(10,2) not null, b varchar, c string default 'x', d timestamp_ntz default sysdate(), e double precision, f variant, primary key (a), unique (b))",
        "create or replace temporary table db..t (id int primary key, code varchar(10) unique comment 'c') comment = 't'",
        "create table t (state string, timestamp timestamp_ntz, key string, value variant)",
        "create table t2 as select * from t",
        "create or replace table t2 like db.s.t comment = 'empty'",
        "insert all into t1 into t2 (a, b) values (y, default) select x, y from src",
        "insert overwrite first when x > 1 then into t1 values (x, null) into t2 when x < 0 then into t3 else into t4 select * from src",
        "create transient table if not exists t3 clone t copy grants",
        // Hybrid tables (Parser+DDL)
        "create or replace hybrid table if not exists t (id int primary key, email varchar unique, team_id int foreign key references teams(id), index idx_email (email) include (team_id))",
        "create hybrid table t (a int not null, b int not null, c varchar, constraint pk primary key (a, b), unique (c), foreign key (a) references p (x) on delete restrict on update no action, index i (b, c))",
        "create hybrid table dept (employee_id int primary key, department_id varchar(200)) as select employee_id, department_id from e",
        "create or replace index if not exists vidx on db.s.t (val, val2) include (val3)",
        "create index i on t (a)",
        "drop index t.i",
        "drop index if exists db.s.t.i",
        "show indexes",
        "show terse indexes like '%DEVICE%' in table t starts with 'D' limit 2",
        "show indexes in schema db.s",
        "show hybrid tables",
        "show terse hybrid tables like 'T%' in database d limit 3",
        "create table t (id int not null autoincrement, a int identity(100, 10) order, b int autoincrement start 5 increment -1 noorder, primary key (id))",
        "create table c (id int, p int references parent (id), constraint fk foreign key (p, id) references db.s.parent (x, y) on delete cascade)",
        "describe user bob",
        // Snowflake Scripting
        "begin return 1; end",
        "declare x int default 1; c cursor for select a from t; rs resultset default (select 1); e exception (-20001, 'bad'); begin let y := x + 1; x := y * 2; if (x > 1) then return 'a'; elseif (x = 0) then null; else raise e; end if; end",
        "begin for i in reverse 1 to 3 do continue; end for; while (true) do break; end while; repeat let n := 1; until (n > 0) end repeat; loop break; end loop; return table(rs); end",
        "begin select a, b into :x, :y from t where id = :k; case (x) when 1 then return 'one'; else return 'other'; end case; exception when statement_error or expression_error then return sqlerrm; when other continue then raise; end",
        "declare c cursor for select a from t where b = ? and c > ?; rs resultset; c2 cursor for rs; begin open c using (x, 2); rs := (execute immediate :q using (x)); rs := (select 1); let r2 resultset := (execute immediate 'select 2'); select count(*) into :n from table(rs); case when n > 1 then return table(resultset_from_cursor(c)); end; return table(rs); end",
        "begin system$log('info', 'x' || 1); system$log_warn('w'); return 1; end",
        "declare rs resultset; begin async (insert into t values (1)); rs := async (select 1); let r2 resultset := async (select 2); await rs; await all; cancel r2; end",
        "begin open c; fetch c into a, b; close c; for r in c do insert into t values (:r); end for; begin return 1; end; end",
        // Parameters and event tables
        "alter account set event_table = logs.public.events log_level = 'INFO'",
        "alter session unset log_level",
        "show parameters like 'QUERY%' in account",
        "show parameters",
        "create or replace event table logs.public.events comment = 'events'",
        // Procedures
        "create or replace procedure core.p(n int, label string default 'x') returns varchar language sql execute as caller as 'begin return label; end'",
        "create procedure if not exists core.p() returns varchar language sql as 'begin return 1; end'",
        "insert into reference('audit') (a) values (1)",
        "update reference('audit', 'second') set a = 2 where a = 1",
        "delete from reference('audit') where a = 2",
        "call reference('notifier', 'second')(1, 'two')",
        "select reference('scorer')(n, 2) + 1 from reference('audit')",
        "merge into reference('audit') t using (select 1 as a) s on t.a = s.a when matched then delete",
        "create procedure p() returns table (id int, name varchar) language python runtime_version = '3.11' packages = ('snowflake-snowpark-python') imports = ('/x.zip') handler = 'm.f' external_access_integrations = (eai) secrets = ('token' = db.public.token, 'ref' = reference('secret_ref'))",
        "call core.p(1, label => 'a')",
        "call p($v, parse_json('{}')) into :result",
        "drop procedure if exists core.p(int, string)",
        "alter procedure public.ingest_data(string) set secrets = ('token' = db.public.github_token) external_access_integrations = (github_integration)",
        "alter procedure if exists p() unset comment, log_level",
        "alter procedure p(int) rename to q",
        "show procedures in schema db.core",
        // MERGE
        "merge into t using s on t.id = s.id when matched then delete",
        "merge into t as d using (select * from values (1, 'a')) as src (id, v) on d.raw:id = src.id when matched and src.v = 'x' then update set v = src.v, n = n + 1 when not matched then insert (id, v) values (src.id, src.v)",
        "merge into db.s.t using (select 1 as k) s on t.k = s.k when not matched and s.k > 0 then insert values (s.k)",
        "create view v as select a from t",
        "create or replace secure view v (x) comment = 'c' as ( select a from t )",
        "create warehouse wh with warehouse_size=xsmall auto_suspend=60",
        "create or replace warehouse if not exists wh WAREHOUSE_SIZE = 'XSMALL' AUTO_RESUME = TRUE initially_suspended=true",
        "create role if not exists r comment = 'x'",
        "create or replace sequence if not exists db.s.seq start with = -5 increment by 10 noorder comment = 'ids'",
        "create sequence seq comment = 'x' order increment = 2 start 1",
        "drop sequence if exists seq",
        "show sequences like 'S%' in schema db.s",
        "desc sequence seq",
        "drop database if exists d cascade",
        "drop schema s restrict",
        "drop table identifier('db.s.t')",
        "show schemas like 'P%' in database d starts with 'P' limit 10",
        "show terse tables in account",
        "show views in db.s",
        "show tables in schema limit 5",
        "desc table t",
        "describe view db.s.v",
        // Queries
        "select a.x, b.y from a join b on a.id = b.id left join c using (id) right outer join d on true full join e on 1=1 cross join f natural join g, h",
        "select * from a inner join b",
        "select (select max(x) from t) as m, x in (select y from u), exists (select 1) from (select 1 as x) s",
        "select x = any (select y from u), x > all (select y from u), x <> some (with w as (select 1) select * from w)",
        "show terse objects like 'T%' in database d starts with 'T' limit 5",
        "show streamlits in schema d.s",
        "drop streamlit if exists d.s.dash",
        "select a, count(*) from t where b > 1 group by a having count(*) > 2 order by a desc nulls first, b nulls last limit 10 offset 5",
        "select distinct top 3 a from t qualify row_number() over (order by a) = 1",
        "select 1 union select 2 union all select 3 intersect select 4 except select 5 minus select 6",
        "select 1 union (select 2 union select 3)",
        "(select 1 order by 1) union (select 2) order by 1",
        "with x as (select 1 a), y (b) as (select 2) select * from x, y",
        "values (1, 'a'), (2, 'b')",
        "select * from (values (1), (2)) v(a)",
        "select row_number() over (partition by a order by b desc) rn, sum(x) over (order by y rows between unbounded preceding and current row), avg(z) over (order by y range between 1 preceding and 2 following) from t",
        "select count(distinct a), listagg(b, ',') within group (order by b), lag(x) ignore nulls over (order by y) from t",
        "select case when a = 1 then 'x' when a = 2 then 'y' else 'z' end, case a when 1 then 2 end from t",
        "select cast(a as number(10,2)), try_cast(b as varchar), c::int, (a + b)::string, -d::timestamp_ntz from t",
        "select a in (1, 2), a not in (3), a between 1 and 2, a not between 1 and 2 and b, a like 'x%', a not ilike 'Y%' escape '!', a like any ('a%', 'b%'), a rlike 'x'",
        "select a is null, a is not null, a is distinct from b, a is not distinct from b, a is null = true from t",
        "select v:a.b[0], v['k'], v:\"Mixed Key\", v:a['b'].c, v[i], v:a::string, $1:x from t",
        "select -1, - -1, -(a+b), not a and b, not (a or b), a - (b - c), a - b - c, a / (b * c) % 2 from t",
        #"select 'it''s', 'back\\slash', 'tab\tx', 'line1\nline2', 'a\'b', '\u00e9' from t"#,
        "select a || b || 'c', $var, :bind, ?, current_date, current_timestamp(), left('abc', 1) from t",
        #"select "select", "Mixed", "ABC", "a""b", MixedCase from "My Table" as "q""x""#,
        "select * exclude (a, b) from t, lateral flatten(input => t.v) f",
        "select t.* from table(flatten(input => parse_json('[1]'))) f, table($v)",
        "select * from identifier('t')x where 1.5 < .5 or 1e3 > 2E-2",
        "select a from t order by a fetch first 3 rows only",
        "select identifier($c) from identifier(:b)",
        // DML
        "insert into t values (1, 'a'), (2, null)",
        "insert into t (a, b) select x, y from u",
        "insert overwrite into t (a) (select 1)",
        "update t x set x.a = u.a, b = b + 1 from u where x.id = u.id",
        "delete from t as x using u, v where x.id = u.id",
        // Access control
        "grant usage on database d to role r",
        "grant create database, execute managed task on account to application my_app",
        "grant all privileges on table db.s.t to role r with grant option",
        "grant all on schema s to database role db.dr",
        "grant usage on procedure core.p(string, variant) to application role app_user",
        "grant usage on function f() to application role app.app_user",
        "grant select on table logs.public.event_table to application identifier($app)",
        "grant select on event table e to role r",
        "grant read, write on stage s to role identifier('r')",
        "grant usage on integration eai to application app",
        "grant select on view shared.v to share in application package pkg",
        "revoke reference_usage on database d from share in application package identifier('pkg')",
        "show grants to share in application package pkg",
        "use application package pkg",
        "show schemas in application package pkg",
        "describe table reference('orders')",
        "describe view reference('v', 'alias1')",
        "create application package p type = data",
        "alter application package p build",
        "alter application package p commit",
        "alter application package p release",
        "alter application package p release live version",
        "alter application package p abort live version",
        "alter application package p add live version",
        "alter application package p add version from @db.s.st/v2",
        "show shared content in application package p for version \"VERSION$2\"",
        "put file:///tmp/manifest.yml snow://package/p/versions/LIVE/ overwrite = true",
        "list snow://package/p/versions/LIVE",
        "remove snow://package/\"p\"/versions/LIVE/manifest.yml",
        "grant develop, install on application package pkg to role r",
        "grant select on all tables in schema db.s to role r",
        "grant usage on future schemas in database d to role r",
        "grant select on future event tables in schema s to role r",
        "grant role r to role sysadmin",
        "grant role r to user u",
        "grant application role app.app_user to role x",
        "grant ownership on table t to role r revoke current grants",
        "grant ownership on all views in database d to role r copy current grants",
        "revoke grant option for select on table t from role r cascade",
        "revoke all on warehouse wh from role r restrict",
        "revoke role r from user u",
        "revoke application role app.r from role x",
        "show grants",
        "show grants on account",
        "show grants on procedure db.s.p(number)",
        "show grants to role r",
        "show grants to application role app.r",
        "show grants of role r",
        "show future grants in schema db.s",
        "create or replace user if not exists u password = 'x' default_role = analyst",
        "drop user if exists u",
        "show users like 'U%'",
        // Stages and file transfer
        "create or replace temporary stage if not exists db.s.artifacts directory = (enable = true) encryption = (type = 'SNOWFLAKE_SSE') file_format = (type = csv field_delimiter = ',' skip_header = 1) copy_options = (on_error = continue) comment = 'files'",
        "CREATE STAGE IF NOT EXISTS IDENTIFIER('db.PUBLIC.ARTIFACTS')",
        "PUT 'file://sf_build/*' @db.PUBLIC.ARTIFACTS/V_1_0_0 AUTO_COMPRESS = FALSE overwrite=true",
        "put file:///tmp/data.csv @s parallel = 4 source_compression = auto_detect",
        "list @s/V_1_0_0 pattern = '.*[.]yml'",
        "ls @~",
        "get @s/a.csv file:///tmp/out/ pattern = '.*'",
        #"remove '@"My Stage"/dir with blanks/x.csv'"#,
        "rm @db.s.%t/x",
        "drop stage if exists s",
        "show stages like 'A%' in database d",
        "desc stage s",
        // Application packages and versions
        "DROP APPLICATION PACKAGE IF EXISTS IDENTIFIER($APP_NAME)",
        "CREATE APPLICATION PACKAGE IF NOT EXISTS IDENTIFIER($APP_NAME)",
        "ALTER APPLICATION PACKAGE IDENTIFIER($APP_NAME) ADD VERSION V_1_0_0 USING @db.PUBLIC.ARTIFACTS/V_1_0_0",
        "create application package pkg comment = 'demo' distribution = external multiple_instances = true enable_release_channels = false",
        "alter application package pkg add version using '@db.sch.stage/v1' label = 'First'",
        "alter application package pkg add version \"v2\" using '@db.sch.stage/dir with blanks'",
        "alter application package pkg add patch 3 for version v1 using @db.sch.stage/v1_p3 label = 'fix'",
        "alter application package pkg add patch for version v1 using @stage",
        "alter application package pkg drop version v1",
        "alter application package pkg set default release directive version = v1 patch = 0",
        "alter application package pkg set release directive early_access accounts = (acme.prod, \"Acme\".test) version = v2 patch = 1",
        "alter application package pkg set release directive beta accounts = (org1.acct1,org2.acct2) version = v1 patch = 0",
        "alter application package pkg modify release directive early_access version = v2 patch = 2",
        "alter application package pkg unset release directive early_access",
        "show release directives in application package pkg",
        "show release directives like 'EARLY%' in application package \"My Pkg\"",
        "show application packages like 'P%' starts with 'PK' limit 5",
        "show versions like 'V%' in application package pkg",
        "drop application package pkg",
        // Applications and what only a setup script makes
        "CREATE APPLICATION IDENTIFIER($APP_INSTANCE_NAME) FROM APPLICATION PACKAGE IDENTIFIER($APP_NAME) USING VERSION V_1_0_0",
        "create application if not exists app from application package pkg using version \"v2\" patch 3 debug_mode = true comment = 'c'",
        "create application app from application package pkg",
        "create application app from application package pkg using '@d.s.artifacts/dev' debug_mode = true",
        "create application app from application package pkg using @stage/v1",
        "drop application if exists app cascade",
        "desc application app",
        "show application roles in application app",
        "show privileges in application app",
        "show references in application app",
        "show telemetry event definitions in application app",
        "show objects owned by application \"my app\"",
        "describe application package pkg",
        "desc application package pkg",
        "select sysdate() - interval '5 minutes', d + interval '1 day, -2 hours, 30' from t",
        "alter network rule r set value_list = ('a.example.com') comment = 'x'",
        "alter application app unset references",
        "alter application app unset references ('source_tables', 'abc')",
        "create task tasks.t warehouse = reference('warehouse_reference') schedule = '30 minutes' as select 1",
        "EXECUTE IMMEDIATE FROM './scripts/tables.sql'",
        "alter application app set debug_mode = true comment = 'dev'",
        "alter application if exists app upgrade",
        "alter application app upgrade using version v2 patch 1",
        "alter application app upgrade using '@d.s.artifacts/dev'",
        "drop application app",
        "show applications like 'A%'",
        "create application role if not exists app_admin comment = 'admins'",
        "create or alter versioned schema app_public",
        "create or replace streamlit app_public.dashboard from '/streamlit' main_file = 'app.py' title = 'Dashboard'",
        // Network rules, secrets, external access integrations (install.sql's forms first)
        "CREATE OR REPLACE NETWORK RULE GH_RULE MODE = EGRESS TYPE = HOST_PORT VALUE_LIST=('api.github.com:443')",
        "create network rule if not exists db.s.r value_list = ('10.0.0.0/8', '10.1.0.0/16') type = ipv4 comment = 'lan'",
        "CREATE OR REPLACE SECRET IDENTIFIER($SECRET_NAME) TYPE=GENERIC_STRING SECRET_STRING='tok'",
        "create secret s type = password username = 'u' password = 'p' comment = 'c'",
        "create secret s type = oauth2 api_authentication = my_oauth oauth_scopes = ('a', 'b') oauth_refresh_token = 'r' oauth_refresh_token_expiry_time = '2026-01-01'",
        "CREATE OR REPLACE EXTERNAL ACCESS INTEGRATION GITHUB_INTEGRATION ALLOWED_NETWORK_RULES = (GH_RULE) ALLOWED_AUTHENTICATION_SECRETS = ('DB.public.github_token') ENABLED = TRUE",
        "create external access integration i enabled = false allowed_network_rules = (a, db.s.\"b c\") allowed_api_authentication_integrations = none allowed_authentication_secrets = all comment = 'x'",
        "alter secret if exists s set secret_string = 'new' comment = 'rotated'",
        "alter external access integration i set enabled = true",
        "alter integration if exists i set comment = 'c'",
        "drop network rule if exists db.s.r",
        "drop secret s",
        "drop external access integration i",
        "show network rules like 'G%' in schema db.s starts with 'GH' limit 3",
        "show secrets in account",
        "show external access integrations like 'GIT%'",
        "desc network rule gh_rule",
        "describe secret db.s.github_token",
        "desc integration github_integration",
        // Tasks (the connector's forms first)
        "CREATE OR REPLACE TASK IDENTIFIER('TASKS.INGEST_X')SCHEDULE = '30 minutes' WAREHOUSE = reference('warehouse_reference') AS CALL PUBLIC.INGEST_DATA('org/repo')",
        "ALTER TASK IDENTIFIER('TASKS.INGEST_X') RESUME",
        "EXECUTE TASK IDENTIFIER('TASKS.INGEST_X')",
        "create task if not exists db.s.t warehouse = wh schedule = 'USING CRON 0 9 * * MON-FRI America/Los_Angeles' allow_overlapping_execution = true suspend_task_after_num_failures = 3 user_task_timeout_ms = 60000 comment = 'c' when 1 < 2 as insert into t values (1)",
        "create task child user_task_managed_initial_warehouse_size = 'XSMALL' after root, db.s.other as begin insert into t values (1); return 'x'; end",
        "alter task if exists t suspend",
        "alter task t set schedule = '5 m' warehouse = wh comment = 'x'",
        "alter task t unset schedule, comment",
        "alter task t modify as select 1",
        "alter task t modify when 1 = 1",
        "drop task if exists db.s.t",
        "show terse tasks like 'T%' in schema db.s starts with 'T' limit 2",
        "show tasks in account",
        "alter task t add after a, db.s.b",
        "alter task if exists t remove after a",
        "describe task db.s.t",
        // Streams
        "create or replace stream if not exists db.s.st copy grants on table t append_only = true show_initial_rows = false comment = 'it''s'",
        "create stream st on view db.s.v show_initial_rows = 'TRUE'",
        "create stream st2 clone st copy grants",
        "alter stream if exists st set comment = 'c'",
        "alter stream st unset comment",
        "drop stream if exists st",
        "show terse streams like 'S%' in schema db.s limit 3",
        "desc stream db.s.st",
        "select * from st where metadata$action = 'INSERT' and metadata$isupdate",
        "describe procedure db.s.myproc(bigint, string)",
        "desc procedure p()",
        // User-defined functions
        "create or replace secure function if not exists db.s.f(a number, b varchar default 'x') copy grants returns number not null language sql volatile memoizable comment = 'c' as 'a * 2'",
        "create function ids(floor int) returns table (id number, y varchar) as $$select x, y from t where x >= floor$$",
        "create function py(a int) returns int language python strict immutable runtime_version = '3.11' handler = 'm.f' external_access_integrations = (eai) secrets = ('token' = db.public.token)",
        "alter function if exists f(number) set comment = 'x' log_level = 'INFO'",
        "alter function f(int, string) set secure",
        "alter function f() unset secure",
        "alter function f() unset comment",
        "alter function f(number) rename to g",
        "alter function py(int) set secrets = ('t' = s.tok) external_access_integrations = (eai)",
        "drop function if exists db.s.f(number, varchar)",
        "describe function f(number)",
        "show user functions like 'F%' in schema db.s",
        "show functions in account",
        "grant usage on function db.s.f(number) to role r",
        "grant usage on all functions in schema db.s to application role app_user",
        // What Snowpark writes (driver-protocol.md §11)
        "create  or  replace  scoped temporary  table snowpark_temp_table_1(\"A\" bigint not null , \"B\" string not null )",
        "create SCOPED TEMPORARY                     stage if not exists \"TESTDB\".\"PUBLIC\".SNOWPARK_TEMP_STAGE_1",
        "SELECT $1 AS \"A\", $2 AS \"B\" FROM  VALUES (0 :: BIGINT, 'a' :: STRING)",
        "SELECT  CAST (\"RAW\"['id'] AS INT) AS \"ID\" FROM t",
        "CREATE    TABLE  If  NOT  EXISTS  d.s.t(\"RAW\" VARIANT)    AS  SELECT  *  FROM ( SELECT $1 AS \"RAW\" FROM  VALUES (NULL :: STRING))",
        "CREATE OR REPLACE TASK IDENTIFIER('TASKS.X')SCHEDULE = '30 minutes' WAREHOUSE = reference('warehouse_reference') AS CALL PUBLIC.INGEST_DATA('x')",
        // Loading (issue 23)
        "create or replace file format f type = csv field_delimiter = '|' skip_header = 1 null_if = ('NULL', '') comment = 'x'",
        "alter file format if exists f set trim_space = true",
        "alter file format f rename to g",
        "drop file format if exists f",
        "show file formats like 'F%' in schema d.s",
        "desc file format f",
        "copy into t (a, b) from @s/in files = ('a.csv', 'b.csv') file_format = (type = csv skip_header = 1) on_error = 'skip_file_10%' force = true",
        "copy into t from (select t.$1, $2:a::int, metadata$filename from @d.s.st/p (file_format => 'f', pattern => '.*json') t) purge = true",
        "copy into '@s/out dir/' from (select * from t) file_format = (format_name = 'f') header = true single = false",
        "select $1 from @s (file_format => 'f')",
        "with recursive r (n) as (select 1 union all select n + 1 from r where n < 3) select * from r",
    ]

    func testCorpusCoversAllStatementFamilies() throws {
        var families = Set<String>()
        for sql in Self.corpus {
            let statement = try parse(sql)
            families.insert(String(String(describing: statement).prefix { $0 != "(" }))
        }
        XCTAssertEqual(families, ["query", "set", "unset", "showVariables", "executeImmediate", "use", "begin", "commit",
                                  "rollback", "createDatabase", "createSchema", "createTable", "createView", "createWarehouse",
                                  "createRole", "createSequence", "drop", "show", "describe", "insert", "multiTableInsert", "update", "delete", "merge", "block", "hybridTable", "createProcedure", "call", "dropProcedure", "alterProcedure", "alterParameters", "showParameters", "createEventTable",
                                  "createStage", "put", "list", "get", "remove", "application",
                                  "grant", "revoke", "grantRole", "revokeRole", "grantOwnership", "showGrants", "createUser",
                                  "applicationPackage", "externalAccess", "task", "stream", "function", "loading"])
        XCTAssertGreaterThanOrEqual(Self.corpus.count, 60)
    }

    func testParsePrintParseGivesTheSameTree() throws {
        for sql in Self.corpus {
            let original = try parse(sql)
            let printed = SQLPrinter.print(original)
            let reparsed: Statement
            do {
                reparsed = try parse(printed)
            } catch {
                XCTFail("\(sql)\nprinted as\n\(printed)\nwhich fails: \(error.message)")
                continue
            }
            XCTAssertEqual(reparsed, original, "\(sql)\nprinted as\n\(printed)")
            XCTAssertEqual(SQLPrinter.print(reparsed), printed, sql)
        }
    }

    // MARK: - Exact printed forms

    private func printed(_ sql: String) throws -> String { SQLPrinter.print(try parse(sql)) }

    func testKeywordsAndNamesPrintUpperCase() throws {
        XCTAssertEqual(try printed("select a+b*c from t"), "SELECT A + B * C FROM T")
        XCTAssertEqual(try printed("select x from t1 t where a = 1 and b = 2 or c = 3"),
                       "SELECT X FROM T1 AS T WHERE A = 1 AND B = 2 OR C = 3")
        XCTAssertEqual(try printed("select * from db..t"), "SELECT * FROM DB.PUBLIC.T")
        XCTAssertEqual(try printed("create sequence s comment = 'c' increment -1 order start = 5"),
                       "CREATE SEQUENCE S START WITH 5 INCREMENT BY -1 ORDER COMMENT = 'c'")
    }

    func testStringsAreReEscaped() throws {
        XCTAssertEqual(try printed(#"select 'it''s', 'back\\slash', 'a\'b', '\x41'"#),
                       #"SELECT 'it''s', 'back\\slash', 'a''b', 'A'"#)
        XCTAssertEqual(SQLPrinter.quoteString(#"a'b\c"#), #"'a''b\\c'"#)
    }

    func testDollarQuotedTextPrintsAsAnOrdinaryString() throws {
        let text = try printed(#"execute immediate $$select 'a\n'$$"#)
        XCTAssertEqual(text, #"EXECUTE IMMEDIATE 'select ''a\\n'''"#)
        XCTAssertEqual(try parse(text), .executeImmediate(str(#"select 'a\n'"#), using: []))
    }

    func testQuotedIdentifiersOnlyWhereNeeded() throws {
        XCTAssertEqual(try printed(#"select "select", "Mixed", "ABC", "a""b" from "My Table""#),
                       #"SELECT "select", "Mixed", ABC, "a""b" FROM "My Table""#)
        XCTAssertEqual(try printed(#"set "lower" = 1"#), #"SET "lower" = 1"#)
        XCTAssertEqual(SQLPrinter.quoteIdentifier(#"a"b"#), #""a""b""#)
    }

    func testPathsPrintWithColonAndDots() throws {
        XCTAssertEqual(try printed(#"select v['k'], v:"Mixed Key", v:a[0].b, v[0] from t"#),
                       #"SELECT V:k, V:"Mixed Key", V:a[0].b, V[0] FROM T"#)
    }

    func testStatementForms() throws {
        XCTAssertEqual(try printed("create warehouse wh with warehouse_size=xsmall auto_suspend=60"),
                       "CREATE WAREHOUSE WH WAREHOUSE_SIZE = xsmall AUTO_SUSPEND = 60")
        XCTAssertEqual(try printed("create table t (a number(10,2) not null default 0, primary key (a))"),
                       "CREATE TABLE T (A NUMBER(10,2) NOT NULL DEFAULT 0, PRIMARY KEY (A))")
        XCTAssertEqual(try printed("create table t (a int identity(100, 10) noorder, b int autoincrement, foreign key (b) references p)"),
                       "CREATE TABLE T (A INT AUTOINCREMENT START 100 INCREMENT 10 NOORDER, B INT AUTOINCREMENT, FOREIGN KEY (B) REFERENCES P)")
        XCTAssertEqual(try printed("desc user bob"), "DESCRIBE USER BOB")
        XCTAssertEqual(try printed("unset x"), "UNSET (X)")
        XCTAssertEqual(try printed("start transaction"), "BEGIN")
        XCTAssertEqual(try printed("desc t"), "DESCRIBE TABLE T")
        XCTAssertEqual(try printed("describe procedure MYPROC(BIGINT, STRING)"), "DESCRIBE PROCEDURE MYPROC(BIGINT, STRING)")
        XCTAssertEqual(try printed("show parameters like 'query_tag' in session"), "SHOW PARAMETERS LIKE 'query_tag'")
        XCTAssertEqual(try printed("create SCOPED TEMPORARY  stage if not exists s"), "CREATE TEMPORARY STAGE IF NOT EXISTS S")
        XCTAssertEqual(try printed("show tables in d"), "SHOW TABLES IN DATABASE D")
        XCTAssertEqual(try printed("select * from table($t) x"), "SELECT * FROM IDENTIFIER($T) AS X")
        XCTAssertEqual(try printed("create view v as ( select a from t )"), "CREATE VIEW V AS (SELECT A FROM T)")
        XCTAssertEqual(try printed("select a from t offset 2 rows fetch next 3 rows only"), "SELECT A FROM T LIMIT 3 OFFSET 2")
        XCTAssertEqual(try printed("create stream s copy grants on table t append_only = 'true' comment = 'c'"),
                       "CREATE STREAM S COPY GRANTS ON TABLE T APPEND_ONLY = TRUE COMMENT = 'c'")
        XCTAssertEqual(try printed("create or replace stream s2 clone s"), "CREATE OR REPLACE STREAM S2 CLONE S")
        XCTAssertEqual(try printed("desc stream s"), "DESCRIBE STREAM S")
        XCTAssertEqual(try printed("create hybrid table t (id int primary key, p int references q(id) match full, index i (p))"),
                       "CREATE HYBRID TABLE T (ID INT PRIMARY KEY, P INT REFERENCES Q (ID) MATCH FULL, INDEX I (P))")
        XCTAssertEqual(try printed("show indexes in t"), "SHOW INDEXES IN TABLE T")
        XCTAssertEqual(try printed("show indexes in table"), "SHOW INDEXES IN SCHEMA")
        XCTAssertEqual(try printed("drop hybrid table t"), "DROP TABLE T")
        // An interval constant is the DATEADD calls it means, one per increment, negated for `-`.
        XCTAssertEqual(try printed("select sysdate() - interval '5 minutes'"), "SELECT DATEADD(MINUTES, -5, SYSDATE())")
        XCTAssertEqual(try printed("select d + interval '1 day, -2 hours, 30'"),
                       "SELECT DATEADD(SECOND, 30, DATEADD(HOURS, -2, DATEADD(DAY, 1, D)))")
        XCTAssertEqual(try printed("DESC APPLICATION PACKAGE p"), "DESCRIBE APPLICATION PACKAGE P")
    }

    func testStageStatementForms() throws {
        XCTAssertEqual(try printed("put file:///tmp/sf_build/* @db.public.artifacts/V_1_0_0 overwrite=true"),
                       "PUT 'file:///tmp/sf_build/*' @DB.PUBLIC.ARTIFACTS/V_1_0_0 OVERWRITE = true")
        XCTAssertEqual(try printed("ls @s pattern='.*'"), "LIST @S PATTERN = '.*'")
        XCTAssertEqual(try printed("rm '@s/dir with blanks/x'"), "REMOVE '@S/dir with blanks/x'")
        XCTAssertEqual(try printed("create stage s file_format = (type = csv, skip_header = 1)"),
                       "CREATE STAGE S FILE_FORMAT = (TYPE = csv SKIP_HEADER = 1)")
        XCTAssertEqual(try parse("get @\"My Stage\"/a 'file://out'"),
                       .get(GetFiles(stage: StageLocation(stage: .named(.parts([Identifier("My Stage", quoted: true)])), path: "a"),
                                     directoryURL: "file://out")))
    }

    // MARK: - Built trees

    func testBuiltTreesGetParenthesesByPrecedence() {
        let a = col("A"), b = col("B"), c = col("C")
        XCTAssertEqual(SQLPrinter.print(.binary(.multiply, .binary(.add, a, b), c)), "(A + B) * C")
        XCTAssertEqual(SQLPrinter.print(.binary(.add, a, .binary(.multiply, b, c))), "A + B * C")
        XCTAssertEqual(SQLPrinter.print(.binary(.subtract, a, .binary(.subtract, b, c))), "A - (B - C)")
        XCTAssertEqual(SQLPrinter.print(.binary(.subtract, .binary(.subtract, a, b), c)), "A - B - C")
        XCTAssertEqual(SQLPrinter.print(.binary(.and, .binary(.or, a, b), c)), "(A OR B) AND C")
        XCTAssertEqual(SQLPrinter.print(.unary(.not, .binary(.and, a, b))), "NOT (A AND B)")
        XCTAssertEqual(SQLPrinter.print(.unary(.minus, .binary(.add, a, b))), "-(A + B)")
        XCTAssertEqual(SQLPrinter.print(.unary(.minus, .unary(.minus, num("1")))), "- -1")
        XCTAssertEqual(SQLPrinter.print(.cast(.binary(.add, a, b), DataTypeName("int"), style: .doubleColon)), "(A + B)::INT")
        XCTAssertEqual(SQLPrinter.print(.binary(.equal, .isNull(a, negated: false), b)), "A IS NULL = B")
        XCTAssertEqual(SQLPrinter.print(.isNull(.binary(.or, a, b), negated: true)), "(A OR B) IS NOT NULL")
    }

    func testBuiltTreesReParseToTheSameShape() throws {
        let tree = SnowSQL.Expression.binary(.multiply, .binary(.add, col("A"), col("B")), col("C"))
        // The printer's parentheses come back as `.nested`, which prints the same text again.
        let reparsed = try parseExpression(SQLPrinter.print(tree))
        XCTAssertEqual(reparsed, .binary(.multiply, .nested(.binary(.add, col("A"), col("B"))), col("C")))
        XCTAssertEqual(SQLPrinter.print(reparsed), SQLPrinter.print(tree))
    }

    func testNamesDescribeThemselvesAsSQL() {
        XCTAssertEqual(ObjectName.parts([Identifier("DB"), Identifier("my s", quoted: true), Identifier("T")]).description,
                       #"DB."my s".T"#)
        XCTAssertEqual(ObjectName.identifier(.variable("V")).description, "IDENTIFIER($V)")
        XCTAssertEqual(DataTypeName("number", [38, 0]).description, "NUMBER(38,0)")
        XCTAssertEqual(Identifier("FROM", quoted: true).sql, #""FROM""#)
        XCTAssertEqual(Identifier("_X$1", quoted: true).sql, "_X$1")
    }
}
