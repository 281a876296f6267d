// Executor+HybridTableDefinition: CREATE HYBRID TABLE's checks, turning what was written (inline
// and out-of-line PRIMARY KEY, UNIQUE and FOREIGN KEY, INDEX elements) into a HybridTable: exactly
// one primary key, keys and indexes only on columns the table has and of types Snowflake indexes,
// foreign keys only to a hybrid table of the same database on its primary key or a UNIQUE key,
// with no action but RESTRICT / NO ACTION. An unqualified parent is looked up in the new table's
// schema. Executor+DDL's createTable stores the definition and installs its enforcement.
// https://docs.snowflake.com/en/sql-reference/sql/create-hybrid-table

import SnowSQL

extension Executor {
    /// The definition of the hybrid table `create` makes as `name` with `columns`, once checked.
    func hybridDefinition(_ create: CreateTable, name: QualifiedName, columns: [ColumnRecord]) throws -> HybridTable {
        if create.modifiers.temporary || create.modifiers.transient { throw SnowflakeError.hybridTableCannotBeTemporary }
        if try catalog.database(name.database)?.isTransient == true
            || catalog.schema(database: name.database, name: name.schema)?.isTransient == true
        {
            throw SnowflakeError.hybridTableUnsupported("Transient schemas and databases")
        }
        if create.properties.contains(where: { $0.name == "CHANGE_TRACKING" && $0.value.text == "TRUE" }) {
            throw SnowflakeError.hybridTableUnsupported("CHANGE_TRACKING")
        }
        let types = Dictionary(columns.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        func keyColumns(_ identifiers: [Identifier]) throws -> [String] {
            try identifiers.map { identifier in
                guard let type = types[identifier.name] else { throw SnowflakeError.hybridColumnUnknown(identifier.name) }
                guard HybridTable.indexable(type) else {
                    throw SnowflakeError.hybridColumnNotIndexable(identifier.name, type: type.canonicalName)
                }
                return identifier.name
            }
        }
        var primaryKeys = try create.columns.filter(\.primaryKey).map { try keyColumns([$0.name]) }
        primaryKeys += try create.constraints.filter { $0.kind == .primaryKey }.map { try keyColumns($0.columns) }
        guard let primaryKey = primaryKeys.first else { throw SnowflakeError.hybridTableNeedsPrimaryKey }
        guard primaryKeys.count == 1 else { throw SnowflakeError.hybridTableTwoPrimaryKeys }
        var uniqueKeys = try create.columns.filter(\.unique).map { try keyColumns([$0.name]) }
        uniqueKeys += try create.constraints.filter { $0.kind == .unique }.map { try keyColumns($0.columns) }
        var hybrid = HybridTable(primaryKey: primaryKey, uniqueKeys: uniqueKeys, foreignKeys: [], indexes: [])
        for column in create.columns {
            guard let reference = column.references else { continue }
            hybrid.foreignKeys.append(
                try foreignKey(
                    columns: try keyColumns([column.name]), parent: reference.table,
                    parentColumns: reference.column.map { [$0] } ?? [], actions: reference.actions, of: name, hybrid))
        }
        for constraint in create.constraints where constraint.kind == .foreignKey {
            guard let parent = constraint.references else { continue }
            hybrid.foreignKeys.append(
                try foreignKey(
                    columns: try keyColumns(constraint.columns), parent: parent, parentColumns: constraint.referencedColumns,
                    actions: constraint.actions, of: name, hybrid))
        }
        for index in create.indexes {
            hybrid.indexes.append(try secondaryIndex(index, in: hybrid, table: name.name, keyColumns: keyColumns))
        }
        return hybrid
    }

    /// A secondary index of `hybrid` (the table `table`) once checked: a new name, columns of the
    /// table of indexable types, not the same ordered columns as another secondary index.
    func secondaryIndex(
        _ index: TableIndex, in hybrid: HybridTable, table: String,
        keyColumns: ([Identifier]) throws -> [String]
    ) throws -> HybridTable.Index {
        let name = index.name.name
        if hybrid.listedIndexes(table: table, createdOn: now).contains(where: { $0.name == name }) {
            throw SnowflakeError.alreadyExists(name)
        }
        let columns = try keyColumns(index.columns)
        if let twin = hybrid.indexes.first(where: { $0.columns == columns }) { throw SnowflakeError.indexColumnsTaken(by: twin.name) }
        return HybridTable.Index(name: name, columns: columns, include: try keyColumns(index.include), createdOn: now)
    }

    /// A foreign key of the new table `child` (being defined as `hybrid`) on `parent`.
    private func foreignKey(
        columns: [String], parent: ObjectName, parentColumns written: [Identifier], actions: [String],
        of child: QualifiedName, _ hybrid: HybridTable
    ) throws -> HybridTable.ForeignKey {
        let allowed = ["ON DELETE RESTRICT", "ON UPDATE RESTRICT", "ON DELETE NO ACTION", "ON UPDATE NO ACTION", "MATCH FULL", "MATCH SIMPLE"]
        if let refused = actions.first(where: { !allowed.contains($0) }) { throw SnowflakeError.hybridForeignKeyClause(refused) }
        let parts = try session.nameParts(parent)
        let name = try session.qualify(parts, database: child.database, schema: child.schema, operation: "CREATE HYBRID TABLE")
        let parentKeys: [[String]]
        let storage: String
        if name.database == child.database && name.schema == child.schema && name.name == child.name {
            parentKeys = [hybrid.primaryKey] + hybrid.uniqueKeys
            storage = child.description
        } else {
            let missing = SnowflakeError.doesNotExist("Table", parts.joined(separator: "."))
            guard let table = try catalog.object(database: name.database, schema: name.schema, name: name.name, kinds: [.table]) else {
                throw missing
            }
            try access.require(nil, on: table, missing: missing)
            guard let parentDefinition = HybridTable(of: table), let parentStorage = table.storageName else {
                throw SnowflakeError.hybridForeignKeyTarget("'\(table.name)' is not a hybrid table")
            }
            guard table.database == child.database else {
                throw SnowflakeError.hybridForeignKeyTarget("'\(table.name)' is in another database")
            }
            parentKeys = [parentDefinition.primaryKey] + parentDefinition.uniqueKeys
            storage = parentStorage
        }
        let parentColumns = written.isEmpty ? parentKeys[0] : written.map(\.name)
        guard parentColumns.count == columns.count else {
            throw SnowflakeError.hybridForeignKeyTarget("\(columns.count) column(s) reference \(parentColumns.count) column(s)")
        }
        guard parentKeys.contains(parentColumns) else {
            throw SnowflakeError.hybridForeignKeyTarget(
                "(\(parentColumns.joined(separator: ", "))) is not the primary key or a unique key of '\(name.name)'")
        }
        return HybridTable.ForeignKey(
            columns: columns, parentDatabase: name.database, parentSchema: name.schema,
            parentName: name.name, parentStorage: storage, parentColumns: parentColumns)
    }

    /// Refuses to drop or replace `table` while another hybrid table's foreign key references it.
    func requireNotReferenced(_ table: ObjectRecord) throws {
        guard HybridTable(of: table) != nil else { return }
        for other in try catalog.objects(database: table.database, kinds: [.table]) where other.name != table.name || other.schema != table.schema {
            guard let hybrid = HybridTable(of: other) else { continue }
            if hybrid.foreignKeys.contains(where: { $0.parentSchema == table.schema && $0.parentName == table.name }) {
                throw SnowflakeError.hybridTableReferenced(table.name, by: other.name)
            }
        }
    }
}
