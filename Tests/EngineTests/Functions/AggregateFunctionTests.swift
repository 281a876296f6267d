// AggregateFunctionTests: aggregates and window functions — LISTAGG with a separator, DISTINCT
// and WITHIN GROUP (ORDER BY …) including NULL placement, ARRAY_AGG (ARRAY results, DISTINCT,
// ordering, [] for no rows), BOOLAND_AGG and BOOLOR_AGG, OBJECT_AGG (NULLs skipped, duplicate keys refused), COUNT_IF, and
// the window functions LAG, LEAD (offset and default), FIRST_VALUE, LAST_VALUE and NTH_VALUE,
// whose default frame is the whole partition in Snowflake. What SQLite cannot do fails at once:
// IGNORE NULLS, and the ordered aggregates used with OVER.

import XCTest
@testable import Engine

final class AggregateFunctionTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("""
            create database d;
            create table sales (id int, region string, rep string, amount number(10,2));
            insert into sales values (1, 'east', 'ann', 10.5), (2, 'east', NULL, 20), (3, 'west', 'bob', NULL), (4, 'east', 'cy', 5), (5, 'west', 'ann', 7)
            """)
    }

    func testBoolandAndBoolorAggregates() throws {
        XCTAssertEqual(try cells("""
            select region, booland_agg(amount > 6), boolor_agg(amount > 15), booland_agg(id), boolor_agg(amount - amount)
            from sales group by region order by region
            """), [["east", "False", "True", "True", "False"], ["west", "True", "False", "True", "False"]])
        XCTAssertEqual(try cells("select booland_agg(amount), boolor_agg(amount) from sales where amount is null"), [["NULL", "NULL"]])
        XCTAssertEqual(try cells("select id, boolor_agg(amount > 10) over (partition by region) from sales order by id"),
                       [["1", "True"], ["2", "True"], ["3", "False"], ["4", "True"], ["5", "False"]])
        assertError("select booland_agg(current_date())",
                    "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'BOOLAND_AGG': (DATE)")
    }

    func testListagg() throws {
        XCTAssertEqual(try cells("select listagg(rep, ', ') within group (order by id) from sales"), [["ann, bob, cy, ann"]])
        XCTAssertEqual(try cells("select region, listagg(id, '-') within group (order by id desc) from sales group by region order by region"),
                       [["east", "4-2-1"], ["west", "5-3"]])
        XCTAssertEqual(try cells("select listagg(rep) within group (order by rep), listagg(distinct rep, '|') within group (order by rep desc) from sales"),
                       [["annannbobcy", "cy|bob|ann"]])
        // NULL keys sort last ascending and first descending unless told otherwise.
        XCTAssertEqual(try cells("select listagg(id, ',') within group (order by amount), listagg(id, ',') within group (order by amount desc), listagg(id, ',') within group (order by amount nulls first) from sales"),
                       [["4,5,1,2,3", "3,2,1,5,4", "3,4,5,1,2"]])
        XCTAssertEqual(try cells("select listagg(id, ',') within group (order by region desc, id) from sales"), [["3,5,1,2,4"]])
        let empty = try run("select listagg(rep, ',') from sales where id > 9")
        XCTAssertEqual(empty.columns.map(\.type), [.string])
        XCTAssertEqual(empty.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [[""]])
        XCTAssertEqual(try cells("select listagg(rep, ',') from sales where id = 2"), [[""]])
    }

    func testArrayAgg() throws {
        let result = try run("select array_agg(rep) within group (order by id desc), array_agg(distinct region) within group (order by region), array_agg(amount) within group (order by id) from sales")
        XCTAssertEqual(result.columns.map(\.type), [.array, .array, .array])
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText(pretty: false) ?? "NULL" } },
                       [[#"["ann","cy","bob","ann"]"#, #"["east","west"]"#, "[10.5,20,5,7]"]])
        XCTAssertEqual(try cells("select region, array_size(array_agg(id)) from sales group by region order by region"), [["east", "3"], ["west", "2"]])
        XCTAssertEqual(try cells("select array_agg(id)::string from sales where id > 9"), [["[]"]])
        XCTAssertEqual(try cells("select array_unique_agg(region)::string from sales where id < 3"), [[#"["east"]"#]])
        XCTAssertEqual(try cells("select array_agg(object_construct('id', id)) within group (order by id)[0]:id from sales"), [["1"]])
    }

    func testObjectAgg() throws {
        let result = try run("select object_agg(rep, amount) from sales where id < 5")
        XCTAssertEqual(result.columns.map(\.type), [.object])
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText(pretty: false) ?? "NULL" } }, [[#"{"ann":10.5,"cy":5}"#]])
        XCTAssertEqual(try cells("select region, object_agg(id::string, rep)::string from sales group by region order by region"),
                       [["east", #"{"1":"ann","4":"cy"}"#], ["west", #"{"3":"bob","5":"ann"}"#]])
        XCTAssertEqual(try cells("select object_agg(rep, id)::string from sales where id > 9"), [["{}"]])
        assertError("select object_agg(rep, id) from sales", "100069 (22000): Duplicate field key 'ann'")
    }

    func testCountIf() throws {
        let result = try run("select count_if(amount > 6), count_if(amount is null), count_if(region = 'north') from sales")
        XCTAssertEqual(result.columns.map(\.type), [.integer, .integer, .integer])
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [["3", "1", "0"]])
        XCTAssertEqual(try cells("select region, count_if(rep is not null) from sales group by region order by region"), [["east", "2"], ["west", "2"]])
        XCTAssertEqual(try cells("select id, count_if(amount > 6) over (order by id) from sales order by id"),
                       [["1", "1"], ["2", "2"], ["3", "2"], ["4", "2"], ["5", "3"]])
    }

    func testLagAndLead() throws {
        let result = try run("select id, lag(id) over (order by id), lead(id, 2) over (order by id), lag(amount, 1, 0) over (partition by region order by id) from sales order by id")
        XCTAssertEqual(result.columns.map(\.type), [.integer, .integer, .integer, .number(precision: 10, scale: 2)])
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [
            ["1", "NULL", "3", "0.00"], ["2", "1", "4", "10.50"], ["3", "2", "5", "0.00"], ["4", "3", "NULL", "20.00"], ["5", "4", "NULL", "NULL"],
        ])
        XCTAssertEqual(try cells("select lead(rep, 1, 'none') over (order by id) from sales order by id"), [["NULL"], ["bob"], ["cy"], ["ann"], ["none"]])
        assertError("select lag(id, id) over (order by id) from sales",
                    "001007 (22023): SQL compilation error:\nThe offset of LAG must be a non-negative constant integer")
        assertError("select lag(id) from sales", "002062 (42601): SQL compilation error:\nWindow function type [LAG] requires an OVER clause")
    }

    func testFirstLastAndNthValueSeeTheWholePartition() throws {
        XCTAssertEqual(try cells("select id, first_value(id) over (order by id), last_value(id) over (order by id), nth_value(id, 2) over (partition by region order by id) from sales order by id"),
                       [["1", "1", "5", "2"], ["2", "1", "5", "2"], ["3", "1", "5", "5"], ["4", "1", "5", "2"], ["5", "1", "5", "5"]])
        // An explicit frame is kept.
        XCTAssertEqual(try cells("select id, last_value(id) over (order by id rows between unbounded preceding and current row) from sales order by id limit 2"),
                       [["1", "1"], ["2", "2"]])
        XCTAssertEqual(try cells("select first_value(rep) over (partition by region order by amount desc) from sales where id = 4"), [["cy"]])
    }

    func testUnsupportedFormsFailAtOnce() {
        assertError("select lag(id) ignore nulls over (order by id) from sales",
                    "001003 (42000): SQL compilation error:\nUnsupported feature 'LAG … IGNORE NULLS'.")
        assertError("select first_value(rep) ignore nulls over (order by id) from sales",
                    "001003 (42000): SQL compilation error:\nUnsupported feature 'FIRST_VALUE … IGNORE NULLS'.")
        assertError("select listagg(rep, ',') over (partition by region) from sales",
                    "001003 (42000): SQL compilation error:\nUnsupported feature 'LISTAGG … OVER'.")
        assertError("select array_agg(rep) over () from sales", "001003 (42000): SQL compilation error:\nUnsupported feature 'ARRAY_AGG … OVER'.")
        assertError("select sum(amount) within group (order by id) from sales",
                    "001007 (22023): SQL compilation error:\nWITHIN GROUP is not allowed in SUM")
    }
}
