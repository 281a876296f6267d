// ServeCommand: `snowlite serve` runs the account's task scheduler (TaskScheduler) and the dashboard
// (DashboardService: the connector's Streamlit page on http://127.0.0.1:8080, for the processes of
// the user running serve only, or with its token: Dashboard/DashboardAccess.swift) until SIGTERM
// or SIGINT, printing one line per run. On the signal no new run starts; a run in progress has
// `--grace` seconds to finish, then it is cancelled at its next statement and recorded CANCELLED;
// if it still has not ended a few seconds later, its runs are marked CANCELLED through a
// connection of their own and the process exits; the dashboard stops with it.
//
// Each run executes in a worker process (TaskRunProcess.swift): a run that crashes is recorded
// FAILED with its signal, and the scheduler and the dashboard stay up. `--in-process` runs them on
// the scheduler's thread instead.
//
// `--time-scale N` runs the scheduler's clock N times faster than real time from the moment serve
// starts, and `--poll-interval` sets the real seconds between ticks, so a test sees two runs of a
// one-minute task in about two seconds instead of two minutes.

import ArgumentParser
import Engine
import Dashboard
import Foundation
import Snowlite

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the account's task scheduler and its dashboard until SIGTERM or SIGINT.")

    @OptionGroup var account: AccountOptions
    @Option(name: .customLong("poll-interval"), help: "Real seconds between two looks for due runs.")
    var pollInterval: Double = 1
    @Option(name: .customLong("grace"), help: "Seconds a run in progress may take to finish after SIGTERM before it is cancelled.")
    var grace: Double = 30
    @Option(name: .customLong("time-scale"), help: "Run the scheduler's clock this many times faster than real time (for tests).")
    var timeScale: Double = 1
    @Option(name: .customLong("dashboard-host"), help: "Address the dashboard listens on (loopback unless --allow-remote).")
    var dashboardHost = "127.0.0.1"
    @Option(name: .customLong("dashboard-port"), help: "Port of the dashboard; 0 picks a free one.")
    var dashboardPort = 8080
    @Flag(name: .customLong("allow-remote"), help: "Let the dashboard listen beyond loopback; every request then needs its token.")
    var allowRemote = false
    @Option(name: .customLong("token"), help: "The dashboard's access token where one is needed (default: a random one, printed).")
    var token: String?
    @Flag(name: .customLong("no-dashboard"), help: "Run the scheduler only.")
    var noDashboard = false
    @Flag(name: .customLong("in-process"), help: "Execute task runs on the scheduler's thread, not in a worker process each.")
    var inProcess = false

    /// Seconds after the grace period that a cancelled run has to end before the process leaves anyway.
    static let cancellationAllowance: Double = 5

    func validate() throws {
        guard pollInterval > 0 else { throw ValidationError("--poll-interval must be more than 0.") }
        guard grace >= 0 else { throw ValidationError("--grace must not be negative.") }
        guard timeScale > 0 else { throw ValidationError("--time-scale must be more than 0.") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let options: ConnectionOptions
        do {
            options = try account.connectionOptions(environment: environment)
            _ = try Snowlite.openAccount(options, environment: environment)
        } catch {
            CommandOutput.error("\(error)")
            throw ExitCode(1)
        }
        let baseClock = Snowlite.clock(environment: environment)
        let clockStart = baseClock()
        let clock = timeScale == 1 ? baseClock : TaskScheduler.scaledClock(timeScale, from: baseClock, start: clockStart)
        var configuration = TaskScheduler.Configuration()
        (configuration.pollInterval, configuration.grace) = (pollInterval, grace)
        let workers = inProcess ? nil : TaskRunProcess.executable.map { executable in
            TaskRunProcess(executable: executable, arguments: account.arguments
                + (timeScale == 1 ? [] : ["--time-scale", String(timeScale), "--clock-start", String(clockStart.timeIntervalSince1970)]))
        }
        let scheduler = TaskScheduler(configuration: configuration, executor: workers, clock: clock, log: CommandOutput.line) {
            try Snowlite.makeSession(store: try Snowlite.openAccount(options, environment: environment), options: options,
                                     clock: clock, environment: environment)
        }

        let dashboard: DashboardService?
        do {
            dashboard = noDashboard ? nil : try DashboardService.start(
                DashboardConfiguration(host: dashboardHost, port: dashboardPort, allowRemote: allowRemote, token: token)) {
                try Snowlite.connect(options, environment: environment)
            }
        } catch {
            CommandOutput.error("\(error)")
            throw ExitCode(1)
        }
        defer { dashboard?.stop() }

        let signals = DispatchQueue(label: "snowlite.serve.signals")
        let sources = [SIGTERM, SIGINT].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: signals)
            source.setEventHandler {
                scheduler.stop()
                signals.asyncAfter(deadline: .now() + grace + ServeCommand.cancellationAllowance) {
                    guard !scheduler.waitUntilFinished(timeout: 0) else { return }
                    // A run that ignores cancellation (stuck outside SQLite): record it and leave.
                    if let store = try? Snowlite.openAccount(options, environment: environment) {
                        try? Session.cancelTaskRuns(claimedBy: scheduler.claimer, in: store, at: clock())
                    }
                    workers?.killRunning()
                    CommandOutput.line("Scheduler stopped; runs still executing were cancelled.")
                    Foundation.exit(0)
                }
            }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        do {
            try scheduler.run()
        } catch {
            CommandOutput.error("\(error)")
            throw ExitCode(1)
        }
    }
}
