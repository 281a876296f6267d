// ConfigFile: snowsql's INI-style configuration (spec §1.2), read from the system files, the
// legacy `~/.snowsql.cnf` and `~/.snowsql/config` (or `--config`), later files overriding earlier.
// https://docs.snowflake.com/en/user-guide/snowsql-config
//
// Sections: `[connections]` (defaults), `[connections.NAME]` (chosen by `-c NAME`), `[variables]`,
// `[options]`. Values may be wrapped in '…' or "…" (backslash escapes a quote), span lines inside
// '''…''' or """…""", and `#` starts a comment (quote a value that contains one).

import Foundation

public struct ConfigFile: Equatable, Sendable {
    /// Section name (as written, trimmed) → keys (lower-cased) → values.
    public var sections: [String: [String: String]] = [:]

    public init() {}

    /// The files snowsql reads, in order. `--config` replaces the last one.
    public static func standardPaths(home: String, explicit: String?) -> [String] {
        ["/etc/snowsql.cnf", "/etc/snowflake/snowsql.cnf", "/usr/local/etc/snowsql.cnf",
         home + "/.snowsql.cnf", explicit.map { expandingTilde($0, home: home) } ?? home + "/.snowsql/config"]
    }

    /// Reads the files that exist, merging them in order. A file that cannot be parsed is an error.
    public static func load(paths: [String]) throws -> ConfigFile {
        var merged = ConfigFile()
        for path in paths where FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ClientError("Could not read the config file \(path)")
            }
            merged.merge(try parse(String(decoding: data, as: UTF8.self), path: path))
        }
        return merged
    }

    /// Later values win, key by key.
    public mutating func merge(_ other: ConfigFile) {
        for (section, keys) in other.sections {
            sections[section, default: [:]].merge(keys) { _, new in new }
        }
    }

    /// The values of a section, empty when it is missing.
    public func section(_ name: String) -> [String: String] { sections[name] ?? [:] }

    // MARK: - Parsing

    /// Parses one file's text. `path` only appears in error messages.
    public static func parse(_ text: String, path: String = "config") throws -> ConfigFile {
        var file = ConfigFile()
        var current: String?
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        var number = 0
        while number < lines.count {
            let lineNumber = number + 1
            let line = lines[number].trimmingBlanks()
            number += 1
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard let close = line.firstIndex(of: "]") else {
                    throw parseError(path, lineNumber, "a section header needs a closing ']'")
                }
                current = String(line[line.index(after: line.startIndex)..<close]).trimmingBlanks()
                file.sections[current!, default: [:]] = file.sections[current!] ?? [:]
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw parseError(path, lineNumber, "expected name = value")
            }
            guard let section = current else {
                throw parseError(path, lineNumber, "a value outside of any section")
            }
            let key = line[..<equals].trimmingBlanks().lowercased()
            var rest = line[line.index(after: equals)...].trimmingBlanks()
            let value: String
            if rest.hasPrefix("'''") || rest.hasPrefix("\"\"\"") {
                let fence = String(rest.prefix(3))
                rest = String(rest.dropFirst(3))
                var collected: [String] = []
                while true {
                    if let end = rest.range(of: fence) {
                        collected.append(String(rest[..<end.lowerBound]))
                        break
                    }
                    collected.append(rest)
                    guard number < lines.count else {
                        throw parseError(path, lineNumber, "the value opened with \(fence) is never closed")
                    }
                    rest = lines[number]
                    number += 1
                }
                value = collected.joined(separator: "\n")
            } else if let quote = rest.first, quote == "'" || quote == "\"" {
                value = try unquote(rest, path: path, line: lineNumber)
            } else {
                let uncommented = rest.firstIndex(of: "#").map { String(rest[..<$0]) } ?? rest
                value = uncommented.trimmingBlanks()
            }
            file.sections[section, default: [:]][key] = value
        }
        return file
    }

    /// `'it\'s'` → `it's`; text after the closing quote may only be a comment.
    static func unquote(_ text: String, path: String, line: Int) throws -> String {
        let quote = text.first!
        var result = ""
        var escaped = false
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let c = text[index]
            if escaped {
                if c != quote && c != "\\" { result.append("\\") }
                result.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == quote {
                let tail = text[text.index(after: index)...].trimmingBlanks()
                guard tail.isEmpty || tail.hasPrefix("#") else {
                    throw parseError(path, line, "unexpected text after a quoted value")
                }
                return result
            } else {
                result.append(c)
            }
            index = text.index(after: index)
        }
        throw parseError(path, line, "a quoted value is never closed")
    }

    static func parseError(_ path: String, _ line: Int, _ problem: String) -> ClientError {
        ClientError("Error parsing the config file \(path) at line \(line): \(problem)")
    }

    static func expandingTilde(_ path: String, home: String) -> String {
        path == "~" ? home : path.hasPrefix("~/") ? home + path.dropFirst() : path
    }
}

// MARK: - Connections

/// The connection parameters snowsql resolves from flags, environment and config.
public struct ConnectionSettings: Equatable, Sendable {
    public var account: String?
    public var user: String?
    public var database: String?
    public var schema: String?
    public var role: String?
    public var warehouse: String?

    public init(account: String? = nil, user: String? = nil, database: String? = nil,
                schema: String? = nil, role: String? = nil, warehouse: String? = nil) {
        self.account = account
        self.user = user
        self.database = database
        self.schema = schema
        self.role = role
        self.warehouse = warehouse
    }

    /// The field a config key (or the short alias some configs use) sets; nil for other keys.
    static func field(forConfigKey key: String) -> WritableKeyPath<ConnectionSettings, String?>? {
        switch key {
        case "accountname", "account": return \.account
        case "username", "user": return \.user
        case "dbname", "database": return \.database
        case "schemaname", "schema": return \.schema
        case "rolename", "role": return \.role
        case "warehousename", "warehouse": return \.warehouse
        default: return nil
        }
    }

    /// `[connections]`, overridden by `[connections.NAME]` when a name is given. An unknown name
    /// is an error. Keys the emulator does not use (password, authenticator, proxy…) are ignored.
    public static func fromConfig(_ config: ConfigFile, connection name: String?) throws -> ConnectionSettings {
        var settings = ConnectionSettings()
        settings.apply(config.section("connections"))
        if let name {
            guard let named = config.sections["connections.\(name)"] else {
                throw ClientError("Connection '\(name)' is not defined in the config file(s); add a [connections.\(name)] section to ~/.snowsql/config")
            }
            settings.apply(named)
        }
        return settings
    }

    mutating func apply(_ keys: [String: String]) {
        // Aliases first, then the long names, so a section holding both keeps the long name's value.
        for (key, value) in keys.sorted(by: { $0.key.count < $1.key.count }) {
            if let field = ConnectionSettings.field(forConfigKey: key), !value.isEmpty { self[keyPath: field] = value }
        }
    }

    /// Fields set in `other` win.
    public func overridden(by other: ConnectionSettings) -> ConnectionSettings {
        // Field by field, not through an array of key paths: instantiating those was 2% of a client's start.
        ConnectionSettings(
            account: other.account ?? account, user: other.user ?? user,
            database: other.database ?? database, schema: other.schema ?? schema,
            role: other.role ?? role, warehouse: other.warehouse ?? warehouse)
    }

    /// SNOWSQL_ACCOUNT, SNOWSQL_USER, SNOWSQL_DATABASE, SNOWSQL_SCHEMA, SNOWSQL_ROLE, SNOWSQL_WAREHOUSE.
    public static func fromEnvironment(_ environment: [String: String]) -> ConnectionSettings {
        func value(_ name: String) -> String? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            return text
        }
        return ConnectionSettings(account: value("SNOWSQL_ACCOUNT"), user: value("SNOWSQL_USER"),
                                  database: value("SNOWSQL_DATABASE"), schema: value("SNOWSQL_SCHEMA"),
                                  role: value("SNOWSQL_ROLE"), warehouse: value("SNOWSQL_WAREHOUSE"))
    }
}
