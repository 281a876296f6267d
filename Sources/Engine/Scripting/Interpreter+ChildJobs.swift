// Interpreter+ChildJobs: ASYNC, AWAIT and CANCEL. Snowlite runs an asynchronous child job at once, to
// completion, on the block's own session — one order in which Snowflake may run it — and keeps its
// outcome until AWAIT: the RESULTSET is readable only after AWAIT, and a job's failure is raised by
// the AWAIT (or AWAIT ALL) that waits for it, as Snowflake raises it, so a block's exception handlers
// see it where Snowflake's would. CANCEL of a finished job has no effect, as documented; a job never
// awaited is dropped with the block.
// https://docs.snowflake.com/en/developer-guide/snowflake-scripting/asynchronous-child-jobs

import SnowSQL

/// An asynchronous child job that has run and waits for its AWAIT.
struct ChildJob {
    var resultSet: String?
    var outcome: Result<ResultSet, ScriptFailure>
}

extension Frame {
    /// `[LET] rs := ASYNC (statement)` or `ASYNC (statement);`.
    func startChildJob(_ statement: Statement, resultSet: String?, declares: Bool, at position: SourcePosition) throws {
        if let resultSet {
            if declares { resultSetNames.insert(resultSet) }
            guard resultSetNames.contains(resultSet) else { throw SnowflakeError.notAResultSet(resultSet) }
            resultSets[resultSet] = nil
            childJobs.removeAll { $0.resultSet == resultSet }
        }
        let outcome: Result<ResultSet, ScriptFailure>
        do {
            outcome = .success(try runSQL(statement, text: SQLPrinter.print(statement), at: position))
        } catch let failure as ScriptFailure {
            outcome = .failure(failure)
        }
        childJobs.append(ChildJob(resultSet: resultSet, outcome: outcome))
    }

    /// `AWAIT rs` (that RESULTSET's job) or `AWAIT ALL` (every job started before it): the first
    /// failed job's error is raised; a RESULTSET's rows become readable.
    func awaitChildJobs(_ resultSet: String?, at position: SourcePosition) throws {
        if let resultSet, !childJobs.contains(where: { $0.resultSet == resultSet }) {
            guard resultSetNames.contains(resultSet) else { throw SnowflakeError.notAResultSet(resultSet) }
            return  // awaited already, or never started asynchronously
        }
        let awaited = childJobs.filter { resultSet == nil || $0.resultSet == resultSet }
        childJobs.removeAll { resultSet == nil || $0.resultSet == resultSet }
        var firstFailure: ScriptFailure?
        for job in awaited {
            switch job.outcome {
            case .success(let result): if let name = job.resultSet { resultSets[name] = result }
            case .failure(let failure): firstFailure = firstFailure ?? failure
            }
        }
        if let firstFailure { throw firstFailure }
    }
}
