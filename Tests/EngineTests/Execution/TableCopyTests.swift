// TableCopyTests: CREATE TABLE … LIKE copies a table's columns as defined (types, NOT NULL,
// defaults, comments, identity columns counting from their start) with no rows; CLONE copies
// them with every row, its identity columns going on; the privileges and the errors of both.

import Foundation
import XCTest

final class TableCopyTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        for statement in [
            "create database d",
            "create table s (id int autoincrement start 10 increment 5, name string not null default 'x' comment 'the name', v variant)",
            "insert into s (name, v) select 'a', parse_json('{\"k\":1}')",
            "insert into s (name) values ('b')",
        ] {
            try run(statement)
        }
    }

    func testLikeCopiesTheColumnsAndNoRows() throws {
        XCTAssertEqual(try cells("create table l like s"), [["Table L successfully created."]])
        XCTAssertEqual(try cells("select count(*) from l"), [["0"]])
        XCTAssertEqual(
            try cells("describe table l").map { Array($0.prefix(5)) + [$0[9]] },
            [
                ["ID", "NUMBER(38,0)", "COLUMN", "Y", "IDENTITY START 10 INCREMENT 5 NOORDER", "NULL"],
                ["NAME", "VARCHAR(16777216)", "COLUMN", "N", "'x'", "the name"],
                ["V", "VARIANT", "COLUMN", "Y", "NULL", "NULL"],
            ])
        try run("insert into l (v) values (null)")
        XCTAssertEqual(try cells("select id, name from l"), [["10", "x"]])
        assertError(
            "insert into l (id, name) values (1, null)",
            "100072 (22000): NULL result in a non-nullable column")
    }

    func testCloneCopiesTheRowsAndItsIdentityGoesOn() throws {
        XCTAssertEqual(try cells("create table c clone s"), [["Table C successfully created."]])
        try run("insert into c (name) values ('new')")
        XCTAssertEqual(try cells("select id, name, v:k from c order by id"), [["10", "a", "1"], ["15", "b", "NULL"], ["20", "new", "NULL"]])
        // The clone is a table of its own: what changes in one is not in the other.
        try run("delete from s")
        XCTAssertEqual(try cells("select count(*) from c"), [["3"]])
        XCTAssertEqual(try cells("create or replace table c clone s"), [["Table C successfully created."]])
        XCTAssertEqual(try cells("select count(*) from c"), [["0"]])
    }

    func testWhatCannotBeCopied() throws {
        try run("create view vv as select 1 a")
        assertError("create table x like vv", "001007 (22023): SQL compilation error:\nView 'VV' cannot be the target of CREATE TABLE … LIKE.")
        assertError("create table x clone nope", "002003 (42S02): SQL compilation error:\nTable 'NOPE' does not exist or not authorized.")
        assertError(
            "create table x clone s at (offset => -60)", "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 23 unexpected 'at'."
        )
        try run("create hybrid table h (id int primary key)")
        assertError("create table x like h", "001003 (42000): SQL compilation error:\nUnsupported feature 'CREATE TABLE … LIKE of a hybrid table'.")
        // A role that cannot SELECT the source cannot copy it.
        try run("create role reader")
        try run("grant usage on database d to role reader")
        try run("grant usage on schema d.public to role reader")
        try run("grant create table on schema d.public to role reader")
        try run("grant role reader to user tester")
        try run("use role reader")
        assertError("create table x clone s", "002003 (42S02): SQL compilation error:\nTable 'S' does not exist or not authorized.")
    }
}
