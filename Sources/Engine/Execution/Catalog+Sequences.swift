// Catalog+Sequences: how a sequence is kept. A sequence is a schema object of kind SEQUENCE whose
// properties hold `next_value`, `interval` and `ordered` as text; the values a statement takes
// with NEXTVAL are counted in the session (Translator+Sequences.swift) and written back here, in
// the statement's transaction, only the next value changing. An AUTOINCREMENT / IDENTITY column's
// generator is kept the same way in its sl_column row (`identity_next`).

import GRDB

extension Catalog {
    /// Records the value the sequence `database.schema.name` continues from.
    func setNextValue(ofSequence name: String, database: String, schema: String, to next: Int64) throws {
        try db.execute(sql: """
            UPDATE sl_object SET properties = json_set(properties, '$.next_value', ?)
            WHERE database_name = ? AND schema_name = ? AND name = ? AND kind = ?
            """, arguments: [String(next), database, schema, name, CatalogKind.sequence.rawValue])
    }

    /// Records the value the identity column `column` of table `database.schema.table` continues from.
    func setNextIdentityValue(table: String, column: String, database: String, schema: String, to next: Int64) throws {
        try db.execute(sql: """
            UPDATE sl_column SET identity_next = ?
            WHERE database_name = ? AND schema_name = ? AND object_name = ? AND name = ? AND identity_start IS NOT NULL
            """, arguments: [next, database, schema, table, column])
    }
}
