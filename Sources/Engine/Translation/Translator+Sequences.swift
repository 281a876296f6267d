// Translator+Sequences: `seq.NEXTVAL` (also `sch.seq.NEXTVAL`, `db.sch.seq.NEXTVAL`) in any
// expression — select lists, INSERT … SELECT, column DEFAULTs. Each evaluation yields the next
// value, so a query over n rows takes n values within one SQLite statement.
//
// The values come from an in-memory counter per sequence (SequenceValues), owned by the session:
// the translator loads it from the catalog the first time a statement names the sequence, the SQL
// function `sf_nextval(slot)` advances it once per call, and when the statement succeeds the
// executor writes the next values back to the catalog inside the statement's transaction
// (Executor+Sequences.swift). A failed statement rolls back and its counters are dropped, so it
// consumes no values. A query normally runs read-only; one that takes NEXTVAL asks to be run
// again as a writer (StatementNeedsWrite), so loading and recording happen under one write lock.
// https://docs.snowflake.com/en/user-guide/querying-sequences

import Foundation
import GRDB
import SnowSQL
import Synchronization

/// Thrown when a query that runs read-only meets something that writes (NEXTVAL, a reference
/// function such as SYSTEM$SET_REFERENCE); the session reruns it as a writer.
struct StatementNeedsWrite: Error {}

/// The sequences one statement draws from, and how far it has advanced each.
final class SequenceValues: Sendable {
    struct Counter {
        var database: String
        var schema: String
        var name: String
        var next: Int64
        var increment: Int64
        /// The AUTOINCREMENT column of table `name` this counter feeds; nil for the sequence `name`.
        var column: String? = nil
        /// Whether the statement took any value (only those are written back).
        var advanced = false
    }

    private let counters = Mutex<[Counter]>([])

    /// Forgets every counter: called when a statement starts.
    func reset() {
        counters.withLock { $0 = [] }
    }

    /// The slot of a sequence (or of table `name`'s identity `column`) in this statement, loading
    /// its state on first use.
    func slot(database: String, schema: String, name: String, column: String? = nil,
              load: () throws -> (next: Int64, increment: Int64)) rethrows -> Int {
        if let slot = counters.withLock({
            $0.firstIndex { $0.database == database && $0.schema == schema && $0.name == name && $0.column == column }
        }) {
            return slot
        }
        let state = try load()
        return counters.withLock {
            $0.append(Counter(database: database, schema: schema, name: name, next: state.next, increment: state.increment,
                              column: column))
            return $0.count - 1
        }
    }

    /// The value for one evaluation of NEXTVAL, advancing the sequence.
    func take(_ slot: Int) -> Int64? {
        counters.withLock { counters in
            guard counters.indices.contains(slot) else { return nil }
            let value = counters[slot].next
            counters[slot].next = value &+ counters[slot].increment
            counters[slot].advanced = true
            return value
        }
    }

    /// The sequences this statement advanced, with the values they continue from.
    func advanced() -> [Counter] {
        counters.withLock { $0.filter(\.advanced) }
    }

    /// `sf_nextval(slot)`, bound to this session's counters; never constant-folded.
    func function() -> DatabaseFunction {
        DatabaseFunction("sf_nextval", argumentCount: 1, pure: false) { [self] values in
            guard let slot = Int.fromDatabaseValue(values[0]) else { return nil }
            return take(slot)
        }
    }
}

extension Translator {
    /// `[[db.]sch.]seq.NEXTVAL` naming an existing sequence: the SQL that takes its next value.
    /// nil when the parts do not name a sequence (the caller reports an invalid identifier).
    /// Taking a value needs USAGE on the sequence and on its database and schema: without them the
    /// sequence is `002003 Sequence '<name>' does not exist or not authorized.`, and a sequence the
    /// role sees (some other privilege) without USAGE is 003001. This holds wherever NEXTVAL is
    /// written, a column DEFAULT included: the role inserting the row takes the value.
    /// https://docs.snowflake.com/en/user-guide/security-access-control-privileges#sequence-privileges
    func sequenceNextValue(_ parts: [String]) throws -> TypedSQL? {
        guard (2...4).contains(parts.count), parts.last == "NEXTVAL" else { return nil }
        guard let name = try? session.qualify(Array(parts.dropLast()), database: database, schema: schema, operation: "SELECT"),
              let sequence = try catalog.object(database: name.database, schema: name.schema, name: name.name,
                                                kinds: [.sequence]) else { return nil }
        try access.require(.usage, on: sequence, missing: SnowflakeError.doesNotExist("Sequence", parts.dropLast().joined(separator: ".")))
        if describing { return TypedSQL("NULL", type: .integer, nullable: false) }  // no value is taken
        if try catalog.db.isReadOnlyTransaction { throw StatementNeedsWrite() }
        let values = session.sequenceValues
        let slot = values.slot(database: sequence.database, schema: sequence.schema, name: sequence.name) {
            (Executor.nextValue(of: sequence), Executor.interval(of: sequence))
        }
        catalog.db.add(function: values.function())
        return TypedSQL("sf_nextval(?)", [slot.databaseValue], type: .integer)
    }
}
