// SnowliteCommand: the `snowlite` program. Its own subcommands — `serve` (ServeCommand.swift: the
// scheduler loop and the dashboard), `tasks run-due | wait` (TaskCommands.swift) and `fixtures github`
// (FixturesCommand.swift) — parse here with ArgumentParser; anything else is snowsql's command line,
// handled exactly as `snowsql` handles it (SnowSQLCommand), so `snowlite -q …`, `snowlite -f …`,
// `snowlite --version` keep working. A new subcommand is one more entry in `subcommands`. The
// commands share the account options of AccountOptions and print through `CommandOutput`.

import ArgumentParser
import Engine
import Foundation
import Snowlite
import SnowSQLClient

public struct SnowliteCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "snowlite",
        abstract: "Snowlite: a Snowflake account on one SQLite file.",
        discussion: "Without one of these subcommands, snowlite is snowsql (see snowlite --help).",
        subcommands: [ServeCommand.self, TasksCommand.self, FixturesCommand.self, PythonCommand.self])

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

    /// The flags as given, for a worker process to find the same account (TaskRunProcess).
    var arguments: [String] {
        [("-a", accountName), ("-u", userName), ("-c", connection), ("--config", configPath), ("--db", databasePath)]
            .flatMap { flag, value in value.map { [flag, $0] } ?? [] }
    }

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

/// Where the subcommands print: standard output, unbuffered, one line at a time. A line standard
/// output refuses (a full disk) goes to standard error instead; the scheduler never stops for it.
enum CommandOutput {
    static func line(_ text: String) {
        let data = Data((text + "\n").utf8)
        do { try FileHandle.standardOutput.write(contentsOf: data) } catch {
            try? FileHandle.standardError.write(contentsOf: data)
        }
    }

    static func error(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data((text + "\n").utf8))
    }
}

