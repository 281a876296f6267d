// SnowflakeError+Procedures: the errors of calling a stored procedure. CALL with arguments that fit
// no signature; and the failures of a procedure written in another language, which Snowflake
// reports as the handler's interpreter does (100357, `Python Interpreter Error:`): no handler is
// registered, a secret alias the procedure is not bound to or of another type, or an exception the
// handler raised (the GitHub connector's, hence public).
// https://docs.snowflake.com/en/sql-reference/sql/call, …/developer-guide/external-network-access/secret-api-reference

extension SnowflakeError {
    // MARK: - Where a statement may run

    /// 090236: a statement the running code may not execute — PUT and GET anywhere but a client's
    /// own statement, USE and session changes in owner's-rights code (`type` is Snowflake's
    /// statement type: PUT_FILES, GET_FILES, USE, ALTER_SESSION).
    static func unsupportedStatementType(_ type: String) -> SnowflakeError {
        SnowflakeError(code: "090236", sqlState: "42601", message: "Stored procedure execution error: Unsupported statement type '\(type)'")
    }

    // MARK: - CALL

    /// 002141: CALL with a number of arguments no signature of the procedure takes.
    static func noProcedureWithArgumentCount(_ name: String, count: Int, signature: String) -> SnowflakeError {
        SnowflakeError(code: "002141", sqlState: "42601",
                       message: "\(compilation)\nNo procedure \(name) with \(count) argument\(count == 1 ? "" : "s") exists; its signature is \(signature).")
    }

    /// 100364: a CALL nested inside more procedures than Session.maximumCallDepth (a procedure
    /// that calls itself without end) [? wording and code: Snowflake documents that nested calls
    /// can exceed the maximum stack depth, not the limit's message].
    static func callDepthExceeded(_ name: String, limit: Int) -> SnowflakeError {
        SnowflakeError(code: "100364", sqlState: "54001",
                       message: "Stored procedure \(name) cannot be called: the maximum depth of nested procedure calls (\(limit)) is exceeded")
    }

    /// 100364: a CALL, EXECUTE IMMEDIATE or nested statement started when the statement running it
    /// has used more stack than Session.stackBudget: calls within deeply nested blocks, which the
    /// call count alone does not bound [? wording and code, as callDepthExceeded].
    static func nestingTooDeep(budget: Int) -> SnowflakeError {
        SnowflakeError(code: "100364", sqlState: "54001",
                       message: "Procedure calls, blocks and EXECUTE IMMEDIATE are nested too deeply: the statement has used more than \(budget / 1_048_576) MB of stack")
    }

    // MARK: - Handlers

    /// 100357: a handler's failure, as its interpreter words it (`text` starts with `<Language> Interpreter Error:`).
    static func interpreterError(_ text: String) -> SnowflakeError {
        SnowflakeError(code: "100357", sqlState: "P0000", message: text)
    }

    /// 100357: a procedure whose handler no Swift implementation is registered for.
    static func handlerNotRegistered(_ handler: String, procedure: String, language: String) -> SnowflakeError {
        interpreterError("\(language.capitalized) Interpreter Error:\nNo implementation is registered for handler '\(handler)' of procedure \(procedure); Snowlite runs \(language) procedures through handlers registered in Swift.")
    }

    /// 100357: an exception a Python handler raised and did not catch, naming the function and
    /// its handler (`module.function`).
    public static func pythonException(_ message: String, function: String, handler: String) -> SnowflakeError {
        interpreterError("Python Interpreter Error:\nException: \(message)\n in function \(function) with handler \(handler)")
    }

    // MARK: - Secrets

    /// 100357: `_snowflake.get_…(alias)` for an alias the procedure's SECRETS do not bind.
    static func secretAliasNotBound(_ alias: String, procedure: String) -> SnowflakeError {
        interpreterError("Secret alias '\(alias)' is not bound to procedure "
                         + "\(procedure); bind it with ALTER PROCEDURE … SET SECRETS = ('\(alias)' = <secret>).")
    }

    /// 100357: a secret read as another type than its own (`expected`: GENERIC_STRING, PASSWORD).
    static func secretAliasWrongType(_ alias: String, procedure: String, expected: String) -> SnowflakeError {
        interpreterError("Secret alias '\(alias)' of procedure \(procedure) is not a \(expected) secret.")
    }
}
