// TypedSQL: a piece of SQLite SQL with its bound values and the Snowflake type of what it
// computes. The translator composes these; user values only ever travel as bound arguments,
// and identifiers are quoted by one function (`quote`).

import GRDB

struct TypedSQL {
    var sql: String
    var arguments: [DatabaseValue]
    var type: SnowflakeType

    init(_ sql: String, _ arguments: [DatabaseValue] = [], type: SnowflakeType) {
        self.sql = sql
        self.arguments = arguments
        self.type = type
    }

    /// A bound value: `?` in the text, the value in the arguments.
    static func bound(_ value: DatabaseValue, type: SnowflakeType) -> TypedSQL {
        TypedSQL("?", [value], type: type)
    }

    /// Joins pieces with a separator, keeping arguments in text order.
    static func join(_ parts: [TypedSQL], separator: String, type: SnowflakeType) -> TypedSQL {
        TypedSQL(parts.map(\.sql).joined(separator: separator), parts.flatMap(\.arguments), type: type)
    }

    /// `name(a, b, …)` over typed arguments.
    static func call(_ name: String, _ parts: [TypedSQL], type: SnowflakeType) -> TypedSQL {
        TypedSQL(name + "(" + parts.map(\.sql).joined(separator: ", ") + ")", parts.flatMap(\.arguments), type: type)
    }

    func wrapped(_ prefix: String, _ suffix: String, type: SnowflakeType? = nil) -> TypedSQL {
        TypedSQL(prefix + sql + suffix, arguments, type: type ?? self.type)
    }
}

/// Quotes a SQLite identifier: the one place identifiers enter SQL text.
func quote(_ identifier: String) -> String {
    // The common case is checked on the UTF-8 bytes; Foundation's replacing goes through NSString.
    guard identifier.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + identifier + "\"" }
    return "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
