// DDL: CREATE and DROP for databases, schemas, tables, views, warehouses, roles and sequences, SHOW
// and DESCRIBE of those kinds, and the parts other families share: CreateModifiers (OR REPLACE,
// IF NOT EXISTS, …), `NAME = value` properties and ShowFilter (SHOW's LIKE / IN / STARTS WITH /
// LIMIT). Parsed by Parser+DDL.swift (SHOW, DESCRIBE and ShowFilter by Parser+Statements.swift).

/// The modifiers every CREATE shares.
public struct CreateModifiers: Equatable, Sendable {
    public var orReplace = false
    public var orAlter = false
    public var ifNotExists = false
    public var transient = false
    public var temporary = false
    public init(orReplace: Bool = false, orAlter: Bool = false, ifNotExists: Bool = false, transient: Bool = false, temporary: Bool = false) {
        self.orReplace = orReplace
        self.orAlter = orAlter
        self.ifNotExists = ifNotExists
        self.transient = transient
        self.temporary = temporary
    }
}

/// `NAME = value` object properties, accepted in any order and any case.
public struct Property: Equatable, Sendable {
    public var name: String
    public var value: PropertyValue
    public init(name: String, value: PropertyValue) {
        self.name = name
        self.value = value
    }
}

public indirect enum PropertyValue: Equatable, Sendable {
    case string(String)
    case number(String)
    /// A bare word such as `TRUE`, `XSMALL`, `EGRESS`.
    case word(String)
    case list([PropertyValue])
    /// `( NAME = value … )` blocks such as `DIRECTORY = (ENABLE = TRUE)`.
    case properties([Property])
    /// `reference('name')` inside an application: `EXTERNAL_ACCESS_INTEGRATIONS = (reference('eai'))`.
    case reference(String)

    /// The value as text: strings unquoted, words upper-cased.
    public var text: String {
        switch self {
        case .string(let s), .number(let s): return s
        case .word(let w): return w.uppercased()
        case .list(let items): return items.map(\.text).joined(separator: ",")
        case .properties(let props): return props.map { "\($0.name)=\($0.value.text)" }.joined(separator: " ")
        case .reference(let name): return "REFERENCE(" + name + ")"
        }
    }
}

/// CREATE DATABASE, WAREHOUSE or ROLE: a name and its properties.
public struct CreateNamedObject: Equatable, Sendable {
    public var modifiers: CreateModifiers
    public var name: ObjectName
    public var properties: [Property]
    public init(modifiers: CreateModifiers, name: ObjectName, properties: [Property] = []) {
        self.modifiers = modifiers
        self.name = name
        self.properties = properties
    }
}

public typealias CreateDatabase = CreateNamedObject
public typealias CreateWarehouse = CreateNamedObject
public typealias CreateRole = CreateNamedObject

public struct CreateSchema: Equatable, Sendable {
    public var modifiers: CreateModifiers
    public var name: ObjectName
    public var managedAccess: Bool
    public var properties: [Property]
    /// `CREATE OR ALTER VERSIONED SCHEMA`: only inside an application (spec §5.5).
    public var versioned: Bool
    public init(modifiers: CreateModifiers, name: ObjectName, managedAccess: Bool = false, properties: [Property] = [],
                versioned: Bool = false) {
        self.modifiers = modifiers
        self.name = name
        self.managedAccess = managedAccess
        self.properties = properties
        self.versioned = versioned
    }
}

public struct ColumnDefinition: Equatable, Sendable {
    public var name: Identifier
    public var type: DataTypeName
    public var notNull: Bool
    public var defaultValue: Expression?
    /// `AUTOINCREMENT` / `IDENTITY`, which a column has instead of a DEFAULT.
    public var identity: ColumnIdentity?
    public var primaryKey: Bool
    public var unique: Bool
    public var comment: String?
    /// An inline foreign key (enforced only on a hybrid table; read and kept on any table).
    public var references: ColumnReference?
    public init(name: Identifier, type: DataTypeName, notNull: Bool = false, defaultValue: Expression? = nil,
                identity: ColumnIdentity? = nil, primaryKey: Bool = false, unique: Bool = false, comment: String? = nil,
                references: ColumnReference? = nil) {
        self.name = name
        self.type = type
        self.notNull = notNull
        self.defaultValue = defaultValue
        self.identity = identity
        self.primaryKey = primaryKey
        self.unique = unique
        self.comment = comment
        self.references = references
    }
}

/// `{AUTOINCREMENT | IDENTITY} [(start, step) | START n INCREMENT n] [ORDER | NOORDER]`: nil
/// means not written (START 1, INCREMENT 1, NOORDER by default).
/// https://docs.snowflake.com/en/sql-reference/sql/create-table
public struct ColumnIdentity: Equatable, Sendable {
    public var start: Int64?
    public var increment: Int64?
    public var ordered: Bool?
    public init(start: Int64? = nil, increment: Int64? = nil, ordered: Bool? = nil) {
        self.start = start
        self.increment = increment
        self.ordered = ordered
    }
}

/// `PRIMARY KEY (a, b)` / `UNIQUE (a)` / `FOREIGN KEY (a) REFERENCES t (b)` written after the columns.
public struct TableConstraint: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable { case primaryKey = "PRIMARY KEY", unique = "UNIQUE", foreignKey = "FOREIGN KEY" }
    public var kind: Kind
    public var columns: [Identifier]
    /// A foreign key's table and columns (none written: its primary key).
    public var references: ObjectName?
    public var referencedColumns: [Identifier]
    /// A foreign key's MATCH and ON clauses as written (`MATCH FULL`, `ON DELETE CASCADE`).
    public var actions: [String]
    public init(kind: Kind, columns: [Identifier], references: ObjectName? = nil, referencedColumns: [Identifier] = [],
                actions: [String] = []) {
        self.kind = kind
        self.columns = columns
        self.references = references
        self.referencedColumns = referencedColumns
        self.actions = actions
    }
}

public struct CreateTable: Equatable, Sendable {
    public var modifiers: CreateModifiers
    public var name: ObjectName
    public var columns: [ColumnDefinition]
    public var constraints: [TableConstraint]
    /// `CREATE TABLE … AS SELECT`.
    public var asQuery: Query?
    public var properties: [Property]
    /// CREATE HYBRID TABLE: constraints are enforced and secondary indexes may be written.
    public var hybrid: Bool
    /// A hybrid table's `INDEX name (cols) [INCLUDE (cols)]` elements.
    public var indexes: [TableIndex]
    /// `CREATE TABLE t LIKE s` (s's columns, no rows) or `CREATE TABLE t CLONE s` (its columns and rows).
    public var source: TableSource?

    public enum TableSource: Equatable, Sendable {
        case like(ObjectName)
        case clone(ObjectName)
    }

    public init(modifiers: CreateModifiers, name: ObjectName, columns: [ColumnDefinition], constraints: [TableConstraint] = [],
                asQuery: Query? = nil, properties: [Property] = [], hybrid: Bool = false, indexes: [TableIndex] = []) {
        self.modifiers = modifiers
        self.name = name
        self.columns = columns
        self.constraints = constraints
        self.asQuery = asQuery
        self.properties = properties
        self.hybrid = hybrid
        self.indexes = indexes
    }
}

public struct CreateView: Equatable, Sendable {
    public var modifiers: CreateModifiers
    public var secure: Bool
    public var name: ObjectName
    public var columns: [Identifier]
    public var query: Query
    /// The text after AS, stored as the view's definition.
    public var queryText: SourceText
    /// The whole CREATE statement as written, which SHOW VIEWS reports in its `text` column.
    public var statementText: SourceText
    public var comment: String?
    public init(modifiers: CreateModifiers, secure: Bool = false, name: ObjectName, columns: [Identifier] = [], query: Query,
                queryText: SourceText, statementText: SourceText = SourceText(""), comment: String? = nil) {
        self.modifiers = modifiers
        self.secure = secure
        self.name = name
        self.columns = columns
        self.query = query
        self.queryText = queryText
        self.statementText = statementText
        self.comment = comment
    }
}

/// CREATE SEQUENCE: where it starts, its step, whether values are ordered, a comment. nil means
/// not written (START 1, INCREMENT 1, NOORDER by default).
public struct CreateSequence: Equatable, Sendable {
    public var modifiers: CreateModifiers
    public var name: ObjectName
    public var start: Int64?
    public var increment: Int64?
    public var ordered: Bool?
    public var comment: String?
    public init(modifiers: CreateModifiers, name: ObjectName, start: Int64? = nil, increment: Int64? = nil,
                ordered: Bool? = nil, comment: String? = nil) {
        self.modifiers = modifiers
        self.name = name
        self.start = start
        self.increment = increment
        self.ordered = ordered
        self.comment = comment
    }
}

/// The object kinds DROP, SHOW and DESCRIBE name.
public enum ObjectKind: String, Equatable, Sendable, CaseIterable {
    case database = "DATABASE", schema = "SCHEMA", table = "TABLE", view = "VIEW"
    case warehouse = "WAREHOUSE", role = "ROLE", sequence = "SEQUENCE"
    case stage = "STAGE"
    case procedure = "PROCEDURE"
    case user = "USER"
    case streamlit = "STREAMLIT"
    /// SHOW OBJECTS: tables and views together (no object is of this kind).
    case object = "OBJECT"

    /// The word used in messages: `Database`, `Schema`, `Table`…
    public var displayName: String { rawValue.prefix(1) + rawValue.dropFirst().lowercased() }
    /// The plural SHOW uses.
    public var plural: String { rawValue + "S" }
}

public struct DropStatement: Equatable, Sendable {
    public var kind: ObjectKind
    public var name: ObjectName
    public var ifExists: Bool
    /// nil: not written; true: CASCADE; false: RESTRICT.
    public var cascade: Bool?
    public init(kind: ObjectKind, name: ObjectName, ifExists: Bool = false, cascade: Bool? = nil) {
        self.kind = kind
        self.name = name
        self.ifExists = ifExists
        self.cascade = cascade
    }
}

/// `[LIKE '…'] [IN ACCOUNT | DATABASE [d] | SCHEMA [s] | name] [STARTS WITH '…'] [LIMIT n]`: the
/// filter every SHOW of a listed kind takes (SHOW TABLES, SHOW TASKS, SHOW NETWORK RULES…), parsed
/// by `Parser.parseShowFilter` and printed by `StatementPrinter.showFilter`. nil: not written.
/// https://docs.snowflake.com/en/sql-reference/sql/show-objects
public struct ShowFilter: Equatable, Sendable {
    public enum Scope: Equatable, Sendable {
        case account
        case database(ObjectName?)
        case schema(ObjectName?)
    }
    public var like: String?
    public var scope: Scope?
    public var startsWith: String?
    public var limit: Int?
    public init(like: String? = nil, scope: Scope? = nil, startsWith: String? = nil, limit: Int? = nil) {
        self.like = like
        self.scope = scope
        self.startsWith = startsWith
        self.limit = limit
    }
}

/// SHOW [TERSE] <kinds> <filter>
public struct ShowStatement: Equatable, Sendable {
    public var kind: ObjectKind
    public var terse: Bool
    public var filter: ShowFilter
    public init(kind: ObjectKind, terse: Bool = false, filter: ShowFilter = ShowFilter()) {
        self.kind = kind
        self.terse = terse
        self.filter = filter
    }
}

public struct DescribeStatement: Equatable, Sendable {
    public var kind: ObjectKind
    public var name: ObjectName
    /// DESCRIBE PROCEDURE names the procedure with its argument types (`MYPROC(NUMBER, VARCHAR)`).
    public var argumentTypes: [DataTypeName]
    public init(kind: ObjectKind, name: ObjectName, argumentTypes: [DataTypeName] = []) {
        self.kind = kind
        self.name = name
        self.argumentTypes = argumentTypes
    }
}
