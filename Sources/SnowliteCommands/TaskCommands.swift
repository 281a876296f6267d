// TaskCommands: `snowlite tasks run-due` runs every due task run once and exits; `snowlite tasks
// wait` waits until the queued and executing runs (of one task, or of all) have finished. Both work
// on the account AccountOptions names, without a scheduler (spec §8).

import ArgumentParser
import Engine
import Foundation

/// `snowlite tasks run-due | wait`.
struct TasksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks",
        abstract: "Run or wait for task runs without a scheduler.",
        subcommands: [RunDueCommand.self, WaitCommand.self, RunClaimedCommand.self])
}

/// `snowlite tasks run-due`: every due run once — scheduled, queued by EXECUTE TASK, graph
/// children — then exit. Prints one line per run; exits 1 when the account cannot be opened.
struct RunDueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-due", abstract: "Run every due task run once and exit.")

    @OptionGroup var account: AccountOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        do {
            let session = try account.session(environment: environment)
            let runs = try session.runDueTasks(now: session.clock())
            for run in runs { CommandOutput.line(TaskScheduler.line(run)) }
            CommandOutput.line("\(runs.count) task run(s).")
        } catch {
            CommandOutput.error("\(error)")
            throw ExitCode(1)
        }
    }
}

/// `snowlite tasks wait [NAME] [--timeout S]`: waits until no run (of NAME) is queued or executing.
/// Exits 0 then, 1 after the timeout or when NAME names no task.
struct WaitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait", abstract: "Wait until queued and executing task runs have finished.")

    @OptionGroup var account: AccountOptions
    @Option(name: [.customShort("d"), .customLong("dbname")], help: "Database that an unqualified task name is in.")
    var databaseName: String?
    @Option(name: [.customShort("s"), .customLong("schemaname")], help: "Schema that an unqualified task name is in.")
    var schemaName: String?
    @Option(name: .customLong("timeout"), help: "Seconds to wait at most.")
    var timeout: Double = 60
    @Option(name: .customLong("poll-interval"), help: "Seconds between two looks at the runs.")
    var pollInterval: Double = 0.1
    @Argument(help: "The task (db.schema.name, or with -d and -s); every task when omitted.")
    var name: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        do {
            let session = try account.session(environment: environment, database: databaseName, schema: schemaName)
            let task = try name.map(session.visibleTaskName)
            let deadline = Date().addingTimeInterval(timeout)
            while try session.hasPendingTaskRuns(task: task) {
                guard Date() < deadline else {
                    CommandOutput.error("Timed out after \(String(format: "%g", timeout)) s waiting for the runs of \(task ?? "every task").")
                    throw ExitCode(1)
                }
                Thread.sleep(forTimeInterval: pollInterval)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            CommandOutput.error("\(error)")
            throw ExitCode(1)
        }
    }
}
