// ClientSession: the client's side of one connection — options, client variables, the console —
// and the loop that runs a script: split it, substitute `&` variables, send each statement, print
// its result and footer, or print its error and decide, from `exit_on_error` and `stop_on_error`,
// whether to go on. Batch input (`-q`, `-f`, standard input), `!source` and each complete REPL
// entry all go through `run(script:)`.

import Foundation
import Engine
import Snowlite
import SnowSQL

public final class ClientSession {
    public let connection: any StatementExecuting
    public private(set) var options: ClientOptions
    public var variables: ClientVariables
    public let console: Console
    let stopwatch: Stopwatch
    let environment: [String: String]
    /// Errors so far (SQL errors, undefined variables, failed client commands).
    public private(set) var errorCount = 0
    /// How deep `!source` has nested, to stop a file that sources itself.
    var sourceDepth = 0
    static let maximumSourceDepth = 32

    public init(connection: any StatementExecuting, options: ClientOptions, variables: ClientVariables,
                console: Console, stopwatch: Stopwatch = .system, environment: [String: String] = [:]) throws {
        self.connection = connection
        self.options = options
        self.variables = variables
        self.console = console
        self.stopwatch = stopwatch
        self.environment = environment
        self.variables.importEnvironment(options.environmentVariables, from: environment)
        try applyOptions()
    }

    /// Changes one option (`!set`) and applies it to the console and variables.
    public func setOption(assignment: String) throws {
        var changed = options
        try changed.set(assignment: assignment)
        let previousEnvironmentNames = options.environmentVariables
        options = changed
        if options.environmentVariables != previousEnvironmentNames {
            variables.importEnvironment(options.environmentVariables, from: environment)
        }
        try applyOptions()
    }

    func applyOptions() throws {
        console.quiet = options.quiet
        console.timingInOutputFile = options.timingInOutputFile
        try console.setOutputFile(options.outputFile)
    }

    var formatter: ResultFormatter {
        ResultFormatter(format: options.outputFormat, header: options.header, emptyForNullInTSV: options.emptyForNullInTSV)
    }

    // MARK: - Running

    /// Runs every statement and client command of a script, in order, until one says to stop.
    public func run(script: String) -> RunOutcome {
        for statement in StatementSplitter.split(script) {
            let outcome: RunOutcome
            switch statement.kind {
            case .sql: outcome = runStatement(statement.text)
            case .clientCommand: outcome = runClientCommand(statement.text)
            }
            if outcome != .proceed { return outcome }
        }
        return .proceed
    }

    /// Runs one SQL statement's text (without its `;`): substitution, echo, execution, output.
    public func runStatement(_ statementText: String) -> RunOutcome {
        var text = statementText
        if options.variableSubstitution {
            do {
                text = try variables.substitute(text)
            } catch {
                return failed("\(error)")
            }
        }
        if options.removeComments {
            text = StatementSplitter.removingComments(text)
            if text.isEmpty { return .proceed }
        }
        if !options.removeTrailingSemicolons { text += ";" }
        if options.echo { console.write(text, as: .result) }
        let started = stopwatch.now()
        let result: ResultSet
        do {
            result = try connection.execute(text)
        } catch let error as SnowflakeError {
            return failed(errorText(error))
        } catch {
            return failed("\(error)")
        }
        let elapsed = max(0, stopwatch.now() - started)
        variables["__rowcount"] = String(result.producedRowCount)
        let queryID = result.queryID.isEmpty ? (connection.lastQueryID ?? "") : result.queryID
        variables["__sfqid"] = queryID
        let rendered = formatter.render(result)
        if !rendered.isEmpty { console.write(rendered, as: .result) }
        if options.timing {
            console.write(ClientSession.footer(rows: result.producedRowCount, seconds: elapsed), as: .timing)
        }
        if options.sfqid && !queryID.isEmpty { console.write("Query ID: \(queryID)", as: .timing) }
        return .proceed
    }

    /// `N Row(s) produced. Time Elapsed: 0.123s`
    public static func footer(rows: Int, seconds: Double) -> String {
        // Milliseconds by hand: String(format:) goes through CoreFoundation's formatter.
        let millis = max(0, Int((seconds * 1000).rounded()))
        let fraction = String(millis % 1000)
        return "\(rows) Row(s) produced. Time Elapsed: \(millis / 1000).\(String(repeating: "0", count: 3 - fraction.count) + fraction)s"
    }

    /// The server error as snowsql prints it; with `sfqid_in_error` the query id goes after the
    /// SQLSTATE, as the Python connector formats it (`<code> (<state>): <qid>: <message>`).
    func errorText(_ error: SnowflakeError) -> String {
        // Client-side errors (PUT's 253006…) have no SQLSTATE and no query id.
        if options.sfqidInError, !error.sqlState.isEmpty, let queryID = connection.lastQueryID, !queryID.isEmpty {
            return "\(error.code) (\(error.sqlState)): \(queryID): \(error.message)"
        }
        return error.description
    }

    /// Prints an error, counts it, and says what happens next.
    func failed(_ message: String) -> RunOutcome {
        errorCount += 1
        console.write(message, as: .error)
        if options.exitOnError { return .exit(ClientExitCode.errorWithExitOnError) }
        if options.stopOnError { return .stop }
        return .proceed
    }

    /// Runs `BEGIN`, `COMMIT` or `ROLLBACK` for `--single-transaction` without printing a result.
    /// A failure prints as any statement's error.
    func runQuietly(_ sql: String) -> RunOutcome {
        do {
            _ = try connection.execute(sql)
            return .proceed
        } catch let error as SnowflakeError {
            return failed(errorText(error))
        } catch {
            return failed("\(error)")
        }
    }

    /// `USER#WAREHOUSE@DATABASE.SCHEMA>`, with snowsql's placeholders for what is not set.
    public var prompt: String {
        let warehouse = connection.currentWarehouse ?? "(no warehouse)"
        let database = connection.currentDatabase ?? "(no database)"
        let schema = connection.currentSchema ?? "(no schema)"
        return "\(connection.user)#\(warehouse)@\(database).\(schema)>"
    }

    /// Reads a file named by `-f`, `!source` or `!load`; `~` means the home directory.
    static func readScript(_ path: String, environment: [String: String]) throws -> String {
        let expanded = ConfigFile.expandingTilde(path, home: environment["HOME"] ?? NSHomeDirectory())
        guard let data = FileManager.default.contents(atPath: expanded) else {
            throw ClientError("File not found or not readable: \(path)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
