// Queries: expressions and their types, column titles, joins, subqueries, grouping, ordering
// with Snowflake's NULL placement, set operations, CTEs, VALUES, window functions and QUALIFY,
// and the errors a query can meet (invalid identifier with its position, unknown function).

import XCTest
@testable import Engine

final class QueryTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("""
            create database d;
            create table issues (id int, repository string, state string, comments int, score number(5,2));
            insert into issues values (1, 'a/x', 'open', 3, 1.5), (2, 'a/x', 'closed', NULL, 2.25), (3, 'b/y', 'open', 7, NULL)
            """)
    }

    func testTitlesFollowTheSourceText() throws {
        let result = try run("select id, id + 1, 'abc', repository as Repo, \"ID\" from issues where id = 1")
        XCTAssertEqual(result.columns.map(\.name), ["ID", "ID + 1", "'ABC'", "REPO", "ID"])
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [["1", "2", "abc", "a/x", "1"]])
    }

    func testArithmeticKeepsSnowflakeScales() throws {
        XCTAssertEqual(try cells("select 1/3, 7/2, 1.50 + 1, 2 * 1.25, 7 % 3, 7.5 % 2, -(-3)"),
                       [["0.333333", "3.500000", "2.50", "2.50", "1", "1.5", "3"]])
        assertError("select 1/0", "100051 (22012): Division by zero")
        XCTAssertEqual(try cells("select score from issues order by id"), [["1.50"], ["2.25"], ["NULL"]])
    }

    func testConcatenationAndComparisons() throws {
        XCTAssertEqual(try cells("select 'n' || 1, 'a' || NULL, 1 = 1, 1 < 0, NULL = NULL"),
                       [["n1", "NULL", "True", "False", "NULL"]])
        XCTAssertEqual(try cells("select id from issues where repository like 'a/%' and state <> 'open'"), [["2"]])
        XCTAssertEqual(try cells("select id from issues where repository like 'A/%'"), [])
        XCTAssertEqual(try cells("select id from issues where repository ilike 'A/%' order by id"), [["1"], ["2"]])
        XCTAssertEqual(try cells("select id from issues where comments is null or id in (3) order by 1"), [["2"], ["3"]])
        XCTAssertEqual(try cells("select id from issues where id between 2 and 3 and not id = 3"), [["2"]])
    }

    func testOrderByPutsNullsLastAscendingAndFirstDescending() throws {
        XCTAssertEqual(try cells("select comments from issues order by comments"), [["3"], ["7"], ["NULL"]])
        XCTAssertEqual(try cells("select comments from issues order by comments desc"), [["NULL"], ["7"], ["3"]])
        XCTAssertEqual(try cells("select comments from issues order by comments desc nulls last"), [["7"], ["3"], ["NULL"]])
        XCTAssertEqual(try cells("select id, comments c from issues order by c nulls first, 1"), [["2", "NULL"], ["1", "3"], ["3", "7"]])
    }

    func testLimitOffsetAndDistinct() throws {
        XCTAssertEqual(try cells("select id from issues order by id limit 2 offset 1"), [["2"], ["3"]])
        XCTAssertEqual(try cells("select distinct repository from issues order by repository"), [["a/x"], ["b/y"]])
        XCTAssertEqual(try cells("select top 1 id from issues order by id desc"), [["3"]])
    }

    func testGroupByHavingAndAggregates() throws {
        let result = try run("""
            select repository, count(*), count(comments), sum(comments), avg(comments), min(id), max(state)
            from issues group by repository having count(*) > 0 order by repository
            """)
        XCTAssertEqual(result.columns.map(\.name), ["REPOSITORY", "COUNT(*)", "COUNT(COMMENTS)", "SUM(COMMENTS)", "AVG(COMMENTS)", "MIN(ID)", "MAX(STATE)"])
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [
            ["a/x", "2", "1", "3", "3.000000", "1", "open"],
            ["b/y", "1", "1", "7", "7.000000", "3", "open"],
        ])
        XCTAssertEqual(try cells("select state s, count(*) from issues group by s order by 2 desc"), [["open", "2"], ["closed", "1"]])
        XCTAssertEqual(try cells("select count(distinct repository) from issues"), [["2"]])
    }

    func testJoinsAndSubqueries() throws {
        try script("create table repos (name string, owner string);\ninsert into repos values ('a/x', 'alice'), ('c/z', 'carol')")
        XCTAssertEqual(try cells("select i.id, r.owner from issues i join repos r on i.repository = r.name order by 1"),
                       [["1", "alice"], ["2", "alice"]])
        XCTAssertEqual(try cells("select i.id, r.owner from issues i left join repos r on i.repository = r.name order by 1"),
                       [["1", "alice"], ["2", "alice"], ["3", "NULL"]])
        XCTAssertEqual(try cells("select r.name from issues i right join repos r on i.repository = r.name where i.id is null"), [["c/z"]])
        XCTAssertEqual(try cells("select count(*) from issues, repos"), [["6"]])
        XCTAssertEqual(try cells("select id from issues where repository in (select name from repos) order by id"), [["1"], ["2"]])
        XCTAssertEqual(try cells("select id from issues i where exists (select 1 from repos r where r.name = i.repository and r.owner = 'alice') order by id"),
                       [["1"], ["2"]])
        XCTAssertEqual(try cells("select (select max(id) from issues), (select owner from repos where name = 'c/z')"), [["3", "carol"]])
        assertError("select (select id from issues)", "090150 (22000): Single-row subquery returns more than one row.")
        XCTAssertEqual(try cells("select x.n from (select id * 2 as n from issues) x where x.n > 2 order by 1"), [["4"], ["6"]])
    }

    func testSetOperationsValuesAndCTEs() throws {
        XCTAssertEqual(try cells("select 1 union select 1 union all select 2"), [["1"], ["2"]])
        XCTAssertEqual(try cells("select id from issues except select 2 order by 1"), [["1"], ["3"]])
        XCTAssertEqual(try cells("select id from issues intersect select 2"), [["2"]])
        let values = try run("select * from values (1, 'one'), (2, 'two')")
        XCTAssertEqual(values.columns.map(\.name), ["COLUMN1", "COLUMN2"])
        XCTAssertEqual(try cells("select n, w from values (1, 'one'), (2, 'two') as v (n, w) where n = 2"), [["2", "two"]])
        XCTAssertEqual(try cells("with open as (select * from issues where state = 'open'), c as (select count(*) n from open) select n from c"), [["2"]])
    }

    func testWindowFunctionsAndQualify() throws {
        XCTAssertEqual(try cells("select id, row_number() over (partition by repository order by id desc) from issues order by id"),
                       [["1", "2"], ["2", "1"], ["3", "1"]])
        // The Streamlit page's state query: the newest row per repository, by a select-list alias.
        try script("""
            create table app_state (key string, value string, timestamp timestamp_ntz);
            insert into app_state values ('a/x', 'old', '2024-01-01 00:00:00'), ('a/x', 'new', '2024-01-02 00:00:00'), ('b/y', 'only', '2024-01-01 00:00:00')
            """)
        XCTAssertEqual(try cells("""
            select key as repository, value from app_state
            qualify row_number() over (partition by repository order by timestamp desc) = 1 order by repository
            """), [["a/x", "new"], ["b/y", "only"]])
        assertError("select row_number() from issues",
                    "002062 (42601): SQL compilation error:\nWindow function type [ROW_NUMBER] requires an OVER clause")
    }

    func testCaseCastsAndFunctions() throws {
        XCTAssertEqual(try cells("select case when comments > 5 then 'many' when comments is null then 'none' else 'few' end from issues order by id"),
                       [["few"], ["none"], ["many"]])
        XCTAssertEqual(try cells("select '42'::int + 1, cast('2.5' as number(10,2)), try_cast('x' as int), 'true'::boolean, 7::string"),
                       [["43", "2.50", "NULL", "True", "7"]])
        XCTAssertEqual(try cells("select upper('a'), lower('B'), length('abc'), coalesce(NULL, 'z'), iff(1 > 0, 'y', 'n'), nvl(NULL, 3)"),
                       [["A", "b", "3", "z", "y", "3"]])
        XCTAssertEqual(try cells("select sysdate(), current_date(), '2024-02-03'::date, '2024-02-03 04:05:06'::timestamp_ntz"),
                       [["2026-01-02 03:04:05.678", "2026-01-02", "2024-02-03", "2024-02-03 04:05:06.000"]])
        assertError("select 'abc'::int", "100038 (22018): Numeric value 'abc' is not recognized")
        assertError("select 'maybe'::boolean", "100037 (22018): Boolean value 'maybe' is not recognized")
        assertError("select nosuchfn(1)", "002140 (42601): SQL compilation error:\nUnknown function NOSUCHFN")
    }

    func testInvalidIdentifierCarriesItsPosition() {
        assertError("select nosuch from issues", "000904 (42000): SQL compilation error: error line 1 at position 7\ninvalid identifier 'NOSUCH'")
        assertError("select id\nfrom issues\nwhere \"lower\" = 1",
                    "000904 (42000): SQL compilation error: error line 3 at position 6\ninvalid identifier '\"lower\"'")
        assertError("select x.id from issues", "000904 (42000): SQL compilation error: error line 1 at position 7\ninvalid identifier 'X.ID'")
    }

    func testMissingObjectsAndContext() throws {
        assertError("select * from nosuch", "002003 (42S02): SQL compilation error:\nObject 'NOSUCH' does not exist or not authorized.")
        try run("drop schema public")
        assertError("select * from issues",
                    "090106 (22000): Cannot perform SELECT. This session does not have a current schema. Call 'USE SCHEMA', or use a qualified name.")
    }

    func testAmbiguousColumn() {
        assertError("select id from issues a, issues b", "002028 (42601): SQL compilation error:\nambiguous column name 'ID'")
    }
}

final class ComparisonTests: EngineTestCase {
    func testStringsCompareAsTheOtherSidesType() throws {
        try script("""
            create database d;
            create table t (id int, at timestamp_ntz, day date, ok boolean);
            insert into t values (7, '2024-05-01 10:00:00', '2024-05-01', true)
            """)
        XCTAssertEqual(try cells("select id = '7', id = '7.0', at = '2024-05-01 10:00:00', at > '2024-05-01 09:59:59.999' from t"),
                       [["True", "True", "True", "True"]])
        XCTAssertEqual(try cells("select day = '2024-05-01', ok = 'true', '2024-05-02' > day from t"), [["True", "True", "True"]])
        assertError("select id from t where id = 'seven'", "100038 (22018): Numeric value 'seven' is not recognized")
    }
}

final class QueryShapeTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("""
            create database d;
            create table t (id int, name string, payload object, tags array, at time, blob binary);
            insert into t (id, name) values (1, 'alpha'), (2, 'Beta'), (3, 'gamma')
            """)
    }

    func testExcludeAndLikeAny() throws {
        XCTAssertEqual(try run("select * exclude (payload, tags, at, blob) from t where id = 1").columns.map(\.name), ["ID", "NAME"])
        XCTAssertEqual(try cells("select id from t where name like any ('a%', 'g%') order by id"), [["1"], ["3"]])
        XCTAssertEqual(try cells("select id from t where name ilike any ('b%') "), [["2"]])
        XCTAssertEqual(try cells("select id from t where name not like any ('a%', 'B%') order by id"), [["3"]])
    }

    func testEveryTypeDescribesCanonically() throws {
        XCTAssertEqual(try cells("desc table t").map { $0[1] },
                       ["NUMBER(38,0)", "VARCHAR(16777216)", "OBJECT", "ARRAY", "TIME(9)", "BINARY(8388608)"])
        XCTAssertEqual(try cells("select '12:30'::time, object_construct('a', 1)::object"), [["12:30:00", "{\n  \"a\": 1\n}"]])
        assertError("select parse_json('[1]')::object", "100071 (22000): Failed to cast variant value [1] to OBJECT")
    }
}

final class SetOperationChainTests: EngineTestCase {
    func testLongChainsStayFlat() throws {
        let chain = (1...200).map { "select \($0) as n" }.joined(separator: " union all ")
        XCTAssertEqual(try cells("select count(*), sum(n) from (\(chain))"), [["200", "20100"]])
        XCTAssertEqual(try cells("select * from (select 1 as a union all (select 2 union all select 3)) order by 1"), [["1"], ["2"], ["3"]])
        XCTAssertEqual(try cells("select count(*) from (select 1 as a union select 1 union all select 2 except select 2)"), [["1"]])
    }
}
