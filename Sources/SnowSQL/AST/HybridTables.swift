// HybridTables: the statements about hybrid tables' indexes and listings — CREATE INDEX, DROP
// INDEX, SHOW INDEXES and SHOW HYBRID TABLES — one `Statement.hybridTable` case holding what was
// written. CREATE HYBRID TABLE itself is a CreateTable with `hybrid` set (AST/DDL.swift), whose
// secondary indexes are TableIndex values. Parsed by Parser+DDL.swift, printed by
// SQLPrinter+HybridTables.swift, run by Engine/HybridTables/Executor+HybridTables.swift.
// https://docs.snowflake.com/en/sql-reference/sql/create-hybrid-table

public enum HybridTableStatement: Equatable, Sendable {
    /// CREATE [OR REPLACE] INDEX [IF NOT EXISTS] name ON table (cols) [INCLUDE (cols)]
    case createIndex(CreateIndex)
    /// DROP INDEX [IF EXISTS] table.index
    case dropIndex(table: ObjectName, index: Identifier, ifExists: Bool)
    /// SHOW [TERSE] INDEXES [LIKE '…'] [IN ACCOUNT | DATABASE [d] | SCHEMA [s] | TABLE [t] | t] [STARTS WITH '…'] [LIMIT n]
    case showIndexes(terse: Bool, ShowFilter, table: ObjectName?)
    /// SHOW [TERSE] HYBRID TABLES [LIKE '…'] [IN …] [STARTS WITH '…'] [LIMIT n]
    case showHybridTables(terse: Bool, ShowFilter)
}

/// A secondary index written in CREATE HYBRID TABLE: `INDEX name (cols) [INCLUDE (cols)]`.
public struct TableIndex: Equatable, Sendable {
    public var name: Identifier
    public var columns: [Identifier]
    public var include: [Identifier]
    public init(name: Identifier, columns: [Identifier], include: [Identifier] = []) {
        self.name = name
        self.columns = columns
        self.include = include
    }
}

/// CREATE [OR REPLACE] INDEX [IF NOT EXISTS] name ON table (cols) [INCLUDE (cols)]
/// https://docs.snowflake.com/en/sql-reference/sql/create-index
public struct CreateIndex: Equatable, Sendable {
    public var modifiers: CreateModifiers
    public var index: TableIndex
    public var table: ObjectName
    public init(modifiers: CreateModifiers, index: TableIndex, table: ObjectName) {
        self.modifiers = modifiers
        self.index = index
        self.table = table
    }
}

/// A column's inline foreign key: `[FOREIGN KEY] REFERENCES t [(c)]`.
public struct ColumnReference: Equatable, Sendable {
    public var table: ObjectName
    public var column: Identifier?
    /// The MATCH and ON clauses as written (`ON DELETE CASCADE`).
    public var actions: [String]
    public init(table: ObjectName, column: Identifier? = nil, actions: [String] = []) {
        self.table = table
        self.column = column
        self.actions = actions
    }
}
