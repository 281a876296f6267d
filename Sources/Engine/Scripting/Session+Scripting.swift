// Session+Scripting: where the session meets the Snowflake Scripting interpreter (Interpreter.swift).
// The session hands a block to the interpreter; the interpreter runs the block's statements back
// through the session, one at a time, each in its own transaction as Snowflake runs them (a block
// is not atomic), with the block's variables visible as bindings.

import Foundation
import GRDB
import SnowSQL

/// What a block returns: nothing, a value, or a table (`RETURN TABLE(rs)`).
public enum ScriptOutcome: Sendable {
    case none
    case value(Value, SnowflakeType)
    case table(ResultSet)
}

extension Session {
    /// Runs one statement of a script with `bindings` visible as `:name`. The statement gets its
    /// own transaction (or savepoint), as any statement does.
    public func run(_ statement: SnowSQL.Statement, bindings: [String: SessionVariable], text: String) throws -> ResultSet {
        try run(statement, bindings: bindings, resultSets: [:], text: text)
    }

    /// Runs a script's statement with its variables as binds and its RESULTSETs readable as `TABLE(rs)`.
    func run(_ statement: SnowSQL.Statement, bindings: [String: SessionVariable], resultSets: [String: ResultSet],
             text: String) throws -> ResultSet {
        let saved = (self.bindings, scriptResultSets)
        self.bindings = bindings
        scriptResultSets = resultSets
        defer { (self.bindings, scriptResultSets) = saved }
        return try execute(statement, text: text)
    }

    /// Evaluates a script expression, where bare names may be variables.
    public func evaluate(_ expression: SnowSQL.Expression, bindings: [String: SessionVariable]) throws -> (Value, SnowflakeType) {
        let saved = (self.bindings, bareVariables)
        self.bindings = bindings
        bareVariables = true
        defer { (self.bindings, bareVariables) = saved }
        do {
            // Each expression of a script is evaluated on its own: NEXTVAL gives it a new value.
            sequenceValues.reset()
            do {
                return try reading { db in
                    try watched(db) { try collectingEvents { try Executor(session: self, db: db).evaluate(expression) } }
                }
            } catch is StatementNeedsWrite {
                // The expression writes (NEXTVAL, SYSTEM$ADD_REFERENCE…): evaluate it again as a writer.
                sequenceValues.reset()
                return try writingStatement { db in
                    try watched(db) { try collectingEvents { try Executor(session: self, db: db).evaluateRecordingSequences(expression) } }
                }
            }
        } catch let error as InvalidIdentifier {
            throw SnowflakeError.invalidIdentifier(error.name)
        } catch let error as UndefinedVariable {
            throw SnowflakeError.undefinedVariable(error.name)
        } catch let error as SnowflakeError {
            throw error
        } catch {
            throw SnowflakeError.from(error)
        }
    }

    /// An anonymous block: one column `anonymous block` holding what the block returned.
    func runBlock(_ block: ScriptBlock) throws -> ResultSet {
        switch try Interpreter.run(block, in: self, arguments: [:]) {
        case .none:
            return ResultSet(columns: [ResultColumn("anonymous block", .string)], rows: [[.null]])
        case .value(let value, let type):
            return ResultSet(columns: [ResultColumn("anonymous block", type)], rows: [[value]])
        case .table(let result):
            return result
        }
    }

    /// EXECUTE IMMEDIATE runs at the session level: the text may be a block, whose statements
    /// each need their own transaction. `USING (a, b)` gives the text's `?` placeholders, in order,
    /// the values of the script's variables (or any expression) a and b.
    /// https://docs.snowflake.com/en/sql-reference/sql/execute-immediate
    func executeImmediate(_ source: SnowSQL.Expression, using: [SnowSQL.Expression]) throws -> ResultSet {
        let saved = bareVariables
        bareVariables = true  // `USING (n)` names the script's variable n
        let evaluated = Result {
            try reading { db in
                try collectingEvents {
                    let executor = Executor(session: self, db: db)
                    return (try executor.evaluate(source).0, try using.map { try executor.evaluate($0) })
                }
            }
        }
        bareVariables = saved
        let (value, values) = try evaluated.get()
        guard case .string(let text) = value else {
            throw SnowflakeError.compilationError("EXECUTE IMMEDIATE expects a string, got \(value.displayText() ?? "NULL")")
        }
        try checkStack()
        // The text is not a client's statement (PUT and GET are refused in it).
        statementDepth += 1
        defer { statementDepth -= 1 }
        let statement = try Session.parseSingle(text)
        if values.isEmpty { return try runStatement(statement, text: text) }
        let now = clock()
        var binds = bindings
        for (i, (value, type)) in values.enumerated() {
            binds[String(i + 1)] = SessionVariable(value: value, type: type, createdOn: now, updatedOn: now)
        }
        let outer = bindings
        bindings = binds
        defer { bindings = outer }
        return try runStatement(statement, text: text)
    }
}
