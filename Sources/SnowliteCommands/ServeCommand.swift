// ServeCommand: `snowlite serve` runs the account's task scheduler (TaskScheduler) and, on one port
// (http://127.0.0.1:8080 by default), Snowflake's driver protocol (DriverProtocol: the Python
// connector, Snowpark, the snow CLI and SQLAlchemy log in to any account under $SNOWLITE_HOME) and
// the dashboard (the connector's Streamlit page for serve's own account) — for the processes of
// the user running serve only, or with its token (Dashboard/DashboardAccess.swift) — until SIGTERM
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
import DriverProtocol
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
    @Option(name: [.customLong("host"), .customLong("dashboard-host")],
            help: "Address the server listens on (loopback unless --allow-remote).")
    var dashboardHost = "127.0.0.1"
    @Option(name: [.customLong("port"), .customLong("dashboard-port")],
            help: "Port of the driver protocol and the dashboard; 0 picks a free one.")
    var dashboardPort = 8080
    @Flag(name: .customLong("allow-remote"),
          help: "Listen beyond loopback; dashboard requests then need its token, driver requests a password login.")
    var allowRemote = false
    @Option(name: .customLong("token"), help: "The dashboard's access token where one is needed (default: a random one, printed).")
    var token: String?
    @Option(name: .customLong("session-validity"), help: "Seconds a driver session token stays valid before the client renews it.")
    var sessionValidity: Double = 3600
    @Flag(name: .customLong("no-dashboard"), help: "Run the scheduler only: no driver protocol, no dashboard.")
    var noDashboard = false
    @Flag(name: .customLong("in-process"), help: "Execute task runs on the scheduler's thread, not in a worker process each.")
    var inProcess = false

    /// Seconds after the grace period that a cancelled run has to end before the process leaves anyway.
    static let cancellationAllowance: Double = 5

    func validate() throws {
        guard pollInterval > 0 else { throw ValidationError("--poll-interval must be more than 0.") }
        guard grace >= 0 else { throw ValidationError("--grace must not be negative.") }
        guard timeScale > 0 else { throw ValidationError("--time-scale must be more than 0.") }
        guard sessionValidity > 0 else { throw ValidationError("--session-validity must be more than 0.") }
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
            let driver = DriverServer(openSession: DriverLogins.opener(environment: environment), sessionValidity: sessionValidity,
                                      clock: baseClock)
            dashboard = noDashboard ? nil : try DashboardService.start(
                DashboardConfiguration(host: dashboardHost, port: dashboardPort, allowRemote: allowRemote, token: token,
                                       otherCredential: { request in driver.presentsCredential(request) }),
                driver: driver) {
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
