// Catalog+ApplicationReferences: the consumer objects bound to an application's references
// (spec §5.8), one row of sl_app_reference per binding; a single-valued reference has one row with
// an empty alias. The object is stored as SYSTEM$REFERENCE resolved it (type, qualified name,
// privileges), so the binding outlives the session that issued the reference string.

import GRDB

/// One binding of an application's reference to a consumer object.
struct ReferenceBinding: Equatable {
    var application: String
    var name: String
    var alias: String
    var object: IssuedReference
}

extension Catalog {
    /// The bindings of an application's reference `name`, oldest first.
    func referenceBindings(application: String, name: String? = nil) throws -> [ReferenceBinding] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT * FROM sl_app_reference WHERE application = ? AND (? IS NULL OR name = ?) ORDER BY name, created_on, alias
            """, arguments: [application, name, name])
        return rows.map { row in
            ReferenceBinding(application: row["application"], name: row["name"], alias: row["alias"], object: IssuedReference(
                objectType: row["object_kind"], database: row["database_name"], schema: row["schema_name"], name: row["object_name"],
                privileges: (row["privileges"] as String).split(separator: ",").map(String.init), scope: "PERSISTENT"))
        }
    }

    func insertReferenceBinding(_ binding: ReferenceBinding, createdOn: String) throws {
        let object = binding.object
        try db.execute(sql: """
            INSERT OR REPLACE INTO sl_app_reference
                (application, name, alias, object_kind, database_name, schema_name, object_name, privileges, created_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [binding.application, binding.name, binding.alias, object.objectType, object.database, object.schema,
                             object.name, object.privileges.joined(separator: ","), createdOn])
    }

    /// Removes the bindings of `name` (all of them when `alias` is nil; every reference when `name` is nil).
    func deleteReferenceBindings(application: String, name: String? = nil, alias: String? = nil) throws {
        try db.execute(sql: """
            DELETE FROM sl_app_reference WHERE application = ? AND (? IS NULL OR name = ?) AND (? IS NULL OR alias = ?)
            """, arguments: [application, name, name, alias, alias])
    }
}
