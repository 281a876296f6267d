// SnowflakeError+Python: the failures of running a Python procedure's own code (PythonProcedures.swift,
// Sources/PythonProcedures). An exception the handler does not catch is Snowflake's 100357 with the
// traceback and the function and handler it came from; the rest are Snowlite's own conditions
// (no interpreter, a worker that died or ran out of time), worded in the same shape.
// https://docs.snowflake.com/en/developer-guide/stored-procedure/python/procedure-python-overview

extension SnowflakeError {
    /// 100357: an uncaught exception, its traceback as Python printed it (from the handler's frames).
    public static func pythonTraceback(_ traceback: String, function: String, handler: String) -> SnowflakeError {
        let text = traceback.hasSuffix("\n") ? traceback : traceback + "\n"
        return interpreterError("Python Interpreter Error:\n\(text) in function \(function) with handler \(handler)")
    }

    /// 100357: the worker ended without an answer (killed, crashed, or its output was not the channel's).
    public static func pythonWorkerFailed(_ reason: String, function: String, handler: String) -> SnowflakeError {
        interpreterError("Python Interpreter Error:\nThe Python worker failed: \(reason)\n in function \(function) with handler \(handler)")
    }

    /// 100357: a Python procedure to run, and no Python to run it with.
    public static func pythonRuntimeMissing(_ procedure: String, reason: String) -> SnowflakeError {
        interpreterError(
            """
            Python Interpreter Error:
            Procedure \(procedure) runs Python code, and Snowlite has no Python to run it: \(reason). Run \
            `snowlite python install` (a virtual environment with Snowpark under $SNOWLITE_HOME/python), or set \
            SNOWLITE_PYTHON to a Python 3.9 or later with snowflake-snowpark-python and the procedure's PACKAGES \
            installed; or ALTER ACCOUNT SET SNOWLITE_PROCEDURE_RUNTIME = SWIFT to run Swift handlers only.
            """)
    }

    /// 100357: an IMPORTS file that is no longer where CREATE PROCEDURE found it.
    static func importNotFound(_ written: String, procedure: String) -> SnowflakeError {
        interpreterError("Python Interpreter Error:\nCannot import '\(written)' of procedure \(procedure): the file does not exist.")
    }
}

extension SnowflakeError {
    /// ALTER SESSION SET of a parameter that only the account takes [? wording: Snowlite's own parameter].
    static func accountOnlyParameter(_ name: String) -> SnowflakeError {
        compilationError("Parameter '\(name)' can only be set for the account: use ALTER ACCOUNT SET \(name) = …")
    }
}
