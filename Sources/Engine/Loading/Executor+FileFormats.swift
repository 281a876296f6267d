// Executor+FileFormats: CREATE, ALTER, DROP, SHOW and DESCRIBE FILE FORMAT, and the format a COPY
// or a staged-file query reads with: the statement's own (`FILE_FORMAT = (FORMAT_NAME = 'f')`,
// `(TYPE = CSV …)`, `FILE_FORMAT => 'f'`), else the stage's, else CSV's defaults. A file format is
// a schema object (kind FILE FORMAT) whose TYPE and written options are properties; USAGE on it
// is what reading with it needs.
// https://docs.snowflake.com/en/sql-reference/sql/create-file-format, …/show-file-formats,
// …/desc-file-format, …/alter-file-format, …/drop-file-format

import Foundation
import GRDB
import Security
import SnowSQL

extension Executor {
    func loading(_ statement: LoadingStatement) throws -> ResultSet {
        switch statement {
        case .createFileFormat(let create): return try createFileFormat(create)
        case .alterFileFormat(let name, let ifExists, let change): return try alterFileFormat(name, ifExists: ifExists, change: change)
        case .dropFileFormat(let name, let ifExists): return try dropFileFormat(name, ifExists: ifExists)
        case .showFileFormats(let filter): return Executor.filter(try showFileFormats(filter.scope), filter)
        case .describeFileFormat(let name): return try describeFileFormat(name)
        case .copyIntoTable(let copy): return try copyIntoTable(copy)
        case .copyIntoLocation(let copy): return try copyIntoLocation(copy)
        }
    }

    func createFileFormat(_ create: CreateFileFormat) throws -> ResultSet {
        try Executor.checkModifiers(create.modifiers, allowsTemporary: true)
        let name = try newObjectName(create.name, kind: .fileFormat)
        try access.requireCreate(.fileFormat, database: name.database, schema: name.schema)
        try requireNotPermanent(name, kinds: [.fileFormat], temporary: create.modifiers.temporary)
        let type = create.properties.first { $0.name == "TYPE" }?.value.text ?? "CSV"
        let format = try FileFormat.make(type: type, properties: create.properties)
        let existing = try catalog.object(database: name.database, schema: name.schema, name: name.name, kinds: [.fileFormat])
        if let done = try prepareCreate(existing: existing, name: name, modifiers: create.modifiers) { return done }
        var properties = ["type": format.type, "options": format.storedOptions]
        if create.modifiers.temporary { properties = temporaryProperties(properties.merging(["temporary": "true"]) { $1 }) }
        let comment = create.properties.first { $0.name == "COMMENT" }?.value.text
        let record = ObjectRecord(
            database: name.database, schema: name.schema, name: name.name, kind: .fileFormat,
            owner: session.currentRole ?? "", comment: comment, createdOn: now, storageName: nil,
            definition: nil, properties: properties)
        try catalog.insertObject(record)
        try applyFutureGrants(to: record)
        return Executor.created("File format", name.name)
    }

    /// ALTER FILE FORMAT … SET: the owner changes options (the rest are kept) and the comment.
    func alterFileFormat(_ written: ObjectName, ifExists: Bool, change: FileFormatChange) throws -> ResultSet {
        let parts = try session.nameParts(written)
        let name = try session.qualify(
            parts, database: session.currentDatabase, schema: session.currentSchema,
            operation: "ALTER FILE FORMAT")
        let missing = SnowflakeError.doesNotExist("File format", parts.joined(separator: "."))
        guard
            var record = try catalog.object(
                database: name.database, schema: name.schema, name: name.name,
                kinds: [.fileFormat])
        else {
            if ifExists { return .success }
            throw missing
        }
        let access = try access
        try access.requireReach(database: record.database, schema: record.schema, missing: missing)
        try access.requireOwnership(Authorization.securable(record), name: record.name, missing: missing)
        guard case .set(let properties) = change else { throw SnowflakeError.unsupported("ALTER FILE FORMAT … RENAME TO") }
        let old = Catalog.fileFormat(record)
        let format = try FileFormat.make(type: old.type, properties: properties, base: old.written)
        record.properties["options"] = format.storedOptions
        if let comment = properties.first(where: { $0.name == "COMMENT" })?.value.text {
            record.comment = comment.isEmpty ? nil : comment
        }
        try catalog.updateObject(record)
        return .success
    }

    func dropFileFormat(_ written: ObjectName, ifExists: Bool) throws -> ResultSet {
        try dropSchemaObject(written, kind: .fileFormat, word: "File format", operation: "DROP FILE FORMAT", ifExists: ifExists)
    }

    /// SHOW FILE FORMATS: the column order is Snowflake's documented list with `format_options`
    /// (compact JSON of every option) after `comment` [? order not confirmed against a live account].
    func showFileFormats(_ scope: ShowFilter.Scope?) throws -> ResultSet {
        let access = try access
        var rows: [[Value]] = []
        for (database, schema) in try schemasInScope(scope) {
            for record in try catalog.objects(database: database, schema: schema, kinds: [.fileFormat]) where access.canSee(record) {
                let format = Catalog.fileFormat(record)
                rows.append([
                    .timestamp(record.createdOn), .string(record.name), .string(record.database), .string(record.schema),
                    .string(format.type), .string(record.owner), .string(record.comment ?? ""),
                    .string(format.optionsJSON), .string(record.owner.isEmpty ? "" : "ROLE"),
                ])
            }
        }
        return Executor.resultSet(
            [
                "created_on", "name", "database_name", "schema_name", "type", "owner", "comment",
                "format_options", "owner_role_type",
            ], rows)
    }

    func describeFileFormat(_ written: ObjectName) throws -> ResultSet {
        let record = try describedObject(written, kind: .fileFormat, word: "File format", privilege: nil)
        return Executor.resultSet(
            ["property", "property_type", "property_value", "property_default"],
            Catalog.fileFormat(record).describedRows)
    }

    // MARK: - The format a statement reads with

    /// The named file format `text` (`f`, `db.sch.f`), which the role must be able to use.
    func namedFileFormat(_ text: String) throws -> FileFormat {
        let parts: [String]
        do { parts = try session.nameParts(.parts(try Parser.parseQualifiedName(text))) } catch {
            throw SnowflakeError.doesNotExist("File format", text)
        }
        let name = try session.qualify(
            parts, database: session.currentDatabase, schema: session.currentSchema,
            operation: "SELECT")
        let missing = SnowflakeError.doesNotExist("File format", parts.joined(separator: "."))
        guard let record = try catalog.object(database: name.database, schema: name.schema, name: name.name, kinds: [.fileFormat]) else {
            throw missing
        }
        try access.require(.usage, on: record, missing: missing)
        return Catalog.fileFormat(record)
    }

    /// `FILE_FORMAT = (FORMAT_NAME = 'f')` or `(TYPE = … options)`; nil when `written` is nil.
    func fileFormat(_ written: PropertyValue?) throws -> FileFormat? {
        guard let written else { return nil }
        switch written {
        case .properties(let options):
            if let name = options.first(where: { $0.name == "FORMAT_NAME" }) {
                guard options.count == 1 else {
                    throw SnowflakeError.compilationError("FORMAT_NAME and TYPE are mutually exclusive.")
                }
                return try namedFileFormat(name.value.text)
            }
            let type = options.first { $0.name == "TYPE" }?.value.text ?? "CSV"
            return try FileFormat.make(type: type, properties: options)
        case .string(let name), .word(let name): return try namedFileFormat(name)
        default: throw Executor.invalidValue(written.text, "FILE_FORMAT")
        }
    }

    /// What a stage reads with when a statement names no format: its own FILE_FORMAT, else CSV.
    func stageFileFormat(_ stage: ObjectRecord) throws -> FileFormat {
        if let name = stage.properties["file_format.FORMAT_NAME"] { return try namedFileFormat(name) }
        if let options = stage.properties["file_format.options"] {
            return FileFormat.stored(type: stage.properties["file_format.TYPE"] ?? "CSV", options: options)
        }
        return FileFormat()
    }
}

extension Catalog {
    static func fileFormat(_ record: ObjectRecord) -> FileFormat {
        FileFormat.stored(type: record.properties["type"] ?? "CSV", options: record.properties["options"])
    }
}
