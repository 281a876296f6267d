// Keywords as data. Snowflake reserves a small set of words (they cannot be unquoted identifiers);
// every other keyword — STATE, TIMESTAMP, KEY, VALUE, STAGE, SECRET, SCHEDULE — works as a name.
// A few more words may not serve as an implicit alias because a clause starts with them.
// Source: https://docs.snowflake.com/en/sql-reference/reserved-keywords

public enum Keywords {
    /// Reserved and limited keywords: never an unquoted identifier.
    public static let reserved: Set<String> = [
        "ACCOUNT", "ALL", "ALTER", "AND", "ANY", "AS", "BETWEEN", "BY", "CASE", "CAST", "CHECK", "COLUMN",
        "CONNECT", "CONNECTION", "CONSTRAINT", "CREATE", "CROSS", "CURRENT", "CURRENT_DATE", "CURRENT_TIME",
        "CURRENT_TIMESTAMP", "CURRENT_USER", "DATABASE", "DELETE", "DISTINCT", "DROP", "ELSE", "EXISTS", "FALSE",
        "FOLLOWING", "FOR", "FROM", "FULL", "GRANT", "GROUP", "GSCLUSTER", "HAVING", "ILIKE", "IN", "INCREMENT",
        "INNER", "INSERT", "INTERSECT", "INTO", "IS", "ISSUE", "JOIN", "LATERAL", "LEFT", "LIKE", "LOCALTIME",
        "LOCALTIMESTAMP", "MINUS", "NATURAL", "NOT", "NULL", "OF", "ON", "OR", "ORDER", "ORGANIZATION", "QUALIFY",
        "REGEXP", "REVOKE", "RIGHT", "RLIKE", "ROW", "ROWS", "SAMPLE", "SCHEMA", "SELECT", "SET", "SOME", "START",
        "TABLE", "TABLESAMPLE", "THEN", "TO", "TRIGGER", "TRUE", "TRY_CAST", "UNION", "UNIQUE", "UPDATE", "USING",
        "VALUES", "VIEW", "WHEN", "WHENEVER", "WHERE", "WINDOW", "WITH",
    ]

    /// Words that start a clause after a table or select item, so they are never taken as an implicit alias.
    public static let clauseStarters: Set<String> = [
        "LIMIT", "OFFSET", "FETCH", "EXCEPT", "OUTER", "EXCLUDE", "ASOF", "MATCH_RECOGNIZE", "PIVOT", "UNPIVOT",
        "CHANGES", "AT", "BEFORE", "RENAME", "REPLACE", "TOP",
    ]

    /// Reserved words that are niladic functions in an expression (`SELECT CURRENT_DATE`).
    public static let niladicFunctions: Set<String> = [
        "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "LOCALTIME", "LOCALTIMESTAMP",
    ]

    public static func isReserved(_ word: String) -> Bool { reserved.contains(word.uppercased()) }
}
