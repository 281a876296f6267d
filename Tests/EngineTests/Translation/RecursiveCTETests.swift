// RecursiveCTETests: CTEs that read themselves — with and without RECURSIVE, UNION ALL and UNION,
// hierarchies through joins, and the 100-round limit.

import XCTest

@testable import Engine

final class RecursiveCTETests: EngineTestCase {
    func testCountingWithAndWithoutTheWord() throws {
        XCTAssertEqual(
            try cells("with recursive t (n) as (select 1 union all select n + 1 from t where n < 5) select * from t"),
            [["1"], ["2"], ["3"], ["4"], ["5"]])
        XCTAssertEqual(
            try cells("with t (n) as (select 1 union all select n + 1 from t where n < 100) select count(*), sum(n) from t"),
            [["100", "5050"]])
        // UNION drops the rows already made, so a cycle ends.
        XCTAssertEqual(
            try cells("with t (n) as (select 0 union select mod(n + 1, 3) from t) select n from t order by n"),
            [["0"], ["1"], ["2"]])
        // A CTE that does not read itself is an ordinary one.
        XCTAssertEqual(try cells("with x as (select 1 a union all select 2) select * from x"), [["1"], ["2"]])
    }

    func testAHierarchy() throws {
        try script(
            """
            create database d;
            create table emp (id int, mgr int, name string);
            insert into emp values (1, null, 'boss'), (2, 1, 'ann'), (3, 1, 'bob'), (4, 2, 'cid')
            """)
        XCTAssertEqual(
            try cells(
                """
                with recursive chain (id, path, lvl) as (
                  select id, name, 0 from emp where mgr is null
                  union all
                  select e.id, c.path || '/' || e.name, c.lvl + 1 from emp e join chain c on e.mgr = c.id)
                select * from chain order by id
                """), [["1", "boss", "0"], ["2", "boss/ann", "1"], ["3", "boss/bob", "1"], ["4", "boss/ann/cid", "2"]])
    }

    func testEndlessRecursionStopsAfterAHundredRounds() throws {
        assertError(
            "with t (n) as (select 1 union all select n + 1 from t) select count(*) from t",
            "100189 (22000): Recursion exceeded max iteration count (100).")
        assertError(
            "with t (n) as (select 1 union all select n, n from t) select * from t",
            "001789 (42601): SQL compilation error:\ninvalid number of result columns for set operator input branches, "
                + "expected 1, got 2 in branch 2")
    }
}
