// REPLTests: the interactive prompt. In-process over scripted lines (prompts, continuation,
// Ctrl-C, Ctrl-D, !quit), and for real through a pseudo-terminal: tmux runs the built binary,
// keys are sent, the screen is read back — readline, history and Ctrl-C handling included.

import Foundation
import SnowliteTesting
@testable import SnowSQLClient
import XCTest

final class REPLTests: XCTestCase {
    func testPromptsContinuationInterruptAndEndOfInput() throws {
        let harness = try Harness()
        harness.connection.currentDatabase = "DEV"
        harness.replLines = ["select", "1;", "select 2", "^C", "!print x;", "", "!set friendly=false"]
        XCTAssertEqual(harness.run(["-o", "quiet=true"]), 0)
        let prompt = "SNOWLITE#COMPUTE_WH@DEV.(no schema)> "
        let continuation = String(repeating: " ", count: prompt.count - 2) + "> "
        XCTAssertEqual(harness.stdout.text, """
            * SnowSQL * v1.2.32
            Type SQL statements or !help
            \(prompt)select
            \(continuation)1;
            \(prompt)select 2
            \(continuation)^C
            \(prompt)!print x;
            x
            \(prompt)
            \(prompt)!set friendly=false
            \(prompt)

            """)
        XCTAssertEqual(harness.connection.executed, ["select\n1"])
    }

    func testQuitEndsTheLoopAndExitOnErrorLeavesWith5() throws {
        let harness = try Harness()
        harness.replLines = ["!quit", "select 1;"]
        XCTAssertEqual(harness.run(["-o", "friendly=false"]), 0)
        XCTAssertEqual(harness.connection.executed, [])

        let strict = try Harness()
        strict.connection.answers["bad"] = .failure(databaseMissing)
        strict.replLines = ["bad;", "select 1;"]
        XCTAssertEqual(strict.run(["-o", "friendly=false", "-o", "exit_on_error=true"]), 5)
        XCTAssertEqual(strict.connection.executed, ["bad"])
    }

    func testContinuationPromptWidth() {
        XCTAssertEqual(REPL.continuationPrompt(width: 6), "    > ")
    }

    // MARK: - Through a terminal

    func testTerminalSessionWithReadlineHistoryCtrlCAndCtrlD() throws {
        let tmux = try TerminalSession.start(program: try BuiltProgram.locate("snowsql"))
        defer { tmux.close() }
        let prompt = "SNOWLITE#COMPUTE_WH@(no database).(no schema)>"
        try tmux.waitFor { $0.contains(prompt) }

        tmux.send("!print hello", "Enter")
        try tmux.waitFor { $0.contains("\nhello\n") }

        tmux.send("select 1", "Enter")
        try tmux.waitFor { screen in screen.split(separator: "\n").last.map { $0.hasSuffix(">") && $0.allSatisfy { $0 == " " || $0 == ">" } } ?? false }
        tmux.send("C-c")
        try tmux.waitFor { $0.components(separatedBy: prompt).count == 4 }
        // The cancelled text is gone: the next command runs on its own.
        tmux.send("!print after", "Enter")
        try tmux.waitFor { $0.contains("\nafter\n") }
        XCTAssertTrue(tmux.isAlive)

        tmux.send("C-d")
        try tmux.waitFor { $0.contains("Goodbye!") }
        try tmux.waitFor(timeout: 5) { _ in tmux.exitStatus != nil }
        XCTAssertEqual(tmux.exitStatus, "0")
        let history = try String(contentsOf: tmux.home.appendingPathComponent(".snowsql/history"), encoding: .utf8)
        XCTAssertTrue(history.contains("!print hello"), history)
        XCTAssertTrue(history.contains("!print after"), history)
        XCTAssertFalse(history.contains("select 1"), history)
    }
}

/// A tmux server of its own (unique socket) running one program in a detached session.
final class TerminalSession {
    let socket = "snowlite-test-\(UUID().uuidString.prefix(8))"
    let home: URL

    private init(home: URL) { self.home = home }

    struct TerminalUnavailable: Error, CustomStringConvertible {
        var output: String
        var description: String { "tmux could not start a session: \(output)" }
    }

    static func start(program: BuiltProgram) throws -> TerminalSession {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("snowsql-tty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let session = TerminalSession(home: home)
        // The shell records the exit status in a file: it survives the pane, whatever tmux keeps.
        // Written aside and renamed, so a reader never sees the file created but still empty.
        let command = "env HOME='\(home.path)' SNOWLITE_HOME='\(home.path)' TERM=xterm '\(program.url.path)'; "
            + "echo $? > '\(home.path)/exit-status.tmp' && mv '\(home.path)/exit-status.tmp' '\(home.path)/exit-status'"
        let started = session.tmux(["-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "150", "-y", "40", command,
                                    ";", "set-option", "-w", "-t", "main", "remain-on-exit", "on"])
        guard started.status == 0 else {
            // CI installs tmux (.ci/run); without it the REPL is untested, which must show as a failure.
            throw TerminalUnavailable(output: started.output)
        }
        return session
    }

    /// Runs a tmux client command and waits for it. Spawned with posix_spawn and its output sent
    /// to a file: the tmux server that `new-session` forks keeps every descriptor it inherits, so
    /// Foundation's Process (which watches a descriptor to notice the exit) would wait forever.
    @discardableResult
    func tmux(_ arguments: [String]) -> (status: Int32, output: String) {
        let outputPath = home.appendingPathComponent("tmux-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let argv = ["tmux", "-L", socket] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, "tmux", &actions, nil, cArguments, cEnvironment) == 0 else {
            return (127, "tmux could not be started")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return ((status >> 8) & 0xff, text)
    }

    func send(_ keys: String...) { tmux(["send-keys", "-t", "main"] + keys) }

    var screen: String { tmux(["capture-pane", "-p", "-t", "main"]).output }

    var isAlive: Bool { tmux(["display-message", "-p", "-t", "main", "#{pane_dead}"]).output.trimmingCharacters(in: .whitespacesAndNewlines) == "0" }

    /// The program's exit status once it has ended, else nil.
    var exitStatus: String? {
        (try? String(contentsOf: home.appendingPathComponent("exit-status"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
    }

    /// Polls the screen until `condition` holds; fails with the screen's text after `timeout`.
    func waitFor(timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line,
                 _ condition: (String) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(screen) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("timed out waiting; the screen shows:\n\(screen)", file: file, line: line)
        throw CancellationError()
    }

    func close() {
        tmux(["kill-server"])
        try? FileManager.default.removeItem(at: home)
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
