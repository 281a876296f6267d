// VariableSubstitution: snowsql's client-side variables (spec §1.4) — `&name`, `&{name}` and `&&`
// replaced in a statement's text before it is sent, when `variable_substitution` is on.
// https://docs.snowflake.com/en/user-guide/snowsql-use#using-variables
//
// Names are `[0-9A-Za-z_]`, case-insensitive, kept lower-case. Substitution is purely textual:
// it happens inside quotes and `$$` bodies too, as snowsql does. An undefined name stops the
// statement with `Variable <name> is not defined`.

/// The client's variables: `[variables]`, `-D`, `!define`, `environment_variables`, and the
/// built-ins `__rowcount` and `__sfqid` that the runner updates after each statement.
public struct ClientVariables: Equatable, Sendable {
    private var values: [String: String] = [:]

    public init() {}

    public init(_ pairs: [String: String]) {
        for (name, value) in pairs { values[name.lowercased()] = value }
    }

    public subscript(name: String) -> String? {
        get { values[name.lowercased()] }
        set { values[name.lowercased()] = newValue }
    }

    /// Every variable as (lower-case name, value), sorted by name, for `!variables`.
    public var sorted: [(name: String, value: String)] {
        values.keys.sorted().map { ($0, values[$0]!) }
    }

    /// Defines a variable from `name=value` text (`-D`, `!define`). `name` alone empties it.
    /// The name must be `[0-9A-Za-z_]+`.
    public mutating func define(assignment: String) throws {
        let name: String, value: String
        if let equals = assignment.firstIndex(of: "=") {
            name = assignment[..<equals].trimmingBlanks()
            value = String(assignment[assignment.index(after: equals)...])
        } else {
            name = assignment.trimmingBlanks()
            value = ""
        }
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(ClientVariables.isNameCharacter) else {
            throw ClientError("Invalid variable name '\(name)'. Names use letters, digits and _")
        }
        self[name] = value
    }

    static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
        (c >= "0" && c <= "9") || (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || c == "_"
    }

    /// The text with every `&name`, `&{name}` replaced and `&&` turned into `&`.
    /// Throws `Variable <name> is not defined` for the first unknown name. An `&` followed by
    /// anything else (or an unclosed `&{`) stays as written.
    public func substitute(_ text: String) throws -> String {
        let chars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < chars.count {
            let c = chars[index]
            guard c == "&", index + 1 < chars.count else {
                out.append(c)
                index += 1
                continue
            }
            let next = chars[index + 1]
            if next == "&" {
                out.append("&")
                index += 2
            } else if next == "{" {
                var end = index + 2
                while end < chars.count, ClientVariables.isNameCharacter(chars[end]) { end += 1 }
                guard end < chars.count, chars[end] == "}", end > index + 2 else {
                    out.append(c)
                    index += 1
                    continue
                }
                let name = String(String.UnicodeScalarView(chars[(index + 2)..<end]))
                out.append(contentsOf: try value(of: name).unicodeScalars)
                index = end + 1
            } else if ClientVariables.isNameCharacter(next) {
                var end = index + 1
                while end < chars.count, ClientVariables.isNameCharacter(chars[end]) { end += 1 }
                let name = String(String.UnicodeScalarView(chars[(index + 1)..<end]))
                out.append(contentsOf: try value(of: name).unicodeScalars)
                index = end
            } else {
                out.append(c)
                index += 1
            }
        }
        return String(out)
    }

    private func value(of name: String) throws -> String {
        guard let value = self[name] else { throw ClientError("Variable \(name) is not defined") }
        return value
    }

    /// Defines the variables the `environment_variables` option names, from the environment.
    /// A name missing from the environment is skipped.
    public mutating func importEnvironment(_ names: [String], from environment: [String: String]) {
        for name in names {
            if let value = environment[name] { self[name] = value }
        }
    }
}
