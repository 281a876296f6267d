// SnowliteCommand: the `snowlite` program. Its own subcommands — `serve` (the scheduler loop and
// the dashboard) and `tasks run-due | wait` — parse here with ArgumentParser; anything else is
// snowsql's command line, handled exactly as `snowsql` handles it (SnowSQLCommand), so
// `snowlite -q …`, `snowlite -f …`, `snowlite --version` keep working. `fixtures github` serves the
// mock GitHub API (FixturesCommand.swift); a new subcommand is one more entry in `subcommands`.
// The commands share the account options of AccountOptions and print through `CommandOutput`.
//
// `snowlite serve` runs the account's task scheduler (TaskScheduler) and the dashboard
// (DashboardService: the connector's Streamlit page on http://127.0.0.1:8080) until SIGTERM
// or SIGINT, printing one line per run. On the signal no new run starts; a run in progress has
// `--grace` seconds to finish, then it is cancelled at its next statement and recorded CANCELLED;
// if it still has not ended a few seconds later, its runs are marked CANCELLED through a
// connection of their own and the process exits; the dashboard stops with it.
//
// `--time-scale N` runs the scheduler's clock N times faster than real time from the moment serve
// starts, and `--poll-interval` sets the real seconds between ticks, so a test sees two runs of a
// one-minute task in about two seconds instead of two minutes.

import ArgumentParser
import Dashboard
import Foundation
import Snowlite

public struct SnowliteCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "snowlite",
        abstract: "Snowlite: a Snowflake account on one SQLite file.",
        discussion: "Without one of these subcommands, snowlite is snowsql (see snowlite --help).",
        subcommands: [ServeCommand.self, TasksCommand.self, FixturesCommand.self])

    public init() {}

    /// The names that select a `snowlite` subcommand rather than snowsql.
    static var subcommandNames: Set<String> {
        Set(configuration.subcommands.map { $0._commandName })
    }

    /// The program: a subcommand runs here, everything else as snowsql.
    public static func main() -> Never {
        SnowSQLCommand.keepFreedMemory()
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let first = arguments.first, subcommandNames.contains(first) else { SnowSQLCommand.main() }
        SnowliteCommand.main(arguments)
        Foundation.exit(0)
    }
}

/// Which account a subcommand works on, found as snowsql finds it: `--db`, else the account
/// (`-a`, SNOWSQL_ACCOUNT, `-c NAME`'s section, `[connections]`) under SNOWLITE_HOME.
struct AccountOptions: ParsableArguments {
    @Option(name: [.customShort("a"), .customLong("accountname")], help: "Account name; Snowlite keeps one file per account.")
    var accountName: String?
    @Option(name: [.customShort("u"), .customLong("username")], help: "User name to connect as.")
    var userName: String?
    @Option(name: [.customShort("c"), .customLong("connection")], help: "Named connection: a [connections.NAME] section of the config.")
    var connection: String?
    @Option(name: .customLong("config"), help: "Config file to read instead of ~/.snowsql/config.")
    var configPath: String?
    @Option(name: .customLong("db"), help: "The account file (default $SNOWLITE_DB, else $SNOWLITE_HOME/<account>.sqlite).")
    var databasePath: String?

    /// The connection options these flags, the config files and the environment give.
    func connectionOptions(environment: [String: String]) throws -> ConnectionOptions {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let config = try ConfigFile.load(paths: ConfigFile.standardPaths(home: home, explicit: configPath))
        let settings = try ConnectionSettings.fromConfig(config, connection: connection)
            .overridden(by: .fromEnvironment(environment))
            .overridden(by: ConnectionSettings(account: accountName, user: userName))
        var options = ConnectionOptions()
        if let account = settings.account { options.account = account }
        if let user = settings.user { options.user = user }
        options.databasePath = databasePath
        return options
    }

    /// A session on the account, in `database` and `schema` when given, with the real clock unless
    /// one is given.
    func session(environment: [String: String], database: String? = nil, schema: String? = nil,
                 clock: (@Sendable () -> Date)? = nil) throws -> Session {
        var options = try connectionOptions(environment: environment)
        (options.database, options.schema) = (database, schema)
        let store = try Snowlite.openAccount(options, environment: environment)
        return try Snowlite.makeSession(store: store, options: options, clock: clock ?? Snowlite.clock(environment: environment),
                                        environment: environment)
    }
}

/// Where the subcommands print: standard output, unbuffered, one line at a time.
enum CommandOutput {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// `snowlite tasks run-due | wait`.
struct TasksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks",
        abstract: "Run or wait for task runs without a scheduler.",
        subcommands: [RunDueCommand.self, WaitCommand.self])
}

/// `snowlite tasks run-due`: every due run once — scheduled, queued by EXECUTE TASK, graph
/// children — then exit. Prints one line per run; exits 1 when the account cannot be opened.
struct RunDueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-due", abstract: "Run every due task run once and exit.")

    @OptionGroup var account: AccountOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        do {
            let session = try account.session(environment: environment)
            let runs = try session.runDueTasks(now: session.clock())
            for run in runs { CommandOutput.line(TaskScheduler.line(run)) }
            CommandOutput.line("\(runs.count) task run(s).")
        } catch {
            CommandOutput.error("\(error)")
            throw ExitCode(1)
        }
    }
}

/// `snowlite tasks wait [NAME] [--timeout S]`: waits until no run (of NAME) is queued or executing.
/// Exits 0 then, 1 after the timeout or when NAME names no task.
struct WaitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait", abstract: "Wait until queued and executing task runs have finished.")

    @OptionGroup var account: AccountOptions
    @Option(name: [.customShort("d"), .customLong("dbname")], help: "Database that an unqualified task name is in.")
    var databaseName: String?
    @Option(name: [.customShort("s"), .customLong("schemaname")], help: "Schema that an unqualified task name is in.")
    var schemaName: String?
    @Option(name: .customLong("timeout"), help: "Seconds to wait at most.")
    var timeout: Double = 60
    @Option(name: .customLong("poll-interval"), help: "Seconds between two looks at the runs.")
    var pollInterval: Double = 0.1
    @Argument(help: "The task (db.schema.name, or with -d and -s); every task when omitted.")
    var name: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        do {
            let session = try account.session(environment: environment, database: databaseName, schema: schemaName)
            let task = try name.map(session.visibleTaskName)
            let deadline = Date().addingTimeInterval(timeout)
            while try session.hasPendingTaskRuns(task: task) {
                guard Date() < deadline else {
                    CommandOutput.error("Timed out after \(String(format: "%g", timeout)) s waiting for the runs of \(task ?? "every task").")
                    throw ExitCode(1)
                }
                Thread.sleep(forTimeInterval: pollInterval)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            CommandOutput.error("\(error)")
            throw ExitCode(1)
        }
    }
}

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the account's task scheduler and its dashboard until SIGTERM or SIGINT.")

    @OptionGroup var account: AccountOptions
    @Option(name: .customLong("poll-interval"), help: "Real seconds between two looks for due runs.")
    var pollInterval: Double = 1
    @Option(name: .customLong("grace"), help: "Seconds a run in progress may take to finish after SIGTERM before it is cancelled.")
    var grace: Double = 30
    @Option(name: .customLong("time-scale"), help: "Run the scheduler's clock this many times faster than real time (for tests).")
    var timeScale: Double = 1
    @Option(name: .customLong("dashboard-host"), help: "Address the dashboard listens on (loopback unless --allow-remote).")
    var dashboardHost = "127.0.0.1"
    @Option(name: .customLong("dashboard-port"), help: "Port of the dashboard; 0 picks a free one.")
    var dashboardPort = 8080
    @Flag(name: .customLong("allow-remote"), help: "Let the dashboard listen beyond loopback; requests then need its token.")
    var allowRemote = false
    @Option(name: .customLong("token"), help: "The dashboard's access token when --allow-remote (default: a random one, printed).")
    var token: String?
    @Flag(name: .customLong("no-dashboard"), help: "Run the scheduler only.")
    var noDashboard = false

    /// Seconds after the grace period that a cancelled run has to end before the process leaves anyway.
    static let cancellationAllowance: Double = 5

    func validate() throws {
        guard pollInterval > 0 else { throw ValidationError("--poll-interval must be more than 0.") }
        guard grace >= 0 else { throw ValidationError("--grace must not be negative.") }
        guard timeScale > 0 else { throw ValidationError("--time-scale must be more than 0.") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let options: ConnectionOptions
        do {
            options = try account.connectionOptions(environment: environment)
            _ = try Snowlite.openAccount(options, environment: environment)
        } catch {
            CommandOutput.error("\(error)")
            throw ExitCode(1)
        }
        let baseClock = Snowlite.clock(environment: environment)
        let clock = timeScale == 1 ? baseClock : TaskScheduler.scaledClock(timeScale, from: baseClock)
        var configuration = TaskScheduler.Configuration()
        (configuration.pollInterval, configuration.grace) = (pollInterval, grace)
        let scheduler = TaskScheduler(configuration: configuration, clock: clock, log: CommandOutput.line) {
            try Snowlite.makeSession(store: try Snowlite.openAccount(options, environment: environment), options: options,
                                     clock: clock, environment: environment)
        }

        let dashboard: DashboardService?
        do {
            dashboard = noDashboard ? nil : try DashboardService.start(
                DashboardConfiguration(host: dashboardHost, port: dashboardPort, allowRemote: allowRemote, token: token)) {
                try Snowlite.connect(options, environment: environment)
            }
        } catch {
            CommandOutput.error("\(error)")
            throw ExitCode(1)
        }
        defer { dashboard?.stop() }

        let signals = DispatchQueue(label: "snowlite.serve.signals")
        let sources = [SIGTERM, SIGINT].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: signals)
            source.setEventHandler {
                scheduler.stop()
                signals.asyncAfter(deadline: .now() + grace + ServeCommand.cancellationAllowance) {
                    guard !scheduler.waitUntilFinished(timeout: 0) else { return }
                    // A run that ignores cancellation (stuck outside SQLite): record it and leave.
                    if let store = try? Snowlite.openAccount(options, environment: environment) {
                        try? Session.cancelTaskRuns(claimedBy: scheduler.claimer, in: store, at: clock())
                    }
                    CommandOutput.line("Scheduler stopped; runs still executing were cancelled.")
                    Foundation.exit(0)
                }
            }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        do {
            try scheduler.run()
        } catch {
            CommandOutput.error("\(error)")
            throw ExitCode(1)
        }
    }
}
