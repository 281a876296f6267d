// FakeConnection and Harness: the test doubles of the client. FakeConnection records every
// statement it receives and answers from a script of canned results or errors; Harness builds a
// ClientLauncher over text buffers, a frozen stopwatch and a temporary HOME, and runs argv.

import Foundation
import Engine
import Snowlite
import SnowSQLClient
import XCTest

final class FakeConnection: StatementExecuting {
    /// Every statement text received, in order.
    private(set) var executed: [String] = []
    /// Answers by exact statement text; statements without one get `Statement executed successfully.`
    var answers: [String: Result<ResultSet, SnowflakeError>] = [:]
    let user: String
    var currentRole: String? = "ACCOUNTADMIN"
    var currentWarehouse: String? = "COMPUTE_WH"
    var currentDatabase: String?
    var currentSchema: String?
    var lastQueryID: String?

    init(user: String = "SNOWLITE") { self.user = user }

    func execute(_ sql: String) throws -> ResultSet {
        executed.append(sql)
        lastQueryID = "01b00000-0000-0000-0000-00000000000\(executed.count % 10)"
        switch answers[sql] {
        case .success(let result)?: return result
        case .failure(let error)?: throw error
        case nil: return .success
        }
    }

    /// A fake queues no task runs.
    func waitForQueuedTaskRuns() {}
    func closeBeforeExit() {}
}

extension ResultSet {
    /// A query result of text columns for tests.
    static func strings(_ names: [String], _ rows: [[String?]]) -> ResultSet {
        ResultSet(columns: names.map { ResultColumn($0, .string) },
                  rows: rows.map { $0.map { $0.map(Value.string) ?? .null } })
    }
}

let databaseMissing = SnowflakeError.doesNotExist("Database", "RAW_DB")

/// Runs the client in-process and keeps what it printed.
final class Harness {
    let home: URL
    let connection = FakeConnection()
    let stdout = TextBuffer()
    let stderr = TextBuffer()
    var standardInput: String?
    var replLines: [String]?
    var environment: [String: String]
    /// The connection options the launcher asked for.
    private(set) var connectedWith: ConnectionOptions?
    var connectError: SnowflakeError?

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("snowsql-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        environment = ["HOME": home.path, "SNOWLITE_HOME": home.path, "PATH": "/usr/bin:/bin"]
    }

    deinit { try? FileManager.default.removeItem(at: home) }

    /// Writes a file under the temporary HOME and returns its path.
    @discardableResult
    func write(_ relativePath: String, _ text: String) throws -> String {
        let url = home.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func read(_ relativePath: String) -> String? {
        try? String(contentsOf: home.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// Runs `snowsql <arguments>` and returns the exit code.
    func run(_ arguments: [String]) -> Int32 {
        let console = Console(standardOutput: { [stdout] in stdout.append($0) },
                              standardError: { [stderr] in stderr.append($0) })
        let launcher = ClientLauncher(
            environment: environment, console: console, stopwatch: .frozen,
            connector: { [unowned self] options in
                self.connectedWith = options
                if let error = self.connectError { throw error }
                return self.connection
            },
            standardInputIsTerminal: standardInput == nil,
            readStandardInput: { [unowned self] in self.standardInput ?? "" },
            runREPL: { [unowned self] session in
                var lines = self.replLines ?? []
                return REPL(session: session, readLine: { prompt in
                    console.writeRaw(prompt)
                    guard !lines.isEmpty else { return .endOfInput }
                    let line = lines.removeFirst()
                    if line == "^C" { console.writeRaw("^C\n"); return .interrupted }
                    console.writeRaw(line + "\n")
                    return .line(line)
                }).run()
            },
            configPaths: nil)
        return SnowSQLCommand.run(arguments: arguments, launcher: launcher)
    }
}

/// The banner and farewell around batch output with `friendly=true`.
func friendly(_ body: String) -> String {
    "* SnowSQL * v1.2.32\nType SQL statements or !help\n" + body + "Goodbye!\n"
}
