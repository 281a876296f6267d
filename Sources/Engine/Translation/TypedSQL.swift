// TypedSQL: a piece of SQLite SQL with its bound values, the Snowflake type of what it computes
// and whether it can be NULL. The translator composes these; user values only ever travel as bound
// arguments, and identifiers are quoted by one function (`quote`). Nullability is known only where
// it is certain (a literal, a cast of one, COUNT, a NOT NULL column): everything else may be NULL,
// which is what a result column reports unless proven otherwise (ResultColumn.nullable).

import GRDB
import SnowSQL

struct TypedSQL {
    var sql: String
    var arguments: [DatabaseValue]
    var type: SnowflakeType
    /// False only when the value can never be NULL.
    var nullable: Bool

    init(_ sql: String, _ arguments: [DatabaseValue] = [], type: SnowflakeType, nullable: Bool = true) {
        self.sql = sql
        self.arguments = arguments
        self.type = type
        self.nullable = nullable
    }

    /// A bound value: `?` in the text, the value in the arguments.
    static func bound(_ value: DatabaseValue, type: SnowflakeType) -> TypedSQL {
        TypedSQL("?", [value], type: type, nullable: value.isNull)
    }

    /// Joins pieces with a separator, keeping arguments in text order.
    static func join(_ parts: [TypedSQL], separator: String, type: SnowflakeType) -> TypedSQL {
        TypedSQL(parts.map(\.sql).joinedText(separator: separator), parts.flatMap(\.arguments), type: type)
    }

    /// `name(a, b, …)` over typed arguments.
    static func call(_ name: String, _ parts: [TypedSQL], type: SnowflakeType) -> TypedSQL {
        TypedSQL(name + "(" + parts.map(\.sql).joinedText(separator: ", ") + ")", parts.flatMap(\.arguments), type: type)
    }

    /// The text inside `prefix` and `suffix`; it may be NULL unless `nullable` says otherwise (a
    /// wrapper that keeps a non-NULL value non-NULL passes `nullable: self.nullable`).
    func wrapped(_ prefix: String, _ suffix: String, type: SnowflakeType? = nil, nullable: Bool = true) -> TypedSQL {
        TypedSQL(prefix + sql + suffix, arguments, type: type ?? self.type, nullable: nullable)
    }
}

/// Quotes a SQLite identifier: the one place identifiers enter SQL text.
func quote(_ identifier: String) -> String {
    // The common case is checked on the UTF-8 bytes; Foundation's replacing goes through NSString.
    guard identifier.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + identifier + "\"" }
    return "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
