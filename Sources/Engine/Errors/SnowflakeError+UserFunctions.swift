// SnowflakeError+UserFunctions: the errors of creating and calling user-defined functions — a
// name a built-in function already has, a body that is not one expression or query, a UDTF whose
// query does not give its declared columns, a call no signature fits (or several fit equally), a
// function that calls itself, and what SQL functions cannot have (secrets, integrations, a handler).
// Where Snowflake's exact wording is not documented the message says so with `[?]` in its comment.
// https://docs.snowflake.com/en/developer-guide/udf/sql/udf-sql-introduction

extension SnowflakeError {
    /// 002002: CREATE FUNCTION with the name of a system-defined function, which Snowflake does not
    /// allow (https://docs.snowflake.com/en/developer-guide/udf-stored-procedure-naming-conventions)
    /// [? wording chosen].
    static func builtInFunctionName(_ name: String) -> SnowflakeError {
        SnowflakeError(
            code: "002002", sqlState: "42710",
            message: "\(compilation)\nFunction '\(name)' cannot be created: a system-defined function has that name.")
    }

    /// 002140 for a user function that is missing or that the role cannot see: `Unknown function NAME`.
    static func unknownUserFunction(_ written: String) -> SnowflakeError { unknownFunction(written) }

    /// 001044: a call whose argument types no signature of the function takes.
    static func noFunctionSignature(_ name: String, _ types: [String]) -> SnowflakeError {
        invalidArgumentTypes(function: name, types)
    }

    /// 001045: a call that two signatures fit equally well [? wording chosen].
    static func ambiguousFunctionCall(_ name: String, _ types: [String]) -> SnowflakeError {
        SnowflakeError(
            code: "001045", sqlState: "42P13",
            message: "\(compilation)\nAmbiguous call to function '\(name)' with argument types (\(types.joined(separator: ", "))).")
    }

    /// 002074: a SQL function that calls itself, directly or through other functions, which
    /// Snowflake's SQL UDFs cannot do [? wording chosen].
    static func recursiveFunction(_ chain: [String]) -> SnowflakeError {
        SnowflakeError(
            code: "002074", sqlState: "42P13",
            message: "\(compilation)\nRecursive call to SQL function '\(chain.last ?? "")' is not supported: \(chain.joined(separator: " -> ")).")
    }

    /// 002262: a SQL function body that is neither one expression nor one query [? wording chosen].
    static func invalidFunctionBody(_ name: String, _ reason: String) -> SnowflakeError {
        SnowflakeError(code: "002262", sqlState: "42601", message: "\(compilation)\nInvalid body for SQL function \(name): \(reason)")
    }

    /// 002080: a UDTF whose query gives a number of columns other than RETURNS TABLE declares
    /// [? wording chosen].
    static func tableFunctionColumnCount(_ name: String, declared: Int, got: Int) -> SnowflakeError {
        SnowflakeError(
            code: "002080", sqlState: "42601",
            message: "\(compilation)\nTable function \(name) declares \(declared) column\(declared == 1 ? "" : "s") but its query returns \(got).")
    }

    /// 002141: a name in FROM (`TABLE(f(…))`) that no user table function has: a scalar function,
    /// or nothing the role can see.
    static func unknownTableFunction(_ name: String) -> SnowflakeError {
        SnowflakeError(code: "002141", sqlState: "42601", message: "\(compilation)\nUnknown user-defined table function \(name)")
    }

    /// 002140: a table function (RETURNS TABLE) called where a value is expected [? wording chosen].
    static func tableFunctionAsScalar(_ name: String) -> SnowflakeError {
        SnowflakeError(
            code: "002140", sqlState: "42601",
            message: "\(compilation)\nTable function \(name) must be called in a FROM clause: TABLE(\(name)(…))")
    }

    /// 002061: what LANGUAGE SQL functions cannot have: SECRETS, EXTERNAL_ACCESS_INTEGRATIONS, a
    /// HANDLER (they are for Python, Java and Scala handlers) [? wording chosen].
    static func notForSQLFunctions(_ what: String) -> SnowflakeError {
        SnowflakeError(code: "002061", sqlState: "0A000", message: "\(compilation)\n\(what) is not supported for a LANGUAGE SQL function.")
    }
}
