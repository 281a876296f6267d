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
//   result's JSON subtype, which JSON functions read. The documents it has checked lately are
//   remembered (CheckedDocuments) and only searched when they come again.
// - `sl_json_each(json)` (JSONEachTable), json_each's key, value, type and fullkey for FLATTEN of
//   a computed array: an array of objects and arrays is split in the one reading that checks it,
//   its elements handed to `->` as checked; anything else is SQLite's json_each's, on the private
//   connection.
// - `sf_convert(value, from, to)`, the casts (Conversion.convert): `v:path::STRING` of a VARIANT
//   string reads the characters between its quotes here, in C terms; every other conversion is
//   Conversion.convert's, its result and error reported as GRDB reports a function's. GRDB's
//   wrapping (three Strings made per call, an array, the result copied) was half of a cast.
// - Snowlite's other scalar functions (ScalarFunction): declared as GRDB's DatabaseFunction is,
//   registered without GRDB's bookkeeping.
// The differential tests (SQLiteCFunctionsTests) hold `->` to SQLite's, sl_json_each to
// json_each, and sf_convert's C path to Conversion.convert.
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
    /// The table function `sl_json_each(json)` (JSONEachTable below).
    static let jsonEachTable = "sl_json_each"

    /// Registers `->` on `db`, in place of SQLite's for that connection, and `sl_json_each`, which
    /// hands the elements it reads to that `->` as checked documents.
    static func installPathOperator(in db: Database) {
        guard let connection = db.sqliteConnection else { return }
        let pathOperator = PathOperatorState()
        let state = Unmanaged.passRetained(pathOperator).toOpaque()
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
        JSONEachTable.install(on: connection, sharing: pathOperator)
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
    fileprivate static func argument(_ value: OpaquePointer?) -> DatabaseValue {
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
    fileprivate static func report(_ result: (any DatabaseValueConvertible)?, in context: OpaquePointer) {
        switch result?.databaseValue.storage ?? .null {
        case .null: sqlite3_result_null(context)
        case .int64(let int64): sqlite3_result_int64(context, int64)
        case .double(let double): sqlite3_result_double(context, double)
        case .string(let string): sqlite3_result_text(context, string, -1, transient)
        case .blob(let data): data.withUnsafeBytes { sqlite3_result_blob(context, $0.baseAddress, Int32($0.count), transient) }
        }
    }

    /// A function's error, as GRDB's DatabaseFunction reports it (SnowflakeError+SQLite reads it back).
    fileprivate static func report(_ error: any Error, in context: OpaquePointer) {
        guard let error = error as? DatabaseError else { return sqlite3_result_error(context, "\(error)", -1) }
        if let message = error.message { sqlite3_result_error(context, message, -1) }
        sqlite3_result_error_code(context, error.extendedResultCode.rawValue)
    }
}

/// A scalar SQL function of Snowlite's, declared as GRDB's DatabaseFunction is (its arguments
/// handed over as DatabaseValues, its result or error reported the same way) and registered with
/// `db.add(function:)`, but through the C API: GRDB's bookkeeping of every function (a dictionary
/// entry, an object per function) was half of registering Snowlite's hundred functions, which
/// every connection does as it opens.
struct ScalarFunction: Sendable {
    let name: String
    let argumentCount: Int?
    let pure: Bool
    let body: @Sendable ([DatabaseValue]) throws -> (any DatabaseValueConvertible)?

    init(
        _ name: String, argumentCount: Int? = nil, pure: Bool = false,
        function body: @escaping @Sendable ([DatabaseValue]) throws -> (any DatabaseValueConvertible)?
    ) {
        self.name = name
        self.argumentCount = argumentCount
        self.pure = pure
        self.body = body
    }

    /// The function's body, held by SQLite for as long as the registration.
    final class Body {
        let call: @Sendable ([DatabaseValue]) throws -> (any DatabaseValueConvertible)?
        init(_ call: @escaping @Sendable ([DatabaseValue]) throws -> (any DatabaseValueConvertible)?) { self.call = call }
    }
}

extension Database {
    /// Registers `function` on this connection (replacing any function of its name and arity).
    func add(function: ScalarFunction) {
        guard let connection = sqliteConnection else { return }
        let body = Unmanaged.passRetained(ScalarFunction.Body(function.body)).toOpaque()
        let code = sqlite3_create_function_v2(
            connection, function.name, Int32(function.argumentCount ?? -1), SQLITE_UTF8 | (function.pure ? SQLITE_DETERMINISTIC : 0),
            body,
            { context, count, arguments in
                guard let context else { return }
                let body = Unmanaged<ScalarFunction.Body>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue()
                let values = (0..<Int(count)).map { SQLiteCFunctions.argument(arguments?[$0]) }
                do {
                    SQLiteCFunctions.report(try body.call(values), in: context)
                } catch {
                    SQLiteCFunctions.report(error, in: context)
                }
            }, nil, nil,
            { body in
                guard let body else { return }
                Unmanaged<ScalarFunction.Body>.fromOpaque(body).release()
            })
        precondition(code == SQLITE_OK, "registering \(function.name) failed with \(code)")
    }
}

/// SQLite's JSON subtype ('J'), which `->` gives its results so that JSON functions take them
/// as JSON, not as text.
private let jsonSubtype: UInt32 = 74
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

/// One connection's `->`: the documents lately found compact (CheckedDocuments: a MERGE reads a
/// row's key, then its index entry, from one document; a statement may read several paths of a
/// row), and the private connection that runs SQLite's `->`. Used only from inside a call of the
/// function, which its connection serializes.
private final class PathOperatorState {
    private var checked = CheckedDocuments()
    private var builtin: (connection: OpaquePointer, statement: OpaquePointer)?
    /// SQLite's own json_each on the private connection, for `sl_json_each`.
    private var builtinEach: OpaquePointer?

    deinit {
        sqlite3_finalize(builtinEach)
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

    /// Notes `text`, known to be strict, compact JSON, as checked.
    fileprivate func remember(_ text: UnsafeBufferPointer<UInt8>) {
        let fingerprint = CheckedDocuments.fingerprint(text)
        if !checked.contains(text, fingerprint: fingerprint) { checked.insert(text, fingerprint: fingerprint) }
    }

    /// What `path` selects in `text`: read whole (and checked compact) the first time, then, while
    /// the connection remembers the document, looked up without checking it again.
    private func select(_ path: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> CompactJSON.Selection {
        let fingerprint = CheckedDocuments.fingerprint(text)
        if checked.contains(text, fingerprint: fingerprint) { return CompactJSON.select(path, in: text) }
        let selection = CompactJSON.read(text, selecting: path)
        // A path this reader does not take says nothing of the document: it is not remembered.
        guard selection != .notHandled else { return selection }
        checked.insert(text, fingerprint: fingerprint)
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

    /// SQLite's own `json_each(value)` on the private connection: its rows (key, value, type,
    /// fullkey, each value with its subtype), or its error message.
    fileprivate func builtinEach(_ value: OpaquePointer?) -> Result<[[OpaquePointer]], JSONEachError> {
        guard let (connection, _) = builtinStatement() else { return .failure(JSONEachError(message: "json_each is unavailable")) }
        if builtinEach == nil {
            sqlite3_prepare_v2(connection, "SELECT key, value, type, fullkey FROM json_each(?1)", -1, &builtinEach, nil)
        }
        guard let statement = builtinEach else { return .failure(JSONEachError(message: String(cString: sqlite3_errmsg(connection)))) }
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        sqlite3_bind_value(statement, 1, value)
        var rows: [[OpaquePointer]] = []
        while true {
            switch sqlite3_step(statement) {
            case SQLITE_ROW:
                let row = (0..<4).map { sqlite3_value_dup(sqlite3_column_value(statement, $0)) }
                rows.append(row.compactMap { $0 })
                guard row.count == rows[rows.count - 1].count else {
                    for value in rows.joined() { sqlite3_value_free(value) }
                    return .failure(JSONEachError(message: "out of memory"))
                }
            case SQLITE_DONE:
                return .success(rows)
            default:
                for value in rows.joined() { sqlite3_value_free(value) }
                return .failure(JSONEachError(message: String(cString: sqlite3_errmsg(connection))))
            }
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

struct JSONEachError: Error {
    let message: String
}

/// `sl_json_each(json)`: SQLite's json_each with its `key`, `value`, `type` and `fullkey` columns,
/// as the translator's FLATTEN of a computed document uses it (a connector's page of issues).
/// When the document is a compact array of objects and arrays (CompactJSON.containerElements),
/// each row is an element's bytes, found in the one reading that checks the document; and the
/// elements are handed to the connection's `->` as checked documents, so the MERGE that reads
/// their keys and indexes them does not check each again. Any other document is SQLite's
/// json_each's, run on the private connection: its rows, or its error.
private final class JSONEachTable {
    let state: PathOperatorState
    /// SQLite keeps a pointer to the module, not a copy: it lives as long as the registration.
    let module = UnsafeMutablePointer<sqlite3_module>.allocate(capacity: 1)

    /// A table: SQLite's part first, then the registration's.
    struct Table {
        var base = sqlite3_vtab()
        var owner: UnsafeMutableRawPointer
    }

    /// A cursor: SQLite's part first, then its rows.
    struct Cursor {
        var base = sqlite3_vtab_cursor()
        var rows: Unmanaged<Rows>
    }

    /// The rows of one document: its elements' places in its bytes (the fast path), or SQLite's.
    final class Rows {
        var document: [UInt8] = []
        var elements: [Range<Int>] = []
        var builtin: [[OpaquePointer]] = []
        var argument: OpaquePointer?
        var position = 0

        var count: Int { builtin.isEmpty ? elements.count : builtin.count }

        func clear() {
            for value in builtin.joined() { sqlite3_value_free(value) }
            sqlite3_value_free(argument)
            (builtin, elements, document, argument, position) = ([], [], [], nil, 0)
        }

        deinit { clear() }
    }

    private init(state: PathOperatorState) {
        self.state = state
        module.initialize(to: JSONEachTable.callbacks)
    }

    deinit {
        module.deinitialize(count: 1)
        module.deallocate()
    }

    static func install(on connection: OpaquePointer, sharing state: PathOperatorState) {
        let owner = JSONEachTable(state: state)
        let code = sqlite3_create_module_v2(
            connection, SQLiteCFunctions.jsonEachTable, owner.module, Unmanaged.passRetained(owner).toOpaque(),
            { owner in
                guard let owner else { return }
                Unmanaged<JSONEachTable>.fromOpaque(owner).release()
            })
        precondition(code == SQLITE_OK, "registering sl_json_each failed with \(code)")
    }

    /// The column `json`, the hidden argument.
    static let argumentColumn: Int32 = 4

    static func rows(_ cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>?) -> Rows? {
        UnsafeMutableRawPointer(cursor)?.assumingMemoryBound(to: Cursor.self).pointee.rows.takeUnretainedValue()
    }

    static let callbacks: sqlite3_module = {
        var module = sqlite3_module()
        module.xConnect = { connection, owner, _, _, table, _ in
            let code = sqlite3_declare_vtab(connection, "CREATE TABLE x(key, value, type, fullkey, json HIDDEN)")
            guard code == SQLITE_OK, let table, let owner else { return code == SQLITE_OK ? SQLITE_ERROR : code }
            let allocated = UnsafeMutablePointer<Table>.allocate(capacity: 1)
            allocated.initialize(to: Table(owner: owner))
            table.pointee = UnsafeMutableRawPointer(allocated).assumingMemoryBound(to: sqlite3_vtab.self)
            return SQLITE_OK
        }
        module.xDisconnect = { table in
            let allocated = UnsafeMutableRawPointer(table)?.assumingMemoryBound(to: Table.self)
            sqlite3_free(table?.pointee.zErrMsg)
            allocated?.deinitialize(count: 1)
            allocated?.deallocate()
            return SQLITE_OK
        }
        module.xBestIndex = { _, info in
            guard let info else { return SQLITE_ERROR }
            var argument: Int?, unusable = false
            for i in 0..<Int(info.pointee.nConstraint) {
                let constraint = info.pointee.aConstraint[i]
                guard constraint.iColumn == argumentColumn, constraint.op == UInt8(SQLITE_INDEX_CONSTRAINT_EQ) else { continue }
                if constraint.usable != 0 { argument = i } else { unusable = true }
            }
            // As json_each: a plan where the document cannot be had first is refused; with no
            // document at all there are no rows.
            guard let argument else {
                if unusable { return SQLITE_CONSTRAINT }
                info.pointee.idxNum = 0
                return SQLITE_OK
            }
            info.pointee.aConstraintUsage[argument].argvIndex = 1
            info.pointee.aConstraintUsage[argument].omit = 1
            info.pointee.idxNum = 1
            info.pointee.estimatedCost = 1
            return SQLITE_OK
        }
        module.xOpen = { _, cursor in
            guard let cursor else { return SQLITE_ERROR }
            let allocated = UnsafeMutablePointer<Cursor>.allocate(capacity: 1)
            allocated.initialize(to: Cursor(rows: .passRetained(Rows())))
            cursor.pointee = UnsafeMutableRawPointer(allocated).assumingMemoryBound(to: sqlite3_vtab_cursor.self)
            return SQLITE_OK
        }
        module.xClose = { cursor in
            guard let allocated = UnsafeMutableRawPointer(cursor)?.assumingMemoryBound(to: Cursor.self) else { return SQLITE_OK }
            allocated.pointee.rows.release()
            allocated.deinitialize(count: 1)
            allocated.deallocate()
            return SQLITE_OK
        }
        module.xFilter = { cursor, index, _, count, arguments in
            guard let cursor, let rows = rows(cursor), let table = cursor.pointee.pVtab else { return SQLITE_ERROR }
            rows.clear()
            guard index == 1, count == 1, let value = arguments?[0] else { return SQLITE_OK }
            let owner = UnsafeMutableRawPointer(table).assumingMemoryBound(to: Table.self).pointee.owner
            return Unmanaged<JSONEachTable>.fromOpaque(owner).takeUnretainedValue().filter(rows, value, table)
        }
        module.xNext = { cursor in
            rows(cursor)?.position += 1
            return SQLITE_OK
        }
        module.xEof = { cursor in
            guard let rows = rows(cursor) else { return 1 }
            return rows.position >= rows.count ? 1 : 0
        }
        module.xRowid = { cursor, rowid in
            rowid?.pointee = sqlite3_int64(rows(cursor)?.position ?? 0)
            return SQLITE_OK
        }
        module.xColumn = { cursor, context, column in
            guard let rows = rows(cursor), let context else { return SQLITE_ERROR }
            JSONEachTable.column(column, of: rows, into: context)
            return SQLITE_OK
        }
        return module
    }()

    /// Reads the document: its elements when it is a compact array of containers (each then
    /// known to `->` as checked), else SQLite's json_each's rows or error.
    private func filter(_ rows: Rows, _ value: OpaquePointer, _ table: UnsafeMutablePointer<sqlite3_vtab>) -> Int32 {
        rows.argument = sqlite3_value_dup(value)
        if sqlite3_value_type(value) == SQLITE_TEXT, let text = sqlite3_value_text(value) {
            let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_value_bytes(value)))
            if let elements = CompactJSON.containerElements(bytes) {
                rows.document = Array(bytes)
                rows.elements = elements
                for element in elements { state.remember(UnsafeBufferPointer(rebasing: bytes[element])) }
                return SQLITE_OK
            }
        }
        switch state.builtinEach(value) {
        case .success(let builtin):
            rows.builtin = builtin
            return SQLITE_OK
        case .failure(let error):
            sqlite3_free(table.pointee.zErrMsg)
            let count = error.message.utf8.count
            table.pointee.zErrMsg = sqlite3_malloc(Int32(count + 1))?.assumingMemoryBound(to: CChar.self)
            if let message = table.pointee.zErrMsg { _ = error.message.withCString { memcpy(message, $0, count + 1) } }
            return SQLITE_ERROR
        }
    }

    private static func column(_ column: Int32, of rows: Rows, into context: OpaquePointer) {
        let position = rows.position
        if column == argumentColumn {
            // As json_each: the document as the text it read, up to any NUL.
            guard let text = sqlite3_value_text(rows.argument) else { return sqlite3_result_null(context) }
            return sqlite3_result_text(context, UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self), -1, transient)
        }
        guard rows.builtin.isEmpty else {
            let value = rows.builtin[position][Int(column)]
            sqlite3_result_value(context, value)
            let subtype = sqlite3_value_subtype(value)
            if subtype != 0 { sqlite3_result_subtype(context, subtype) }
            return
        }
        let element = rows.elements[position]
        switch column {
        case 0:
            sqlite3_result_int64(context, sqlite3_int64(position))
        case 1:
            rows.document.withUnsafeBufferPointer { bytes in
                guard let base = bytes.baseAddress else { return sqlite3_result_null(context) }
                let start = UnsafeRawPointer(base + element.lowerBound).assumingMemoryBound(to: CChar.self)
                sqlite3_result_text(context, start, Int32(element.count), transient)
            }
            sqlite3_result_subtype(context, jsonSubtype)
        case 2:
            sqlite3_result_text(context, rows.document[element.lowerBound] == UInt8(ascii: "{") ? "object" : "array", -1, transient)
        default:
            sqlite3_result_text(context, "$[\(position)]", -1, transient)
        }
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
