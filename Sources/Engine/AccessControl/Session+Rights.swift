// Session+Rights: whose rights the running code has, and what it may therefore do to the
// session. An owner's-rights procedure (an application's above all) and a setup script run as
// their owner, not as the session's user: they may not change the caller's role or context (USE),
// its parameters (ALTER SESSION) or its user (ALTER USER), and they may not read the results the
// user's own statements left (RESULT_SCAN). PUT and GET move files on the client's machine, so
// only a client's own statement may run them: never a procedure, a block, EXECUTE IMMEDIATE, a
// task or a setup script.
// https://docs.snowflake.com/en/developer-guide/stored-procedure/stored-procedures-rights

import SnowSQL

extension Session {
    /// The principal the running code acts for: 0 for the session's user (its own statements and
    /// caller's-rights code they call); otherwise the innermost owner's-rights procedure call, or
    /// -1 for a setup script.
    var rightsFrame: Int {
        if let frame = executables.last(where: { $0.ownersRightsFrame != nil })?.ownersRightsFrame { return frame }
        return runningApplication == nil ? 0 : -1
    }

    /// Whether the running code has its owner's rights rather than the session user's.
    var runsWithOwnersRights: Bool { rightsFrame != 0 }

    /// Whether the running statement is one a client sent itself (not one a procedure, a block,
    /// EXECUTE IMMEDIATE, a task or a setup script runs).
    var runsClientStatement: Bool {
        statementDepth <= 1 && executables.isEmpty && runningApplication == nil && taskRun == nil
    }

    /// A new owner's-rights call's number.
    func nextOwnersRightsFrame() -> Int {
        ownersRightsCalls += 1
        return ownersRightsCalls
    }

    /// Refuses a statement the running code may not execute here (090236).
    func checkAllowedHere(_ statement: Statement) throws {
        switch statement {
        case .put where !runsClientStatement: throw SnowflakeError.unsupportedStatementType("PUT_FILES")
        case .get where !runsClientStatement: throw SnowflakeError.unsupportedStatementType("GET_FILES")
        case .use where runsWithOwnersRights: throw SnowflakeError.unsupportedStatementType("USE")
        case .alterParameters(let alter) where alter.target == .session && runsWithOwnersRights:
            throw SnowflakeError.unsupportedStatementType("ALTER_SESSION")
        default: return
        }
    }
}
