// SnowflakeError+Tasks: the errors of running a task, and the statement timeout. A task's owner
// role must hold EXECUTE TASK on the account to resume or run it (091089); a run stops when it goes
// past USER_TASK_TIMEOUT_MS (000630, the statement timeout's words, which a statement also gets when
// it waits too long for the account's write lock) or when its scheduler stops (000604). What a run
// fails with is also what TASK_HISTORY shows as its ERROR_CODE and ERROR_MESSAGE, so any other
// failure is still given a code here (100000).
// https://docs.snowflake.com/en/user-guide/tasks-intro, …/sql-reference/functions/task_history

import Foundation

extension SnowflakeError {
    // MARK: - Privileges

    /// 091089: the task's owner role lacks EXECUTE TASK on the account (the blank before the comma is Snowflake's).
    static let taskOwnerCannotExecute = SnowflakeError(
        code: "091089", sqlState: "23001", message: "Cannot execute task , EXECUTE TASK privilege must be granted to owner role")

    // MARK: - Timeouts and cancellation

    /// 000630: a statement that ran past its timeout; `seconds` as Snowflake prints them (`3,600`).
    static func statementTimedOut(seconds: String) -> SnowflakeError {
        SnowflakeError(code: "000630", sqlState: "57014",
                       message: "Statement reached its statement or warehouse timeout of \(seconds) second(s) and was canceled.")
    }

    /// 000630: a run went past USER_TASK_TIMEOUT_MS. The limit is shown in whole seconds, grouped
    /// as numbers are (`3,600`).
    static func taskTimedOut(milliseconds: Int) -> SnowflakeError {
        let seconds = NumberFormatter.localizedString(from: NSNumber(value: milliseconds / 1000), number: .decimal)
        return SnowflakeError.statementTimedOut(seconds: seconds)
    }

    /// 000604: the run was stopped by its scheduler. The run is recorded as CANCELLED rather than
    /// FAILED, and so, with this code and message, are the runs a stopped scheduler left executing.
    static let executionCanceled = SnowflakeError(code: "000604", sqlState: "57014", message: "SQL execution canceled")

    /// 000603: the process that claimed a run ended (killed, crashed) before the run did; the run
    /// is recorded FAILED with it (TaskRunProcesses.swift). `process` is `pid N on host H`.
    static func taskRunClaimantEnded(_ process: String) -> SnowflakeError {
        SnowflakeError(code: "000603", sqlState: "XX000",
                       message: "SQL execution internal error: the process running this task run (\(process)) ended before the run did.")
    }

    /// 000603: the worker process executing a run (`snowlite serve`, TaskRunProcesses.swift) was
    /// killed before it recorded the run's end; `signal` as `4 (SIGILL)`.
    static func taskRunWorkerKilled(pid: Int32, signal: String) -> SnowflakeError {
        SnowflakeError(code: "000603", sqlState: "XX000", message: "SQL execution internal error: the worker process running "
                       + "this task run (pid \(pid)) was killed by signal \(signal).")
    }

    /// 000603: the worker process exited with `status` before it recorded the run's end.
    static func taskRunWorkerExited(pid: Int32, status: Int32) -> SnowflakeError {
        SnowflakeError(code: "000603", sqlState: "XX000", message: "SQL execution internal error: the worker process running "
                       + "this task run (pid \(pid)) exited with status \(status) before the run ended.")
    }

    /// 000603: no worker process could be started for the run.
    static func taskRunWorkerNotStarted(_ reason: String) -> SnowflakeError {
        SnowflakeError(code: "000603", sqlState: "XX000",
                       message: "SQL execution internal error: no worker process could be started for this task run: \(reason)")
    }

    /// 000603: a worker was asked to execute a run that is not EXECUTING (any more).
    static func taskRunNotExecuting(_ runID: Int64) -> SnowflakeError {
        SnowflakeError(code: "000603", sqlState: "XX000", message: "SQL execution internal error: task run \(runID) is not executing.")
    }

    /// 100000: a run that failed with an error that is not a SnowflakeError, described as Swift
    /// describes it, so that TASK_HISTORY still has a code and a message to show.
    static func taskRunFailed(_ error: any Error) -> SnowflakeError {
        SnowflakeError(code: "100000", sqlState: "P0000", message: "\(error)")
    }
}
