// FunctionListings: what lists and describes user functions — SHOW [USER] FUNCTIONS,
// DESCRIBE FUNCTION and `<db>.INFORMATION_SCHEMA.FUNCTIONS`. SHOW lists the user
// functions the role can see (some privilege on the function, USAGE on its schema), with
// Snowflake's columns; SHOW FUNCTIONS lists the same rows (Snowlite's built-in functions are not
// listed: their argument types are not recorded). A SECURE function's body is shown only to its
// owner role, in DESCRIBE as in INFORMATION_SCHEMA.FUNCTIONS, whose rows (the same visible
// functions, the rule of every INFORMATION_SCHEMA view) are computed here and bound as one JSON
// argument (Translator+InformationSchema.swift).
// https://docs.snowflake.com/en/sql-reference/sql/show-user-functions, …/desc-function,
// https://docs.snowflake.com/en/sql-reference/info-schema/functions

import Foundation
import GRDB
import SnowSQL

extension Executor {
    /// The columns of SHOW USER FUNCTIONS (SHOW FUNCTIONS has the same but secrets and integrations).
    static let showFunctionsColumns = [
        "created_on", "name", "schema_name", "is_builtin", "is_aggregate", "is_ansi", "min_num_arguments", "max_num_arguments",
        "arguments", "description", "catalog_name", "is_table_function", "valid_for_clustering", "is_secure", "secrets",
        "external_access_integrations", "is_external_function", "language", "is_memoizable", "is_data_metric",
    ]

    func showFunctions(userOnly: Bool, _ filter: ShowFilter) throws -> ResultSet {
        var rows: [(key: String, row: [Value])] = []
        let names = Executor.showFunctionsColumns.filter { userOnly || ($0 != "secrets" && $0 != "external_access_integrations") }
        for (database, schema) in try schemasInScope(filter.scope) {
            let records = try catalog.objects(database: database, schema: schema, kinds: [.function])
            for record in try access.visible(records) {
                let function = try StoredFunction(record)
                let access = try ProcedureExternalAccess(properties: record.properties)
                let yesNo = { (b: Bool) -> Value in .string(b ? "Y" : "N") }
                var row: [String: Value] = [
                    "created_on": .timestamp(record.createdOn), "name": .string(function.baseName), "schema_name": .string(record.schema),
                    "is_builtin": yesNo(false), "is_aggregate": yesNo(false), "is_ansi": yesNo(false),
                    "min_num_arguments": .integer(Int64(function.arity.lowerBound)),
                    "max_num_arguments": .integer(Int64(function.arity.upperBound)),
                    "arguments": .string(function.showArguments), "description": .string(record.comment ?? "user-defined function"),
                    "catalog_name": .string(record.database), "is_table_function": yesNo(function.isTable),
                    "valid_for_clustering": yesNo(false), "is_secure": yesNo(function.isSecure),
                    "is_external_function": yesNo(false), "language": .string(function.language),
                    "is_memoizable": yesNo(function.isMemoizable), "is_data_metric": yesNo(false),
                ]
                row["secrets"] =
                    access.secrets.isEmpty
                    ? .null
                    : .string("{" + access.secrets.map { "\"\($0.alias)\":\"\($0.secret.stored)\"" }.joined(separator: ",") + "}")
                row["external_access_integrations"] =
                    access.integrations.isEmpty
                    ? .null
                    : .string("[" + access.integrations.map(\.stored).joined(separator: ",") + "]")
                rows.append((function.baseName + "\u{0}" + function.showArguments, names.map { row[$0] ?? .null }))
            }
        }
        rows.sort { $0.key < $1.key }
        let columns = names.map { name -> ResultColumn in
            switch name {
            case "created_on": return ResultColumn(name, .timestampLTZ)
            case "min_num_arguments", "max_num_arguments": return ResultColumn(name, .integer)
            default: return ResultColumn(name, .string)
            }
        }
        return Executor.filter(ResultSet(columns: columns, rows: rows.map(\.row)), filter)
    }

    /// DESCRIBE FUNCTION name(types): `property` / `value` rows — signature, returns, language,
    /// null handling, volatility, body (the owner's only when SECURE), and a handler function's
    /// handler, runtime version and packages.
    func describeFunction(_ name: ObjectName, _ types: [DataTypeName]) throws -> ResultSet {
        let found = try namedFunction(name, types, operation: "DESCRIBE")
        guard let function = found.function else { throw found.missing }
        try access.require(nil, on: function.record, missing: found.missing)
        let signature =
            "("
            + function.arguments.map { argument in
                argument.name + " " + (argument.type.canonicalName.split(separator: "(").first.map(String.init) ?? "")
            }.joined(separator: ", ") + ")"
        var rows: [(String, String)] = [
            ("signature", signature), ("returns", function.returns + (function.returnsNotNull ? " NOT NULL" : "")),
            ("language", function.language), ("null handling", function.nullHandling), ("volatility", function.volatility),
        ]
        let owns = try access.authorizer.owns(Authorization.securable(function.record))
        if let body = function.body, !function.isSecure || owns { rows.append(("body", body)) }
        if function.language != "SQL" {
            for key in ["handler", "runtime_version", "packages", "imports"] {
                if let value = function.record.properties[key] { rows.append((key, value)) }
            }
        }
        if function.isMemoizable { rows.append(("memoizable", "true")) }
        return ResultSet(
            columns: [ResultColumn("property", .string), ResultColumn("value", .string)],
            rows: rows.map { [.string($0.0), .string($0.1)] })
    }
}

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
            let signature =
                "("
                + function.arguments.map { argument in
                    argument.name + " " + (argument.type.canonicalName.split(separator: "(").first.map(String.init) ?? "")
                }.joined(separator: ", ") + ")"
            let yes = { (b: Bool) in b ? "YES" : "NO" }
            return [
                record.database, record.schema, function.baseName, record.owner.isEmpty ? nil : record.owner, signature, dataType,
                length, octets, precision, radix, scale, function.language,
                function.isSecure && !owns ? nil : function.body, function.volatility,
                yes(function.nullHandling == "CALLED ON NULL INPUT"), yes(function.isSecure), record.createdOn, record.createdOn,
                record.comment, "NO", nil, nil, nil, nil, record.properties["packages"], record.properties["runtime_version"], nil,
                yes(function.isMemoizable), "NO", "NO",
            ]
        }
        let columns = Translator.functionsViewColumns
        return (columns, try Translator.staticRows(rows, width: columns.count))
    }
}
