// ScriptTests: Snowflake Scripting, one `.sql` file per construct in `Scripts/`, each with its
// expectation written inside it, all run by one parameterised test (Crafting Interpreters style):
//   -- expect: <cells of the anonymous block's single row, or of its returned table, as printed>
//   -- error: <the exact `code (state): message` of the failure>
//   -- check: <query> => <its cells afterwards, ` | ` between columns>
// The file's body (everything else) is one statement, run through a fresh session with the
// interpreter installed; lines starting with `-- setup:` run first, one statement each.

import Foundation
import XCTest
import Engine

final class ScriptTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts")

    func testEveryScript() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: ScriptTests.folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 10, "the Scripts folder lost its files")
        for file in files { try check(file) }
    }

    func check(_ file: String) throws {
        let text = try String(contentsOf: ScriptTests.folder.appendingPathComponent(file), encoding: .utf8)
        var expectations: [String] = []
        var error: String?
        var setup: [String] = []
        var checks: [(String, String)] = []
        var body: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("-- expect: ") { expectations.append(String(line.dropFirst("-- expect: ".count))) }
            else if line.hasPrefix("-- error: ") { error = String(line.dropFirst("-- error: ".count)).replacingOccurrences(of: "\\n", with: "\n") }
            else if line.hasPrefix("-- setup: ") { setup.append(String(line.dropFirst("-- setup: ".count))) }
            else if line.hasPrefix("-- check: "), let arrow = line.range(of: " => ") {
                checks.append((String(line[line.index(line.startIndex, offsetBy: 10)..<arrow.lowerBound]), String(line[arrow.upperBound...])))
            }
            else { body.append(line) }
        }
        let store = try Session.openAccount(path: ":memory:")
        let session = Session(store: store, user: "tester", clock: { Date(timeIntervalSince1970: 1_767_323_045) }, sessionID: 7)
        try session.login(role: nil, warehouse: nil, database: nil, schema: nil)
        for statement in setup { _ = try session.execute(statement) }
        let source = body.joined(separator: "\n")
        do {
            let result = try session.execute(source)
            if let error { XCTFail("\(file): expected error \(error), got \(result.rows)"); return }
            let cells = result.rows.map { $0.map { $0.displayText(pretty: false) ?? "NULL" }.joined(separator: " | ") }
            XCTAssertEqual(cells, expectations, "\(file)")
        } catch let failure as SnowflakeError {
            guard let error else { XCTFail("\(file): unexpected error \(failure)"); return }
            XCTAssertEqual(failure.description, error, "\(file)")
        }
        for (query, expected) in checks {
            let cells = try session.execute(query).rows.map { $0.map { $0.displayText(pretty: false) ?? "NULL" }.joined(separator: " | ") }
            XCTAssertEqual(cells.joined(separator: "\n"), expected, "\(file): \(query)")
        }
    }
}
