// Executor+Streams: CREATE STREAM (on a table, on a view over one table, or CLONE), ALTER STREAM
// SET/UNSET COMMENT, DROP STREAM, SHOW STREAMS and DESC STREAM. A stream is a schema object
// (sl_object, kind STREAM) whose properties say what it reads: its source (`source_*`, a table or
// a view), the table whose changes it reads (`base_*`), that table's change tracking token
// (`tracking`), its offset (a position in the table's change log), its mode, its `id`, and, with
// SHOW_INITIAL_ROWS until first consumed, its `initial_group`. Creating the first stream on a table
// starts the table's change tracking (Catalog+StreamTracking.swift); dropping the last stops it.
//
// Privileges: CREATE STREAM on the schema and SELECT on the source (on the stream, for CLONE);
// OWNERSHIP to replace, alter or drop. A stream whose base table was dropped or recreated is stale:
// SHOW STREAMS says so and reading it fails with 091901.
// https://docs.snowflake.com/en/sql-reference/sql/create-stream, …/show-streams, …/desc-stream

import Foundation
import GRDB
import Security
import SnowSQL

extension Executor {
    func stream(_ statement: StreamStatement) throws -> ResultSet {
        switch statement {
        case .create(let create): return try createStream(create)
        case .alter(let name, let ifExists, let comment): return try alterStream(name, ifExists: ifExists, comment: comment)
        case .drop(let name, let ifExists): return try dropStream(name, ifExists: ifExists)
        case .show(let terse, let filter): return try showStreams(terse: terse, filter)
        case .describe(let name):
            guard let stream = try visibleStream(name) else {
                throw SnowflakeError.doesNotExist("Stream", try session.nameParts(name).joined(separator: "."))
            }
            return Executor.showStreamsResult(Executor.showStreamsColumns, [try showStreamsRow(stream)])
        }
    }

    // MARK: - CREATE

    func createStream(_ create: CreateStream) throws -> ResultSet {
        try Executor.checkModifiers(create.modifiers)
        let name = try newObjectName(create.name, kind: .stream)
        try access.requireCreate(.stream, database: name.database, schema: name.schema)
        let existing = try catalog.object(database: name.database, schema: name.schema, name: name.name, kinds: [.stream])
        let copiedGrants = create.copyGrants ? try existing.map { try catalog.grants(on: Authorization.securable($0)) } ?? [] : []
        var properties: [String: String]
        var comment = create.comment
        var initialRowsOf: ObjectRecord?
        switch create.source {
        case .clone(let written):
            guard let source = try visibleStream(written) else {
                throw SnowflakeError.doesNotExist("Stream", try session.nameParts(written).joined(separator: "."))
            }
            try access.require(.select, on: source, missing: SnowflakeError.doesNotExist("Stream", source.name))
            properties = source.properties
            if comment == nil { comment = source.comment }
        case .table(let written):
            let table = try streamSource(written, kind: .table)
            properties = ["source_type": "Table"]
            Executor.setName(&properties, "source", table)
            Executor.setName(&properties, "base", table)
            initialRowsOf = table
        case .view(let written):
            let view = try streamSource(written, kind: .view)
            let (_, _, tableName, _) = try Translator.trackableView(view)
            let parts = try session.nameParts(tableName)
            let qualified = try session.qualify(parts, database: view.database, schema: view.schema, operation: "SELECT")
            guard
                let table = try catalog.object(
                    database: qualified.database, schema: qualified.schema, name: qualified.name,
                    kinds: [.table, .view])
            else {
                throw SnowflakeError.doesNotExist("Table", qualified.description)
            }
            guard table.kind == .table else {
                throw SnowflakeError.streamOnViewUnsupported(view.qualifiedName, reason: "its query reads a view, not a table")
            }
            properties = ["source_type": "View"]
            Executor.setName(&properties, "source", view)
            Executor.setName(&properties, "base", table)
            initialRowsOf = table
        }
        if let done = try prepareCreate(existing: existing, name: name, modifiers: create.modifiers) { return done }
        properties["id"] = UUID().uuidString
        properties["stale_after"] = StreamDefinition.staleAfter(session.statementTime)
        if let written = initialRowsOf {
            // Read again: replacing the table's last stream has just ended its tracking.
            guard
                let table = try catalog.object(
                    database: written.database, schema: written.schema, name: written.name,
                    kinds: [.table])
            else { throw SnowflakeError.doesNotExist("Table", written.name) }
            // Hybrid tables do not support streams (https://docs.snowflake.com/en/user-guide/tables-hybrid-limitations).
            if HybridTable(of: table) != nil { throw SnowflakeError.streamOnHybridTable(table.name) }
            let (tracked, tracking) = try catalog.enableChangeTracking(table)
            properties["tracking"] = tracking.token
            properties["offset"] = String(try catalog.changePosition(tracking))
            properties["mode"] = create.appendOnly == true ? "APPEND_ONLY" : "DEFAULT"
            if create.showInitialRows == true {
                let group = UUID().uuidString
                properties["initial_group"] = group
                try catalog.logInitialRows(of: tracked, tracking, group: group)
            }
        }
        let record = ObjectRecord(
            database: name.database, schema: name.schema, name: name.name, kind: .stream,
            owner: session.currentRole ?? "", comment: comment, createdOn: now, storageName: nil,
            definition: nil, properties: properties)
        try catalog.insertObject(record)
        try applyFutureGrants(to: record)
        let securable = Authorization.securable(record)
        for grant in copiedGrants where grant.privilege != "OWNERSHIP" {
            try catalog.insertGrant(
                Privilege(grant.privilege), on: securable, to: (grant.granteeKind, grant.granteeName),
                grantOption: grant.grantOption, grantedBy: grant.grantedBy, createdOn: grant.createdOn)
        }
        return Executor.created("Stream", name.name)
    }

    /// The table or view a new stream reads, which the role may SELECT.
    private func streamSource(_ written: ObjectName, kind: CatalogKind) throws -> ObjectRecord {
        let parts = try session.nameParts(written)
        let qualified = try session.qualify(
            parts, database: session.currentDatabase, schema: session.currentSchema,
            operation: "CREATE STREAM")
        let missing = SnowflakeError.doesNotExist(kind == .table ? "Table" : "View", parts.joined(separator: "."))
        guard try catalog.schema(database: qualified.database, name: qualified.schema) != nil,
            let object = try catalog.object(
                database: qualified.database, schema: qualified.schema, name: qualified.name,
                kinds: [kind])
        else { throw missing }
        try access.require(.select, on: object, missing: missing)
        return object
    }

    private static func setName(_ properties: inout [String: String], _ prefix: String, _ object: ObjectRecord) {
        properties[prefix + "_database"] = object.database
        properties[prefix + "_schema"] = object.schema
        properties[prefix + "_name"] = object.name
    }

    // MARK: - ALTER, DROP

    func alterStream(_ written: ObjectName, ifExists: Bool, comment: String?) throws -> ResultSet {
        guard var stream = try visibleStream(written) else {
            if ifExists { return .success }
            throw SnowflakeError.doesNotExist("Stream", try session.nameParts(written).joined(separator: "."))
        }
        try access.requireOwnership(Authorization.securable(stream), name: stream.name)
        stream.comment = comment
        try catalog.updateObject(stream)
        return .success
    }

    func dropStream(_ written: ObjectName, ifExists: Bool) throws -> ResultSet {
        let parts = try session.nameParts(written)
        guard let stream = try visibleStream(written) else {
            if ifExists { return Executor.alreadyDropped(parts.last ?? "") }
            throw SnowflakeError.doesNotExist("Stream", parts.joined(separator: "."))
        }
        try access.requireOwnership(Authorization.securable(stream), name: stream.name)
        try catalog.dropObject(stream)
        return Executor.dropped(stream.name)
    }

    /// The stream a statement names, if the role can see it.
    func visibleStream(_ written: ObjectName) throws -> ObjectRecord? {
        let parts = try session.nameParts(written)
        let name = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema, operation: "STREAM")
        let access = try access
        guard let stream = try catalog.object(database: name.database, schema: name.schema, name: name.name, kinds: [.stream]),
            (try? access.requireReach(database: stream.database, schema: stream.schema, missing: .objectDoesNotExistOrCannotBePerformed)) != nil,
            access.canSee(stream)
        else { return nil }
        return stream
    }

    // MARK: - SHOW, DESCRIBE

    static let showStreamsColumns = [
        "created_on", "name", "database_name", "schema_name", "owner", "comment", "table_name", "source_type", "base_tables",
        "type", "stale", "mode", "stale_after", "invalid_reason", "owner_role_type",
    ]

    /// SHOW [TERSE] STREAMS: the streams the role holds a privilege on, by database, schema and name.
    func showStreams(terse: Bool, _ filter: ShowFilter) throws -> ResultSet {
        let access = try access
        var rows: [[Value]] = []
        for (database, schema) in try schemasInScope(filter.scope) {
            for stream in try catalog.objects(database: database, schema: schema, kinds: [.stream]) where access.canSee(stream) {
                if let like = filter.like, !Executor.matchesLike(stream.name, like) { continue }
                if let startsWith = filter.startsWith, !stream.name.hasPrefix(startsWith) { continue }
                let full = try showStreamsRow(stream)
                rows.append(terse ? [full[0], full[1], full[9], full[2], full[3], full[6]] : full)
            }
        }
        if let limit = filter.limit { rows = Array(rows.prefix(limit)) }
        let names = terse ? ["created_on", "name", "kind", "database_name", "schema_name", "tableOn"] : Executor.showStreamsColumns
        return Executor.showStreamsResult(names, rows)
    }

    static func showStreamsResult(_ names: [String], _ rows: [[Value]]) -> ResultSet {
        ResultSet(
            columns: names.map { ["created_on", "stale_after"].contains($0) ? ResultColumn($0, .timestampLTZ) : ResultColumn($0, .string) },
            rows: rows)
    }

    /// One stream's SHOW STREAMS row; `stale` is true once its base table was dropped or recreated.
    func showStreamsRow(_ record: ObjectRecord) throws -> [Value] {
        let stream = try StreamDefinition(record)
        let table = try catalog.object(database: stream.base.database, schema: stream.base.schema, name: stream.base.name, kinds: [.table])
        let stale = table?.properties[ChangeTracking.tableProperty] != stream.tracking.token
        return [
            .timestamp(record.createdOn), .string(record.name), .string(record.database), .string(record.schema),
            .string(record.owner), .string(record.comment ?? ""), .string(stream.source.description), .string(stream.sourceType),
            .string(stream.base.description), .string("DELTA"), .string(stale ? "true" : "false"),
            .string(stream.appendOnly ? "APPEND_ONLY" : "DEFAULT"), record.properties["stale_after"].map(Value.timestamp) ?? .null,
            .string("N/A"), .string(record.owner.isEmpty ? "" : "ROLE"),
        ]
    }
}
