// TaskRunProcesses: the processes behind task runs. TaskRunClaimant is the process that claimed
// a task run, recorded on the run (issue 17, item 21), so that a run whose process died — `kill -9`, a crash, a machine that lost power — does not stay
// EXECUTING until its timeout, blocking its task (its scheduled runs SKIPPED, `tasks wait` waiting
// in vain). Whoever next looks for runs to claim, and `snowlite tasks wait`, ask the ProcessTable
// whether each EXECUTING run's claimant is still running, and record a run whose claimant ended
// as FAILED (Catalog+TaskRuns.swift).
//
// A pid alone does not name a process for long: pids are reused. So the claimant also records when
// its process started, as the kernel tells it on Linux — the boot id and the start time in clock
// ticks since boot (/proc/<pid>/stat, field 22) — and a live pid whose start differs is another
// process. A claimant on another host, or in another pid namespace (a container sharing the host
// name and the account file), cannot be checked from here; its runs are left to the timeout, as
// are runs recorded before claimants were (their pid is NULL).

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who claimed a run: a process on a host, and when that process started.
public struct TaskRunClaimant: Sendable, Equatable {
    public var pid: Int32
    public var host: String
    /// `PID_NAMESPACE/BOOT_ID/START_TICKS` on Linux; nil where the system does not say.
    public var start: String?

    public init(pid: Int32, host: String, start: String?) {
        self.pid = pid
        self.host = host
        self.start = start
    }

    /// `pid 1234 on host build-7`, as errors name it.
    public var description: String { "pid \(pid) on host \(host)" }
}

/// Whether processes are running: the system's, or a test's.
public protocol ProcessTable: Sendable {
    /// The calling process, as it records itself on the runs it claims.
    var current: TaskRunClaimant { get }
    /// Whether `claimant`'s process is still running; nil when this process cannot tell (another host).
    func isRunning(_ claimant: TaskRunClaimant) -> Bool?
}

/// The processes of this machine: kill(pid, 0), and /proc for start times and zombies.
public struct SystemProcessTable: ProcessTable {
    public init() {}

    public var current: TaskRunClaimant {
        let pid = getpid()
        return TaskRunClaimant(pid: pid, host: Self.hostName, start: Self.start(of: pid))
    }

    public func isRunning(_ claimant: TaskRunClaimant) -> Bool? {
        guard claimant.host == Self.hostName else { return nil }
        // Containers may share a host name and an account file, not their pids.
        if let recorded = claimant.start, let namespace = Self.pidNamespace, !recorded.hasPrefix(namespace + "/") { return nil }
        // 0 or EPERM: a process has the pid (EPERM: another user's). ESRCH: none has.
        if kill(claimant.pid, 0) != 0, errno == ESRCH { return false }
        guard let stat = Self.stat(of: claimant.pid) else { return true }
        // A zombie (killed, not yet reaped by its parent) runs nothing any more.
        if ["Z", "X", "x"].contains(stat.state) { return false }
        if let recorded = claimant.start, let now = Self.start(of: claimant.pid), recorded != now { return false }
        return true
    }

    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `PID_NAMESPACE/BOOT_ID/START_TICKS` of `pid` (in this process's pid namespace), nil without /proc.
    static func start(of pid: Int32) -> String? {
        guard let stat = stat(of: pid),
              let boot = try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8) else { return nil }
        return (pidNamespace ?? "") + "/" + boot.trimmingCharacters(in: .whitespacesAndNewlines) + "/" + stat.startTicks
    }

    /// This process's pid namespace (`pid:[4026531836]`): a pid names a process only inside it.
    static var pidNamespace: String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/pid")
    }

    /// The state letter and the start time of /proc/<pid>/stat. The command name (field 2) is in
    /// parentheses and may hold blanks and parentheses, so fields are counted after its last `)`.
    static func stat(of pid: Int32) -> (state: String, startTicks: String)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state); field 22 (starttime) is fields[19].
        guard fields.count > 19 else { return nil }
        return (String(fields[0]), String(fields[19]))
    }
}

// MARK: - Where a run executes
//
// TaskRunExecutor: where the body of a claimed run executes (issue 17, item 20). By default the
// claiming session executes it on its own thread, as a client's TaskRunWorker does. `snowlite
// serve` instead hands each run to a worker process of its own (SnowliteCommands' TaskRunProcess):
// whatever the body does — an error, or a trap that no `catch` can stop (a Swift runtime trap kills
// its process) — the scheduler and the dashboard in the serving process stay up. The worker claims
// the run as its own (its pid, a TaskRunClaimant), executes it and records its end exactly as
// the in-process path does; when it dies instead, the scheduler records the run FAILED, naming the
// signal or exit status (000603), and goes on with the next run.

/// How a worker that executed a claimed run ended.
public enum TaskRunWorkerEnd: Sendable, Equatable {
    /// It exited normally, having recorded the run's end itself (SUCCEEDED, FAILED with the
    /// body's error, CANCELLED…).
    case recorded(pid: Int32)
    /// A signal killed it (a Swift trap is SIGILL or SIGTRAP, a stack overflow SIGSEGV).
    case signal(pid: Int32, number: Int32)
    /// It exited with a non-zero status.
    case exited(pid: Int32, status: Int32)
    /// It could not be started: why.
    case notStarted(String)
}

/// Executes claimed runs elsewhere than on the claiming thread.
public protocol TaskRunExecutor: Sendable {
    /// Executes the run `runID` (EXECUTING, claimed by the caller, due at `now`) and returns once
    /// it is over. When `control` is cancelled the executor asks the run to stop.
    func execute(runID: Int64, now: Date, control: TaskRunControl?) -> TaskRunWorkerEnd
}

extension TaskRunWorkerEnd {
    /// The error the run is recorded FAILED with when the worker left it EXECUTING.
    var failure: SnowflakeError {
        switch self {
        case .recorded(let pid): return .taskRunWorkerExited(pid: pid, status: 0)
        case .signal(let pid, let number): return .taskRunWorkerKilled(pid: pid, signal: Self.signalName(number))
        case .exited(let pid, let status): return .taskRunWorkerExited(pid: pid, status: status)
        case .notStarted(let reason): return .taskRunWorkerNotStarted(reason)
        }
    }

    /// `4 (SIGILL)`, as the error says it.
    static func signalName(_ number: Int32) -> String {
        let names: [Int32: String] = [SIGILL: "SIGILL", SIGTRAP: "SIGTRAP", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE",
                                      SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV", SIGTERM: "SIGTERM"]
        return names[number].map { "\(number) (\($0))" } ?? "\(number)"
    }
}
