// ConnectionCacheTests: what a connection keeps between statements — the catalog records it has
// read (Catalog+Cache.swift) and the translated statements it keeps prepared (PreparedStatements.swift)
// — never changes what a statement sees: another connection's DDL, a rolled-back one, a dropped and
// made-again table, a text past the cache's bound.

import Foundation
import XCTest

@testable import Engine

final class ConnectionCacheTests: EngineTestCase {
    private var path: String!

    override func setUpWithError() throws {
        path = try temporaryAccountPath()
        session = try makeSession(path: path)
        try script(
            """
            create database d;
            create table t (a int);
            insert into t values (1)
            """)
    }

    func testAnotherConnectionsTableChangeIsSeenAtOnce() throws {
        let other = try makeSession(path: path)
        _ = try other.execute("use schema d.public")
        // This connection has read T's records (twice: the second from its cache).
        try run("insert into t values (2)")
        // The other connection makes T again with two columns: this one inserts two values, not one.
        _ = try other.execute("create or replace table t (a int, b string)")
        assertError(
            "insert into t values (3)", "002020 (21S01): SQL compilation error:\nInsert value list does not match column list expecting 2 but got 1")
        try run("insert into t values (3, 'x')")
        XCTAssertEqual(try cells("select a, b from t"), [["3", "x"]])
        // And drops it.
        _ = try other.execute("drop table t")
        assertError("insert into t values (4, 'y')", "002003 (42S02): SQL compilation error:\nTable 'T' does not exist or not authorized.")
    }

    func testATableOfAFailedStatementIsNotRemembered() throws {
        // The statement made R, read it, then failed: its savepoint takes the table and the stamp back.
        assertError("create table r as select 1 as a, 1 / 0 as b", "100051 (22012): Division by zero")
        assertError("insert into r values (1, 2)", "002003 (42S02): SQL compilation error:\nTable 'R' does not exist or not authorized.")
        // Made again with other columns, its new columns are the ones read.
        try run("create table r (x string)")
        try run("insert into r values ('only')")
        XCTAssertEqual(try cells("select * from r"), [["only"]])
    }

    func testEveryCatalogChangeGivesANewStamp() throws {
        func stamp() throws -> Int64 { try session.reading { db in try CatalogCache.stamp(db) } }
        var stamps = [try stamp()]
        for statement in [
            "create table s (a int)", "create or replace table s (b int)", "create view v as select 1 as x",
            "drop table s", "create schema x", "drop schema x", "create database e", "drop database e",
        ] {
            try run(statement)
            stamps.append(try stamp())
        }
        XCTAssertEqual(Set(stamps).count, stamps.count, "a change kept an earlier stamp: \(stamps)")
        // Neither a row inserted into a table nor the session's schema is a catalog change.
        let before = try stamp()
        try run("use schema d.public")
        try run("insert into t values (5)")
        XCTAssertEqual(try stamp(), before)
    }

    func testATextIsKeptPreparedFromItsSecondRun() throws {
        let prepared = session.store.preparedStatements
        let start = prepared.count
        try run("insert into t values (7)")
        XCTAssertEqual(prepared.count, start)
        try run("insert into t values (7)")
        XCTAssertEqual(prepared.count, start + 1)
        // A row of literals binds its whole numbers: other numbers, the same text.
        try run("insert into t select 8")
        try run("insert into t select 9")
        XCTAssertEqual(prepared.count, start + 2)
        XCTAssertEqual(try cells("select a from t where a > 6 order by a"), [["7"], ["7"], ["8"], ["9"]])
        // Typed as the literal it was.
        XCTAssertEqual(try run("select 8, 'x'").columns, try run("select 8, 'x' from t limit 1").columns)
        XCTAssertEqual(
            try cells("select 9223372036854775807, -3, 2 union all select 1, 2, 3"),
            [["9223372036854775807", "-3", "2"], ["1", "2", "3"]])
    }

    func testTheCacheIsBoundedAndItsStatementsStayRight() throws {
        let prepared = session.store.preparedStatements
        for round in 0..<2 {
            for n in 0..<PreparedStatements.limit + 20 {
                try run("insert into t values (\(n * 10 + round))")
                try run("insert into t values (\(n * 10 + round))")
                XCTAssertLessThanOrEqual(prepared.count, PreparedStatements.limit)
            }
        }
        let rows = PreparedStatements.limit + 20
        XCTAssertEqual(
            try cells("select count(*), count(distinct a), sum(a) from t"),
            [["\(1 + 4 * rows)", "\(2 * rows)", "\(1 + 2 * (0 ..< rows).reduce(0) { $0 + $1 * 20 } + 2 * rows)"]])
    }
}
