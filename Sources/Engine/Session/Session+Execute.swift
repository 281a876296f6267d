// Session+Execute: the entry point for one statement's text. It parses, runs the statement in
// its own transaction (a savepoint inside BEGIN … COMMIT) so a failing statement leaves no
// trace, and turns every failure into the SnowflakeError the user sees.

import Foundation
import GRDB
import SnowSQL

extension Session {
    /// The version CURRENT_VERSION() reports.
    public static let snowflakeVersion = "9.38.1"

    /// Runs one statement and returns its result. Throws SnowflakeError for every failure.
    public func execute(_ sql: String) throws -> ResultSet {
        return try execute(try Session.parseSingle(sql), text: sql)
    }

    /// Parses the text of exactly one statement; a syntax error becomes 001003, a second statement 000006.
    static func parseSingle(_ text: String) throws -> SnowSQL.Statement {
        let parsed: ParsedStatement
        do {
            parsed = try Parser.parseOne(text)
        } catch {
            throw SnowflakeError.syntax(error)
        }
        if parsed.followedByMore { throw SnowflakeError.multipleStatements }
        return parsed.statement
    }

    /// A query id shaped like Snowflake's (`01b00007-0000-1a2b-0000-000000000007`): a counter and
    /// the session, in hexadecimal.
    static func queryID(counter: UInt64, sessionID: UInt64) -> String {
        func hex(_ n: UInt64, _ width: Int) -> String {
            let digits = String(n, radix: 16)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "01b" + hex(counter % 0xFFFFF, 5) + "-0000-" + hex(sessionID % 0xFFFF, 4) + "-0000-" + hex(counter, 12)
    }

    /// Runs a parsed statement. `text` locates identifiers for error positions. `queryID`, when
    /// given (a driver's, answered before the statement runs), is the id the result is kept under.
    public func execute(_ statement: SnowSQL.Statement, text: String, queryID given: String? = nil) throws -> ResultSet {
        // A statement run from inside another (a procedure's, a handler's SQL) first checks the stack
        // the outermost one has used (Session+Stack.swift).
        let outermost = stackTop == nil
        if outermost { stackTop = Session.stackAddress() } else { try checkStack() }
        defer { if outermost { stackTop = nil } }
        statementTime = clock()
        // Inside a task run every statement first checks the run's deadline and cancellation.
        try taskRun?.check(statementTime)
        queryCounter += 1
        sequenceValues.reset()
        let queryID = given ?? Session.queryID(counter: UInt64(queryCounter), sessionID: UInt64(sessionID))
        // The statement a client sent runs under a time limit and can be canceled; those it runs
        // (a procedure's, a block's) stop with it.
        let sentByClient = statementDepth == 0
        if sentByClient {
            statementWatch.begin()
        } else {
            try checkStatementWatch()
        }
        statementDepth += 1
        defer {
            statementDepth -= 1
            if sentByClient { statementWatch.end() }
            flushEvents()
        }
        do {
            var result = try runStatement(statement, text: text)
            if sentByClient { try statementWatch.check() }
            result.queryID = queryID
            lastQueryID = queryID
            queryResults.record(result, principal: rightsFrame)
            return result
        } catch where sentByClient && statementWatch.stopped != nil {
            // Whatever the interrupted work threw (SQLite's "interrupted", a handler's error), the
            // statement ends as Snowflake ends it: timed out or canceled.
            throw statementWatch.stopped?.error ?? SnowflakeError.executionCanceled
        } catch {
            throw Session.reported(error, text: text)
        }
    }

    /// The SnowflakeError a failure of the statement `text` is reported as: a name that resolves to
    /// nothing is located in the text (000904, 002211), any other error becomes Snowflake's.
    static func reported(_ error: any Error, text: String) -> any Error {
        switch error {
        case let error as InvalidIdentifier:
            let (line, position) = Session.locate(error.name, in: text)
            return SnowflakeError.invalidIdentifier(error.name, line: line, position: position)
        case let error as UndefinedVariable:
            let (line, position) = Session.locate("$" + error.name, in: text)
            return SnowflakeError.undefinedVariable(error.name, line: line, position: position)
        case let error as StaleStream:
            let (line, position) = Session.locate(error.written, in: text)
            return SnowflakeError.streamBaseTableDropped(table: error.table, stream: error.stream, line: line, position: position)
        case let error as SnowflakeError:
            return error
        default:
            return SnowflakeError.from(error)
        }
    }

    /// Runs a statement as its kind says (StatementKinds.swift): session-level statements outside
    /// any one transaction, transaction control on the explicit transaction, everything else in a
    /// transaction of its own.
    func runStatement(_ statement: Statement, text: String) throws -> ResultSet {
        switch StatementKind(of: statement) {
        case .sessionLevel: return try runAtSessionLevel(statement)
        case .transactionControl: return try controlTransaction(statement)
        case let kind: return try runInTransaction(statement, text: text, kind: kind)
        }
    }

    private func runAtSessionLevel(_ statement: Statement) throws -> ResultSet {
        if insideSetupScript, case .task(.execute) = statement { throw SnowflakeError.unsupportedInSetupScript("EXECUTE TASK") }
        switch statement {
        case .block(let block): return try runBlock(block)
        case .call(let call): return try runCall(call)
        case .executeImmediate(let source, let using): return try executeImmediate(source, using: using)
        case .task(.execute(let name)): return try executeTask(name)
        default: throw SnowflakeError.internalError("\(statement) does not run at the session level")
        }
    }

    /// BEGIN opens the explicit transaction (a second BEGIN is ignored, as in Snowflake); COMMIT and
    /// ROLLBACK end it, and do nothing outside one.
    func controlTransaction(_ statement: Statement) throws -> ResultSet {
        if insideSetupScript { throw SnowflakeError.unsupportedInSetupScript("transaction control") }
        if statement == .begin {
            if !inExplicitTransaction {
                try store.queue.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
                inExplicitTransaction = true
                streams.endTransaction()
            }
        } else if inExplicitTransaction {
            let sql = statement == .commit ? "COMMIT" : "ROLLBACK"
            try store.queue.writeWithoutTransaction { db in
                if statement == .commit { try commitStreamOffsets(db) }
                try db.execute(sql: sql)
            }
            inExplicitTransaction = false
            streams.endTransaction()
        }
        return .success
    }

    /// A read or a write (`kind`), in a transaction of its own or a savepoint of the explicit one.
    private func runInTransaction(_ statement: Statement, text: String, kind: StatementKind) throws -> ResultSet {
        // A statement a setup script's CALL or block runs: a savepoint of the script's access,
        // under the watch the install statement already holds.
        if insideSetupScript {
            return try writing { db in try collectingEvents { try Executor(session: self, db: db).executeRecordingSequences(statement) } }
        }
        // DDL commits an open transaction first, then runs on its own (as in Snowflake).
        if inExplicitTransaction && kind == .write(commitsOpenTransaction: true) {
            try store.queue.writeWithoutTransaction { db in
                try commitStreamOffsets(db)
                try db.execute(sql: "COMMIT")
            }
            inExplicitTransaction = false
        }
        // With AUTOCOMMIT = FALSE a DML statement outside a transaction opens one, which the
        // session keeps until COMMIT, ROLLBACK, DDL (or ALTER SESSION SET AUTOCOMMIT) or its end.
        // https://docs.snowflake.com/en/sql-reference/transactions#autocommit
        if !inExplicitTransaction && parameters["AUTOCOMMIT"] == "false" && Session.isDML(statement) {
            try store.queue.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
            inExplicitTransaction = true
        }
        if inExplicitTransaction {
            return try store.queue.writeWithoutTransaction { db in try watched(db) {
                try Session.inSavepoint(db) { try collectingEvents { try Executor(session: self, db: db).executeRecordingSequences(statement) } }
            } }
        }
        let saved = SessionState(self)
        do {
            // Statements that only read take no write lock, so they never wait on another writer.
            if case .read(let cacheable) = kind {
                do {
                    let key = resultCacheKey(cacheable: cacheable, text: text)
                    return try store.read { db in
                        try watched(db) { try collectingEvents { try runQuery(statement, key: key, db: db) } }
                    }
                } catch is StatementNeedsWrite {
                    // The query writes (NEXTVAL, SYSTEM$SET_REFERENCE…): run it again as a writer.
                    saved.restore(self)
                    sequenceValues.reset()
                }
            }
            return try store.queue.write { db in
                try watched(db) {
                    try collectingEvents { try Executor(session: self, db: db).executeRecordingSequences(statement) }
                }
            }
        } catch {
            saved.restore(self)
            throw error
        }
    }

    /// INSERT, UPDATE, DELETE and MERGE: the statements that open a transaction under AUTOCOMMIT = FALSE.
    static func isDML(_ statement: Statement) -> Bool {
        switch statement {
        case .insert, .multiTableInsert, .update, .delete, .merge: return true
        default: return false
        }
    }

    /// Line and position of the first token naming `name` (for 000904 / 002211 texts). A
    /// qualified name (`S.NOPE`) is found where its first part starts.
    static func locate(_ name: String, in text: String) -> (Int, Int) {
        guard let tokens = try? Lexer.tokenize(text) else { return (1, 0) }
        let parts = name.split(separator: ".").map(String.init)
        func matches(_ token: Token, _ part: String) -> Bool {
            if part.hasPrefix("\"") && part.hasSuffix("\"") && part.count >= 2 {
                let inner = String(part.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
                return token.kind == .quotedIdentifier && token.value == inner
            }
            switch token.kind {
            case .word: return token.text.uppercased() == part.uppercased()
            case .quotedIdentifier: return token.value == part || token.value == part.uppercased()
            case .variable: return "$" + token.value.uppercased() == part.uppercased()
            case .positional: return "$" + token.value == part
            default: return false
            }
        }
        for start in tokens.indices {
            var ok = true
            for (offset, part) in parts.enumerated() {
                let i = start + offset * 2
                guard i < tokens.count, matches(tokens[i], part), offset == 0 || tokens[i - 1].isSymbol(".") else {
                    ok = false
                    break
                }
            }
            if ok { return (tokens[start].line, tokens[start].position) }
        }
        return (1, 0)
    }
}

/// The session state a failed statement must not change.
struct SessionState {
    var role, warehouse, database, schema: String?
    var variables: [String: SessionVariable]

    init(_ session: Session) {
        role = session.currentRole
        warehouse = session.currentWarehouse
        database = session.currentDatabase
        schema = session.currentSchema
        variables = session.variables
    }

    func restore(_ session: Session) {
        session.currentRole = role
        session.currentWarehouse = warehouse
        session.currentDatabase = database
        session.currentSchema = schema
        session.variables = variables
    }
}
