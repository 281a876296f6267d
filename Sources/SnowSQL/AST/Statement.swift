// Statement: one case per statement family the front-end understands. Statements of families a
// later issue adds fail in the parser with Snowflake's 001003 syntax error, never silently.

public indirect enum Statement: Equatable, Sendable {
    case query(Query)
    // Session
    case set(names: [String], values: [Expression])
    case unset([String])
    case showVariables(like: String?)
    case executeImmediate(Expression, using: [Expression])
    case use(UseStatement)
    case begin
    case commit
    case rollback
    // DDL
    case createDatabase(CreateDatabase)
    case createSchema(CreateSchema)
    case createTable(CreateTable)
    case createView(CreateView)
    case createWarehouse(CreateWarehouse)
    case createRole(CreateRole)
    case createSequence(CreateSequence)
    case drop(DropStatement)
    case show(ShowStatement)
    case describe(DescribeStatement)
    // DML
    case insert(Insert)
    case update(Update)
    case delete(Delete)
    case merge(Merge)
    // Snowflake Scripting
    /// An anonymous block (`EXECUTE IMMEDIATE $$ BEGIN … END $$`, `BEGIN … END` in server-side scripts).
    case block(ScriptBlock)
    // Procedures (AST/Procedures.swift, Parser+Procedures.swift)
    case createProcedure(CreateProcedure)
    case call(Call)
    case dropProcedure(DropProcedure)
    case alterProcedure(AlterProcedure)
    // Parameters and event tables (AST/Parameters.swift, Parser+Parameters.swift)
    case alterParameters(AlterParameters)
    case createEventTable(CreateEventTable)
    // Access control (AST/Grants.swift, Parser+Grants.swift)
    case grant(GrantPrivileges)
    case revoke(RevokePrivileges)
    case grantRole(GrantRole)
    case revokeRole(GrantRole)
    case grantOwnership(GrantOwnership)
    case showGrants(ShowGrants)
    case createUser(CreateUser)
    // Stages and file transfer (Parser+Stages.swift)
    case createStage(CreateStage)
    case put(Put)
    /// LIST / LS: the files of a stage under a path, optionally filtered by a regular expression.
    case list(StageLocation, pattern: String?)
    case get(GetFiles)
    /// REMOVE / RM: deletes the files LIST would show.
    case remove(StageLocation, pattern: String?)
    // Native-app packages and versions (AST/ApplicationPackages.swift, Parser+ApplicationPackages.swift)
    case applicationPackage(ApplicationPackageStatement)
    // Applications, application roles, Streamlit (AST/Applications.swift, Parser+Applications.swift)
    case application(ApplicationStatement)
    // Network rules, secrets, external access integrations (AST/ExternalAccess.swift, Parser+ExternalAccess.swift)
    case externalAccess(ExternalAccessStatement)
    // Tasks (AST/Tasks.swift, Parser+Tasks.swift)
    case task(TaskStatement)
}

// MARK: - Session statements

public struct UseStatement: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable { case role = "ROLE", warehouse = "WAREHOUSE", database = "DATABASE", schema = "SCHEMA" }
    /// nil: `USE name` — a database, or `USE db.sch` — a schema.
    public var kind: Kind?
    public var name: ObjectName
    public init(kind: Kind?, name: ObjectName) {
        self.kind = kind
        self.name = name
    }
}

// MARK: - DDL

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
    public var primaryKey: Bool
    public var unique: Bool
    public var comment: String?
    public init(name: Identifier, type: DataTypeName, notNull: Bool = false, defaultValue: Expression? = nil,
                primaryKey: Bool = false, unique: Bool = false, comment: String? = nil) {
        self.name = name
        self.type = type
        self.notNull = notNull
        self.defaultValue = defaultValue
        self.primaryKey = primaryKey
        self.unique = unique
        self.comment = comment
    }
}

/// `PRIMARY KEY (a, b)` / `UNIQUE (a)` written after the columns.
public struct TableConstraint: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable { case primaryKey = "PRIMARY KEY", unique = "UNIQUE" }
    public var kind: Kind
    public var columns: [Identifier]
    public init(kind: Kind, columns: [Identifier]) {
        self.kind = kind
        self.columns = columns
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
    public init(modifiers: CreateModifiers, name: ObjectName, columns: [ColumnDefinition], constraints: [TableConstraint] = [],
                asQuery: Query? = nil, properties: [Property] = []) {
        self.modifiers = modifiers
        self.name = name
        self.columns = columns
        self.constraints = constraints
        self.asQuery = asQuery
        self.properties = properties
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

public struct ShowStatement: Equatable, Sendable {
    public enum Scope: Equatable, Sendable {
        case account
        case database(ObjectName?)
        case schema(ObjectName?)
    }
    public var kind: ObjectKind
    public var terse: Bool
    public var like: String?
    public var scope: Scope?
    public var startsWith: String?
    public var limit: Int?
    public init(kind: ObjectKind, terse: Bool = false, like: String? = nil, scope: Scope? = nil, startsWith: String? = nil, limit: Int? = nil) {
        self.kind = kind
        self.terse = terse
        self.like = like
        self.scope = scope
        self.startsWith = startsWith
        self.limit = limit
    }
}

public struct DescribeStatement: Equatable, Sendable {
    public var kind: ObjectKind
    public var name: ObjectName
    public init(kind: ObjectKind, name: ObjectName) {
        self.kind = kind
        self.name = name
    }
}

// MARK: - Stages and file transfer

/// CREATE [OR REPLACE] [TEMPORARY] STAGE [IF NOT EXISTS] name [properties]: an internal stage,
/// unless a `URL` property makes it external.
public struct CreateStage: Equatable, Sendable {
    public var modifiers: CreateModifiers
    public var name: ObjectName
    public var properties: [Property]
    public init(modifiers: CreateModifiers, name: ObjectName, properties: [Property] = []) {
        self.modifiers = modifiers
        self.name = name
        self.properties = properties
    }
}

/// `@[db.][schema.]stage[/path]`, `@~[/path]` (the user's stage) or `@[namespace.]%table[/path]`
/// (a table's stage), as written after PUT, LIST, GET, REMOVE or in quotes (`'@s/a b'`).
public struct StageLocation: Equatable, Sendable, CustomStringConvertible {
    public enum Stage: Equatable, Sendable {
        case named(ObjectName)
        case user
        /// The text between `@` and the first `/`, such as `db.sch.%t`.
        case table(String)
    }
    public var stage: Stage
    /// The path after the stage, without its leading `/`: case-sensitive, empty for the whole stage.
    public var path: String
    public init(stage: Stage, path: String = "") {
        self.stage = stage
        self.path = path
    }

    public var description: String {
        var text = "@"
        switch stage {
        case .named(let name): text += name.description
        case .user: text += "~"
        case .table(let name): text += name
        }
        return path.isEmpty ? text : text + "/" + path
    }
}

/// PUT 'file://<path or glob>' @stage[/path] [AUTO_COMPRESS = …] [OVERWRITE = …] [SOURCE_COMPRESSION = …] [PARALLEL = n]
public struct Put: Equatable, Sendable {
    /// The local file URL as written, `file://` included.
    public var fileURL: String
    public var stage: StageLocation
    public var options: [Property]
    public init(fileURL: String, stage: StageLocation, options: [Property] = []) {
        self.fileURL = fileURL
        self.stage = stage
        self.options = options
    }
}

/// GET @stage[/path] 'file://<directory>' [PARALLEL = n] [PATTERN = '…']
public struct GetFiles: Equatable, Sendable {
    public var stage: StageLocation
    /// The local directory URL as written, `file://` included.
    public var directoryURL: String
    public var options: [Property]
    public init(stage: StageLocation, directoryURL: String, options: [Property] = []) {
        self.stage = stage
        self.directoryURL = directoryURL
        self.options = options
    }
}

// MARK: - DML

public struct Insert: Equatable, Sendable {
    public enum Source: Equatable, Sendable {
        case values([[Expression]])
        case query(Query)
    }
    public var overwrite: Bool
    public var table: ObjectName
    public var columns: [Identifier]
    public var source: Source
    public init(overwrite: Bool = false, table: ObjectName, columns: [Identifier] = [], source: Source) {
        self.overwrite = overwrite
        self.table = table
        self.columns = columns
        self.source = source
    }
}

public struct Assignment: Equatable, Sendable {
    public var column: Identifier
    public var value: Expression
    public init(column: Identifier, value: Expression) {
        self.column = column
        self.value = value
    }
}

public struct Update: Equatable, Sendable {
    public var table: ObjectName
    public var alias: Identifier?
    public var assignments: [Assignment]
    public var from: TableReference?
    public var whereClause: Expression?
    public init(table: ObjectName, alias: Identifier? = nil, assignments: [Assignment], from: TableReference? = nil, whereClause: Expression? = nil) {
        self.table = table
        self.alias = alias
        self.assignments = assignments
        self.from = from
        self.whereClause = whereClause
    }
}

public struct Delete: Equatable, Sendable {
    public var table: ObjectName
    public var alias: Identifier?
    public var using: TableReference?
    public var whereClause: Expression?
    public init(table: ObjectName, alias: Identifier? = nil, using: TableReference? = nil, whereClause: Expression? = nil) {
        self.table = table
        self.alias = alias
        self.using = using
        self.whereClause = whereClause
    }
}

/// MERGE INTO target [[AS] alias] USING source ON condition WHEN [NOT] MATCHED [AND …] THEN …
public struct Merge: Equatable, Sendable {
    public var target: ObjectName
    public var targetAlias: Identifier?
    public var source: TableReference
    public var condition: Expression
    public var clauses: [MergeClause]
    public init(target: ObjectName, targetAlias: Identifier? = nil, source: TableReference, condition: Expression,
                clauses: [MergeClause]) {
        self.target = target
        self.targetAlias = targetAlias
        self.source = source
        self.condition = condition
        self.clauses = clauses
    }
}

public struct MergeClause: Equatable, Sendable {
    public enum Action: Equatable, Sendable {
        case update([Assignment])
        case delete
        /// `INSERT [(cols)] VALUES (…)`; no columns means every column of the target, in order.
        case insert(columns: [Identifier], values: [Expression])
    }
    /// WHEN MATCHED (true) or WHEN NOT MATCHED (false).
    public var matched: Bool
    public var condition: Expression?
    public var action: Action
    public init(matched: Bool, condition: Expression? = nil, action: Action) {
        self.matched = matched
        self.condition = condition
        self.action = action
    }
}
