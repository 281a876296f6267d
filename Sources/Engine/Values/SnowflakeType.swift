// SnowflakeType: the data types a column or an expression has, with the canonical names that
// DESCRIBE prints (`NUMBER(38,0)`, `VARCHAR(16777216)`, `TIMESTAMP_NTZ(9)`), and the mapping from
// every synonym a user may write (spec §9). SQLite storage classes follow from it.

public enum SnowflakeType: Sendable, Equatable, Hashable {
    case number(precision: Int, scale: Int)
    case float
    case varchar(length: Int)
    case binary(length: Int)
    case boolean
    case date
    case time
    case timestampNTZ
    case timestampLTZ
    case timestampTZ
    case variant
    case object
    case array

    public static let maxVarchar = 16_777_216
    public static let integer = SnowflakeType.number(precision: 38, scale: 0)
    public static let string = SnowflakeType.varchar(length: maxVarchar)

    /// The name DESCRIBE TABLE prints.
    public var canonicalName: String {
        switch self {
        case .number(let p, let s): return "NUMBER(\(p),\(s))"
        case .float: return "FLOAT"
        case .varchar(let n): return "VARCHAR(\(n))"
        case .binary(let n): return "BINARY(\(n))"
        case .boolean: return "BOOLEAN"
        case .date: return "DATE"
        case .time: return "TIME(9)"
        case .timestampNTZ: return "TIMESTAMP_NTZ(9)"
        case .timestampLTZ: return "TIMESTAMP_LTZ(9)"
        case .timestampTZ: return "TIMESTAMP_TZ(9)"
        case .variant: return "VARIANT"
        case .object: return "OBJECT"
        case .array: return "ARRAY"
        }
    }

    /// The short family name used by SHOW VARIABLES' `type` column and TYPEOF-like output.
    public var familyName: String {
        switch self {
        case .number: return "fixed"
        case .float: return "real"
        case .varchar: return "text"
        case .binary: return "binary"
        case .boolean: return "boolean"
        case .date: return "date"
        case .time: return "time"
        case .timestampNTZ: return "timestamp_ntz"
        case .timestampLTZ: return "timestamp_ltz"
        case .timestampTZ: return "timestamp_tz"
        case .variant: return "variant"
        case .object: return "object"
        case .array: return "array"
        }
    }

    public var isNumeric: Bool {
        switch self {
        case .number, .float: return true
        default: return false
        }
    }

    public var isSemiStructured: Bool {
        switch self {
        case .variant, .object, .array: return true
        default: return false
        }
    }

    /// The SQLite column affinity used for a user table column of this type.
    public var sqliteAffinity: String {
        switch self {
        case .number(_, 0), .boolean: return "INTEGER"
        case .number, .float: return "REAL"
        case .binary: return "BLOB"
        default: return "TEXT"
        }
    }

    /// Maps a type as written (`STRING`, `int`, `NUMBER(10,2)`, `TIMESTAMP`) to its canonical type.
    /// Returns nil for a name that is not a Snowflake data type.
    public static func named(_ rawName: String, _ arguments: [Int] = []) -> SnowflakeType? {
        let name = rawName.uppercased()
        switch name {
        case "NUMBER", "DECIMAL", "NUMERIC":
            let p = arguments.first ?? 38
            let s = arguments.count > 1 ? arguments[1] : 0
            return .number(precision: p, scale: s)
        case "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT":
            return .integer
        case "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "DOUBLE PRECISION", "REAL":
            return .float
        case "VARCHAR", "STRING", "TEXT", "NVARCHAR", "NVARCHAR2", "CHAR VARYING", "NCHAR VARYING":
            return .varchar(length: arguments.first ?? maxVarchar)
        case "CHAR", "CHARACTER", "NCHAR":
            return .varchar(length: arguments.first ?? 1)
        case "BINARY", "VARBINARY":
            return .binary(length: arguments.first ?? 8_388_608)
        case "BOOLEAN": return .boolean
        case "DATE": return .date
        case "TIME": return .time
        case "TIMESTAMP", "DATETIME", "TIMESTAMP_NTZ", "TIMESTAMPNTZ", "TIMESTAMP WITHOUT TIME ZONE": return .timestampNTZ
        case "TIMESTAMP_LTZ", "TIMESTAMPLTZ", "TIMESTAMP WITH LOCAL TIME ZONE": return .timestampLTZ
        case "TIMESTAMP_TZ", "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE": return .timestampTZ
        case "VARIANT": return .variant
        case "OBJECT": return .object
        case "ARRAY": return .array
        default: return nil
        }
    }
}
