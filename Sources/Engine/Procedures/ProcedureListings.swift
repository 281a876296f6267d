// ProcedureListings: `<db>.INFORMATION_SCHEMA.PROCEDURES` — one row per procedure of the database
// the current role may see (some privilege on it, and usage of its schema and database), with
// Snowflake's columns. The definition (body) is shown only to the owner role, as Snowflake shows a
// secure procedure's; the return type's length, precision and scale are read from its canonical
// type. Bound integrations and secrets are listed by the names the procedure was bound to.
// https://docs.snowflake.com/en/sql-reference/info-schema/procedures

import Foundation

extension Translator {
    static let proceduresViewColumns: [InformationSchemaColumn] = [
        .init("PROCEDURE_CATALOG", .string, ""), .init("PROCEDURE_SCHEMA", .string, ""), .init("PROCEDURE_NAME", .string, ""),
        .init("PROCEDURE_OWNER", .string, ""), .init("ARGUMENT_SIGNATURE", .string, ""), .init("DATA_TYPE", .string, ""),
        .init("CHARACTER_MAXIMUM_LENGTH", .integer, ""), .init("CHARACTER_OCTET_LENGTH", .integer, ""),
        .init("NUMERIC_PRECISION", .integer, ""), .init("NUMERIC_PRECISION_RADIX", .integer, ""), .init("NUMERIC_SCALE", .integer, ""),
        .init("PROCEDURE_LANGUAGE", .string, ""), .init("PROCEDURE_DEFINITION", .string, ""), .init("CREATED", .timestampLTZ, ""),
        .init("LAST_ALTERED", .timestampLTZ, ""), .init("COMMENT", .string, ""), .init("EXTERNAL_ACCESS_INTEGRATIONS", .string, ""),
        .init("SECRETS", .string, ""), .init("OWNER_ROLE_TYPE", .string, ""),
    ]

    func proceduresView(_ database: DatabaseRecord) throws -> (columns: [InformationSchemaColumn], sql: TypedSQL) {
        let access = try access
        let visible = try access.visible(catalog.objects(database: database.name, kinds: [.procedure]))
        let rows = try visible.map { record -> [Any?] in
            let procedure = try StoredProcedure(record)
            let owns = access.authorizer.owns(Authorization.securable(record))
            let type = SnowflakeType.parseCanonical(procedure.returns)
            var length: Int64?, octets: Int64?, precision: Int64?, radix: Int64?, scale: Int64?
            switch type {
            case .varchar(let n)?: (length, octets) = (Int64(n), Int64(min(n * 4, SnowflakeType.maxVarchar)))
            case .binary(let n)?: (length, octets) = (Int64(n), Int64(n))
            case .number(let p, let s)?: (precision, radix, scale) = (Int64(p), 10, Int64(s))
            default: break
            }
            let base = type.map { $0.canonicalName.split(separator: "(").first.map(String.init) ?? $0.canonicalName }
            let dataType = base.map { $0 == "VARCHAR" ? "TEXT" : $0 } ?? procedure.returns
            let signature =
                "("
                + procedure.arguments.map { argument in
                    argument.name + " " + (argument.type.canonicalName.split(separator: "(").first.map(String.init) ?? "")
                }.joined(separator: ", ") + ")"
            let access = try ProcedureExternalAccess(properties: record.properties)
            let integrations =
                access.integrations.isEmpty
                ? nil
                : "[" + access.integrations.map(Translator.listedName).joined(separator: ", ") + "]"
            let secrets =
                try access.secrets.isEmpty
                ? nil
                : String(
                    decoding: JSONSerialization.data(
                        withJSONObject: Dictionary(access.secrets.map { ($0.alias, Translator.listedName($0.secret)) }) { first, _ in first },
                        options: [.sortedKeys]), as: UTF8.self)
            return [
                record.database, record.schema, procedure.baseName, record.owner.isEmpty ? nil : record.owner, signature,
                dataType, length, octets, precision, radix, scale, procedure.language, owns ? procedure.body : nil,
                record.createdOn, record.createdOn, record.comment, integrations, secrets, record.owner.isEmpty ? nil : "ROLE",
            ]
        }
        let columns = Translator.proceduresViewColumns
        return (columns, try Translator.staticRows(rows, width: columns.count))
    }

    /// An integration or secret as listed: its name, or `reference('x')` for one bound by reference.
    private static func listedName(_ target: ProcedureExternalAccess.Target) -> String {
        switch target {
        case .named(let name): return name
        case .reference(let name): return "reference('\(name)')"
        }
    }
}
