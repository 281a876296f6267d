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
            throw SnowflakeError.syntax(line: error.line, position: error.position, token: error.token)
        }
        if parsed.followedByMore { throw SnowflakeError.multipleStatements }
        return parsed.statement
    }

    /// Runs a parsed statement. `text` locates identifiers for error positions.
    public func execute(_ statement: SnowSQL.Statement, text: String) throws -> ResultSet {
        statementTime = clock()
        queryCounter += 1
        let queryID = String(format: "01b%05x-0000-%04x-0000-%012llx", queryCounter % 0xFFFFF, sessionID % 0xFFFF, UInt64(queryCounter))
        do {
            var result = try runInTransaction(statement)
            result.queryID = queryID
            lastQueryID = queryID
            return result
        } catch let error as InvalidIdentifier {
            let (line, position) = Session.locate(error.name, in: text)
            throw SnowflakeError.invalidIdentifier(error.name, line: line, position: position)
        } catch let error as UndefinedVariable {
            let (line, position) = Session.locate("$" + error.name, in: text)
            throw SnowflakeError.undefinedVariable(error.name, line: line, position: position)
        } catch let error as SnowflakeError {
            throw error
        } catch {
            throw SnowflakeError.from(error)
        }
    }

    private func runInTransaction(_ statement: Statement) throws -> ResultSet {
        switch statement {
        case .begin:
            if !inExplicitTransaction {
                try store.queue.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
                inExplicitTransaction = true
            }
            return .success
        case .commit, .rollback:
            if inExplicitTransaction {
                let sql = statement == .commit ? "COMMIT" : "ROLLBACK"
                try store.queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
                inExplicitTransaction = false
            }
            return .success
        default:
            break
        }
        // DDL commits an open transaction first, then runs on its own (as in Snowflake).
        if inExplicitTransaction && Session.isDDL(statement) {
            try store.queue.writeWithoutTransaction { db in try db.execute(sql: "COMMIT") }
            inExplicitTransaction = false
        }
        if inExplicitTransaction {
            return try store.queue.writeWithoutTransaction { db in
                try db.execute(sql: "SAVEPOINT snowlite_statement")
                do {
                    let result = try Executor(session: self, db: db).execute(statement)
                    try db.execute(sql: "RELEASE snowlite_statement")
                    return result
                } catch {
                    try? db.execute(sql: "ROLLBACK TO snowlite_statement")
                    try? db.execute(sql: "RELEASE snowlite_statement")
                    throw error
                }
            }
        }
        let saved = SessionState(self)
        do {
            // Statements that only read take no write lock, so they never wait on another writer.
            if Session.isReadOnly(statement) {
                return try store.queue.read { db in try Executor(session: self, db: db).execute(statement) }
            }
            return try store.queue.write { db in try Executor(session: self, db: db).execute(statement) }
        } catch {
            saved.restore(self)
            throw error
        }
    }

    static func isReadOnly(_ statement: Statement) -> Bool {
        switch statement {
        case .query, .set, .unset, .showVariables, .use, .show, .describe: return true
        default: return false
        }
    }

    static func isDDL(_ statement: Statement) -> Bool {
        switch statement {
        case .createDatabase, .createSchema, .createTable, .createView, .createWarehouse, .createRole, .drop: return true
        default: return false
        }
    }

    /// Line and position of the first token naming `name` (for 000904 / 002211 texts).
    static func locate(_ name: String, in text: String) -> (Int, Int) {
        var target = name.split(separator: ".").last.map(String.init) ?? name
        let quoted = target.hasPrefix("\"") && target.hasSuffix("\"") && target.count >= 2
        if quoted { target = String(target.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") }
        guard let tokens = try? Lexer.tokenize(text) else { return (1, 0) }
        for token in tokens {
            switch token.kind {
            case .word where !quoted && token.text.uppercased() == target.uppercased(),
                 .quotedIdentifier where token.value == target || (!quoted && token.value == target.uppercased()),
                 .variable where "$" + token.value.uppercased() == target.uppercased():
                return (token.line, token.position)
            default: continue
            }
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
