// SnowflakeError+Scripting: the errors of Snowflake Scripting blocks and of the scripts a setup
// script runs. An exception no handler caught reaches the client with its code and SQLSTATE, its
// message after the script position (`Uncaught exception of type 'STATEMENT_ERROR' on line 3 at
// position 4 : …`); SELECT INTO with several rows, and EXECUTE IMMEDIATE FROM a relative path
// outside a setup script, fail as Snowflake words them.
// https://docs.snowflake.com/en/developer-guide/snowflake-scripting/exceptions

extension SnowflakeError {
    // MARK: - Uncaught exceptions

    /// An exception of type `kind` (STATEMENT_ERROR, EXPRESSION_ERROR, a declared name) that left
    /// the block at `line` and `position`, with the code and SQLSTATE of what raised it.
    static func uncaughtException(_ kind: String, code: String, sqlState: String, message: String,
                                  line: Int, position: Int) -> SnowflakeError {
        SnowflakeError(code: code, sqlState: sqlState,
                       message: "Uncaught exception of type '\(kind)' on line \(line) at position \(position) : \(message)")
    }

    /// A statement's error that no handler caught, as a STATEMENT_ERROR at the statement's place.
    static func uncaughtStatementError(_ error: SnowflakeError, line: Int, position: Int) -> SnowflakeError {
        uncaughtException("STATEMENT_ERROR", code: error.code, sqlState: error.sqlState, message: error.message,
                          line: line, position: position)
    }

    /// 000904 as a STATEMENT_ERROR: a setup script's statement naming a column that resolves to
    /// nothing (the message has no position of its own: the script's is in front of it).
    static func uncaughtInvalidIdentifier(_ name: String, line: Int, position: Int) -> SnowflakeError {
        uncaughtException("STATEMENT_ERROR", code: "000904", sqlState: "42000", message: "\(compilation)\ninvalid identifier '\(name)'",
                          line: line, position: position)
    }

    // MARK: - Statements

    /// 092219: SELECT … INTO with more than one row.
    static func selectIntoExpectsOneRow(got rows: Int) -> SnowflakeError {
        SnowflakeError(code: "092219", sqlState: "22000",
                       message: "A SELECT INTO statement expects exactly 1 returned row, but got \(rows).")
    }

    /// 001503: EXECUTE IMMEDIATE FROM a relative path outside a setup script.
    static func relativeFileReferenceAtTopLevel(_ path: String) -> SnowflakeError {
        SnowflakeError(code: "001503", sqlState: "42601",
                       message: "Relative file references like '\(path)' cannot be used in top-level EXECUTE IMMEDIATE calls.")
    }

    // MARK: - Cursors and RESULTSETs [?: wording chosen]

    /// A name used as a RESULTSET (`RETURN TABLE(x)`, `x := (EXECUTE IMMEDIATE …)`, a cursor over x)
    /// that no RESULTSET declaration (or no assignment yet) gave a value.
    static func notAResultSet(_ name: String) -> SnowflakeError {
        compilationError("'\(name)' is not a RESULTSET")
    }

    /// `FOR r IN x` where x is neither a cursor nor a RESULTSET.
    static func notACursorOrResultSet(_ name: String) -> SnowflakeError {
        compilationError("'\(name)' is not a cursor or a RESULTSET")
    }

    /// OPEN of a name no cursor declaration gave.
    static func cursorNotDeclared(_ name: String) -> SnowflakeError {
        compilationError("Cursor '\(name)' is not declared")
    }

    /// FETCH from a cursor before OPEN (or after CLOSE).
    static func cursorNotOpen(_ name: String) -> SnowflakeError {
        compilationError("Cursor '\(name)' is not open")
    }
}
