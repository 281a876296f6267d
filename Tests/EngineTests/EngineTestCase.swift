// EngineTestCase: the base of the engine tests. Each test gets a private in-memory account with
// a fixed clock and a logged-in session, and helpers that run SQL and read results as the text
// snowsql would print in each cell, or assert an exact Snowflake error.

import Foundation
import XCTest
@testable import Engine

class EngineTestCase: XCTestCase {
    /// A clock a test may move by hand; every session of the test reads it.
    final class Clock: @unchecked Sendable {
        var now: Date
        init(_ now: Date) { self.now = now }
    }

    /// 2026-01-02 03:04:05.678 UTC.
    static let fixedDate = Date(timeIntervalSince1970: 1_767_323_045.678)
    var session: Session!
    /// Starts at `fixedDate`; a subclass may set it before `super.setUpWithError()`.
    let clock = Clock(EngineTestCase.fixedDate)
    /// The id of the test's session (query ids and SHOW VARIABLES show it).
    var sessionID: Int64 { 42 }

    override func setUpWithError() throws {
        session = try makeSession()
    }

    func makeSession(path: String = ":memory:", store: AccountStore? = nil) throws -> Session {
        let store = try store ?? Session.openAccount(path: path)
        let clock = self.clock
        let session = Session(store: store, user: "tester", clock: { clock.now }, sessionID: sessionID)
        try session.login(role: nil, warehouse: nil, database: nil, schema: nil)
        return session
    }

    /// The path of a new account file in a folder of its own, removed when the test ends: sessions
    /// made on it with `makeSession(path:)` share one account on connections of their own.
    func temporaryAccountPath() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("snowlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder.appendingPathComponent("account.sqlite").path
    }

    @discardableResult
    func run(_ sql: String, file: StaticString = #filePath, line: UInt = #line) throws -> ResultSet {
        do {
            return try session.execute(sql)
        } catch {
            XCTFail("\(sql) failed: \(error)", file: file, line: line)
            throw error
        }
    }

    /// Runs each statement of a script (split on `;` at line ends) and returns the last result.
    @discardableResult
    func script(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> ResultSet {
        var last = ResultSet.success
        for statement in text.components(separatedBy: ";\n") where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            last = try run(statement, file: file, line: line)
        }
        return last
    }

    /// Cells as snowsql prints them (`NULL` for SQL NULL), row by row.
    func cells(_ sql: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[String]] {
        try run(sql, file: file, line: line).rows.map { $0.map { $0.displayText() ?? "NULL" } }
    }

    /// The single status message of a statement.
    func status(_ sql: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try run(sql, file: file, line: line)
        XCTAssertEqual(result.columns.map(\.name), ["status"], file: file, line: line)
        return result.rows.first?.first?.displayText() ?? ""
    }

    /// Asserts the statement fails with exactly this `code (state): message` text.
    func assertError(_ sql: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let result = try session.execute(sql)
            XCTFail("expected an error, got \(result.rows)", file: file, line: line)
        } catch let error as SnowflakeError {
            XCTAssertEqual(error.description, expected, file: file, line: line)
        } catch {
            XCTFail("not a SnowflakeError: \(error)", file: file, line: line)
        }
    }
}
