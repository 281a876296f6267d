// Catalog+Procedures: how a stored procedure is kept. A procedure is a schema object of kind
// PROCEDURE named with its argument types (`INGEST_DATA(VARCHAR)`), so overloads live side by side;
// its properties hold the definition as text: `base_name`, `routine_name` (the canonical name
// grants use), `language`, `handler`, `body`, `returns`, `execute_as`, `arguments` (a JSON array of
// {name, type, default}) and the external access it was bound to (ProcedureExternalAccess.swift).
// `StoredProcedure` reads them with their types; renaming one moves its grants along.

import Foundation
import GRDB

/// A stored procedure as CALL needs it.
struct StoredProcedure {
    var record: ObjectRecord
    var baseName: String
    var arguments: [(name: String, type: SnowflakeType, defaultText: String?)]
    var returns: String
    var language: String
    var handler: String?
    var body: String?
    var executeAs: String
    /// LOG_LEVEL set on the procedure, as written.
    var logLevel: String?
    var isSecure: Bool

    /// Whether a CALL with `count` arguments fits: the rest of the parameters have defaults.
    func accepts(argumentCount count: Int) -> Bool {
        count <= arguments.count && arguments.dropFirst(count).allSatisfy { $0.defaultText != nil }
    }

    init(_ record: ObjectRecord) throws {
        self.record = record
        let p = record.properties
        baseName = p["base_name"] ?? record.name
        let decoded = try Catalog.storedJSON(p["arguments"] ?? "[]", as: [[String: String]].self, "procedure's arguments")
        arguments = decoded.map { ($0["name"] ?? "", SnowflakeType.parseCanonical($0["type"] ?? "") ?? .string, $0["default"]) }
        returns = p["returns"] ?? "VARCHAR"
        language = p["language"] ?? "SQL"
        handler = p["handler"]
        body = p["body"]
        executeAs = p["execute_as"] ?? "OWNER"
        logLevel = p["log_level"]
        isSecure = p["secure"] == "true"
    }

    var returnsTable: Bool { returns.hasPrefix("TABLE") }
    var returnType: SnowflakeType { SnowflakeType.parseCanonical(returns) ?? .string }
}

extension Catalog {
    /// Rewrites an object's name, comment and properties in place; grants follow a renamed procedure.
    func updateObject(_ record: ObjectRecord, name: String, comment: String?, properties: [String: String]) throws {
        let data = try JSONSerialization.data(withJSONObject: properties, options: [.sortedKeys])
        try db.execute(sql: """
            UPDATE sl_object SET name = ?, comment = ?, properties = ?
            WHERE database_name = ? AND schema_name = ? AND name = ? AND kind = ?
            """, arguments: [name, comment, String(decoding: data, as: UTF8.self), record.database, record.schema, record.name, record.kind.rawValue])
        if let old = record.properties["routine_name"], let new = properties["routine_name"], old != new {
            try db.execute(sql: "UPDATE sl_grant SET object_name = ? WHERE object_kind = 'PROCEDURE' AND object_name = ?", arguments: [new, old])
        }
    }
}
