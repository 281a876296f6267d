// ScriptFailure: an error inside a running block, with what EXCEPTION handlers and the
// uncaught-error text need: its kind (STATEMENT_ERROR, EXPRESSION_ERROR or a declared exception),
// SQLCODE, SQLSTATE, SQLERRM, and where the failing statement starts.

import SnowSQL

struct ScriptFailure: Error {
    var kind: String
    var sqlCode: Int
    var sqlState: String
    var message: String
    var at: SourcePosition
    /// The engine error behind a STATEMENT_ERROR or EXPRESSION_ERROR.
    var inner: SnowflakeError?

    init(kind: String, sqlCode: Int, sqlState: String, message: String, at: SourcePosition, inner: SnowflakeError?) {
        self.kind = kind
        self.sqlCode = sqlCode
        self.sqlState = sqlState
        self.message = message
        self.at = at
        self.inner = inner
    }

    init(kind: String, error: SnowflakeError, at: SourcePosition) {
        self.init(kind: kind, sqlCode: Int(error.code) ?? 0, sqlState: error.sqlState, message: error.message, at: at, inner: error)
    }

    /// Whether a handler naming `exceptions` catches this failure (`OTHER` catches everything).
    func matches(_ exceptions: [String]) -> Bool {
        exceptions.contains { $0 == "OTHER" || $0 == kind }
    }

    /// The error a client sees when no handler caught it:
    /// `<code> (<state>): Uncaught exception of type 'K' on line L at position P : <message>`.
    var uncaught: SnowflakeError {
        let code = inner?.code ?? String(sqlCode)
        return SnowflakeError.uncaughtException(kind, code: code, sqlState: sqlState, message: message,
                                                line: at.line, position: at.position)
    }
}
