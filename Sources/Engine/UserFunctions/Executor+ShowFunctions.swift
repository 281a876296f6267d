// Executor+ShowFunctions: SHOW [USER] FUNCTIONS and DESCRIBE FUNCTION. SHOW lists the user
// functions the role can see (some privilege on the function, USAGE on its schema), with
// Snowflake's columns; SHOW FUNCTIONS lists the same rows (Snowlite's built-in functions are not
// listed: their argument types are not recorded). A SECURE function's body is shown only to its
// owner role, in DESCRIBE as in INFORMATION_SCHEMA.FUNCTIONS.
// https://docs.snowflake.com/en/sql-reference/sql/show-user-functions, …/desc-function

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
                row["secrets"] = access.secrets.isEmpty ? .null
                    : .string("{" + access.secrets.map { "\"\($0.alias)\":\"\($0.secret.stored)\"" }.joined(separator: ",") + "}")
                row["external_access_integrations"] = access.integrations.isEmpty ? .null
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
        let signature = "(" + function.arguments.map { argument in
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
        return ResultSet(columns: [ResultColumn("property", .string), ResultColumn("value", .string)],
                         rows: rows.map { [.string($0.0), .string($0.1)] })
    }
}
