// Translator+LoadHistory: what COPY INTO <table> loaded, as Snowflake shows it — the view
// `<db>.INFORMATION_SCHEMA.LOAD_HISTORY` (every table of the database the role can see; STATUS
// `LOADED`, `LOAD FAILED`, `PARTIALLY LOADED`) and the table function
// `[<db>.]INFORMATION_SCHEMA.COPY_HISTORY(TABLE_NAME => 't', START_TIME => … [, END_TIME => …])`
// (one table; STATUS `Loaded`, `Load failed`, `Partially loaded`; no Snowpipe, so the PIPE_
// columns are NULL). Both read Catalog+LoadHistory; a table dropped takes its history with it.
// https://docs.snowflake.com/en/sql-reference/info-schema/load_history,
// https://docs.snowflake.com/en/sql-reference/functions/copy_history

import Foundation
import GRDB
import SnowSQL

extension Translator {
    static let loadHistoryViewColumns: [InformationSchemaColumn] =
        ([
            ("SCHEMA_NAME", .string), ("FILE_NAME", .string), ("TABLE_NAME", .string), ("LAST_LOAD_TIME", .timestampLTZ),
            ("STATUS", .string), ("ROW_COUNT", .integer), ("ROW_PARSED", .integer), ("FIRST_ERROR_MESSAGE", .string),
            ("FIRST_ERROR_LINE_NUMBER", .integer), ("FIRST_ERROR_CHARACTER_POSITION", .integer), ("FIRST_ERROR_COL_NAME", .string),
            ("ERROR_COUNT", .integer), ("ERROR_LIMIT", .integer),
        ] as [(String, SnowflakeType)]).map { InformationSchemaColumn($0.0, $0.1, "") }

    static let copyHistoryColumns: [ResultColumn] =
        ([
            ("FILE_NAME", .string), ("STAGE_LOCATION", .string), ("LAST_LOAD_TIME", .timestampLTZ), ("ROW_COUNT", .integer),
            ("ROW_PARSED", .integer), ("FILE_SIZE", .integer), ("FIRST_ERROR_MESSAGE", .string), ("FIRST_ERROR_LINE_NUMBER", .integer),
            ("FIRST_ERROR_CHARACTER_POS", .integer), ("FIRST_ERROR_COLUMN_NAME", .string), ("ERROR_COUNT", .integer),
            ("ERROR_LIMIT", .integer), ("STATUS", .string), ("TABLE_CATALOG_NAME", .string), ("TABLE_SCHEMA_NAME", .string),
            ("TABLE_NAME", .string), ("PIPE_CATALOG_NAME", .string), ("PIPE_SCHEMA_NAME", .string), ("PIPE_NAME", .string),
            ("PIPE_RECEIVED_TIME", .timestampLTZ),
        ] as [(String, SnowflakeType)]).map { ResultColumn($0.0, $0.1) }

    /// The view's rows: every visible table's loads, oldest first.
    func loadHistoryView(_ database: DatabaseRecord) throws -> (columns: [InformationSchemaColumn], sql: TypedSQL) {
        let access = try access
        var tokens: [String] = []
        for schema in try catalog.schemas(in: database.name) {
            for table in try catalog.objects(database: database.name, schema: schema.name, kinds: [.table]) where access.canSee(table) {
                if let token = table.properties[Catalog.loadTokenProperty] { tokens.append(token) }
            }
        }
        let rows: [[Any?]] = try catalog.loadHistory(tokens: tokens).map { load in
            let record = load.record
            return [
                load.schema, record.fileName, load.table, load.time, record.status.replacingOccurrences(of: "_", with: " "),
                record.rowsLoaded, record.rowsParsed, record.firstError, record.firstErrorLine, record.firstErrorCharacter,
                record.firstErrorColumn, record.errorsSeen, record.errorLimit,
            ]
        }
        let columns = Translator.loadHistoryViewColumns
        return (columns, try Translator.staticRows(rows, width: columns.count))
    }

    /// COPY_HISTORY(TABLE_NAME => …, START_TIME => … [, END_TIME => …]) as a FROM item.
    func copyHistory(_ call: FunctionCall, alias: TableAlias?, _ scope: Scope) throws -> TypedSQL {
        var arguments: [String: DatabaseValue] = [:]
        for argument in call.arguments {
            guard let name = argument.name, ["TABLE_NAME", "START_TIME", "END_TIME", "PIPE_NAME"].contains(name) else {
                throw SnowflakeError.invalidArgumentCount(function: "COPY_HISTORY", given: call.arguments.count)
            }
            arguments[name] = try constant(argument.value, as: name == "TABLE_NAME" ? .string : .timestampLTZ)
        }
        guard let tableText = String.fromDatabaseValue(arguments["TABLE_NAME"] ?? .null),
            let start = String.fromDatabaseValue(arguments["START_TIME"] ?? .null)
        else {
            throw SnowflakeError.compilationError("COPY_HISTORY needs the arguments TABLE_NAME and START_TIME")
        }
        let end = String.fromDatabaseValue(arguments["END_TIME"] ?? .null)
        let parts = try session.nameParts(.parts(try Parser.parseQualifiedName(tableText)))
        let name = try session.qualify(parts, database: database, schema: schema, operation: "SELECT")
        let missing = SnowflakeError.doesNotExist("Table", parts.joined(separator: "."))
        guard let table = try catalog.object(database: name.database, schema: name.schema, name: name.name, kinds: [.table]),
            try access.canSee(table)
        else { throw missing }
        let loads = try table.properties[Catalog.loadTokenProperty].map { try catalog.loadHistory(tokens: [$0]) } ?? []
        let rows: [[Value]] = loads.filter { load in
            load.time.prefix(23) >= start.prefix(23) && (end.map { load.time.prefix(23) <= $0.prefix(23) } ?? true)
        }.map { load in
            let record = load.record
            let status = String(record.status.prefix(1)) + record.status.dropFirst().lowercased().replacingOccurrences(of: "_", with: " ")
            return [
                .string(record.fileName), .string(record.stageLocation), .timestamp(load.time), .integer(Int64(record.rowsLoaded)),
                .integer(Int64(record.rowsParsed)), .integer(record.fileSize), record.firstError.map(Value.string) ?? .null,
                record.firstErrorLine.map { .integer(Int64($0)) } ?? .null,
                record.firstErrorCharacter.map { .integer(Int64($0)) } ?? .null, record.firstErrorColumn.map(Value.string) ?? .null,
                .integer(Int64(record.errorsSeen)), .integer(Int64(record.errorLimit)), .string(status), .string(load.database),
                .string(load.schema), .string(load.table), .null, .null, .null, .null,
            ]
        }
        return try storedRows(ResultSet(columns: Translator.copyHistoryColumns, rows: rows), name: "COPY_HISTORY", alias: alias, scope)
    }
}
