// Executor+Sequences: CREATE SEQUENCE, SHOW SEQUENCES, DESCRIBE SEQUENCE (DROP SEQUENCE goes
// through Executor+DDL's DROP of schema objects), recording the values a statement took
// with NEXTVAL (Translator+Sequences.swift), and AUTOINCREMENT / IDENTITY columns, which draw
// like sequences. A sequence is a schema object of kind SEQUENCE, whose
// properties hold `next_value`, `interval` and `ordered` as text (Catalog+Sequences.swift).
// https://docs.snowflake.com/en/sql-reference/sql/create-sequence

import Foundation
import GRDB
import SnowSQL

extension Executor {
    static func nextValue(of sequence: ObjectRecord) -> Int64 { Int64(sequence.properties["next_value"] ?? "") ?? 1 }
    static func interval(of sequence: ObjectRecord) -> Int64 { Int64(sequence.properties["interval"] ?? "") ?? 1 }

    /// Runs a statement, then writes back the next value of every sequence and identity column it
    /// advanced, inside the statement's transaction: if anything fails, neither the rows nor the
    /// values are kept.
    func executeRecordingSequences(_ statement: Statement) throws -> ResultSet {
        let result = try execute(statement)
        try recordSequences()
        return result
    }

    /// Evaluates a script's expression as a writer (it takes NEXTVAL), then writes back what it advanced.
    func evaluateRecordingSequences(_ expression: Expression) throws -> (value: Value, type: SnowflakeType) {
        let result = try evaluate(expression)
        try recordSequences()
        return result
    }

    /// Writes back the next value of every sequence and identity column the statement advanced.
    private func recordSequences() throws {
        for counter in session.sequenceValues.advanced() {
            if let column = counter.column {
                try catalog.setNextIdentityValue(table: counter.name, column: column, database: counter.database,
                                                 schema: counter.schema, to: counter.next)
            } else {
                try catalog.setNextValue(ofSequence: counter.name, database: counter.database, schema: counter.schema, to: counter.next)
            }
        }
    }

    /// CREATE [OR REPLACE] SEQUENCE [IF NOT EXISTS] name [START n] [INCREMENT n] [ORDER|NOORDER] [COMMENT = '…']
    func createSequence(_ create: CreateSequence) throws -> ResultSet {
        try Executor.checkModifiers(create.modifiers)
        let name = try newObjectName(create.name, kind: .sequence)
        try access.requireCreate(.sequence, database: name.database, schema: name.schema)
        let existing = try catalog.object(database: name.database, schema: name.schema, name: name.name, kinds: [.sequence])
        if let done = try prepareCreate(existing: existing, name: name, modifiers: create.modifiers) { return done }
        let increment = create.increment ?? 1
        // [?: wording chosen] Snowflake refuses a zero step; its exact message was not found.
        guard increment != 0 else {
            throw SnowflakeError.compilationError("Sequence increment must be a non-zero integer.")
        }
        let properties = ["next_value": String(create.start ?? 1), "interval": String(increment),
                          "ordered": create.ordered == true ? "Y" : "N"]
        let record = ObjectRecord(database: name.database, schema: name.schema, name: name.name,
                                  kind: .sequence, owner: session.currentRole ?? "",
                                  comment: create.comment, createdOn: now, storageName: nil, definition: nil,
                                  properties: properties)
        try catalog.insertObject(record)
        try applyFutureGrants(to: record)
        return Executor.created("Sequence", name.name)
    }

    /// The columns of SHOW SEQUENCES and DESCRIBE SEQUENCE [?: order from memory of the docs].
    private static let sequenceColumns: [ResultColumn] = [
        ResultColumn("created_on", .timestampLTZ), ResultColumn("name", .string), ResultColumn("schema_name", .string),
        ResultColumn("database_name", .string), ResultColumn("next_value", .integer), ResultColumn("interval", .integer),
        ResultColumn("owner", .string), ResultColumn("comment", .string), ResultColumn("owner_role_type", .string),
        ResultColumn("ordered", .string),
    ]

    private func sequenceRow(_ s: ObjectRecord) -> [Value] {
        [.timestamp(s.createdOn), .string(s.name), .string(s.schema), .string(s.database), .integer(Executor.nextValue(of: s)),
         .integer(Executor.interval(of: s)), .string(s.owner), .string(s.comment ?? ""), .string(s.owner.isEmpty ? "" : "ROLE"),
         .string(s.properties["ordered"] ?? "N")]
    }

    /// SHOW SEQUENCES [LIKE …] [IN …]: LIKE, STARTS WITH and LIMIT are applied by `show`.
    func showSequences(_ scope: ShowFilter.Scope?) throws -> ResultSet {
        var rows: [[Value]] = []
        let access = try access
        for (database, schema) in try schemasInScope(scope) {
            for sequence in try catalog.objects(database: database, schema: schema, kinds: [.sequence])
            where access.canSee(sequence) {
                rows.append(sequenceRow(sequence))
            }
        }
        return ResultSet(columns: Executor.sequenceColumns, rows: rows)
    }

    /// DESC[RIBE] SEQUENCE name: one row, the columns of SHOW SEQUENCES.
    func describeSequence(_ describe: DescribeStatement) throws -> ResultSet {
        let parts = try session.nameParts(describe.name)
        let name = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema,
                                       operation: "DESCRIBE")
        guard let sequence = try catalog.object(database: name.database, schema: name.schema, name: name.name,
                                                kinds: [.sequence]) else {
            throw SnowflakeError.doesNotExist("Sequence", parts.joined(separator: "."))
        }
        try access.require(nil, on: sequence, missing: SnowflakeError.doesNotExist("Sequence", parts.joined(separator: ".")))
        return ResultSet(columns: Executor.sequenceColumns, rows: [sequenceRow(sequence)])
    }

    /// A column DEFAULT `seq.NEXTVAL` is stored with the sequence's full name, so the table keeps
    /// drawing from it whatever the session's schema is when rows are inserted.
    func qualifyingSequenceReference(_ value: Expression) throws -> Expression {
        guard case .column(let parts) = value, (2...4).contains(parts.count), parts.last?.name == "NEXTVAL",
              let name = try? session.qualify(parts.dropLast().map(\.name), database: session.currentDatabase,
                                              schema: session.currentSchema, operation: "CREATE TABLE"),
              try catalog.object(database: name.database, schema: name.schema, name: name.name,
                                 kinds: [.sequence]) != nil else { return value }
        return .column([name.database, name.schema, name.name].map { Identifier($0, quoted: true) } + [parts[parts.count - 1]])
    }
}

extension Executor {
    // MARK: - AUTOINCREMENT / IDENTITY columns

    // `id INTEGER NOT NULL AUTOINCREMENT` (as SQLAlchemy writes an integer primary key),
    // `IDENTITY(100, 10)`, `AUTOINCREMENT START 1 INCREMENT 1 ORDER`. A row inserted without the
    // column takes the generator's next value; a value written for it is kept as written, as
    // Snowflake keeps it. The generator lives in the column's catalog row (IdentityRecord) and
    // draws like a sequence: the statement's values are counted in the session (SequenceValues,
    // one slot per column) and written back when the statement succeeds, so a failed INSERT takes
    // none. Without ORDER or NOORDER a generator is NOORDER, as new ones are since the 2024_01
    // bundle; values are handed out in order either way. DESCRIBE TABLE shows it in `default`:
    // `IDENTITY START 1 INCREMENT 1 NOORDER`.
    // https://docs.snowflake.com/en/sql-reference/sql/create-table
    // https://docs.snowflake.com/en/release-notes/bcr-bundles/2024_01/bcr-1483

    /// The generator a column definition asks for, checked: a numeric column, a non-zero step.
    static func identity(of definition: SnowSQL.ColumnDefinition, type: SnowflakeType) throws -> IdentityRecord? {
        guard let identity = definition.identity else { return nil }
        guard type.isNumeric else {
            throw SnowflakeError.identityNotNumeric(column: definition.name.name, type: type.canonicalName)
        }
        let start = identity.start ?? 1
        let increment = identity.increment ?? 1
        // Refused as a sequence's zero step is (createSequence).
        guard increment != 0 else { throw SnowflakeError.compilationError("Sequence increment must be a non-zero integer.") }
        return IdentityRecord(start: start, increment: increment, ordered: identity.ordered ?? false, next: start)
    }

    /// The value of an identity column for a row the statement inserts without it: one call per
    /// row, each taking the next value.
    func identityValue(_ identity: IdentityRecord, column: ColumnRecord, of table: ObjectRecord) -> TypedSQL {
        let values = session.sequenceValues
        let slot = values.slot(database: table.database, schema: table.schema, name: table.name, column: column.name) {
            (identity.next, identity.increment)
        }
        db.add(function: values.function())
        return coerced(TypedSQL("sf_nextval(?)", [slot.databaseValue], type: .integer), to: column)
    }
}
