// DML: INSERT (VALUES, SELECT, column lists, defaults, OVERWRITE), UPDATE (with FROM) and
// DELETE (with USING), their result columns and counts, type conversions on the way in, and
// the errors for NOT NULL and mismatched value lists.

import XCTest
@testable import Engine

final class DMLTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("""
            create database d;
            create table t (id int not null, name string, amount number(10,2), flag boolean, created timestamp_ntz default sysdate())
            """)
    }

    func testInsertReportsRowsInserted() throws {
        let result = try run("insert into t (id, name) values (1, 'a'), (2, 'b'), (3, NULL)")
        XCTAssertEqual(result.columns.map(\.name), ["number of rows inserted"])
        XCTAssertEqual(result.rows, [[.integer(3)]])
        XCTAssertEqual(result.producedRowCount, 3)
        XCTAssertEqual(try cells("select id, name, created from t where id = 1"), [["1", "a", "2026-01-02 03:04:05.678"]])
    }

    func testValuesAreConvertedToColumnTypes() throws {
        try run("insert into t (id, name, amount, flag) values ('7', 12, '3.456', 'yes')")
        XCTAssertEqual(try cells("select id, name, amount, flag from t"), [["7", "12", "3.46", "True"]])
        assertError("insert into t (id) values ('x')", "100038 (22018): Numeric value 'x' is not recognized")
    }

    func testNotNullAndListMismatch() throws {
        assertError("insert into t (name) values ('no id')", "100072 (22000): NULL result in a non-nullable column")
        assertError("insert into t (id, name) values (1)",
                    "002020 (21S01): SQL compilation error:\nInsert value list does not match column list expecting 2 but got 1")
        assertError("insert into t (id, nosuch) values (1, 2)",
                    "000904 (42000): SQL compilation error: error line 1 at position 19\ninvalid identifier 'NOSUCH'")
    }

    func testAFailingRowInsertsNothing() throws {
        assertError("insert into t (id, amount) values (1, 1), (2, 'bad')", "100038 (22018): Numeric value 'bad' is not recognized")
        XCTAssertEqual(try cells("select count(*) from t"), [["0"]])
    }

    func testInsertSelectAndOverwrite() throws {
        try run("insert into t (id, name) values (1, 'a'), (2, 'b')")
        XCTAssertEqual(try run("insert into t (id, name) select id + 10, upper(name) from t").rows, [[.integer(2)]])
        XCTAssertEqual(try cells("select id, name from t order by id"), [["1", "a"], ["2", "b"], ["11", "A"], ["12", "B"]])
        XCTAssertEqual(try run("insert overwrite into t (id) select 99").rows, [[.integer(1)]])
        XCTAssertEqual(try cells("select id from t"), [["99"]])
    }

    func testUpdate() throws {
        try run("insert into t (id, name, amount) values (1, 'a', 1), (2, 'b', 2), (3, 'c', 3)")
        let result = try run("update t set amount = amount * 2, name = name || '!' where id >= 2")
        XCTAssertEqual(result.columns.map(\.name), ["number of rows updated", "number of multi-joined rows updated"])
        XCTAssertEqual(result.rows, [[.integer(2), .integer(0)]])
        XCTAssertEqual(try cells("select name, amount from t order by id"), [["a", "1.00"], ["b!", "4.00"], ["c!", "6.00"]])
        try script("create table names (id int, label string);\ninsert into names values (1, 'one'), (3, 'three')")
        XCTAssertEqual(try run("update t set name = n.label from names n where t.id = n.id").rows, [[.integer(2), .integer(0)]])
        XCTAssertEqual(try cells("select name from t order by id"), [["one"], ["b!"], ["three"]])
    }

    func testDelete() throws {
        try run("insert into t (id) values (1), (2), (3), (4)")
        let result = try run("delete from t where id > 3")
        XCTAssertEqual(result.columns.map(\.name), ["number of rows deleted"])
        XCTAssertEqual(result.rows, [[.integer(1)]])
        try script("create table gone (id int);\ninsert into gone values (1), (3)")
        XCTAssertEqual(try run("delete from t using gone where t.id = gone.id").rows, [[.integer(2)]])
        XCTAssertEqual(try cells("select id from t"), [["2"]])
        XCTAssertEqual(try run("delete from t").rows, [[.integer(1)]])
    }

    func testWritingAViewIsRefused() throws {
        try run("create view v as select * from t")
        assertError("insert into v (id) values (1)", "001007 (22023): SQL compilation error:\nView 'V' cannot be the target of INSERT.")
    }
}
