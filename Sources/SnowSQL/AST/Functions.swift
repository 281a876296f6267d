// Functions: the statements on user-defined functions — CREATE FUNCTION (SQL UDFs and UDTFs, and
// handler functions declared in another language), ALTER FUNCTION, DROP FUNCTION, DESCRIBE
// FUNCTION and SHOW [USER] FUNCTIONS — one `Statement.function` case holding what was written.
// Like a procedure, a function's identity is its name and argument types. Parsed by
// Parser+Functions.swift, run by Engine/UserFunctions.
// https://docs.snowflake.com/en/sql-reference/sql/create-function

public enum FunctionStatement: Equatable, Sendable {
    case create(CreateFunction)
    case alter(AlterFunction)
    /// DROP FUNCTION [IF EXISTS] name([type, …])
    case drop(name: ObjectName, argumentTypes: [DataTypeName], ifExists: Bool)
    /// DESC[RIBE] FUNCTION name([type, …])
    case describe(name: ObjectName, argumentTypes: [DataTypeName])
    /// SHOW USER FUNCTIONS … (`userOnly`) or SHOW FUNCTIONS …, with the usual filter.
    case show(userOnly: Bool, ShowFilter)
}

/// CREATE [OR REPLACE] [SECURE] FUNCTION [IF NOT EXISTS] name ([arg type [DEFAULT e], …])
/// RETURNS type [[NOT] NULL] | TABLE (col type, …) [LANGUAGE lang] [properties…] AS '…'.
public struct CreateFunction: Equatable, Sendable {
    public var modifiers: CreateModifiers
    public var secure: Bool
    public var name: ObjectName
    public var arguments: [ProcedureArgument]
    public var returns: ProcedureReturns
    /// Upper-cased: SQL (the default), PYTHON, JAVA, SCALA, JAVASCRIPT.
    public var language: String
    /// COMMENT, HANDLER, RUNTIME_VERSION, PACKAGES, IMPORTS, EXTERNAL_ACCESS_INTEGRATIONS…
    public var properties: [Property]
    /// `SECRETS = ('alias' = secret, …)`.
    public var secrets: [ProcedureSecret]
    /// VOLATILE or IMMUTABLE when written.
    public var volatility: String?
    /// CALLED ON NULL INPUT or RETURNS NULL ON NULL INPUT (STRICT) when written.
    public var nullHandling: String?
    public var memoizable: Bool
    /// COPY GRANTS: a replaced function's grants carry over.
    public var copyGrants = false
    /// The text of `AS '…'` or `AS $$…$$`.
    public var body: String?

    public init(
        modifiers: CreateModifiers, secure: Bool = false, name: ObjectName, arguments: [ProcedureArgument],
        returns: ProcedureReturns, language: String = "SQL", properties: [Property] = [],
        secrets: [ProcedureSecret] = [], volatility: String? = nil, nullHandling: String? = nil,
        memoizable: Bool = false, body: String? = nil
    ) {
        self.modifiers = modifiers
        self.secure = secure
        self.name = name
        self.arguments = arguments
        self.returns = returns
        self.language = language
        self.properties = properties
        self.secrets = secrets
        self.volatility = volatility
        self.nullHandling = nullHandling
        self.memoizable = memoizable
        self.body = body
    }
}

/// ALTER FUNCTION [IF EXISTS] name(types) SET … | UNSET … | RENAME TO … | SET SECURE | UNSET SECURE.
public struct AlterFunction: Equatable, Sendable {
    public enum Action: Equatable, Sendable {
        /// COMMENT, LOG_LEVEL, TRACE_LEVEL, EXTERNAL_ACCESS_INTEGRATIONS, and SECRETS (kept apart).
        case set([Property], secrets: [ProcedureSecret]?)
        case unset([String])
        case rename(ObjectName)
        /// SET SECURE (true) or UNSET SECURE (false).
        case secure(Bool)
    }
    public var name: ObjectName
    public var argumentTypes: [DataTypeName]
    public var ifExists: Bool
    public var action: Action
    public init(name: ObjectName, argumentTypes: [DataTypeName], ifExists: Bool = false, action: Action) {
        self.name = name
        self.argumentTypes = argumentTypes
        self.ifExists = ifExists
        self.action = action
    }
}
