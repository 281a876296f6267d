// FuzzCampaign: runs many inputs and survives the ones that kill the process. The campaign
// (parent) starts a worker — this same program with `--worker` — on a range of input numbers; the
// worker writes each input to `<out>/current.sql` before running it, and a watchdog ends it with
// status 75 when one input runs longer than the hang limit. When a worker dies, the parent keeps
// the input it died on as `<out>/crash-<seed>-<index>.sql` (or `hang-…`) and starts a new worker
// after it. Inputs depend only on (seed, index), so every finding replays with `--replay FILE`.

import Foundation
import Synchronization

public struct FuzzReport: Sendable, Equatable {
    public var inputs: UInt64 = 0
    public var statements = 0
    public var errors = 0
    public var crashes: [String] = []
    public var hangs: [String] = []

    public init() {}

    public func summary(seed: UInt64, seconds: Double) -> String {
        "snowlite-fuzz: seed \(seed), \(inputs) inputs tried in \(String(format: "%.1f", seconds)) s "
            + "(\(statements) statements, \(errors) Snowflake errors), \(crashes.count) crashes, \(hangs.count) hangs"
    }
}

public enum FuzzCampaign {
    /// The status a worker ends with when its watchdog finds an input running too long.
    static let hangStatus: Int32 = 75

    // MARK: - Worker

    /// Runs inputs `from..<to` (stopping at `until`) in this process and prints its counts.
    public static func work(mutator: FuzzMutator, from: UInt64, to: UInt64, until: Date, out: URL, hangSeconds: Double) throws {
        let current = out.appendingPathComponent("current.sql")
        let watchdog = Watchdog(limit: hangSeconds)
        watchdog.start()
        let target = try FuzzTarget()
        var report = FuzzReport()
        var index = from
        while index < to, Date() < until {
            let input = mutator.input(index)
            // The header carries this worker's counts so far: the campaign reads them if it dies.
            let header = "-- snowlite-fuzz seed \(mutator.seed) index \(index) statements \(report.statements) errors \(report.errors)\n"
            try Data((header + input).utf8).write(to: current)
            watchdog.begin()
            let outcome = try target.run(input)
            watchdog.end()
            report.inputs += 1
            report.statements += outcome.statements
            report.errors += outcome.errors
            index += 1
        }
        print("worker \(report.inputs) \(report.statements) \(report.errors)")
    }

    /// Ends the process when one input has run for longer than `limit` seconds.
    final class Watchdog: Sendable {
        private let startedAt = Mutex<Date?>(nil)
        private let limit: Double

        init(limit: Double) { self.limit = limit }

        func begin() { startedAt.withLock { $0 = Date() } }
        func end() { startedAt.withLock { $0 = nil } }

        func start() {
            let thread = Thread { [self] in
                while true {
                    Thread.sleep(forTimeInterval: 0.25)
                    if let started = startedAt.withLock({ $0 }), Date().timeIntervalSince(started) > limit {
                        FileHandle.standardError.write(Data("snowlite-fuzz: an input ran longer than \(limit) s\n".utf8))
                        exit(FuzzCampaign.hangStatus)
                    }
                }
            }
            thread.start()
        }
    }

    // MARK: - Campaign

    /// Runs inputs `0..<inputs` (or until `until`) through workers started from `executable`,
    /// keeping every input that killed or hung one in `out`.
    public static func run(executable: URL, workerArguments: [String], seed: UInt64, inputs: UInt64, until: Date,
                           out: URL, log: (String) -> Void) throws -> FuzzReport {
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        var report = FuzzReport()
        var next: UInt64 = 0
        while next < inputs, Date() < until {
            let current = out.appendingPathComponent("current.sql")
            try? FileManager.default.removeItem(at: current)
            let process = Process()
            process.executableURL = executable
            process.arguments = workerArguments + ["--worker", "--from", String(next), "--inputs", String(inputs),
                                                   "--until", String(until.timeIntervalSince1970), "--out", out.path]
            let output = Pipe()
            process.standardOutput = output
            // A dead worker's input is the finding; replaying it (--replay) shows the backtrace.
            process.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
            try process.run()
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            if process.terminationReason == .exit, process.terminationStatus == 0 {
                let counts = printed.split(separator: "\n").last { $0.hasPrefix("worker ") }?.split(separator: " ").dropFirst()
                    .compactMap { Int($0) } ?? []
                if counts.count == 3 { (report.statements, report.errors) = (report.statements + counts[1], report.errors + counts[2]) }
                report.inputs += UInt64(counts.first ?? 0)
                break
            }
            // The worker died on the input in current.sql: keep it and go on after it.
            guard let text = try? String(contentsOf: current, encoding: .utf8),
                  let header = text.split(separator: "\n").first?.split(separator: " "), header.count == 10,
                  let index = UInt64(header[5]), let statements = Int(header[7]), let errors = Int(header[9]) else {
                throw FuzzError("a worker ended (status \(process.terminationStatus)) before running any input")
            }
            (report.statements, report.errors) = (report.statements + statements, report.errors + errors)
            let hung = process.terminationReason == .exit && process.terminationStatus == hangStatus
            let name = "\(hung ? "hang" : "crash")-\(seed)-\(index).sql"
            try Data(text.utf8).write(to: out.appendingPathComponent(name))
            if hung { report.hangs.append(name) } else { report.crashes.append(name) }
            let how = process.terminationReason == .uncaughtSignal ? "signal \(process.terminationStatus)" : "status \(process.terminationStatus)"
            log("snowlite-fuzz: input \(index) \(hung ? "hung" : "killed the worker (\(how))"); kept as \(out.appendingPathComponent(name).path)")
            report.inputs += index - next + 1
            next = index + 1
        }
        return report
    }
}
