// SQLiteCAPI: what Snowlite asks of SQLite's C API directly, where GRDB offers nothing or its
// wrapping costs too much per row. This is the one file that imports SQLite's C API.
//
// SQLiteCFunctions: SQL functions registered through the C API rather than GRDB's DatabaseFunction:
// - `->`, registered on each connection under SQLite's own name so that every `v -> '$.a.b'`
//   Snowlite writes (paths, MERGE's lookups, sub-column indexes) runs it. When the document is
//   strict, compact JSON and the path a plain one (CompactJSON), the answer is the slice of the
//   document SQLite would write back, found without building SQLite's tree of nodes (a third of an
//   ingestion's instructions were SQLite parsing the same issues again). Any other call — a blank
//   in the document, NaN, a malformed document or path, a number or a blob on the left, a NULL —
//   is answered by SQLite's own `->`, run on a private in-memory connection that has no functions
//   of Snowlite's: its result, type, JSON subtype and error message are the answer. So an
//   expression index is the same whichever of the two computed an entry, and the sqlite3 shell,
//   whose `->` is SQLite's, reads and writes such an index as Snowlite does. GRDB cannot set the
//   result's JSON subtype, which JSON functions read.
// - `sf_convert(value, from, to)`, the casts (Conversion.convert): `v:path::STRING` of a VARIANT
//   string reads the characters between its quotes here, in C terms; every other conversion is
//   Conversion.convert's, its result and error reported as GRDB reports a function's. GRDB's
//   wrapping (three Strings made per call, an array, the result copied) was half of a cast.
// The differential tests (SQLiteCFunctionsTests) hold `->` to SQLite's and sf_convert's C path to
// Conversion.convert.
//
// WALCheckpointer: an account file's write-ahead log copied into the file on a thread of its own.
// SQLite checkpoints when a commit leaves 1,000 pages in the log, inside that commit: an
// ingestion's page paid for copying its predecessors' (and syncing the file), a twelfth of its
// time. Here the commit's WAL hook only wakes the account's checkpoint thread (once per 1,000
// pages written, as SQLite would checkpoint, not at every commit while the log is past them: each
// checkpoint syncs the file), which runs a
// PASSIVE checkpoint on a connection of its own — SQLite lets one run beside a writer and never
// makes it wait — and the writer carries on. Should the log still reach 16,000 pages (the thread
// cannot keep up, or could not open its connection), the committing connection checkpoints
// itself, as SQLite would have. The thread starts with the first checkpoint an account needs and
// ends when the account's connection closes.

import Foundation
import GRDB
import GRDBSQLite

enum SQLiteCFunctions {
    /// Registers `->` on `db`, in place of SQLite's for that connection.
    static func installPathOperator(in db: Database) {
        guard let connection = db.sqliteConnection else { return }
        let state = Unmanaged.passRetained(PathOperatorState()).toOpaque()
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS
        let code = sqlite3_create_function_v2(
            connection, "->", 2, flags, state,
            { context, _, arguments in
                guard let context, let arguments else { return }
                let state = Unmanaged<PathOperatorState>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue()
                state.call(context, arguments)
            }, nil, nil,
            { state in
                guard let state else { return }
                Unmanaged<PathOperatorState>.fromOpaque(state).release()
            })
        precondition(code == SQLITE_OK, "registering -> failed with \(code)")
    }

    /// Registers `sf_convert(value, from, to)` on `db`.
    static func installConvert(in db: Database) {
        guard let connection = db.sqliteConnection else { return }
        // The flags GRDB gives a pure function.
        let code = sqlite3_create_function_v2(
            connection, "sf_convert", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil,
            { context, count, arguments in
                guard let context, let arguments else { return }
                if SQLiteCFunctions.convertVariantString(context, arguments) { return }
                let values = (0..<Int(count)).map { SQLiteCFunctions.argument(arguments[$0]) }
                do {
                    let result = try Conversion.convert(
                        values[0], from: String.fromDatabaseValue(values[1]) ?? "",
                        to: String.fromDatabaseValue(values[2]) ?? "")
                    SQLiteCFunctions.report(result, in: context)
                } catch {
                    SQLiteCFunctions.report(error, in: context)
                }
            }, nil, nil, nil)
        precondition(code == SQLITE_OK, "registering sf_convert failed with \(code)")
    }

    /// `sf_convert(v, 'VARIANT', 'VARCHAR(16777216)')` (`::STRING`) of a VARIANT string of printable
    /// ASCII with no escape, or of JSON null: the characters between the quotes, or NULL — what
    /// Conversion.convert gives them. False, having answered nothing, for anything else.
    private static func convertVariantString(_ context: OpaquePointer, _ arguments: UnsafeMutablePointer<OpaquePointer?>) -> Bool {
        let value = arguments[0], from = arguments[1], to = arguments[2]
        guard sqlite3_value_type(value) == SQLITE_TEXT, sqlite3_value_type(from) == SQLITE_TEXT, sqlite3_value_type(to) == SQLITE_TEXT,
            let fromText = sqlite3_value_text(from), let toText = sqlite3_value_text(to), let text = sqlite3_value_text(value),
            matches(fromText, Int(sqlite3_value_bytes(from)), "VARIANT"),
            matches(toText, Int(sqlite3_value_bytes(to)), "VARCHAR(16777216)")
        else { return false }
        let json = UnsafeBufferPointer(start: text, count: Int(sqlite3_value_bytes(value)))
        if matches(text, json.count, "null") {
            sqlite3_result_null(context)
            return true
        }
        guard json.count >= 2, json.first == UInt8(ascii: "\""), json.last == UInt8(ascii: "\""),
            json.dropFirst().dropLast().allSatisfy({ $0 >= 0x20 && $0 < 0x80 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") })
        else { return false }
        sqlite3_result_text(context, UnsafeRawPointer(text + 1).assumingMemoryBound(to: CChar.self), Int32(json.count - 2), transient)
        return true
    }

    private static func matches(_ text: UnsafePointer<UInt8>, _ count: Int, _ literal: StaticString) -> Bool {
        count == literal.utf8CodeUnitCount && memcmp(text, literal.utf8Start, count) == 0
    }

    /// A function's argument, as GRDB's DatabaseFunction hands it over.
    private static func argument(_ value: OpaquePointer?) -> DatabaseValue {
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER: return sqlite3_value_int64(value).databaseValue
        case SQLITE_FLOAT: return sqlite3_value_double(value).databaseValue
        case SQLITE_TEXT: return sqlite3_value_text(value).map { String(cString: $0).databaseValue } ?? .null
        case SQLITE_BLOB:
            guard let bytes = sqlite3_value_blob(value) else { return Data().databaseValue }
            return Data(bytes: bytes, count: Int(sqlite3_value_bytes(value))).databaseValue
        default: return .null
        }
    }

    /// A function's result, as GRDB's DatabaseFunction reports it.
    private static func report(_ result: (any DatabaseValueConvertible)?, in context: OpaquePointer) {
        switch result?.databaseValue.storage ?? .null {
        case .null: sqlite3_result_null(context)
        case .int64(let int64): sqlite3_result_int64(context, int64)
        case .double(let double): sqlite3_result_double(context, double)
        case .string(let string): sqlite3_result_text(context, string, -1, transient)
        case .blob(let data): data.withUnsafeBytes { sqlite3_result_blob(context, $0.baseAddress, Int32($0.count), transient) }
        }
    }

    /// A function's error, as GRDB's DatabaseFunction reports it (SnowflakeError+SQLite reads it back).
    private static func report(_ error: any Error, in context: OpaquePointer) {
        guard let error = error as? DatabaseError else { return sqlite3_result_error(context, "\(error)", -1) }
        if let message = error.message { sqlite3_result_error(context, message, -1) }
        sqlite3_result_error_code(context, error.extendedResultCode.rawValue)
    }
}

/// SQLite's JSON subtype ('J'), which `->` gives its results so that JSON functions take them
/// as JSON, not as text.
private let jsonSubtype: UInt32 = 74
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

/// One connection's `->`: the last document found compact (a statement reading several paths
/// of a row checks its document once), and the private connection that runs SQLite's `->`.
/// Used only from inside a call of the function, which its connection serializes.
private final class PathOperatorState {
    private var checked: UnsafeMutableBufferPointer<UInt8> = .init(start: nil, count: 0)
    private var checkedCount = 0
    private var builtin: (connection: OpaquePointer, statement: OpaquePointer)?

    deinit {
        checked.deallocate()
        if let builtin {
            sqlite3_finalize(builtin.statement)
            sqlite3_close(builtin.connection)
        }
    }

    func call(_ context: OpaquePointer, _ arguments: UnsafeMutablePointer<OpaquePointer?>) {
        let document = arguments[0], path = arguments[1]
        guard sqlite3_value_type(document) == SQLITE_TEXT, sqlite3_value_type(path) == SQLITE_TEXT,
            let documentText = sqlite3_value_text(document), let pathText = sqlite3_value_text(path)
        else {
            return answerWithSQLite(context, arguments)
        }
        let text = UnsafeBufferPointer(start: documentText, count: Int(sqlite3_value_bytes(document)))
        let steps = UnsafeBufferPointer(start: pathText, count: Int(sqlite3_value_bytes(path)))
        switch select(steps, in: text) {
        case .value(let range):
            sqlite3_result_text(
                context, UnsafeRawPointer(documentText + range.lowerBound).assumingMemoryBound(to: CChar.self),
                Int32(range.count), transient)
            sqlite3_result_subtype(context, jsonSubtype)
        case .nothing:
            sqlite3_result_null(context)
        case .notHandled:
            answerWithSQLite(context, arguments)
        }
    }

    /// What `path` selects in `text`: read whole (and checked compact) the first time, then, while
    /// the same document comes again, looked up without checking it again.
    private func select(_ path: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> CompactJSON.Selection {
        if text.count == checkedCount, let base = checked.baseAddress, let other = text.baseAddress,
            memcmp(base, other, text.count) == 0
        {
            return CompactJSON.select(path, in: text)
        }
        let selection = CompactJSON.read(text, selecting: path)
        // A path this reader does not take says nothing of the document: it is not remembered.
        guard selection != .notHandled else { return selection }
        if checked.count < text.count {
            checked.deallocate()
            checked = .allocate(capacity: max(text.count, 2 * checked.count))
        }
        if let base = checked.baseAddress, let other = text.baseAddress { base.update(from: other, count: text.count) }
        checkedCount = text.count
        return selection
    }

    /// SQLite's own `SELECT ?1 -> ?2` on the private connection: its value (with its subtype) or its error.
    private func answerWithSQLite(_ context: OpaquePointer, _ arguments: UnsafeMutablePointer<OpaquePointer?>) {
        guard let (connection, statement) = builtinStatement() else {
            return sqlite3_result_error(context, "-> is unavailable: SQLite's in-memory connection could not be opened", -1)
        }
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        sqlite3_bind_value(statement, 1, arguments[0])
        sqlite3_bind_value(statement, 2, arguments[1])
        if sqlite3_step(statement) == SQLITE_ROW, let value = sqlite3_column_value(statement, 0) {
            sqlite3_result_value(context, value)
            let subtype = sqlite3_value_subtype(value)
            if subtype != 0 { sqlite3_result_subtype(context, subtype) }
        } else {
            sqlite3_result_error(context, sqlite3_errmsg(connection), -1)
        }
    }

    private func builtinStatement() -> (OpaquePointer, OpaquePointer)? {
        if let builtin { return builtin }
        var connection: OpaquePointer?
        guard sqlite3_open_v2(":memory:", &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, nil) == SQLITE_OK,
            let connection
        else {
            sqlite3_close(connection)
            return nil
        }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, "SELECT ?1 -> ?2", -1, &statement, nil) == SQLITE_OK, let statement else {
            sqlite3_close(connection)
            return nil
        }
        builtin = (connection, statement)
        return builtin
    }
}

/// One account file's background checkpoints (see the file's header).
final class WALCheckpointer: @unchecked Sendable {
    /// Pages in the log that start a checkpoint: SQLite's own default.
    static let threshold: Int32 = 1_000
    /// Pages past which the committing connection checkpoints itself.
    static let backstop: Int32 = 16_000

    private let path: String
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var requested = false
    private var closing = false
    private var started = false
    private var unavailable = false
    /// The log size at which the thread is next woken.
    private var nextRequest = threshold
    /// Signaled when the thread has ended (its connection closed).
    private let ended = DispatchSemaphore(value: 0)

    private init(path: String) {
        self.path = path
    }

    /// Replaces SQLite's automatic checkpoints on `db`, the connection of the account file at
    /// `path`. The checkpointer lives as long as the connection: a function of no use but this
    /// holds it, and SQLite lets it go (and its thread stop) when the connection closes.
    static func install(on db: Database, path: String) {
        guard let connection = db.sqliteConnection else { return }
        let checkpointer = WALCheckpointer(path: path)
        let context = Unmanaged.passRetained(checkpointer).toOpaque()
        let code = sqlite3_create_function_v2(
            connection, "sl_wal_checkpointer", 0, SQLITE_UTF8, context,
            { context, _, _ in sqlite3_result_null(context) }, nil, nil,
            { context in
                guard let context else { return }
                let checkpointer = Unmanaged<WALCheckpointer>.fromOpaque(context)
                checkpointer.takeUnretainedValue().close()
                checkpointer.release()
            })
        guard code == SQLITE_OK else {
            Unmanaged<WALCheckpointer>.fromOpaque(context).release()
            return  // SQLite's own checkpoints stay
        }
        sqlite3_wal_hook(
            connection,
            { context, connection, name, pages in
                guard let context else { return SQLITE_OK }
                let checkpointer = Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue()
                if pages >= WALCheckpointer.backstop || !checkpointer.committed(pages: pages) {
                    sqlite3_wal_checkpoint_v2(connection, name, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
                }
                return SQLITE_OK
            }, context)
    }

    /// A commit left `pages` in the log: once per 1,000 pages written (SQLite's rhythm, not once per
    /// commit while the log stays past them) the thread is woken, started the first time. False
    /// when it cannot checkpoint and the committing connection must.
    private func committed(pages: Int32) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        // A log shorter than at the last request was restarted from its beginning.
        if pages < nextRequest - Self.threshold { nextRequest = Self.threshold }
        guard pages >= nextRequest else { return true }
        guard !unavailable, !closing else { return false }
        nextRequest = pages + Self.threshold
        requested = true
        if !started {
            started = true
            Thread { [self] in run() }.start()
        }
        condition.signal()
        return true
    }

    /// The account's connection has closed: the thread ends after any checkpoint under way, and is
    /// waited for — its connection, now the file's last, copies the rest of the log into the file
    /// and removes it as it closes (the account's own could not while this one was open).
    private func close() {
        condition.lock()
        closing = true
        let wasStarted = started
        condition.signal()
        condition.unlock()
        if wasStarted { ended.wait() }
    }

    private func run() {
        Thread.current.name = "wal-checkpoint"
        var connection: OpaquePointer?
        defer {
            sqlite3_close(connection)
            ended.signal()
        }
        while true {
            condition.lock()
            while !requested && !closing { condition.wait() }
            requested = false
            let done = closing
            condition.unlock()
            if done { return }
            if connection == nil {
                // Opened, and its header read: until a connection has read the file it does not know
                // the file is in WAL mode, and a checkpoint on it does nothing.
                guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK,
                    sqlite3_exec(connection, "PRAGMA schema_version", nil, nil, nil) == SQLITE_OK
                else {
                    sqlite3_close(connection)
                    connection = nil
                    condition.lock()
                    unavailable = true
                    condition.unlock()
                    return
                }
            }
            sqlite3_wal_checkpoint_v2(connection, "main", SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        }
    }
}
