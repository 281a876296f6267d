// Procedures: CREATE PROCEDURE, CALL, DROP PROCEDURE and SHOW PROCEDURES (spec §7.1). A
// procedure's identity is its name and argument types; its body is Snowflake Scripting text
// (LANGUAGE SQL) or a handler name (PYTHON, JAVA, …) that Snowlite binds to Swift code.

public struct ProcedureArgument: Equatable, Sendable {
    public var name: String
    public var type: DataTypeName
    public var defaultValue: Expression?
    public init(name: String, type: DataTypeName, defaultValue: Expression? = nil) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
    }
}

public enum ProcedureReturns: Equatable, Sendable {
    case type(DataTypeName, notNull: Bool)
    /// `RETURNS TABLE (col type, …)`; no columns means the table's shape is decided at run time.
    case table([ProcedureArgument])
}

public enum ProcedureBody: Equatable, Sendable {
    /// `AS '…'` or `AS $$…$$`: kept as text, parsed when called.
    case text(String)
    /// `AS BEGIN … END` written without quotes (server-side scripts).
    case block(ScriptBlock, text: SourceText)
}

public struct CreateProcedure: Equatable, Sendable {
    public var modifiers: CreateModifiers
    public var secure: Bool
    public var name: ObjectName
    public var arguments: [ProcedureArgument]
    public var returns: ProcedureReturns
    /// Upper-cased: SQL, PYTHON, JAVA, SCALA, JAVASCRIPT.
    public var language: String
    /// RUNTIME_VERSION, PACKAGES, IMPORTS, HANDLER, EXTERNAL_ACCESS_INTEGRATIONS, COMMENT…
    public var properties: [Property]
    /// `SECRETS = ('alias' = secret, …)`.
    public var secrets: [ProcedureSecret]
    /// OWNER (default), CALLER or RESTRICTED CALLER.
    public var executeAs: String
    public var body: ProcedureBody?

    public init(modifiers: CreateModifiers, secure: Bool = false, name: ObjectName, arguments: [ProcedureArgument],
                returns: ProcedureReturns, language: String, properties: [Property] = [], secrets: [ProcedureSecret] = [],
                executeAs: String = "OWNER", body: ProcedureBody? = nil) {
        self.modifiers = modifiers
        self.secure = secure
        self.name = name
        self.arguments = arguments
        self.returns = returns
        self.language = language
        self.properties = properties
        self.secrets = secrets
        self.executeAs = executeAs
        self.body = body
    }
}

/// `'alias' = secret_name` in SECRETS = (…); the secret may be `reference('…')` inside apps.
public struct ProcedureSecret: Equatable, Sendable {
    public var alias: String
    public var secret: Expression
    public init(alias: String, secret: Expression) {
        self.alias = alias
        self.secret = secret
    }
}

/// CALL name(args) [INTO :v].
public struct Call: Equatable, Sendable {
    public var name: ObjectName
    public var arguments: [FunctionArgument]
    public var into: String?
    public init(name: ObjectName, arguments: [FunctionArgument], into: String? = nil) {
        self.name = name
        self.arguments = arguments
        self.into = into
    }
}

/// DROP PROCEDURE [IF EXISTS] name(types).
public struct DropProcedure: Equatable, Sendable {
    public var name: ObjectName
    public var argumentTypes: [DataTypeName]
    public var ifExists: Bool
    public init(name: ObjectName, argumentTypes: [DataTypeName], ifExists: Bool = false) {
        self.name = name
        self.argumentTypes = argumentTypes
        self.ifExists = ifExists
    }
}

/// ALTER PROCEDURE [IF EXISTS] name(types) SET … | UNSET … | RENAME TO new | EXECUTE AS …
public struct AlterProcedure: Equatable, Sendable {
    public enum Action: Equatable, Sendable {
        /// COMMENT, LOG_LEVEL, TRACE_LEVEL, EXTERNAL_ACCESS_INTEGRATIONS, and SECRETS (kept apart).
        case set([Property], secrets: [ProcedureSecret]?)
        case unset([String])
        case rename(ObjectName)
        case executeAs(String)
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
