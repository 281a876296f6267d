// Translator+Streams: reading a stream in a query. A stream is a relation with its base table's
// columns and METADATA$ACTION, METADATA$ISUPDATE and METADATA$ROW_ID, computed from the table's
// change log between the stream's offset and the end this read takes (Catalog+StreamChanges.swift);
// a stream on a view applies the view's projection and filter to its table's change rows. Every
// read marks the query volatile (never served from the result cache: the offset moves) and is noted
// for the DML statement that may consume it (Session+StreamOffsets.swift). Reading needs SELECT on
// the stream and on its source, as Snowflake's access control requirements for streams say; a stream
// whose base table was dropped or recreated fails with 091901. SYSTEM$STREAM_HAS_DATA is here too.
// https://docs.snowflake.com/en/user-guide/streams-intro, …/sql-reference/functions/system_stream_has_data

import GRDB
import SnowSQL

extension Translator {
    /// The metadata columns a stream adds to its source's.
    static let streamMetadataColumns = [
        RelationColumn(name: "METADATA$ACTION", type: .string, sqlName: "METADATA$ACTION", nullable: false),
        RelationColumn(name: "METADATA$ISUPDATE", type: .boolean, sqlName: "METADATA$ISUPDATE", nullable: false),
        RelationColumn(name: "METADATA$ROW_ID", type: .string, sqlName: "METADATA$ROW_ID", nullable: false),
    ]

    /// The stream `record` as a FROM item under `alias`.
    func streamRelation(_ record: ObjectRecord, written: [String], alias: TableAlias?, _ scope: Scope) throws -> TypedSQL {
        let stream = try StreamDefinition(record)
        let table = try streamBaseTable(stream, written: written)
        let missingSource = SnowflakeError.doesNotExist("Object", stream.source.description)
        guard
            let source = try catalog.object(
                database: stream.source.database, schema: stream.source.schema,
                name: stream.source.name, kinds: [.table, .view])
        else {
            throw StaleStream(table: stream.source.description, stream: record.name, written: written.joined(separator: "."))
        }
        try access.require(.select, on: source, missing: missingSource)
        let end = try session.streamReadEnd(stream, catalog: catalog)
        if !describing { session.noteStreamRead(stream, end: end) }
        markVolatile()
        let columns = try catalog.columns(of: table)
        let changes = catalog.streamChanges(stream, table: table, columns: columns.map(\.name), end: end)
        var relationColumns =
            columns.map { RelationColumn(name: $0.name, type: $0.type, sqlName: $0.name, nullable: $0.isNullable) }
            + Translator.streamMetadataColumns
        var sql = changes.sql
        var arguments = changes.arguments
        if source.kind == .view {
            let inner = try viewOverChanges(source, changes: changes, columns: relationColumns, baseTable: table)
            sql = inner.sql
            arguments = inner.arguments
            relationColumns = zip(inner.columns, inner.sqlNames).map { column, sqlName in
                RelationColumn(name: column.name, type: column.type, sqlName: sqlName, nullable: column.nullable)
            }
        }
        if let alias {
            for i in relationColumns.indices where i < alias.columns.count { relationColumns[i].name = alias.columns[i].name }
        }
        let sqlAlias = nextAlias()
        scope.relations.append(
            Relation(
                name: alias?.name.name ?? record.name, qualifiedParts: [record.database, record.schema, record.name],
                sqlAlias: sqlAlias, columns: relationColumns))
        return TypedSQL("(\(sql)) AS \(sqlAlias)", arguments, type: .boolean)
    }

    /// The table whose changes `stream` reads, unless it was dropped or recreated since the stream
    /// was created (then StaleStream, reported as 091901).
    func streamBaseTable(_ stream: StreamDefinition, written: [String]) throws -> ObjectRecord {
        guard
            let table = try catalog.object(
                database: stream.base.database, schema: stream.base.schema, name: stream.base.name,
                kinds: [.table]),
            table.properties[ChangeTracking.tableProperty] == stream.tracking.token
        else {
            throw StaleStream(table: stream.base.description, stream: stream.record.name, written: written.joined(separator: "."))
        }
        return table
    }

    /// A view's query with its one table replaced by that table's change rows (`columns`: the
    /// table's and the metadata columns), the metadata columns added to its select list.
    private func viewOverChanges(
        _ view: ObjectRecord, changes: (sql: String, arguments: [DatabaseValue]),
        columns: [RelationColumn], baseTable: ObjectRecord
    ) throws -> TranslatedQuery {
        let (query, select, tableName, tableAlias) = try Translator.trackableView(view)
        let cteName = nextAlias("cte")
        var rewritten = select
        let aliasName = tableAlias?.name ?? tableName.literalParts?.last ?? Identifier(baseTable.name, quoted: true)
        rewritten.from = .table(.parts([Identifier(cteName, quoted: true)]), alias: TableAlias(name: aliasName, columns: tableAlias?.columns ?? []))
        let hasWildcard = select.items.contains { if case .wildcard = $0 { return true } else { return false } }
        if !hasWildcard {
            for column in Translator.streamMetadataColumns {
                rewritten.items.append(.expression(.column([Identifier(column.name, quoted: true)]), alias: nil, text: SourceText(column.name)))
            }
        }
        var body = query
        body.body = .select(rewritten)
        let saved = (database, schema, cteStack, accessRole)
        database = view.database
        schema = view.schema
        cteStack = [[cteName: CommonTable(sql: cteName, columns: columns)]]
        accessRole = view.owner  // a view reads with its owner's privileges
        defer { (database, schema, cteStack, accessRole) = saved }
        var inner = try translate(body, parent: nil)
        let declared = view.properties["columns"].map { $0.split(separator: ",").map(String.init) } ?? []
        for i in inner.columns.indices where i < declared.count { inner.columns[i].name = declared[i] }
        inner.sql = "WITH \(quote(cteName)) AS (\(changes.sql)) " + inner.sql
        inner.arguments = changes.arguments + inner.arguments
        return inner
    }

    /// A view a stream can track: one SELECT of one table, with no DISTINCT, TOP, GROUP BY, HAVING,
    /// QUALIFY, LIMIT, WITH, aggregate or window function; its query, SELECT, table and alias.
    static func trackableView(_ view: ObjectRecord) throws -> (Query, Select, ObjectName, TableAlias?) {
        guard let text = view.definition, case .query(let query) = try Session.parseSingle(text) else {
            throw SnowflakeError.compilationError("View definition for '\(view.qualifiedName)' is not a query")
        }
        let refuse = { (reason: String) in SnowflakeError.streamOnViewUnsupported(view.qualifiedName, reason: reason) }
        guard case .select(let select) = query.body, query.with.isEmpty else { throw refuse("its query is not a single SELECT") }
        guard query.limit == nil, query.offset == nil, select.top == nil else { throw refuse("its query has a LIMIT") }
        guard !select.distinct, select.groupBy.isEmpty, select.having == nil, select.qualify == nil else {
            throw refuse("its query has DISTINCT, GROUP BY, HAVING or QUALIFY")
        }
        guard case .table(let name, let alias)? = select.from else { throw refuse("its query does not read exactly one table") }
        for case .expression(let expression, _, _) in select.items where Translator.aggregates(expression) {
            throw refuse("its query has an aggregate or window function")
        }
        return (query, select, name, alias)
    }

    /// Whether an expression calls an aggregate or window function outside a subquery.
    private static func aggregates(_ expression: Expression) -> Bool {
        switch expression {
        case .function(let call):
            if call.over != nil || FunctionLibrary.definitions[call.baseName]?.isAggregate == true { return true }
            return call.arguments.contains { aggregates($0.value) }
        case .unary(_, let e), .nested(let e), .cast(let e, _, _), .isNull(let e, _), .path(let e, _): return aggregates(e)
        case .binary(_, let l, let r), .element(let l, let r): return aggregates(l) || aggregates(r)
        case .caseWhen(let operand, let branches, let otherwise):
            return (operand.map(aggregates) ?? false) || (otherwise.map(aggregates) ?? false)
                || branches.contains { aggregates($0.condition) || aggregates($0.result) }
        default: return false
        }
    }

    /// SYSTEM$STREAM_HAS_DATA('name'): whether the stream has change rows now (for a stream on a
    /// view, whether its table has: false positives are allowed, as in Snowflake). Never consumes.
    func streamHasData(_ name: String) throws -> TypedSQL {
        let parts = try Session.splitIdentifier(name)
        let qualified = try session.qualify(parts, database: database, schema: schema, operation: "SELECT")
        let missing = SnowflakeError.doesNotExist("Stream", parts.joined(separator: "."))
        guard
            let record = try catalog.object(
                database: qualified.database, schema: qualified.schema, name: qualified.name,
                kinds: [.stream])
        else { throw missing }
        try access.require(.select, on: record, missing: missing)
        let stream = try StreamDefinition(record)
        let table = try streamBaseTable(stream, written: [name])
        let end = try session.streamReadEnd(stream, catalog: catalog)
        let changes = catalog.streamChanges(stream, table: table, columns: try catalog.columns(of: table).map(\.name), end: end)
        let found = try Bool.fetchOne(catalog.db, sql: "SELECT EXISTS (\(changes.sql))", arguments: StatementArguments(changes.arguments)) ?? false
        return .bound(found.databaseValue, type: .boolean)
    }
}

extension FunctionLibrary {
    /// SYSTEM$STREAM_HAS_DATA, an entry of the one function table that acts when translated.
    static func registerStreams(_ d: inout FunctionRegistry) {
        d.addActions([("SYSTEM$STREAM_HAS_DATA", 1...1)], types: ["SYSTEM$STREAM_HAS_DATA": .boolean]) { translator, _, arguments in
            try translator.streamHasData(arguments[0])
        }
    }
}
