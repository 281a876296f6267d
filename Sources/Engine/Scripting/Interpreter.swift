// Interpreter: runs Snowflake Scripting blocks (spec §7.2). Control flow — BREAK, CONTINUE,
// RETURN — travels as a returned Completion, never as a thrown error; only failures are thrown
// (ScriptFailure), so EXCEPTION handlers see exactly the errors Snowflake's would. Every SQL
// statement of a block runs through the session in its own transaction, with the block's
// variables visible as `:name`; the block's own expressions see them as bare names.

import SnowSQL

struct Interpreter {
    /// Runs a block with `arguments` as its initial variables; returns what it RETURNs.
    static func run(_ block: ScriptBlock, in session: Session, arguments: [String: SessionVariable]) throws -> ScriptOutcome {
        let frame = Frame(session: session, arguments: arguments)
        do {
            if case .returned(let outcome) = try frame.runBlock(block) { return outcome }
            return .none
        } catch let failure as ScriptFailure {
            throw failure.uncaught
        }
    }
}

/// How a statement list ended.
enum Completion {
    case normal
    case breakLoop(String?)
    case continueLoop(String?)
    case returned(ScriptOutcome)
}

/// The state of one running block: variables by scope, cursors, result sets, declared exceptions.
final class Frame {
    let session: Session
    var scopes: [[String: SessionVariable]]
    /// Per scope, the variables declared with a type (`DECLARE v VARIANT;`, `LET n NUMBER := …`):
    /// whatever they are assigned later is converted to that type, as Snowflake does.
    var declaredTypes: [[String: DataTypeName]]
    var cursors: [String: Cursor] = [:]
    /// RESULTSETs by name; a RESULTSET declared without a value is here once assigned.
    var resultSets: [String: ResultSet] = [:]
    /// Every RESULTSET declared, assigned or not (`rs := (SELECT …)` assigns one, not a scalar).
    var resultSetNames: Set<String> = []
    /// ASYNC child jobs not awaited yet, in the order they started (Interpreter+ChildJobs).
    var childJobs: [ChildJob] = []
    var exceptions: [String: (code: Int, message: String)] = [:]
    /// The failure a handler is running for (`RAISE;` re-raises it).
    var handling: [ScriptFailure] = []

    struct Cursor {
        /// The cursor's query, or nil for a cursor over the RESULTSET `resultSet`.
        var query: Query?
        var resultSet: String? = nil
        var rows: [[Value]]? = nil
        var columns: [ResultColumn] = []
        var position = 0
    }

    init(session: Session, arguments: [String: SessionVariable]) {
        self.session = session
        scopes = [arguments]
        declaredTypes = [[:]]
    }

    func pushScope() {
        scopes.append([:])
        declaredTypes.append([:])
    }

    func popScope() {
        scopes.removeLast()
        declaredTypes.removeLast()
    }

    // MARK: - Variables

    var visible: [String: SessionVariable] {
        var merged: [String: SessionVariable] = [:]
        for scope in scopes { merged.merge(scope) { _, inner in inner } }
        return merged
    }

    /// Declares `name` in the current scope; `declaredAs` fixes the type later assignments convert to.
    func declare(_ name: String, _ value: Value, _ type: SnowflakeType, declaredAs: DataTypeName? = nil) {
        let now = session.clock()
        scopes[scopes.count - 1][name] = SessionVariable(value: value, type: type, createdOn: now, updatedOn: now)
        declaredTypes[declaredTypes.count - 1][name] = declaredAs
    }

    /// The type the innermost variable `name` was declared with, if it was declared with one.
    func declaredType(of name: String) -> DataTypeName? {
        for i in scopes.indices.reversed() where scopes[i][name] != nil { return declaredTypes[i][name] }
        return nil
    }

    /// Assigns a value a statement produced (FETCH, SELECT … INTO, CALL … INTO), converted to the
    /// variable's declared type as an assignment would convert it: a FETCH that finds no row leaves a
    /// VARIANT variable a VARIANT NULL, so `v:key` still compiles.
    func store(_ name: String, _ value: Value, _ type: SnowflakeType, at position: SourcePosition) throws {
        guard let declared = declaredType(of: name) else { return assign(name, value, type) }
        // Most values need no conversion (a NULL, or a value of the declared type already): no
        // database access for them, so a FETCH loop stays in memory.
        let target = try dataType(declared)
        if value == .null || type == target || (Cast.sameFamily(type, target) && !Cast.narrows(type, target)) {
            return assign(name, value, target)
        }
        let now = session.clock()
        let produced = ["PRODUCED": SessionVariable(value: value, type: type, createdOn: now, updatedOn: now)]
        do {
            let (converted, convertedType) = try session.evaluate(.cast(.bind("PRODUCED"), declared, style: .cast), bindings: produced)
            assign(name, converted, convertedType)
        } catch let error as SnowflakeError {
            throw ScriptFailure(kind: "STATEMENT_ERROR", error: error, at: position)
        }
    }

    /// Assigns to the innermost variable of that name; declares it in the current scope if none.
    func assign(_ name: String, _ value: Value, _ type: SnowflakeType) {
        for i in scopes.indices.reversed() where scopes[i][name] != nil {
            scopes[i][name]?.value = value
            scopes[i][name]?.type = type
            return
        }
        declare(name, value, type)
    }

    func evaluate(_ expression: Expression, at position: SourcePosition) throws -> (Value, SnowflakeType) {
        do {
            return try session.evaluate(expression, bindings: visible)
        } catch let error as SnowflakeError {
            throw ScriptFailure(kind: "EXPRESSION_ERROR", error: error, at: position)
        }
    }

    func truth(_ expression: Expression, at position: SourcePosition) throws -> Bool {
        if case .boolean(true) = try evaluate(expression, at: position).0 { return true }
        return false
    }

    // MARK: - Blocks

    func runBlock(_ block: ScriptBlock) throws -> Completion {
        pushScope()
        defer { popScope() }
        let start = SourcePosition(line: 1, position: 0)
        for declaration in block.declarations { try declare(declaration, at: start) }
        do {
            return try runStatements(block.body, handlers: block.handlers)
        } catch let failure as ScriptFailure {
            guard let handler = block.handlers.first(where: { !$0.continues && failure.matches($0.exceptions) }) else { throw failure }
            return try runHandler(handler, for: failure)
        }
    }

    func runHandler(_ handler: ExceptionHandler, for failure: ScriptFailure) throws -> Completion {
        pushScope()
        handling.append(failure)
        defer {
            popScope()
            handling.removeLast()
        }
        declare("SQLCODE", .integer(Int64(failure.sqlCode)), .integer)
        declare("SQLERRM", .string(failure.message), .string)
        declare("SQLSTATE", .string(failure.sqlState), .string)
        return try runStatements(handler.body, handlers: [])
    }

    func declare(_ declaration: ScriptDeclaration, at position: SourcePosition) throws {
        switch declaration {
        case .variable(let name, let typeName, let initial):
            let type = try typeName.map(dataType) ?? .string
            if let initial {
                let expression = typeName.map { Expression.cast(initial, $0, style: .cast) } ?? initial
                let (value, valueType) = try evaluate(expression, at: position)
                declare(name, value, typeName == nil ? valueType : type, declaredAs: typeName)
            } else {
                declare(name, .null, type, declaredAs: typeName)
            }
        case .cursor(let name, let query):
            cursors[name] = Cursor(query: query)
        case .cursorOverResultSet(let name, let resultSet):
            cursors[name] = Cursor(query: nil, resultSet: resultSet)
        case .resultSet(let name, let source):
            resultSetNames.insert(name)
            if let source { resultSets[name] = try runSQL(source, text: SQLPrinter.print(source), at: position) }
        case .exception(let name, let code, let message):
            exceptions[name] = (code ?? -20000, message ?? "Raised \(name).")
        }
    }

    func dataType(_ name: DataTypeName) throws -> SnowflakeType {
        guard let type = SnowflakeType.named(name.name, name.arguments) else {
            throw SnowflakeError.unsupportedDataType(name.name)
        }
        return type
    }

    // MARK: - Statements

    /// Runs statements in order. A failure a CONTINUE handler of the enclosing block catches runs
    /// that handler and goes on with the next statement.
    func runStatements(_ statements: [ScriptStatement], handlers: [ExceptionHandler]) throws -> Completion {
        for statement in statements {
            do {
                let completion = try run(statement)
                if case .normal = completion { continue }
                return completion
            } catch let failure as ScriptFailure {
                guard let handler = handlers.first(where: { $0.continues && failure.matches($0.exceptions) }) else { throw failure }
                let completion = try runHandler(handler, for: failure)
                if case .normal = completion { continue }
                return completion
            }
        }
        return .normal
    }

    func run(_ statement: ScriptStatement) throws -> Completion {
        // A block's time limit or cancellation stops it between any two of its statements.
        try session.checkStatementWatch()
        switch statement {
        case .sql(let sql, let into, let text, let at):
            let result = try runSQL(sql, text: text.text, at: at)
            if !into.isEmpty { try assignInto(into, result, at: at) }
            return .normal
        case .assign(let name, let typeName, let value, let declares, let at):
            // `rs := (SELECT …)` runs the query into the RESULTSET rs.
            if !declares, resultSetNames.contains(name), case .subquery(let query) = value {
                resultSets[name] = try runSQL(.query(query), text: SQLPrinter.print(query), at: at)
                return .normal
            }
            let type = declares ? typeName : declaredType(of: name)
            let expression = type.map { Expression.cast(value, $0, style: .cast) } ?? value
            let (result, resultType) = try evaluate(expression, at: at)
            if declares { declare(name, result, resultType, declaredAs: typeName) } else { assign(name, result, resultType) }
            return .normal
        case .assignResultSet(let name, let source, let at):
            guard resultSetNames.contains(name) else { throw SnowflakeError.notAResultSet(name) }
            resultSets[name] = try runSQL(source, text: SQLPrinter.print(source), at: at)
            return .normal
        case .declare(let declaration):
            try declare(declaration, at: SourcePosition(line: 1, position: 0))
            return .normal
        case .block(let block):
            return try runBlock(block)
        case .ifThen(let branches, let otherwise):
            let at = SourcePosition(line: 1, position: 0)
            for branch in branches where try truth(branch.condition, at: at) {
                return try runScoped(branch.body)
            }
            return try otherwise.map(runScoped) ?? .normal
        case .caseOf(let operand, let branches, let otherwise):
            let at = SourcePosition(line: 1, position: 0)
            for branch in branches {
                let test = operand.map { Expression.binary(.equal, $0, branch.condition) } ?? branch.condition
                if try truth(test, at: at) { return try runScoped(branch.body) }
            }
            return try otherwise.map(runScoped) ?? .normal
        case .forRange(let variable, let low, let high, let reverse, let body, let label):
            return try forRange(variable, low, high, reverse, body, label)
        case .forCursor(let variable, let cursor, let body, let label):
            return try forCursor(variable, cursor, body, label)
        case .whileLoop(let condition, let body, let label):
            while try truth(condition, at: SourcePosition(line: 1, position: 0)) {
                if let done = loopStep(try runScoped(body), label) { return done }
            }
            return .normal
        case .repeatLoop(let body, let until, let label):
            repeat {
                if let done = loopStep(try runScoped(body), label) { return done }
            } while !(try truth(until, at: SourcePosition(line: 1, position: 0)))
            return .normal
        case .loop(let body, let label):
            while true {
                try session.checkStatementWatch()  // an empty LOOP … END LOOP has no statement to check
                if let done = loopStep(try runScoped(body), label) { return done }
            }
        case .breakLoop(let label): return .breakLoop(label)
        case .continueLoop(let label): return .continueLoop(label)
        case .returnValue(let expression):
            guard let expression else { return .returned(.none) }
            let (value, type) = try evaluate(expression, at: SourcePosition(line: 1, position: 0))
            return .returned(.value(value, type))
        case .returnTable(let name, let fromCursor):
            if fromCursor { return .returned(.table(try resultSet(fromCursor: name))) }
            guard let result = resultSets[name] else { throw SnowflakeError.notAResultSet(name) }
            return .returned(.table(result))
        case .raise(let name, let at):
            guard let name else {
                guard let current = handling.last else {
                    throw SnowflakeError.compilationError("RAISE without an exception outside an exception handler")
                }
                throw current
            }
            guard let declared = exceptions[name] else {
                throw SnowflakeError.compilationError("Exception '\(name)' is not declared")
            }
            throw ScriptFailure(kind: name, sqlCode: declared.code, sqlState: "P0001", message: declared.message, at: at, inner: nil)
        case .open(let name, let using):
            try open(name, using: using)
            return .normal
        case .fetch(let name, let into):
            try fetch(name, into: into)
            return .normal
        case .close(let name):
            cursors[name]?.rows = nil
            cursors[name]?.position = 0
            return .normal
        case .async(let statement, let resultSet, let declares, let at):
            try startChildJob(statement, resultSet: resultSet, declares: declares, at: at)
            return .normal
        case .await(let resultSet, let at):
            try awaitChildJobs(resultSet, at: at)
            return .normal
        case .cancel(let resultSet):
            childJobs.removeAll { $0.resultSet == resultSet }
            return .normal
        case .evaluate(let expression, let at):
            _ = try evaluate(expression, at: at)
            return .normal
        case .null:
            return .normal
        }
    }

    /// A statement list in its own scope (IF/CASE branches, loop bodies).
    func runScoped(_ statements: [ScriptStatement]) throws -> Completion {
        pushScope()
        defer { popScope() }
        return try runStatements(statements, handlers: [])
    }

    /// nil: keep looping; otherwise the completion that ends the loop (`.normal` for BREAK).
    func loopStep(_ completion: Completion, _ label: String?) -> Completion? {
        switch completion {
        case .normal: return nil
        case .continueLoop(let target) where target == nil || target == label: return nil
        case .breakLoop(let target) where target == nil || target == label: return .normal
        default: return completion
        }
    }

    func forRange(_ variable: String, _ low: Expression, _ high: Expression, _ reverse: Bool,
                  _ body: [ScriptStatement], _ label: String?) throws -> Completion {
        let at = SourcePosition(line: 1, position: 0)
        guard case .integer(let from) = try evaluate(.cast(low, DataTypeName("INTEGER"), style: .cast), at: at).0,
              case .integer(let to) = try evaluate(.cast(high, DataTypeName("INTEGER"), style: .cast), at: at).0 else {
            throw SnowflakeError.compilationError("FOR loop bounds must be numbers")
        }
        guard from <= to else { return .normal }
        for i in reverse ? Array((from...to).reversed()) : Array(from...to) {
            pushScope()
            declare(variable, .integer(i), .integer)
            let completion = try runStatements(body, handlers: [])
            popScope()
            if let done = loopStep(completion, label) { return done }
        }
        return .normal
    }

    /// Runs an SQL statement with the block's variables (and `binds`, an OPEN's `?` values) as its
    /// binds; a failure is a STATEMENT_ERROR. Sets SQLID, SQLROWCOUNT, SQLFOUND, SQLNOTFOUND.
    func runSQL(_ statement: Statement, text: String, at position: SourcePosition,
                binds: [String: SessionVariable] = [:]) throws -> ResultSet {
        let result: ResultSet
        do {
            result = try session.run(statement, bindings: visible.merging(binds) { _, bind in bind }, resultSets: resultSets, text: text)
        } catch let error as SnowflakeError {
            throw ScriptFailure(kind: "STATEMENT_ERROR", error: error, at: position)
        }
        assign("SQLID", .string(result.queryID), .string)
        if case .dml(let affected) = result.kind {
            assign("SQLROWCOUNT", .integer(Int64(affected)), .integer)
            assign("SQLFOUND", .boolean(affected > 0), .boolean)
            assign("SQLNOTFOUND", .boolean(affected == 0), .boolean)
        } else if case .query = result.kind {
            assign("SQLROWCOUNT", .integer(Int64(result.rows.count)), .integer)
            assign("SQLFOUND", .boolean(!result.rows.isEmpty), .boolean)
            assign("SQLNOTFOUND", .boolean(result.rows.isEmpty), .boolean)
        }
        return result
    }
}
