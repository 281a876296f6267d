// ClientLauncher: what snowsql does between parsing its arguments and exiting. It reads the
// config files, resolves the connection (flags beat SNOWSQL_* variables, which beat
// `[connections.NAME]`, which beats `[connections]`), the options (`-o` beats `[options]`) and the
// variables (`-D` beats `[variables]`), connects, prints the friendly banner, runs `-q`, then the
// `-f` files, else standard input when it is not a terminal, else the REPL, and returns the exit
// code (spec §1.1, §1.2, §1.8).
//
// Everything outside the process — environment, standard input, the console, the clock, how to
// connect, the REPL — is injected, so tests run the whole launch in-process with a fake connection.

import Foundation
import Engine
import Snowlite

/// The command line after parsing: what the user asked for, before config and environment.
public struct LaunchArguments: Sendable, Equatable {
    public var connection = ConnectionSettings()
    /// `-c NAME`.
    public var connectionName: String?
    /// `-f`, in order.
    public var files: [String] = []
    /// `-q`.
    public var query: String?
    /// `-D name=value`, in order.
    public var variables: [String] = []
    /// `-o name=value`, in order.
    public var options: [String] = []
    /// `--config PATH`.
    public var configPath: String?
    /// `--db PATH`: the account file.
    public var databasePath: String?
    /// `--single-transaction`: BEGIN before the input, COMMIT after (ROLLBACK after an error).
    public var singleTransaction = false

    public init() {}
}

public struct ClientLauncher {
    public var environment: [String: String]
    public var console: Console
    public var stopwatch: Stopwatch
    /// Opens the account; the real one calls `Snowlite.connect`.
    public var connector: Connector
    public var standardInputIsTerminal: Bool
    public var readStandardInput: () -> String
    /// The interactive loop, given the client session; returns how it ended.
    public var runREPL: (ClientSession) -> RunOutcome
    /// The config files to read; nil = snowsql's standard list under `HOME`.
    public var configPaths: [String]?
    /// How the real process ends once its statements and queued task runs are done: the account's
    /// connection closed (SQLite's own closing: an open transaction rolled back, the log copied into
    /// the file), the rest left to the exit — GRDB's teardown of the session's objects was a tenth of
    /// a `snowsql -q 'select 1'`. Nil in tests, where `run` returns the code.
    public var exitWithoutTeardown: ((Int32) -> Never)?

    public init(environment: [String: String], console: Console, stopwatch: Stopwatch, connector: @escaping Connector,
                standardInputIsTerminal: Bool, readStandardInput: @escaping () -> String,
                runREPL: @escaping (ClientSession) -> RunOutcome, configPaths: [String]? = nil) {
        self.environment = environment
        self.console = console
        self.stopwatch = stopwatch
        self.connector = connector
        self.standardInputIsTerminal = standardInputIsTerminal
        self.readStandardInput = readStandardInput
        self.runREPL = runREPL
        self.configPaths = configPaths
    }

    /// The launcher of the real process: real environment, terminal, clock, account and REPL.
    public static func live() -> ClientLauncher {
        let environment = processEnvironment()
        var launcher = ClientLauncher(
            environment: environment, console: Console(), stopwatch: .system,
            connector: { options in try Snowlite.connect(options, environment: environment) },
            standardInputIsTerminal: isatty(STDIN_FILENO) != 0,
            readStandardInput: {
                String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            },
            runREPL: { session in REPL(session: session, environment: environment).run() })
        launcher.exitWithoutTeardown = { code in Foundation.exit(code) }
        return launcher
    }

    var home: String { environment["HOME"] ?? NSHomeDirectory() }

    /// The process's environment, read from `environ` (the first of a repeated name wins, as with
    /// getenv). Foundation's ProcessInfo, on first use, sets itself up and instantiates its types:
    /// some 4% of a `snowsql -q 'select 1'` (issue 24).
    static func processEnvironment() -> [String: String] {
        var variables: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
                let name = String(text[..<equals])
                if variables[name] == nil { variables[name] = String(text[text.utf8.index(after: equals)...]) }
            }
            entry += 1
        }
        return variables
    }

    /// Runs snowsql for the parsed arguments and returns the process's exit code.
    public func run(_ arguments: LaunchArguments) -> Int32 {
        let prepared: (ConnectionOptions, ClientOptions, ClientVariables, [String])
        do {
            prepared = try prepare(arguments)
        } catch let failure as LaunchFailure {
            console.writeStandardError(failure.message)
            return failure.exitCode
        } catch {
            console.writeStandardError("\(error)")
            return ClientExitCode.clientProblem
        }
        let (connectionOptions, options, variables, scripts) = prepared
        let session: ClientSession
        do {
            let connection = try connector(connectionOptions)
            session = try ClientSession(connection: connection, options: options, variables: variables,
                                        console: console, stopwatch: stopwatch, environment: environment)
        } catch {
            console.writeStandardError("\(error)")
            return ClientExitCode.clientProblem
        }
        if options.friendly {
            console.write("* SnowSQL * v\(ClientVersion.snowsql)", as: .message)
            console.write("Type SQL statements or !help", as: .message)
        }
        var outcome = RunOutcome.proceed
        if arguments.singleTransaction { outcome = session.runQuietly("BEGIN") }
        if outcome == .proceed {
            outcome = runInput(session, scripts: scripts, batch: arguments.query != nil || !arguments.files.isEmpty)
        }
        if arguments.singleTransaction {
            let end = session.errorCount == 0 ? "COMMIT" : "ROLLBACK"
            let ended = session.runQuietly(end)
            if outcome == .proceed || outcome == .stop { outcome = ended }
        }
        // EXECUTE TASK returned at once; its run happens before the process ends (TaskRunWorker).
        session.connection.waitForQueuedTaskRuns()
        if session.options.friendly { console.write("Goodbye!", as: .message) }
        var code = ClientExitCode.success
        if case .exit(let exitCode) = outcome { code = exitCode }
        if let exitWithoutTeardown {
            session.connection.closeBeforeExit()
            withExtendedLifetime(session) { exitWithoutTeardown(code) }
        }
        return code
    }

    /// The statements' sources in order: `-q`, the `-f` files, else standard input or the REPL.
    private func runInput(_ session: ClientSession, scripts: [String], batch: Bool) -> RunOutcome {
        if batch {
            for script in scripts {
                let outcome = session.run(script: script)
                if outcome != .proceed { return outcome }
            }
            return .proceed
        }
        if !standardInputIsTerminal { return session.run(script: readStandardInput()) }
        return runREPL(session)
    }

    /// A failure before the session starts, with its exit code.
    struct LaunchFailure: Error {
        var message: String
        var exitCode: Int32
    }

    /// Config, connection, options, variables and the batch scripts' text (`-q` first, then the
    /// `-f` files, all read before connecting so a missing file fails at once).
    func prepare(_ arguments: LaunchArguments) throws -> (ConnectionOptions, ClientOptions, ClientVariables, [String]) {
        let paths = configPaths ?? ConfigFile.standardPaths(home: home, explicit: arguments.configPath)
        let config: ConfigFile
        do {
            config = try ConfigFile.load(paths: paths)
        } catch {
            throw LaunchFailure(message: "\(error)", exitCode: ClientExitCode.clientProblem)
        }
        let settings: ConnectionSettings
        do {
            settings = try ConnectionSettings.fromConfig(config, connection: arguments.connectionName)
                .overridden(by: .fromEnvironment(environment))
                .overridden(by: arguments.connection)
        } catch {
            throw LaunchFailure(message: "\(error)", exitCode: ClientExitCode.clientProblem)
        }

        var options = ClientOptions()
        for (name, value) in config.section("options").sorted(by: { $0.key < $1.key }) {
            do {
                try options.set(name, value)
            } catch {
                throw LaunchFailure(message: "\(error) (in the [options] section of the config file)",
                                    exitCode: ClientExitCode.clientProblem)
            }
        }
        for assignment in arguments.options {
            do {
                try options.set(assignment: assignment)
            } catch {
                throw LaunchFailure(message: "\(error)", exitCode: ClientExitCode.badArguments)
            }
        }

        var variables = ClientVariables(config.section("variables"))
        for assignment in arguments.variables {
            do {
                try variables.define(assignment: assignment)
            } catch {
                throw LaunchFailure(message: "\(error)", exitCode: ClientExitCode.badArguments)
            }
        }

        var scripts: [String] = []
        if let query = arguments.query { scripts.append(query) }
        for file in arguments.files {
            do {
                scripts.append(try ClientSession.readScript(file, environment: environment))
            } catch {
                throw LaunchFailure(message: "\(error)", exitCode: ClientExitCode.clientProblem)
            }
        }

        var connection = ConnectionOptions()
        if let account = settings.account { connection.account = account }
        if let user = settings.user { connection.user = user }
        connection.role = settings.role
        connection.warehouse = settings.warehouse
        connection.database = settings.database
        connection.schema = settings.schema
        connection.databasePath = arguments.databasePath
        // Snowlite's own option: where allowed egress is sent (as SNOWLITE_EGRESS_MAP, which it overrides).
        connection.egressMap = options.values["egress_map"].flatMap { $0.isEmpty ? nil : $0 }
        return (connection, options, variables, scripts)
    }
}
