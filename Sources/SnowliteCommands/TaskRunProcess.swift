// TaskRunProcess: `snowlite serve` executes each task run in a worker process of its own (issue 17,
// item 20; Engine/Tasks/TaskRunProcesses.swift says why). The worker is this same program,
// `snowlite tasks run-claimed RUN_ID` with serve's account options, the tick's time and serve's
// clock: it takes the run over (its claimant becomes the worker's pid), executes the body and
// records how it ended, exactly as serve would have. A worker that dies — a trap, a signal — takes
// only itself down; the scheduler records the run FAILED with the signal and goes on, and the
// dashboard never notices.
//
// Stopping: once the scheduler cancels its run (after serve's --grace), the worker gets SIGTERM
// and cancels the run at its next statement, as an in-process run would; the worker ignores
// SIGINT, so a Ctrl-C at serve's terminal leaves the grace period to serve. A worker still running
// when serve leaves for good is killed (`killRunning`); and one whose serve died (`kill -9`) ends
// within a tenth of a second too — it watches for being handed to another parent — so that its run
// is freed by the next scheduler (TaskRunProcesses.swift) rather than finishing behind nobody's back.

import ArgumentParser
import Engine
import Foundation
import Snowlite
import Synchronization

/// Runs each claimed run in a `snowlite tasks run-claimed` child process.
final class TaskRunProcess: TaskRunExecutor {
    let executable: URL
    /// Serve's account options, and its clock's, forwarded to every worker.
    let arguments: [String]
    private let running = Mutex<Int32?>(nil)

    init(executable: URL, arguments: [String]) {
        self.executable = executable
        self.arguments = arguments
    }

    func execute(runID: Int64, now: Date, control: TaskRunControl?) -> TaskRunWorkerEnd {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["tasks", "run-claimed", String(runID), "--now", String(now.timeIntervalSince1970), "--end-with-parent"]
            + arguments
        process.standardInput = FileHandle.nullDevice
        // A crash is reported by serve (the run's error names the signal), at once: the runtime's
        // backtracer would take seconds to symbolicate before the worker died.
        var environment = ProcessInfo.processInfo.environment
        if environment["SWIFT_BACKTRACE"] == nil { environment["SWIFT_BACKTRACE"] = "enable=no" }
        process.environment = environment
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do { try process.run() } catch { return .notStarted("\(error)") }
        let pid = process.processIdentifier
        running.withLock { $0 = pid }
        defer { running.withLock { $0 = nil } }
        var asked = false
        while exited.wait(timeout: .now() + 0.05) == .timedOut {
            if !asked, control?.isCancelled == true {
                kill(pid, SIGTERM)
                asked = true
            }
        }
        process.waitUntilExit()
        switch process.terminationReason {
        case .uncaughtSignal: return .signal(pid: pid, number: process.terminationStatus)
        case .exit: return process.terminationStatus == 0 ? .recorded(pid: pid) : .exited(pid: pid, status: process.terminationStatus)
        @unknown default: return .exited(pid: pid, status: process.terminationStatus)
        }
    }

    /// Kills the worker executing now, if any (serve leaving before its run ended).
    func killRunning() {
        if let pid = running.withLock({ $0 }) { kill(pid, SIGKILL) }
    }

    /// This program, as the kernel knows it.
    static var executable: URL? {
        Bundle.main.executableURL ?? CommandLine.arguments.first.map { URL(fileURLWithPath: $0) }
    }
}

/// `snowlite tasks run-claimed RUN_ID`: a worker of `snowlite serve` (not for people): executes
/// the run serve claimed and records its end; exits 0 then, 1 when the run could not be executed.
struct RunClaimedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-claimed", abstract: "Execute a task run that snowlite serve claimed (serve's worker).",
        shouldDisplay: false)

    @OptionGroup var account: AccountOptions
    @Argument(help: "The run's RUN_ID.")
    var runID: Int64
    @Option(help: "The scheduler's time for the run, in seconds since 1970.")
    var now: Double
    @Option(name: .customLong("time-scale"), help: "Serve's clock speed.")
    var timeScale: Double = 1
    @Option(name: .customLong("clock-start"), help: "When serve's sped-up clock started, in seconds since 1970.")
    var clockStart: Double?
    @Flag(name: .customLong("end-with-parent"), help: "End at once when the parent (serve) has died.")
    var endWithParent = false

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let base = Snowlite.clock(environment: environment)
        let clock = timeScale == 1 ? base
            : TaskScheduler.scaledClock(timeScale, from: base, start: clockStart.map { Date(timeIntervalSince1970: $0) })
        let control = TaskRunControl()
        if endWithParent {
            // An orphan is handed to another parent: then serve is gone, and so is this run's reason
            // to go on. (Linux's PR_SET_PDEATHSIG would do it, but prctl is variadic: not callable here.)
            let serve = getppid()
            let watcher = Thread {
                while getppid() == serve { usleep(100_000) }
                _exit(70)
            }
            watcher.name = "snowlite-worker-parent"
            watcher.start()
        }
        do {
            let session = try account.session(environment: environment, clock: clock)
            session.taskRunControl = control
            // Serve, not the terminal, decides when its run stops: SIGINT is serve's to handle.
            signal(SIGINT, SIG_IGN)
            signal(SIGTERM, SIG_IGN)
            let store = session.store
            let terminate = DispatchSource.makeSignalSource(signal: SIGTERM, queue: DispatchQueue(label: "snowlite.worker.signals"))
            terminate.setEventHandler {
                control.cancel()
                store.queue.interrupt()
            }
            terminate.resume()
            defer { terminate.cancel() }
            _ = try session.executeClaimedTaskRun(runID, now: Date(timeIntervalSince1970: now))
        } catch {
            CommandOutput.error("\(error)")
            throw ExitCode(1)
        }
    }
}
