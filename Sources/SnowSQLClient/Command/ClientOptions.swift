// ClientOptions: snowsql's options — the `[options]` section, `-o name=value` and `!set` — with
// their defaults from the option table of Snowflake's config documentation (spec §1.3).
// https://docs.snowflake.com/en/user-guide/snowsql-config#snowsql-config-options-reference
//
// Names and values are case-insensitive; an unknown name is an error. Booleans accept
// true/false, yes/no, on/off and 1/0 in any case. Options the emulator has no use for (paging,
// key bindings, rowset size…) are known names whose values are kept and shown by `!options`.

/// The output formats snowsql offers. `psql` is the default.
public enum OutputFormat: String, CaseIterable, Sendable {
    case psql, plain, simple, grid, fancy_grid, pipe, orgtbl, rst, mediawiki, html, latex, latex_booktabs
    case tsv, csv, json, expanded
}

public struct ClientOptions: Equatable, Sendable {
    public var variableSubstitution = false
    public var exitOnError = false
    public var stopOnError = false
    public var outputFormat = OutputFormat.psql
    public var header = true
    public var timing = true
    public var timingInOutputFile = false
    public var friendly = true
    public var quiet = false
    public var echo = false
    /// A file that also receives results (appended). nil = none.
    public var outputFile: String?
    public var removeComments = false
    public var removeTrailingSemicolons = true
    public var emptyForNullInTSV = false
    public var sfqid = false
    public var sfqidInError = false
    /// Environment variables exposed as client variables.
    public var environmentVariables = ["PATH"]
    /// Every option by lower-case name, as `!options` shows it (values as last set).
    public private(set) var values: [String: String] = ClientOptions.defaults

    public init() {}

    /// Option names and their default text, in the order `!options` lists them.
    public static let table: [(name: String, value: String)] = [
        ("auto_completion", "True"), ("client_session_keep_alive", "False"), ("echo", "False"),
        ("editor", "vim"), ("egress_map", ""), ("empty_for_null_in_tsv", "False"), ("environment_variables", "['PATH']"),
        ("execution_only", "False"), ("exit_on_error", "False"), ("fix_parameter_precedence", "True"),
        ("force_put_overwrite", "False"), ("friendly", "True"), ("header", "True"),
        ("insecure_mode", "False"), ("key_bindings", "emacs"), ("log_bootstrap_file", "~/.snowsql/log_bootstrap"),
        ("log_file", "~/.snowsql/log"), ("log_level", "CRITICAL"), ("login_timeout", "120"),
        ("noup", "False"), ("output_file", "None"), ("output_format", "psql"), ("paging", "False"),
        ("progress_bar", "True"), ("prompt_format", "[user]#[warehouse]@[database].[schema]>"),
        ("quiet", "False"), ("remove_comments", "False"), ("remove_trailing_semicolons", "True"),
        ("results", "True"), ("rowset_size", "1000"), ("sfqid", "False"), ("sfqid_in_error", "False"),
        ("stop_on_error", "False"), ("syntax_style", "default"), ("timing", "True"),
        ("timing_in_output_file", "False"), ("variable_substitution", "False"), ("wrap", "True"),
    ]

    static let defaults: [String: String] = Dictionary(uniqueKeysWithValues: table.map { ($0.name, $0.value) })

    static let booleanNames: Set<String> = [
        "auto_completion", "client_session_keep_alive", "echo", "empty_for_null_in_tsv", "execution_only",
        "exit_on_error", "fix_parameter_precedence", "force_put_overwrite", "friendly", "header",
        "insecure_mode", "noup", "paging", "progress_bar", "quiet", "remove_comments",
        "remove_trailing_semicolons", "results", "sfqid", "sfqid_in_error", "stop_on_error", "timing",
        "timing_in_output_file", "variable_substitution", "wrap",
    ]

    static let logLevels: Set<String> = ["critical", "error", "warning", "info", "debug"]

    /// Sets one option. Throws ClientError for an unknown name or a value the option cannot take.
    public mutating func set(_ rawName: String, _ rawValue: String) throws {
        let name = rawName.trimmingBlanks().lowercased()
        let value = rawValue.trimmingBlanks()
        guard ClientOptions.defaults[name] != nil else {
            throw ClientError("Unknown option: \(rawName.trimmingBlanks())")
        }
        if ClientOptions.booleanNames.contains(name) {
            let flag = try ClientOptions.parseBoolean(value, option: name)
            applyBoolean(name, flag)
            values[name] = flag ? "True" : "False"
            return
        }
        switch name {
        case "output_format":
            guard let format = OutputFormat(rawValue: value.lowercased()) else {
                throw ClientError("Invalid value '\(value)' for option 'output_format'. Expected one of: "
                                  + OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))
            }
            outputFormat = format
            values[name] = format.rawValue
        case "output_file":
            // A path keeps its case; `None` or an empty value turns the file off.
            outputFile = (value.isEmpty || value.lowercased() == "none") ? nil : value
            values[name] = outputFile ?? "None"
        case "environment_variables":
            environmentVariables = ClientOptions.parseList(value)
            values[name] = "[" + environmentVariables.map { "'\($0)'" }.joined(separator: ", ") + "]"
        case "log_level":
            guard ClientOptions.logLevels.contains(value.lowercased()) else {
                throw ClientError("Invalid value '\(value)' for option 'log_level'. Expected one of: CRITICAL, ERROR, WARNING, INFO, DEBUG")
            }
            values[name] = value.uppercased()
        case "rowset_size", "login_timeout":
            guard let number = Int(value), number >= 0 else {
                throw ClientError("Invalid value '\(value)' for option '\(name)'. Expected a number")
            }
            values[name] = String(number)
        case "key_bindings", "syntax_style":
            values[name] = value.lowercased()
        default:
            values[name] = value
        }
    }

    /// Sets `name=value` text as written after `-o` or `!set`.
    public mutating func set(assignment: String) throws {
        guard let equals = assignment.firstIndex(of: "=") else {
            throw ClientError("Invalid option setting '\(assignment)'. Use name=value")
        }
        try set(String(assignment[..<equals]), String(assignment[assignment.index(after: equals)...]))
    }

    /// true/false, yes/no, on/off, 1/0, in any case.
    public static func parseBoolean(_ value: String, option: String) throws -> Bool {
        switch value.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw ClientError("Invalid value '\(value)' for option '\(option)'. Expected True or False")
        }
    }

    /// `['PATH', 'HOME']`, `PATH,HOME` or `PATH` → names.
    static func parseList(_ value: String) -> [String] {
        let stripped = value.trimming(["[", "]", " "])
        return stripped.split(separator: ",").map {
            String($0).trimmingBlanks().trimming(["'", "\""])
        }.filter { !$0.isEmpty }
    }

    private mutating func applyBoolean(_ name: String, _ flag: Bool) {
        switch name {
        case "variable_substitution": variableSubstitution = flag
        case "exit_on_error": exitOnError = flag
        case "stop_on_error": stopOnError = flag
        case "header": header = flag
        case "timing": timing = flag
        case "timing_in_output_file": timingInOutputFile = flag
        case "friendly": friendly = flag
        case "quiet": quiet = flag
        case "echo": echo = flag
        case "remove_comments": removeComments = flag
        case "remove_trailing_semicolons": removeTrailingSemicolons = flag
        case "empty_for_null_in_tsv": emptyForNullInTSV = flag
        case "sfqid": sfqid = flag
        case "sfqid_in_error": sfqidInError = flag
        default: break  // known, kept in `values`, no effect in the emulator
        }
    }

    public static func == (lhs: ClientOptions, rhs: ClientOptions) -> Bool { lhs.values == rhs.values }
}

extension StringProtocol {
    /// The text without leading and trailing blanks (spaces, tabs, newlines).
    func trimmingBlanks() -> String {
        trimming([" ", "\t", "\n", "\r", "\r\n"])
    }

    func trimming(_ set: Set<Character>) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, set.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}
