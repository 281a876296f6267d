// DemoTests: the main job (`make demo`) runs sql/demo.sql through the built snowsql binary, with
// the same options as the Makefile, from a folder holding a copy of sql/demo_app, so a change
// that breaks the demo fails here. The checks are the lines that show each stage of the loop.

import Foundation
import XCTest

final class DemoTests: XCTestCase {
    static let sqlFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("sql")

    func testTheDemoRunsToTheEnd() throws {
        let snowsql = try BuiltProgram.locate("snowsql")
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("sql"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try FileManager.default.copyItem(at: Self.sqlFolder.appendingPathComponent("demo_app"),
                                         to: home.appendingPathComponent("sql/demo_app"))
        let output = try snowsql.run([
            "-o", "friendly=false", "-o", "exit_on_error=true", "-o", "variable_substitution=true", "-o", "timing=false",
            "-D", "DEMO_DB=SNOWLITE_DEMO", "-f", Self.sqlFolder.appendingPathComponent("demo.sql").path,
        ], home: home, extraEnvironment: ["SNOWLITE_FIXED_CLOCK": "2026-01-02T03:04:05Z"])
        XCTAssertEqual(output.status, 0, output.stdout)
        XCTAssertEqual(output.stderr, "")
        for line in [
            "| Version 'V_1_0_0' of application package 'DEMO_PKG' created successfully. | V_1_0_0 |     0 |",
            "| Application 'DEMO_APP' created successfully. |",
            "| snowflakedb |",
            "| org        | \"snowflakedb\" |",
            "| CREATE DATABASE | Create the destination database | False      | True         |",
            "| DEMO_APP successfully dropped. |",
        ] {
            XCTAssertTrue(output.stdout.contains(line), "missing from the demo's output: \(line)")
        }
    }
}
