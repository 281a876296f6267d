// Scripting: the syntax tree of Snowflake Scripting — `[DECLARE …] BEGIN … [EXCEPTION …] END`
// blocks in LANGUAGE SQL procedures, anonymous blocks and setup scripts (spec §7.2). Embedded SQL
// statements are ordinary Statements; expressions are ordinary Expressions in which a bare name
// may be a variable (`x := y + 1`) and `:name` is a variable inside SQL.

public struct ScriptBlock: Equatable, Sendable {
    public var declarations: [ScriptDeclaration]
    public var body: [ScriptStatement]
    public var handlers: [ExceptionHandler]
    public init(declarations: [ScriptDeclaration] = [], body: [ScriptStatement], handlers: [ExceptionHandler] = []) {
        self.declarations = declarations
        self.body = body
        self.handlers = handlers
    }
}

public enum ScriptDeclaration: Equatable, Sendable {
    /// `v [type] [DEFAULT e | := e]`
    case variable(name: String, type: DataTypeName?, initial: Expression?)
    /// `c CURSOR FOR query`; the query's `?` are its own binds `:1`, `:2`… that `OPEN c USING (…)` sets.
    case cursor(name: String, query: Query)
    /// `c CURSOR FOR rs`: a cursor over the rows of a RESULTSET.
    case cursorOverResultSet(name: String, resultSet: String)
    /// `rs RESULTSET [DEFAULT (query) | := (EXECUTE IMMEDIATE …)]`: the source is a query or an
    /// EXECUTE IMMEDIATE; none declares a RESULTSET assigned later.
    case resultSet(name: String, source: Statement?)
    /// `e EXCEPTION (-20001, 'message')`
    case exception(name: String, code: Int?, message: String?)
}

public struct ExceptionHandler: Equatable, Sendable {
    /// Exception names (`STATEMENT_ERROR`, `OTHER`, declared names), upper-cased.
    public var exceptions: [String]
    /// `WHEN … CONTINUE THEN`: execution resumes after the failing statement.
    public var continues: Bool
    public var body: [ScriptStatement]
    public init(exceptions: [String], continues: Bool = false, body: [ScriptStatement]) {
        self.exceptions = exceptions
        self.continues = continues
        self.body = body
    }
}

public struct ConditionalBranch: Equatable, Sendable {
    public var condition: Expression
    public var body: [ScriptStatement]
    public init(condition: Expression, body: [ScriptStatement]) {
        self.condition = condition
        self.body = body
    }
}

public indirect enum ScriptStatement: Equatable, Sendable {
    /// An SQL statement; `into` names the variables of `SELECT … INTO :a, :b` / `CALL … INTO :v`.
    case sql(Statement, into: [String], text: SourceText, at: SourcePosition)
    /// `LET v [type] := e` (declares) and `v := e` (assigns).
    case assign(name: String, type: DataTypeName?, value: Expression, declares: Bool, at: SourcePosition)
    /// `LET c CURSOR FOR query` / `LET rs RESULTSET := (query)`.
    case declare(ScriptDeclaration)
    /// `rs := (EXECUTE IMMEDIATE …)`: a RESULTSET assigned the result of a statement. (`rs := (query)`
    /// parses as an assignment of a subquery; the interpreter knows `rs` is a RESULTSET.)
    case assignResultSet(name: String, source: Statement, at: SourcePosition)
    case block(ScriptBlock)
    case ifThen(branches: [ConditionalBranch], otherwise: [ScriptStatement]?)
    /// `CASE (e) WHEN v THEN … END CASE` (operand) or `CASE WHEN cond THEN … END CASE`.
    case caseOf(operand: Expression?, branches: [ConditionalBranch], otherwise: [ScriptStatement]?)
    /// `FOR i IN [REVERSE] low TO high DO … END FOR`.
    case forRange(variable: String, low: Expression, high: Expression, reverse: Bool, body: [ScriptStatement], label: String?)
    /// `FOR row IN cursor_or_resultset DO … END FOR`.
    case forCursor(variable: String, cursor: String, body: [ScriptStatement], label: String?)
    case whileLoop(condition: Expression, body: [ScriptStatement], label: String?)
    case repeatLoop(body: [ScriptStatement], until: Expression, label: String?)
    case loop(body: [ScriptStatement], label: String?)
    case breakLoop(label: String?)
    case continueLoop(label: String?)
    case returnValue(Expression?)
    /// `RETURN TABLE(resultset)`, or `RETURN TABLE(RESULTSET_FROM_CURSOR(cursor))` (fromCursor).
    case returnTable(String, fromCursor: Bool)
    /// `RAISE [name]` (no name: re-raise inside a handler).
    case raise(String?, at: SourcePosition)
    case open(cursor: String, using: [Expression])
    case fetch(cursor: String, into: [String])
    case close(cursor: String)
    /// `[LET] rs [RESULTSET] := ASYNC (statement)` (`resultSet` names rs; `declares` for LET) or
    /// `ASYNC (statement);` alone: an asynchronous child job.
    case async(Statement, resultSet: String?, declares: Bool, at: SourcePosition)
    /// `AWAIT rs;` or `AWAIT ALL;` (nil).
    case await(String?, at: SourcePosition)
    /// `CANCEL rs;`
    case cancel(String)
    /// `SYSTEM$LOG('info', 'text');`: a system function called for its effect, its value dropped.
    case evaluate(Expression, at: SourcePosition)
    /// `NULL;` — does nothing.
    case null
}
