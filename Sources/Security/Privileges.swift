// Privileges: the names of Snowflake's privileges and the kinds of securable objects they apply
// to. `ALL [PRIVILEGES]` on a kind means every privilege listed for it here (OWNERSHIP is never
// part of ALL). Kinds are named as SHOW GRANTS prints them in `granted_on` (`EVENT_TABLE`,
// `APPLICATION_PACKAGE`); the grammar's words (`EVENT TABLE`) map to them.
// https://docs.snowflake.com/en/user-guide/security-access-control-privileges

/// A privilege by its Snowflake name, upper case with single blanks (`CREATE TABLE`).
public struct Privilege: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ name: String) { rawValue = name }
    public var description: String { rawValue }

    public static let ownership = Privilege("OWNERSHIP")
    public static let usage = Privilege("USAGE")
    public static let select = Privilege("SELECT")
    public static let insert = Privilege("INSERT")
    public static let update = Privilege("UPDATE")
    public static let delete = Privilege("DELETE")
    public static let truncate = Privilege("TRUNCATE")
    public static let read = Privilege("READ")
    public static let write = Privilege("WRITE")
    public static let monitor = Privilege("MONITOR")
    public static let modify = Privilege("MODIFY")
    public static let operate = Privilege("OPERATE")
    // Account
    public static let createDatabase = Privilege("CREATE DATABASE")
    public static let createWarehouse = Privilege("CREATE WAREHOUSE")
    public static let createRole = Privilege("CREATE ROLE")
    public static let createUser = Privilege("CREATE USER")
    public static let createIntegration = Privilege("CREATE INTEGRATION")
    public static let createApplicationPackage = Privilege("CREATE APPLICATION PACKAGE")
    public static let createApplication = Privilege("CREATE APPLICATION")
    public static let executeTask = Privilege("EXECUTE TASK")
    public static let executeManagedTask = Privilege("EXECUTE MANAGED TASK")
    public static let manageGrants = Privilege("MANAGE GRANTS")
    public static let modifyLogLevel = Privilege("MODIFY LOG LEVEL")
    // Database and schema
    public static let createSchema = Privilege("CREATE SCHEMA")

    /// `CREATE <KIND>` on a schema for a schema-object kind (`CREATE TABLE`, `CREATE EVENT TABLE`).
    public static func create(_ kind: SecurableKind) -> Privilege { Privilege("CREATE " + kind.word) }
}

/// A kind of securable object, named as SHOW GRANTS' `granted_on` column names it.
public enum SecurableKind: String, Hashable, Sendable, CaseIterable {
    case account = "ACCOUNT"
    case database = "DATABASE"
    case schema = "SCHEMA"
    case table = "TABLE"
    case eventTable = "EVENT_TABLE"
    case view = "VIEW"
    case sequence = "SEQUENCE"
    case stage = "STAGE"
    case procedure = "PROCEDURE"
    case function = "FUNCTION"
    case task = "TASK"
    case secret = "SECRET"
    case streamlit = "STREAMLIT"
    case networkRule = "NETWORK_RULE"
    case stream = "STREAM"
    case fileFormat = "FILE_FORMAT"
    case warehouse = "WAREHOUSE"
    case integration = "INTEGRATION"
    case applicationPackage = "APPLICATION_PACKAGE"
    case application = "APPLICATION"
    case role = "ROLE"
    case user = "USER"

    /// The kind as the grammar writes it (`EVENT TABLE`, `APPLICATION PACKAGE`).
    public var word: String { rawValue.replacingUnderscores() }

    /// The kind a grammar word names: `EVENT TABLE`, `TABLES` (plural, for ALL / FUTURE).
    public init?(word: String, plural: Bool = false) {
        let singular = plural ? (word.hasSuffix("S") ? String(word.dropLast()) : "") : word
        guard let kind = SecurableKind.allCases.first(where: { $0.word == singular }) else { return nil }
        self = kind
    }

    /// Lower-case, as 003001 names it: `Insufficient privileges to operate on table 'T'`.
    public var messageWord: String { word.lowercased() }

    /// Objects that live in a schema (their names have three parts).
    public var isSchemaObject: Bool {
        switch self {
        case .table, .eventTable, .view, .sequence, .stage, .procedure, .function, .task, .secret, .streamlit, .networkRule,
             .stream, .fileFormat:
            return true
        default: return false
        }
    }

    /// Every privilege that can be granted on this kind, OWNERSHIP aside: what ALL grants.
    public var privileges: [Privilege] {
        switch self {
        case .account:
            return ["CREATE DATABASE", "CREATE WAREHOUSE", "CREATE ROLE", "CREATE USER", "CREATE INTEGRATION",
                    "CREATE APPLICATION PACKAGE", "CREATE APPLICATION", "CREATE COMPUTE POOL", "CREATE SHARE",
                    "CREATE NETWORK POLICY", "CREATE DATA EXCHANGE LISTING", "EXECUTE TASK", "EXECUTE MANAGED TASK",
                    "EXECUTE ALERT", "MANAGE GRANTS", "MANAGE WAREHOUSES", "MODIFY LOG LEVEL", "MODIFY TRACE LEVEL",
                    "MODIFY SESSION LOG LEVEL", "MODIFY SESSION TRACE LEVEL", "MONITOR", "MONITOR EXECUTION",
                    "MONITOR USAGE", "IMPORT SHARE", "BIND SERVICE ENDPOINT", "READ SESSION", "APPLY MASKING POLICY",
                    "APPLY ROW ACCESS POLICY", "APPLY TAG", "AUDIT"].map { Privilege($0) }
        case .database:
            return ["USAGE", "CREATE SCHEMA", "MONITOR", "MODIFY", "CREATE DATABASE ROLE", "APPLYBUDGET",
                    "IMPORTED PRIVILEGES", "REFERENCE_USAGE"].map { Privilege($0) }
        case .schema:
            return (["USAGE", "MONITOR", "MODIFY", "ADD SEARCH OPTIMIZATION", "APPLYBUDGET", "CREATE EXTERNAL TABLE",
                     "CREATE MATERIALIZED VIEW", "CREATE PIPE", "CREATE STREAM", "CREATE TAG",
                     "CREATE ALERT", "CREATE DYNAMIC TABLE"].map { Privilege($0) })
                + SecurableKind.allCases.filter { $0.isSchemaObject && $0 != .stream }.map(Privilege.create)
        case .table, .eventTable:
            return ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "EVOLVE SCHEMA", "APPLYBUDGET"]
                .map { Privilege($0) }
        case .view: return [.select, Privilege("REFERENCES")]
        case .stream: return [.select]
        case .sequence, .procedure, .function, .streamlit, .integration, .fileFormat: return [.usage]
        case .stage: return [.read, .write, .usage]
        case .task: return [.operate, .monitor]
        case .secret: return [.read, .usage]
        case .networkRule: return []
        case .warehouse: return [.usage, .operate, .monitor, .modify, Privilege("APPLYBUDGET")]
        case .applicationPackage:
            return ["DEVELOP", "INSTALL", "MANAGE VERSIONS", "MANAGE RELEASES"].map { Privilege($0) }
        case .application: return [.usage, .monitor]
        case .role: return [.usage]
        case .user: return [.monitor]
        }
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
