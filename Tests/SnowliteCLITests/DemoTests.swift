// DemoTests: the main job. `make demo` is a release build followed by scripts/demo.sh; this test
// runs the same script with the debug build the suite already made, on a scratch account, so a
// change that breaks the quickstart breaks the suite. The script starts `snowlite fixtures github`
// itself and stops it at exit. The checks are the lines that show each stage of the loop.

import Foundation
import XCTest

final class DemoTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testTheDemoRunsTheQuickstartToIngestedRows() throws {
        let snowsql = try BuiltProgram.locate("snowsql")
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let make = BuiltProgram(url: URL(fileURLWithPath: "/usr/bin/make"))
        let build = try make.run(["--no-print-directory", "sf_build"], home: home, directory: Self.root)
        XCTAssertEqual(build.status, 0, build.stderr)
        let demo = BuiltProgram(url: Self.root.appendingPathComponent("scripts/demo.sh"))
        let output = try demo.run([], home: home, directory: Self.root, extraEnvironment: [
            "BIN": snowsql.url.deletingLastPathComponent().path, "DEMO_HOME": home.appendingPathComponent("account").path,
        ])
        XCTAssertEqual(output.status, 0, output.stdout + output.stderr)
        for line in [
            "==> make deploy: stage sf_build/ and add version V_1_0_0 to the application package",
            "| Version 'V_1_0_0' of application package 'EXAMPLE_GITHUB_PYTHON_CONNECTOR' created successfully. | V_1_0_0 |     0 |",
            "| Application 'EXAMPLE_GITHUB_PYTHON_CONNECTOR_INSTANCE' created successfully. |",
            "| Connector provisioned |",
            "| Snowflake-Labs/sfquickstarts enabled |",
            "| Snowflake-Labs/sfquickstarts | DONE  | 250        |",
            "| 136650000250 |    250 | closed | Fixture issue #250 in Snowflake-Labs/sfquickstarts |",
        ] {
            XCTAssertTrue(output.stdout.contains(line), "missing from the demo's output: \(line)\n\(output.stdout)")
        }
        XCTAssertTrue(output.stdout.contains("s (deploy to rows printed). To continue:"))
    }
}
