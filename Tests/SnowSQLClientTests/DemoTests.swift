// DemoTests: the main job. `make demo` is a release build followed by scripts/demo.sh; this test
// runs the same script with the debug build the suite already made, on a scratch account, so a
// change that breaks the quickstart breaks the suite. The script starts `snowlite fixtures github`
// itself and stops it at exit. The checks are the lines that show each stage of the loop.

import Foundation
import SnowliteTesting
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

// MARK: - The benchmark runner, smoke run
//
// BenchRunnerTests: keeps the benchmark runner from rotting. `make bench` runs `snowlite-bench` on a
// release build for minutes; this runs `snowlite-bench --smoke` (tiny sizes, one run each, every
// section and every code path) on the debug build the suite already made, and checks the report's
// structure: the six sections, the workload's count check, a successful exit. No timing is
// asserted, and nothing here depends on the runner's target: it is found among the built products.

final class BenchRunnerTests: XCTestCase {
    func testTheSmokeRunWritesEveryPartOfTheReport() throws {
        let runner = try BuiltProgram.locate("snowlite-bench")
        let bin = runner.url.deletingLastPathComponent()
        for product in ["snowsql", "snowlite", "snowlite-workload", "snowlite-bench-spawn"] {
            _ = try BuiltProgram.locate(product)
        }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let report = home.appendingPathComponent("results.md")

        // From the repository (the quickstart's scripts and `make sf_build`), with the caller's PATH
        // so that make, git and swift are found as `make bench` finds them.
        let output = try runner.run(["--smoke", "--bin", bin.path, "--output", report.path], home: home, directory: DemoTests.root,
                                    extraEnvironment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
        XCTAssertEqual(output.status, 0, output.stdout + output.stderr)
        let text = try String(contentsOf: report, encoding: .utf8)
        XCTAssertEqual(output.stdout, text, "the report is also printed on standard output")
        for heading in [
            "# Snowlite benchmarks", "**Smoke run**", "## Targets", "- Commit: ", "- Machine: ", "- SQLite: sqlite3 ",
            "## 1. Start-up", "## 2. Statement throughput (the connector workload)", "## 3. Ingestion", "## 4. Quickstart",
            "## 5. Scheduler idle cost", "## 6. Scale: 1,000 issues",
        ] {
            XCTAssertTrue(text.contains(heading), "missing from the report: \(heading)\n\(text)")
        }
        // The workload at 1/100 scale: 50 inserts and 2 merges adding 2 rows each.
        XCTAssertTrue(text.contains("check: every run ends with 54 rows, 54 distinct ids, SUM(id) = 1485 — Snowlite OK, SQLite OK"),
                      text)
        XCTAssertTrue(text.contains("failed statements (first run): Snowlite 0, SQLite 0"), text)
        for target in ["`select 1` ≤ 5 ms", "workload ≤ 1.0 s", "workload with `USE_CACHED_RESULT = FALSE` ≤ 2.5 s",
                       "ingestion ≥ 50,000 issues/s at 100,000 issues", "peak memory ≤ 60 MB at 100,000 issues", "quickstart ≤ 1 s",
                       "ingestion of 1,000,000 issues ≤ 11× the 100,000-issue time", "peak memory ≤ 80 MB at 1,000,000 issues",
                       "account file ≤ 1.5× its raw JSON at 1,000,000 issues",
                       "`GROUP BY raw:state::string` over 1,000,000 issues ≤ 0.2 s"] {
            XCTAssertTrue(text.contains("| \(target) |"), "missing target \(target)")
        }
        XCTAssertFalse(text.contains("FAILED"), text)
        XCTAssertTrue(text.contains("scaling: the 200-issue time over the 100-issue time"), text)
        // The scale section reuses section 3's 100-issue time and checks its rows, GROUP BY counts and pages.
        XCTAssertTrue(text.contains("| 100 issues (the reference: section 3's median), ingestion wall time |"), text)
        XCTAssertTrue(text.contains("check: Snowlite ingested exactly 1,000 rows into BENCH_DB.PUBLIC.BENCH_ISSUES"), text)
        XCTAssertTrue(text.contains("check: every page answered 200 without an error"), text)
    }
}
