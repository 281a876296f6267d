// SnowSQLCommand+QuickParse: the command lines snowsql is usually given (`-q`, `-f`, `-c`, `-o`,
// `-D`, the connection names, the flags accepted and ignored) read without ArgumentParser, to the
// same LaunchArguments. ArgumentParser's parse reflects over the command's property wrappers and
// makes some fifty first-time protocol conformance lookups, each a scan over every conformance
// record of the binary: about 2 ms of a 20 ms `snowsql -q 'select 1'` (issue 24).
//
// Anything this does not know exactly — help, -v, `--name=value`, joined short flags, `--`, a
// repeated single option or flag, a value that looks like an option where ArgumentParser would
// refuse it, an unknown name — returns nil, and ArgumentParser parses the whole line as before,
// with its own messages and exit codes. QuickParseTests holds the two to the same result.

extension SnowSQLCommand {
    /// How an option takes its value, as its `@Option(parsing:)` says.
    enum QuickValue {
        /// `.next`: the following argument, which must not start with `-`.
        case next
        /// `.unconditional` and `.unconditionalSingleValue`: the following argument, whatever it is.
        case unconditional
    }

    /// What one name sets in LaunchArguments; `ignored` for the accepted-and-ignored ones.
    enum QuickTarget: Int {
        case account, user, database, schema, role, warehouse, connection, databasePath, configPath
        case file, query, variable, option, singleTransaction, ignored
    }

    /// Every name SnowSQLCommand declares, but -v/--version, --versions and help.
    static let quickOptions: [String: (QuickTarget, QuickValue?)] = [
        "-a": (.account, .next), "--accountname": (.account, .next),
        "-u": (.user, .next), "--username": (.user, .next),
        "-d": (.database, .next), "--dbname": (.database, .next),
        "-s": (.schema, .next), "--schemaname": (.schema, .next),
        "-r": (.role, .next), "--rolename": (.role, .next),
        "-w": (.warehouse, .next), "--warehouse": (.warehouse, .next),
        "-c": (.connection, .next), "--connection": (.connection, .next),
        "--db": (.databasePath, .next), "--config": (.configPath, .next),
        "-f": (.file, .next), "--filename": (.file, .next),
        "-q": (.query, .unconditional), "--query": (.query, .unconditional),
        "-D": (.variable, .unconditional), "--variable": (.variable, .unconditional),
        "-o": (.option, .unconditional), "--option": (.option, .unconditional),
        "--single-transaction": (.singleTransaction, nil),
        // Accepted and ignored.
        "-h": (.ignored, .next), "--host": (.ignored, .next), "-p": (.ignored, .next), "--port": (.ignored, .next),
        "--region": (.ignored, .next), "--authenticator": (.ignored, .next),
        "--private-key-path": (.ignored, .next), "--token": (.ignored, .next), "--query_tag": (.ignored, .next),
        "-m": (.ignored, .next), "--mfa-passcode": (.ignored, .next),
        "-P": (.ignored, nil), "--prompt": (.ignored, nil), "-M": (.ignored, nil), "--mfa-prompt": (.ignored, nil),
        "--mfa-passcode-in-password": (.ignored, nil), "-K": (.ignored, nil), "--client-session-keep-alive": (.ignored, nil),
        "--noup": (.ignored, nil), "-U": (.ignored, nil), "--upgrade": (.ignored, nil),
        "--probe-connection": (.ignored, nil), "--abort-detached-query": (.ignored, nil),
        "--disable-request-pooling": (.ignored, nil), "--include_connector_version": (.ignored, nil),
    ]

    /// The launch arguments `arguments` parse to, or nil when ArgumentParser must decide.
    static func quickLaunchArguments(_ arguments: [String]) -> LaunchArguments? {
        var launch = LaunchArguments()
        var connection = ConnectionSettings()
        // Single options and flags given once each (repeats are ArgumentParser's to judge): by
        // target (one bit each: a Set of them would cost a first-time conformance lookup), and the
        // ignored ones by the name used.
        var seenTargets: UInt32 = 0
        var seenIgnored: [String] = []
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            guard let entry = quickOptions[name] else { return nil }
            let (target, valueKind) = entry
            index += 1
            var value: String?
            if let valueKind {
                guard index < arguments.count else { return nil }
                value = arguments[index]
                if valueKind == .next && value!.hasPrefix("-") { return nil }
                index += 1
            }
            let repeatable = target == .file || target == .variable || target == .option
            if target == .ignored {
                guard !seenIgnored.contains(name) else { return nil }
                seenIgnored.append(name)
            } else if !repeatable {
                let bit: UInt32 = 1 << target.rawValue
                guard seenTargets & bit == 0 else { return nil }
                seenTargets |= bit
            }
            switch target {
            case .account: connection.account = value
            case .user: connection.user = value
            case .database: connection.database = value
            case .schema: connection.schema = value
            case .role: connection.role = value
            case .warehouse: connection.warehouse = value
            case .connection: launch.connectionName = value
            case .databasePath: launch.databasePath = value
            case .configPath: launch.configPath = value
            case .file: launch.files.append(value!)
            case .query: launch.query = value
            case .variable: launch.variables.append(value!)
            case .option: launch.options.append(value!)
            case .singleTransaction: launch.singleTransaction = true
            case .ignored: break
            }
        }
        launch.connection = connection
        return launch
    }
}
