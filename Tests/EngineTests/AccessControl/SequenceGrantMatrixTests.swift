// SequenceGrantMatrixTests: taking a sequence's next value needs USAGE on the sequence and on its
// database and schema (issue 17, item 5), wherever NEXTVAL is written: a query, INSERT … VALUES,
// or a column DEFAULT, which the inserting role evaluates (and the table's creator, at CREATE
// TABLE). Without them the sequence is missing (002003); a failed statement takes no value.
// https://docs.snowflake.com/en/user-guide/security-access-control-privileges#sequence-privileges
//
// The account: GDB.S.SEQ and GDB.S.T (ID defaulting to SEQ.NEXTVAL), ACCOUNTADMIN's. LOW holds
// nothing; ANALYST holds USAGE on GDB and GDB.S and INSERT and SELECT on T, and later USAGE on SEQ.

import Foundation
import XCTest
@testable import Engine

final class SequenceGrantMatrixTests: AccessControlTestCase {
    private var low: Session!
    private let missingSequence = "002003 (02000): SQL compilation error:\nSequence 'GDB.S.SEQ' does not exist or not authorized."

    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("""
            create database gdb;
            create schema gdb.s;
            create sequence gdb.s.seq;
            create table gdb.s.t (id int default gdb.s.seq.nextval, x int);
            create role low;
            create user lowuser default_role = low;
            grant role low to user lowuser;
            grant usage on database gdb to role analyst;
            grant usage on schema gdb.s to role analyst;
            grant insert, select on table gdb.s.t to role analyst
            """)
        low = try login("lowuser")
    }

    func testARoleWithNothingFindsTheSequenceMissing() throws {
        session = low
        assertError("select gdb.s.seq.nextval", missingSequence)
        assertError("show sequences in schema gdb.s", Self.useFailed)
    }

    func testUsageOnTheContainersAloneIsNotEnough() throws {
        asAnalyst()
        assertError("select gdb.s.seq.nextval", missingSequence)
        assertError("insert into gdb.s.t values (gdb.s.seq.nextval, 1)", missingSequence)
        // The column's DEFAULT takes the value as the inserting role.
        assertError("insert into gdb.s.t (x) values (1)", missingSequence)
        assertError("insert into gdb.s.t (x) select 1", missingSequence)
        XCTAssertEqual(try cells("select count(*) from gdb.s.t"), [["0"]])
    }

    func testUsageOnTheSequenceTakesValues() throws {
        asAdmin()
        try run("grant usage on sequence gdb.s.seq to role analyst")
        asAnalyst()
        // The failed statements above took no value: the sequence starts at 1.
        XCTAssertEqual(try cells("select gdb.s.seq.nextval"), [["1"]])
        try run("insert into gdb.s.t (x) values (1)")
        try run("insert into gdb.s.t values (gdb.s.seq.nextval, 2)")
        try run("use schema gdb.s")
        XCTAssertEqual(try cells("select seq.nextval"), [["4"]])
        XCTAssertEqual(try cells("select id, x from gdb.s.t order by id"), [["2", "1"], ["3", "2"]])
        XCTAssertEqual(try cells("show sequences in schema gdb.s").map { [$0[1], $0[4]] }, [["SEQ", "5"]])
    }

    func testUsageOnTheSequenceWithoutItsSchemaIsMissing() throws {
        asAdmin()
        try run("grant usage on sequence gdb.s.seq to role low")
        session = low
        assertError("select gdb.s.seq.nextval", missingSequence)
        asAdmin()
        try run("grant usage on database gdb to role low")
        session = low
        assertError("select gdb.s.seq.nextval", missingSequence)
        asAdmin()
        try run("grant usage on schema gdb.s to role low")
        session = low
        XCTAssertEqual(try cells("select gdb.s.seq.nextval"), [["1"]])
    }

    func testADefaultNeedsTheSequenceWhenTheTableIsCreated() throws {
        asAdmin()
        try run("grant create table on schema gdb.s to role analyst")
        asAnalyst()
        assertError("create table gdb.s.mine (id int default gdb.s.seq.nextval)", missingSequence)
        asAdmin()
        try run("grant usage on sequence gdb.s.seq to role analyst")
        asAnalyst()
        XCTAssertEqual(try status("create table gdb.s.mine (id int default gdb.s.seq.nextval, x int)"), "Table MINE successfully created.")
        try run("insert into gdb.s.mine (x) values (1)")
        XCTAssertEqual(try cells("select id from gdb.s.mine"), [["1"]])
    }

    func testTheOwnerTakesValuesEverywhere() throws {
        asAdmin()
        XCTAssertEqual(try cells("select gdb.s.seq.nextval"), [["1"]])
        try run("insert into gdb.s.t (x) values (10)")
        XCTAssertEqual(try cells("select id, x from gdb.s.t"), [["2", "10"]])
    }
}
