// ScenarioTests: each `Scenarios/<name>.sql` runs through the built snowsql binary on a fresh
// account, with a fixed clock (SNOWLITE_FIXED_CLOCK) so output is deterministic, and its
// standard output must equal `Scenarios/<name>.expected` byte for byte. A first line
// `-- args: …` adds command-line arguments. The native-app scenarios (`app_*.sql`, issue 20) stage
// their app from `Scenarios/apps/<app>/`, as a provider would, then play the consumer. Coverage grows by adding a pair of files; to
// re-record after a deliberate change, run with SNOWLITE_RECORD=1 and review the diff.

import Foundation
import SnowliteTesting
import XCTest

final class ScenarioTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scenarios")

    func testEveryScenarioMatchesItsExpectedOutput() throws {
        let snowsql = try BuiltProgram.locate("snowsql")
        let scripts = try FileManager.default.contentsOfDirectory(atPath: ScenarioTests.folder.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        XCTAssertGreaterThanOrEqual(scripts.count, 5, "the scenario folder lost its scripts")
        for script in scripts {
            try check(script, with: snowsql)
        }
    }

    private func check(_ script: String, with snowsql: BuiltProgram) throws {
        let sqlURL = ScenarioTests.folder.appendingPathComponent(script)
        let expectedURL = sqlURL.deletingPathExtension().appendingPathExtension("expected")
        let text = try String(contentsOf: sqlURL, encoding: .utf8)
        var arguments = ["-o", "friendly=false", "-o", "timing=false", "-f", sqlURL.path]
        if let first = text.split(separator: "\n").first, first.hasPrefix("-- args:") {
            arguments = first.dropFirst("-- args:".count).split(separator: " ").map(String.init) + arguments
        }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        // Run from the scenario folder, so that a scenario PUTs its app's files as `file://apps/<app>/*`.
        let output = try snowsql.run(arguments, home: home, directory: ScenarioTests.folder,
                                     extraEnvironment: ["SNOWLITE_FIXED_CLOCK": "2026-01-02T03:04:05Z"])
        XCTAssertEqual(output.status, 0, "\(script): exit status")
        XCTAssertEqual(output.stderr, "", "\(script): standard error")
        if ProcessInfo.processInfo.environment["SNOWLITE_RECORD"] == "1" {
            try output.stdout.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        if output.stdout != expected {
            let got = output.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
            XCTFail("""
                \(script): output differs from \(expectedURL.lastPathComponent) at line \(line + 1)
                expected: \(line < want.count ? String(want[line]) : "<end>")
                got:      \(line < got.count ? String(got[line]) : "<end>")
                """)
        }
    }
}
