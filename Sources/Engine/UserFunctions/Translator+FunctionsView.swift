// Translator+FunctionsView: `<db>.INFORMATION_SCHEMA.FUNCTIONS`, one row per user function of the
// database that the current role may see (some privilege on it, USAGE on its schema — the rule
// of every INFORMATION_SCHEMA view, Translator+InformationSchema.swift). The rows are computed in
// Swift from the functions' stored definitions and bound as one JSON argument. A SECURE
// function's FUNCTION_DEFINITION is shown to its owner role only.
// https://docs.snowflake.com/en/sql-reference/info-schema/functions

import Foundation
import GRDB

extension Translator {
    static let functionsViewColumns: [InformationSchemaColumn] = [
        .init("FUNCTION_CATALOG", .string, ""), .init("FUNCTION_SCHEMA", .string, ""), .init("FUNCTION_NAME", .string, ""),
        .init("FUNCTION_OWNER", .string, ""), .init("ARGUMENT_SIGNATURE", .string, ""), .init("DATA_TYPE", .string, ""),
        .init("CHARACTER_MAXIMUM_LENGTH", .integer, ""), .init("CHARACTER_OCTET_LENGTH", .integer, ""),
        .init("NUMERIC_PRECISION", .integer, ""), .init("NUMERIC_PRECISION_RADIX", .integer, ""), .init("NUMERIC_SCALE", .integer, ""),
        .init("FUNCTION_LANGUAGE", .string, ""), .init("FUNCTION_DEFINITION", .string, ""), .init("VOLATILITY", .string, ""),
        .init("IS_NULL_CALL", .string, ""), .init("IS_SECURE", .string, ""), .init("CREATED", .timestampLTZ, ""),
        .init("LAST_ALTERED", .timestampLTZ, ""), .init("COMMENT", .string, ""), .init("IS_EXTERNAL", .string, ""),
        .init("API_INTEGRATION", .string, ""), .init("CONTEXT_HEADERS", .string, ""), .init("MAX_BATCH_ROWS", .integer, ""),
        .init("COMPRESSION", .string, ""), .init("PACKAGES", .string, ""), .init("RUNTIME_VERSION", .string, ""),
        .init("INSTALLED_PACKAGES", .string, ""), .init("IS_MEMOIZABLE", .string, ""), .init("IS_DATA_METRIC", .string, ""),
        .init("IS_AGGREGATE", .string, ""),
    ]

    func functionsView(_ database: DatabaseRecord) throws -> (columns: [InformationSchemaColumn], sql: TypedSQL) {
        let access = try access
        let visible = try access.visible(catalog.objects(database: database.name, kinds: [.function]))
        let rows = try visible.map { record -> [Any?] in
            let function = try StoredFunction(record)
            let owns = access.authorizer.owns(Authorization.securable(record))
            let type = function.returnType
            var length: Int64?, octets: Int64?, precision: Int64?, radix: Int64?, scale: Int64?
            switch type {
            case .varchar(let n): (length, octets) = (Int64(n), Int64(min(n * 4, SnowflakeType.maxVarchar)))
            case .binary(let n): (length, octets) = (Int64(n), Int64(n))
            case .number(let p, let s): (precision, radix, scale) = (Int64(p), 10, Int64(s))
            default: break
            }
            let dataType: String
            if function.isTable {
                dataType = function.returns
            } else {
                let base = type.canonicalName.split(separator: "(").first.map(String.init) ?? type.canonicalName
                dataType = base == "VARCHAR" ? "TEXT" : base
            }
            let signature = "(" + function.arguments.map { argument in
                argument.name + " " + (argument.type.canonicalName.split(separator: "(").first.map(String.init) ?? "")
            }.joined(separator: ", ") + ")"
            let yes = { (b: Bool) in b ? "YES" : "NO" }
            return [record.database, record.schema, function.baseName, record.owner.isEmpty ? nil : record.owner, signature, dataType,
                    length, octets, precision, radix, scale, function.language,
                    function.isSecure && !owns ? nil : function.body, function.volatility,
                    yes(function.nullHandling == "CALLED ON NULL INPUT"), yes(function.isSecure), record.createdOn, record.createdOn,
                    record.comment, "NO", nil, nil, nil, nil, record.properties["packages"], record.properties["runtime_version"], nil,
                    yes(function.isMemoizable), "NO", "NO"]
        }
        let columns = Translator.functionsViewColumns
        return (columns, try Translator.staticRows(rows, width: columns.count))
    }
}
