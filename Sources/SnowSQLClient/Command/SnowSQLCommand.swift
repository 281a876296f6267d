// SnowSQLCommand: snowsql's command line (spec §1.1), declared with swift-argument-parser. It only
// gathers flags and hands them to ClientLauncher; it maps argument errors to exit code 2.
// https://docs.snowflake.com/en/user-guide/snowsql-start#connection-parameters-reference
//
// `-?` means `--help` (rewritten before parsing; `-h` is snowsql's `--host`). Flags for servers,
// authentication and upgrades are accepted and ignored: there is one local account and no
// password. `snowsql` and `snowlite` are the same program; both call `SnowSQLCommand.main()`.

import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public struct SnowSQLCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "snowsql",
        abstract: "Snowlite's SnowSQL: run Snowflake SQL against a local account.",
        discussion: """
            Statements come from -q, then each -f file, else standard input when it is not a terminal, \
            else an interactive prompt. Options and variables can also be set in ~/.snowsql/config.
            """,
        helpNames: [.long])

    // MARK: Connection

    @Option(name: [.customShort("a"), .customLong("accountname")], help: "Account name; Snowlite keeps one file per account.")
    var accountName: String?
    @Option(name: [.customShort("u"), .customLong("username")], help: "User name to connect as.")
    var userName: String?
    @Option(name: [.customShort("d"), .customLong("dbname")], help: "Database to use.")
    var databaseName: String?
    @Option(name: [.customShort("s"), .customLong("schemaname")], help: "Schema in the database to use.")
    var schemaName: String?
    @Option(name: [.customShort("r"), .customLong("rolename")], help: "Role name to use.")
    var roleName: String?
    @Option(name: [.customShort("w"), .customLong("warehouse")], help: "Warehouse to use.")
    var warehouse: String?
    @Option(name: [.customShort("c"), .customLong("connection")], help: "Named connection: a [connections.NAME] section of the config.")
    var connection: String?
    @Option(name: .customLong("db"), help: "The account file (default $SNOWLITE_DB, else $SNOWLITE_HOME/<account>.sqlite).")
    var databasePath: String?

    // MARK: Input and settings

    @Option(name: [.customShort("f"), .customLong("filename")], help: "File to execute (repeatable, run in order).")
    var files: [String] = []
    @Option(name: [.customShort("q"), .customLong("query")], parsing: .unconditional, help: "Query text to execute; statements separated by ;.")
    var query: String?
    @Option(name: [.customShort("D"), .customLong("variable")], parsing: .unconditionalSingleValue, help: "Define a variable: NAME=VALUE (repeatable).")
    var variables: [String] = []
    @Option(name: [.customShort("o"), .customLong("option")], parsing: .unconditionalSingleValue, help: "Set an option: NAME=VALUE (repeatable).")
    var options: [String] = []
    @Option(name: .customLong("config"), help: "Config file to read instead of ~/.snowsql/config.")
    var configPath: String?
    @Flag(name: .customLong("single-transaction"), help: "Wrap the input in BEGIN and COMMIT.")
    var singleTransaction = false
    @Flag(name: [.customShort("v"), .customLong("version")], help: "Show the version and exit.")
    var version = false

    // MARK: Accepted and ignored

    @Option(name: [.customShort("h"), .customLong("host")], help: .hidden) var host: String?
    @Option(name: [.customShort("p"), .customLong("port")], help: .hidden) var port: String?
    @Option(name: .customLong("region"), help: .hidden) var region: String?
    @Option(name: .customLong("authenticator"), help: .hidden) var authenticator: String?
    @Option(name: .customLong("private-key-path"), help: .hidden) var privateKeyPath: String?
    @Option(name: .customLong("token"), help: .hidden) var token: String?
    @Option(name: .customLong("query_tag"), help: .hidden) var queryTag: String?
    @Option(name: [.customShort("m"), .customLong("mfa-passcode")], help: .hidden) var mfaPasscode: String?
    @Flag(name: [.customShort("P"), .customLong("prompt")], help: .hidden) var prompt = false
    @Flag(name: [.customShort("M"), .customLong("mfa-prompt")], help: .hidden) var mfaPrompt = false
    @Flag(name: .customLong("mfa-passcode-in-password"), help: .hidden) var mfaPasscodeInPassword = false
    @Flag(name: [.customShort("K"), .customLong("client-session-keep-alive")], help: .hidden) var keepAlive = false
    @Flag(name: .customLong("noup"), help: .hidden) var noUpgrade = false
    @Flag(name: [.customShort("U"), .customLong("upgrade")], help: .hidden) var upgrade = false
    @Flag(name: .customLong("versions"), help: .hidden) var versions = false
    @Flag(name: .customLong("probe-connection"), help: .hidden) var probeConnection = false
    @Flag(name: .customLong("abort-detached-query"), help: .hidden) var abortDetachedQuery = false
    @Flag(name: .customLong("disable-request-pooling"), help: .hidden) var disableRequestPooling = false
    @Flag(name: .customLong("include_connector_version"), help: .hidden) var includeConnectorVersion = false

    public init() {}

    /// The parsed flags as the launcher takes them.
    var launchArguments: LaunchArguments {
        var arguments = LaunchArguments()
        arguments.connection = ConnectionSettings(account: accountName, user: userName, database: databaseName,
                                                  schema: schemaName, role: roleName, warehouse: warehouse)
        arguments.connectionName = connection
        arguments.files = files
        arguments.query = query
        arguments.variables = variables
        arguments.options = options
        arguments.configPath = configPath
        arguments.databasePath = databasePath
        arguments.singleTransaction = singleTransaction
        return arguments
    }

    // MARK: - Entry points

    /// The program: parses the process's arguments, runs, exits with snowsql's exit code.
    public static func main() -> Never {
        keepFreedMemory()
        let code = run(arguments: Array(CommandLine.arguments.dropFirst()), launcher: .live())
        Foundation.exit(code)
    }

    /// glibc returns a freed block of 128 KiB or more to the kernel at once (and trims the heap
    /// above 128 KiB), so every page of issues an ingestion parses, 100 KB of text copied a few
    /// times, came back as fresh zeroed pages: a sixth of its time in page faults. Blocks up to 32
    /// MiB now come from the heap, which keeps up to 128 MiB free before trimming.
    public static func keepFreedMemory() {
        #if canImport(Glibc)
        // Swift's Glibc module leaves out <malloc.h>: mallopt is found by name, and its parameters
        // are M_TRIM_THRESHOLD (-1) and M_MMAP_THRESHOLD (-3).
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(-3, 32 << 20)
        _ = mallopt(-1, 128 << 20)
        #endif
    }

    /// Parses `arguments` (without the program name) and runs them with `launcher`.
    /// Help and version print to standard output and return 0; bad arguments return 2.
    public static func run(arguments: [String], launcher: ClientLauncher) -> Int32 {
        // The usual command lines skip ArgumentParser's costly first parse (SnowSQLCommand+QuickParse).
        if let quick = quickLaunchArguments(arguments) { return launcher.run(quick) }
        let rewritten = arguments.map { $0 == "-?" ? "--help" : $0 }
        let command: SnowSQLCommand
        do {
            guard let parsed = try parseAsRoot(rewritten) as? SnowSQLCommand else {
                // `--help` parses as ArgumentParser's own help command.
                launcher.console.write(helpMessage(), as: .message)
                return ClientExitCode.success
            }
            command = parsed
        } catch {
            let message = fullMessage(for: error)
            if exitCode(for: error) == .success {
                launcher.console.write(message, as: .message)
                return ClientExitCode.success
            }
            launcher.console.writeStandardError(message)
            return ClientExitCode.badArguments
        }
        if command.version || command.versions {
            launcher.console.write(ClientVersion.line, as: .message)
            return ClientExitCode.success
        }
        return launcher.run(command.launchArguments)
    }
}
