// Parameters and event tables: `ALTER ACCOUNT | SESSION | USER [name] | WAREHOUSE name SET name =
// value …`, `… UNSET name`, `SHOW PARAMETERS`, and `CREATE EVENT TABLE` (spec §12). Parameters
// that matter here: AUTOCOMMIT, EVENT_TABLE, LOG_LEVEL, QUERY_TAG and STATEMENT_TIMEOUT_IN_SECONDS.

public struct AlterParameters: Equatable, Sendable {
    public enum Target: String, Equatable, Sendable {
        case account = "ACCOUNT", session = "SESSION", user = "USER", warehouse = "WAREHOUSE"
    }
    public var target: Target
    /// The user or warehouse named (nil for ACCOUNT, SESSION, and ALTER USER of the current user).
    public var object: Identifier?
    /// ALTER WAREHOUSE IF EXISTS.
    public var ifExists: Bool
    /// SET pairs; empty for UNSET.
    public var set: [Property]
    public var unset: [String]
    public init(target: Target, object: Identifier? = nil, ifExists: Bool = false, set: [Property] = [], unset: [String] = []) {
        self.target = target
        self.object = object
        self.ifExists = ifExists
        self.set = set
        self.unset = unset
    }
}

/// SHOW PARAMETERS [LIKE '…'] [IN SESSION | IN ACCOUNT]: the parameters and where their values come from.
public struct ShowParameters: Equatable, Sendable {
    /// SESSION (the default) or ACCOUNT.
    public var target: AlterParameters.Target
    public var like: String?
    public init(target: AlterParameters.Target = .session, like: String? = nil) {
        self.target = target
        self.like = like
    }
}

/// CREATE [OR REPLACE] EVENT TABLE [IF NOT EXISTS] name [properties]: a name and its properties.
public typealias CreateEventTable = CreateNamedObject
