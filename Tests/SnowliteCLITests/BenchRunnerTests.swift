// BenchRunnerTests: keeps the benchmark runner from rotting. `make bench` runs `snowlite-bench` on a
// release build for minutes; this runs `snowlite-bench --smoke` (tiny sizes, one run each, every
// section and every code path) on the debug build the suite already made, and checks the report's
// structure: the five sections, the workload's count check, a successful exit. No timing is
// asserted, and nothing here depends on the runner's target: it is found among the built products.

import Foundation
import XCTest

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
            "## 5. Scheduler idle cost",
        ] {
            XCTAssertTrue(text.contains(heading), "missing from the report: \(heading)\n\(text)")
        }
        // The workload at 1/100 scale: 50 inserts and 2 merges adding 2 rows each.
        XCTAssertTrue(text.contains("check: every run ends with 54 rows, 54 distinct ids, SUM(id) = 1485 — Snowlite OK, SQLite OK"),
                      text)
        XCTAssertTrue(text.contains("failed statements (first run): Snowlite 0, SQLite 0"), text)
        for target in ["`select 1` ≤ 15 ms", "workload ≤ 2.5 s", "ingestion ≥ 20,000 issues/s at 100,000 issues",
                       "peak memory ≤ 100 MB at 100,000 issues", "quickstart ≤ 1 s"] {
            XCTAssertTrue(text.contains("| \(target) |"), "missing target \(target)")
        }
        XCTAssertFalse(text.contains("FAILED"), text)
        XCTAssertTrue(text.contains("scaling: the 200-issue time over the 100-issue time"), text)
    }
}
