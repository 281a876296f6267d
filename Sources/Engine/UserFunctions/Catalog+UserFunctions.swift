// Catalog+UserFunctions: how a user-defined function is kept. Like a procedure it is a schema
// object (kind FUNCTION) named with its argument types (`DOUBLE_IT(NUMBER)`), so overloads live
// side by side. Its properties hold the definition as text: `base_name`, `routine_name` (the
// canonical name grants use, `DB.S.F(NUMBER)`), `language`, `arguments` (a JSON array of {name,
// type, default}), `returns` (the canonical type, or `TABLE (A NUMBER, …)`), `columns` (a UDTF's
// declared columns, JSON), `not_null`, `body`, `handler`, `secure`, `volatility`, `null_handling`,
// `memoizable`, and the external access a handler function was bound to (ProcedureExternalAccess).
// `StoredFunction` reads them with their types; renaming or dropping one moves or drops its grants.

import Foundation
import GRDB

/// A user-defined function as a call and SHOW need it.
struct StoredFunction {
    var record: ObjectRecord
    var baseName: String
    var arguments: [(name: String, type: SnowflakeType, defaultText: String?)]
    /// The canonical return type, or `TABLE (A NUMBER(38,0), …)`.
    var returns: String
    /// A UDTF's declared columns; empty for a scalar function.
    var columns: [(name: String, type: SnowflakeType)]
    var isTable: Bool
    var returnsNotNull: Bool
    var language: String
    var body: String?
    var handler: String?
    var isSecure: Bool
    var volatility: String
    var nullHandling: String
    var isMemoizable: Bool

    init(_ record: ObjectRecord) throws {
        self.record = record
        let p = record.properties
        baseName = p["base_name"] ?? record.name
        let decoded = try Catalog.storedJSON(p["arguments"] ?? "[]", as: [[String: String]].self, "function's arguments")
        arguments = decoded.map { ($0["name"] ?? "", SnowflakeType.parseCanonical($0["type"] ?? "") ?? .string, $0["default"]) }
        returns = p["returns"] ?? "VARCHAR"
        isTable = p["columns"] != nil
        let declared = try Catalog.storedJSON(p["columns"] ?? "[]", as: [[String: String]].self, "function's columns")
        columns = declared.map { ($0["name"] ?? "", SnowflakeType.parseCanonical($0["type"] ?? "") ?? .string) }
        returnsNotNull = p["not_null"] == "true"
        language = p["language"] ?? "SQL"
        body = p["body"]
        handler = p["handler"]
        isSecure = p["secure"] == "true"
        volatility = p["volatility"] ?? "VOLATILE"
        nullHandling = p["null_handling"] ?? "CALLED ON NULL INPUT"
        isMemoizable = p["memoizable"] == "true"
    }

    var returnType: SnowflakeType { SnowflakeType.parseCanonical(returns) ?? .string }
    /// The canonical name grants use: `DB.S.F(NUMBER, VARCHAR)`.
    var routineName: String { record.properties["routine_name"] ?? record.qualifiedName }
    /// The qualified name errors and the recursion check show: `DB.S.F`.
    var qualifiedName: String { "\(record.database).\(record.schema).\(baseName)" }
    /// How many arguments a call may pass: the ones without a default, up to all of them.
    var arity: ClosedRange<Int> { arguments.prefix { $0.defaultText == nil }.count...arguments.count }
    /// `(NUMBER, VARCHAR)`: the argument types without length or precision, as signatures show them.
    var signature: String {
        "(" + arguments.map { $0.type.canonicalName.split(separator: "(").first.map(String.init) ?? "" }.joined(separator: ", ") + ")"
    }
    /// SHOW's `arguments`: `F(NUMBER, VARCHAR) RETURN NUMBER(38,0)`.
    var showArguments: String { baseName + signature + " RETURN " + returns }
}

extension Catalog {
    /// The functions of one schema (every overload), ordered by name.
    func userFunctions(database: String, schema: String) throws -> [StoredFunction] {
        try objects(database: database, schema: schema, kinds: [.function]).map(StoredFunction.init)
    }

    /// Rewrites a function's name, comment and properties; its grants follow a rename.
    func updateFunction(_ record: ObjectRecord, name: String, comment: String?, properties: [String: String]) throws {
        let data = try JSONSerialization.data(withJSONObject: properties, options: [.sortedKeys])
        try db.execute(
            sql: """
                UPDATE sl_object SET name = ?, comment = ?, properties = ?
                WHERE database_name = ? AND schema_name = ? AND name = ? AND kind = ?
                """,
            arguments: [
                name, comment, String(decoding: data, as: UTF8.self), record.database, record.schema, record.name,
                record.kind.rawValue,
            ])
        if let old = record.properties["routine_name"], let new = properties["routine_name"], old != new {
            try db.execute(
                sql: "UPDATE sl_grant SET object_name = ? WHERE object_kind = 'FUNCTION' AND object_name = ?",
                arguments: [new, old])
        }
    }

    /// Drops a function and every grant on it (its routine name is how grants name it).
    func dropFunction(_ function: StoredFunction, keepGrants: Bool = false) throws {
        try dropObject(function.record)
        if !keepGrants {
            try db.execute(
                sql: "DELETE FROM sl_grant WHERE object_kind = 'FUNCTION' AND object_name = ?",
                arguments: [function.routineName])
        }
    }
}
