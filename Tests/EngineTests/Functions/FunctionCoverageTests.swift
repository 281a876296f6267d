// FunctionCoverageTests: docs/FUNCTIONS.md tells the truth about the function table. Every name
// on a `Has:` line is registered in FunctionLibrary, every registered name is on some `Has:`
// line, and no name on a `Lacks:` line is registered (or also claimed as had). Each listed name
// also resolves when called: a statement naming it fails, if at all, with anything but 002140
// (unknown function); each lacked one is 002140 (INSERT, a keyword, a syntax error).

import Foundation
import XCTest

@testable import Engine

final class FunctionCoverageTests: EngineTestCase {
    /// The backquoted names of every line of docs/FUNCTIONS.md that starts with `prefix`.
    private func names(after prefix: String) throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/FUNCTIONS.md"), encoding: .utf8)
        return text.split(separator: "\n").filter { $0.hasPrefix(prefix) }.flatMap { line in
            line.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
    }

    func testTheDocumentListsExactlyTheRegisteredFunctions() throws {
        let had = Set(try names(after: "Has:")), lacked = Set(try names(after: "Lacks:"))
        let registered = Set(FunctionLibrary.definitions.keys)
        XCTAssertGreaterThan(had.count, 250)
        XCTAssertEqual(had.subtracting(registered).sorted(), [], "listed as had but not registered")
        XCTAssertEqual(registered.subtracting(had).sorted(), [], "registered but not listed as had")
        XCTAssertEqual(lacked.intersection(registered).sorted(), [], "listed as lacking but registered")
        XCTAssertEqual(lacked.intersection(had).sorted(), [], "listed as both had and lacking")
    }

    func testEveryFunctionListedAsHadResolvesAndEveryLackedOneIsUnknown() throws {
        for name in try names(after: "Has:") {
            do {
                _ = try session.execute("select \(name)()")
            } catch let error as SnowflakeError {
                XCTAssertNotEqual(error.code, "002140", name)
            }
        }
        for name in try names(after: "Lacks:") where name != "INSERT" {
            assertError("select \(name)()", "002140 (42601): SQL compilation error:\nUnknown function \(name)")
        }
        // INSERT is a keyword before it is a function: the parser stops at it.
        assertError(
            "select insert('abc', 1, 1, 'x')", "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 7 unexpected 'insert'.")
    }
}
