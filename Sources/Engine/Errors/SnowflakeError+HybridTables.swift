// SnowflakeError+HybridTables: the errors of hybrid tables (HybridTables/). Their constraints are
// enforced, and a violation is reported as Snowflake reports it, naming the index Snowflake builds
// for the constraint (`SYS_INDEX_<TABLE>_…`, HybridTable.swift). Sources, one per factory:
// https://docs.snowflake.com/en/sql-reference/sql/create-hybrid-table (200001 primary key, the
// UNIQUE wording, 200009 foreign key), the hybrid tables quickstart (the wording of a delete of a
// referenced parent row). What the docs do not give is marked [?] on the factory.

extension SnowflakeError {
    /// 200001: a row whose primary key another row has (CREATE HYBRID TABLE's example output).
    static let primaryKeyExists = SnowflakeError(code: "200001", sqlState: "22000", message: "Primary key already exists")

    /// A row whose UNIQUE key another row has, naming the constraint's index (`SYS_INDEX_T_UNIQUE_EMAIL`).
    /// The wording is the docs' [? code and SQLSTATE: the docs print the message alone; 200001, the
    /// primary key's, is assumed].
    static func uniqueKeyExists(index: String) -> SnowflakeError {
        SnowflakeError(code: "200001", sqlState: "22000", message: "Duplicate key value violates unique constraint \"\(index)\"")
    }

    /// 200009: a row whose foreign key finds no parent row, or is NULL (CREATE HYBRID TABLE's example).
    static func foreignKeyViolated(index: String) -> SnowflakeError {
        SnowflakeError(code: "200009", sqlState: "22000", message: "Foreign key constraint \"\(index)\" was violated.")
    }

    /// A parent row deleted (or its key changed) while child rows reference it. The wording is the
    /// quickstart's [? code: 200008 is from a third-party guide's output, not Snowflake's docs].
    static let foreignKeyStillReferenced = SnowflakeError(
        code: "200008", sqlState: "22000", message: "Foreign keys that reference key values still exist.")

    /// A hybrid table without a PRIMARY KEY [? wording: the docs' rule "A hybrid table must have a
    /// primary key constraint"; Snowflake's error text is not documented].
    static let hybridTableNeedsPrimaryKey = compilationError("A hybrid table must have a primary key constraint.")

    /// A hybrid table cannot be TEMPORARY or TRANSIENT (CREATE HYBRID TABLE's usage notes) [? wording].
    static let hybridTableCannotBeTemporary = unsupported("TEMPORARY or TRANSIENT hybrid tables")

    /// A key or index on a column of a type Snowflake does not index: VARIANT, OBJECT, ARRAY,
    /// GEOGRAPHY, GEOMETRY, VECTOR, TIMESTAMP_TZ (CREATE HYBRID TABLE's INDEX notes) [? wording].
    static func hybridColumnNotIndexable(_ column: String, type: String) -> SnowflakeError {
        compilationError("Column '\(column)' of type \(type) cannot be part of a key or an index of a hybrid table.")
    }

    /// A key, foreign key or index naming a column the table does not have [? wording].
    static func hybridColumnUnknown(_ column: String) -> SnowflakeError {
        compilationError("Column '\(column)' does not exist in the hybrid table.")
    }

    /// A foreign key whose parent is not a hybrid table of the same database, or whose columns are
    /// not the parent's primary key or a UNIQUE key ("FOREIGN KEY constraints are supported only
    /// among hybrid tables that belong to the same database") [? wording].
    static func hybridForeignKeyTarget(_ reason: String) -> SnowflakeError {
        compilationError("Invalid foreign key on a hybrid table: \(reason).")
    }

    /// A foreign key clause a hybrid table does not take: only RESTRICT and NO ACTION, no MATCH
    /// PARTIAL (CREATE HYBRID TABLE's rules on foreign keys) [? wording].
    static func hybridForeignKeyClause(_ clause: String) -> SnowflakeError {
        unsupported("\(clause) on a hybrid table's foreign key")
    }

    /// Dropping or replacing a hybrid table another hybrid table's foreign key references [? wording].
    static func hybridTableReferenced(_ table: String, by child: String) -> SnowflakeError {
        compilationError("Hybrid table '\(table)' cannot be dropped as it is referenced by a foreign key of '\(child)'.")
    }

    /// CREATE HYBRID TABLE … AS SELECT whose column list and query differ in length (the docs: "The
    /// number of column names specified must match the number of SELECT list items") [? wording].
    static func hybridColumnCount(columns: Int, query: Int) -> SnowflakeError {
        compilationError("The column definition list has \(columns) column(s), the query \(query).")
    }

    /// CREATE INDEX on a table that is not hybrid: Snowlite keeps secondary indexes of hybrid tables only [? wording].
    static func indexNeedsHybridTable(_ table: String) -> SnowflakeError {
        unsupported("CREATE INDEX on '\(table)', which is not a hybrid table")
    }

    /// Two secondary indexes on the same ordered columns ("A hybrid table cannot contain two
    /// secondary indexes defined on the same ordered set of columns", CREATE INDEX) [? wording].
    static func indexColumnsTaken(by index: String) -> SnowflakeError {
        compilationError("Index '\(index)' is already defined on the same columns.")
    }

    /// DROP INDEX of an index that enforces a constraint ("To drop an index that is used to enforce a
    /// UNIQUE or FOREIGN KEY constraint, use the ALTER TABLE command", DROP INDEX) [? wording].
    static func constraintIndexNotDroppable(_ index: String) -> SnowflakeError {
        compilationError("Index '\(index)' enforces a constraint and cannot be dropped with DROP INDEX.")
    }
}

extension SnowflakeError {
    /// Two PRIMARY KEY constraints on one hybrid table [? wording].
    static let hybridTableTwoPrimaryKeys = compilationError("A hybrid table can have only one primary key constraint.")

    /// A stream on a hybrid table (or a view over one): hybrid tables do not support streams
    /// (tables-hybrid-limitations, "Unsupported features") [? wording].
    static func streamOnHybridTable(_ table: String) -> SnowflakeError {
        unsupported("Streams on hybrid table '\(table)'")
    }

    /// A hybrid table in a transient schema or database, or with CHANGE_TRACKING = TRUE, which
    /// hybrid tables do not support [? wording].
    static func hybridTableUnsupported(_ what: String) -> SnowflakeError {
        unsupported("\(what) for hybrid tables")
    }
}
