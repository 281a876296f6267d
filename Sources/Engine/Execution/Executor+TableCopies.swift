// Executor+TableCopies: CREATE TABLE t LIKE s and CREATE TABLE t CLONE s. LIKE makes an empty table
// with s's columns as they are defined — names, types, NOT NULL, defaults, comments and identity
// columns (counting again from their start) — and CLONE the same table with s's rows, its identity
// columns going on from where s's are. Neither copies grants, streams or the table's comment; the
// new table is the creating role's, as any new table is. The source must be a table (not a view or a
// hybrid table) whose rows the role may SELECT. Time travel (`CLONE s AT (…)`) is not part of it.
// https://docs.snowflake.com/en/sql-reference/sql/create-table

import GRDB
import SnowSQL

extension Executor {
    /// The table a LIKE or CLONE copies, and the columns the new table gets.
    func tableToCopy(_ source: CreateTable.TableSource) throws -> (table: ObjectRecord, columns: [ColumnRecord]) {
        let (name, operation): (ObjectName, String)
        switch source {
        case .like(let written): (name, operation) = (written, "CREATE TABLE … LIKE")
        case .clone(let written): (name, operation) = (written, "CREATE TABLE … CLONE")
        }
        let (table, columns) = try targetTable(name, operation: operation, requiring: [.select])
        if table.properties[HybridTable.property] != nil { throw SnowflakeError.unsupported("\(operation) of a hybrid table") }
        guard case .like = source else { return (table, columns) }
        return (
            table,
            columns.map { column in
                var copy = column
                if var identity = copy.identity {
                    identity.next = identity.start
                    copy.identity = identity
                }
                return copy
            }
        )
    }

    /// CLONE's rows: all of `source`'s, into the new table's storage.
    func copyRows(of source: ObjectRecord, columns: [ColumnRecord], into storage: String) throws {
        guard let from = source.storageName else { return }
        let names = columns.map { quote($0.name) }.joined(separator: ", ")
        try db.execute(sql: "INSERT INTO \(quote(storage)) (\(names)) SELECT \(names) FROM \(quote(from))")
    }
}
