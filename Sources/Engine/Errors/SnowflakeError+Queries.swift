// SnowflakeError+Queries: the errors of reading and writing rows. Value lists of the wrong width
// (INSERT, MERGE's INSERT, SET and VALUES rows), set operators over branches of different widths,
// a scalar subquery that returns several rows, RESULT_SCAN of an unknown query id, and the row
// errors of DML: NULL into a NOT NULL column, a MERGE target row matched twice.
// https://docs.snowflake.com/en/sql-reference/constructs

extension SnowflakeError {
    // MARK: - Widths

    /// 002020: INSERT, MERGE's INSERT or SET with `got` values for `expected` columns (or names).
    static func insertValueListMismatch(expected: Int, got: Int) -> SnowflakeError {
        SnowflakeError(code: "002020", sqlState: "21S01",
                       message: "\(compilation)\nInsert value list does not match column list expecting \(expected) but got \(got)")
    }

    /// 002020: a VALUES row with another number of values than the first row.
    static func valuesRowWidthMismatch(expected: Int, got: Int) -> SnowflakeError {
        SnowflakeError(code: "002020", sqlState: "21S01",
                       message: "\(compilation)\nDifferent number of values in VALUES clause rows: expected \(expected) but got \(got)")
    }

    /// 001789: UNION, INTERSECT or EXCEPT whose second branch has another number of columns.
    static func setOperatorColumnCountMismatch(expected: Int, got: Int) -> SnowflakeError {
        SnowflakeError(code: "001789", sqlState: "42601",
                       message: "\(compilation)\ninvalid number of result columns for set operator input branches, expected \(expected), got \(got) in branch 2")
    }

    // MARK: - Rows

    /// 090150: a scalar subquery that returned more than one row.
    static let singleRowSubqueryReturnsMoreThanOneRow = SnowflakeError(
        code: "090150", sqlState: "22000", message: "Single-row subquery returns more than one row.")

    /// 000709: RESULT_SCAN of a query id this session has no result for (`id` nil: a NULL id).
    static func statementNotFound(_ id: String?) -> SnowflakeError {
        SnowflakeError(code: "000709", sqlState: "02000", message: "Statement \(id ?? "NULL") not found")
    }

    /// 100072: NULL into a NOT NULL column.
    public static let nullIntoNotNull = SnowflakeError(code: "100072", sqlState: "22000", message: "NULL result in a non-nullable column")

    /// 100090: MERGE where one target row is matched by several source rows (ERROR_ON_NONDETERMINISTIC_MERGE).
    static let duplicateRowDetected = SnowflakeError(code: "100090", sqlState: "42P18", message: "Duplicate row detected during DML action")
}
