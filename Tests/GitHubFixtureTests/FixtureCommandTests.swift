// FixtureCommandTests: `snowlite fixtures github` as the benchmarks start it, spoken to over a
// socket. `--rate-limit N` is the limit the server applies: X-RateLimit-Limit says N, the N
// requests of the window are answered and the next gets GitHub's 403 with nothing remaining.
// Without the option the limit is GitHub's 5,000; a limit below 1 is refused before anything
// listens.

import Foundation
import GitHubFixture
import SnowliteTesting
import XCTest

final class FixtureCommandTests: XCTestCase {
    private var folder: URL!
    private var snowlite: BuiltProgram!
    private let headers = [("Authorization", bearer)]

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("snowlite-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        snowlite = try BuiltProgram.locate("snowlite")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testTheRateLimitOptionIsTheLimitTheServerApplies() throws {
        try withFixture(["--rate-limit", "3"]) { port in
            for remaining in ["2", "1", "0"] {
                let page = try LoopbackHTTPClient.get(port: port, path: snowcli, headers: headers)
                XCTAssertEqual(page.status, 200, page.body)
                XCTAssertEqual(page.header("X-RateLimit-Limit"), "3")
                XCTAssertEqual(page.header("X-RateLimit-Remaining"), remaining)
            }
            let refused = try LoopbackHTTPClient.get(port: port, path: snowcli, headers: headers)
            XCTAssertEqual(refused.status, 403)
            XCTAssertEqual(
                refused.body,
                #"{"message":"API rate limit exceeded for user ID 1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}"#
            )
            XCTAssertEqual(refused.header("X-RateLimit-Limit"), "3")
            XCTAssertEqual(refused.header("X-RateLimit-Remaining"), "0")
            XCTAssertEqual(refused.header("X-RateLimit-Used"), "3")
        }
        try withFixture(["--rate-limit", "20000"]) { port in
            let page = try LoopbackHTTPClient.get(port: port, path: snowcli, headers: headers)
            XCTAssertEqual(page.header("X-RateLimit-Limit"), "20000")
            XCTAssertEqual(page.header("X-RateLimit-Remaining"), "19999")
        }
    }

    func testWithoutTheOptionTheLimitIsGitHubs() throws {
        try withFixture([]) { port in
            let page = try LoopbackHTTPClient.get(port: port, path: snowcli, headers: headers)
            XCTAssertEqual(page.status, 200, page.body)
            XCTAssertEqual(page.header("X-RateLimit-Limit"), "5000")
            XCTAssertEqual(page.header("X-RateLimit-Remaining"), "4999")
        }
    }

    func testALimitBelowOneIsRefused() throws {
        for limit in ["0", "-1"] {
            let output = try snowlite.run(["fixtures", "github", "--port", "0", "--rate-limit=\(limit)"], home: folder)
            XCTAssertNotEqual(output.status, 0, limit)
            XCTAssertTrue(
                output.stderr.contains("--rate-limit takes the requests allowed per hour, at least 1, not \(limit)"), output.stderr)
        }
    }

    /// Runs `snowlite fixtures github --port 0` with `arguments`, calls `body` with its port once it
    /// listens, and stops it with SIGTERM.
    private func withFixture(_ arguments: [String], _ body: (Int) throws -> Void) throws {
        let portFile = folder.appendingPathComponent("github-\(UUID().uuidString).port")
        let log = folder.appendingPathComponent("github.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = snowlite.url
        process.arguments = ["fixtures", "github", "--port", "0", "--port-file", portFile.path] + arguments
        process.environment = ["HOME": folder.path, "SNOWLITE_HOME": folder.path, "PATH": "/usr/bin:/bin"]
        process.standardInput = FileHandle.nullDevice
        let output = try FileHandle(forWritingTo: log)
        process.standardOutput = output
        process.standardError = output
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
            try? output.close()
        }
        var port = 0
        let deadline = Date().addingTimeInterval(30)
        while port == 0 && process.isRunning && Date() < deadline {
            let text = (try? String(contentsOf: portFile, encoding: .utf8)) ?? ""
            port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            if port == 0 { Thread.sleep(forTimeInterval: 0.05) }
        }
        guard port > 0 else {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            return XCTFail("the fixture did not start: \(text)")
        }
        try body(port)
    }
}
