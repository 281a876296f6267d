// Statement: one case per statement family the front-end understands. Statements of families a
// later issue adds fail in the parser with Snowflake's 001003 syntax error, never silently. The
// structs and enums the cases hold live in AST/<Family>.swift; the comment over each group of
// cases names its AST and parser files.

public indirect enum Statement: Equatable, Sendable {
    // Queries (AST/Query.swift, Parser+Query.swift)
    case query(Query)
    // Session (AST/Session.swift, Parser+Statements.swift)
    case set(names: [String], values: [Expression])
    case unset([String])
    case showVariables(like: String?)
    case executeImmediate(Expression, using: [Expression])
    case use(UseStatement)
    case begin
    case commit
    case rollback
    // DDL, SHOW and DESCRIBE (AST/DDL.swift, Parser+DDL.swift, Parser+Statements.swift)
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
    // DML (AST/DML.swift, Parser+DML.swift)
    case insert(Insert)
    case update(Update)
    case delete(Delete)
    case merge(Merge)
    // Snowflake Scripting (AST/Scripting.swift, Parser+Scripting.swift)
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
    // Stages and file transfer (AST/Stages.swift, Parser+Stages.swift)
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
