// ResultSet: what every statement returns — typed columns and rows — plus the count snowsql's
// footer shows (`N Row(s) produced.`): rows for a query, affected rows for DML, 1 for DDL.

public struct ResultColumn: Sendable, Equatable {
    public var name: String
    public var type: SnowflakeType
    public var nullable: Bool

    public init(_ name: String, _ type: SnowflakeType, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}

public struct ResultSet: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Rows a query produced.
        case query
        /// One `status` row from DDL, SET, USE and the like.
        case status
        /// DML: the footer counts the rows the statement changed.
        case dml(affected: Int)
    }

    public var columns: [ResultColumn]
    public var rows: [[Value]]
    public var kind: Kind
    /// The id of the query that produced this result (`LAST_QUERY_ID()`, `__sfqid`).
    public var queryID: String = ""

    public init(columns: [ResultColumn], rows: [[Value]], kind: Kind = .query) {
        self.columns = columns
        self.rows = rows
        self.kind = kind
    }

    /// The number snowsql prints in `N Row(s) produced.`
    public var producedRowCount: Int {
        switch kind {
        case .query: return rows.count
        case .status: return 1
        case .dml(let affected): return affected
        }
    }

    /// A one-row `status` result such as `Statement executed successfully.`
    public static func status(_ message: String) -> ResultSet {
        ResultSet(columns: [ResultColumn("status", .string)], rows: [[.string(message)]], kind: .status)
    }

    public static let success = status("Statement executed successfully.")

    /// The cells of a column, by name, for tests and callers that read a result.
    public func column(_ name: String) -> [Value] {
        guard let index = columns.firstIndex(where: { $0.name == name }) else { return [] }
        return rows.map { $0[index] }
    }
}
