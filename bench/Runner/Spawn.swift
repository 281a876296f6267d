// Child processes, measured exactly: posix_spawn starts each one with its standard streams on files
// (or /dev/null) and an environment of our choosing, and wait4 reaps it with the kernel's own
// accounting of it — user and system CPU and ru_maxrss, its peak resident set — while
// CLOCK_MONOTONIC around spawn and reap gives its wall time. Nothing here starts a shell or a pipe.
//
// A measured child is started through snowlite-bench-spawn (bench/Spawn/main.c), a static C
// program built next to this one, which does the posix_spawn and the wait4 and writes the figures
// to a report file on its descriptor 3. Linux charges a child's ru_maxrss with the peak of the
// address space it had when it called execve, and a posix_spawn child has its parent's: straight
// from this Swift process (20–30 MB) every child would weigh at least that, sqlite3 (4 MB)
// included. The helper weighs 1.4 MB. Servers (the fixture, `snowlite serve`) start directly.
//
// A watchdog kills a child that outlives its timeout (a hung benchmark fails, it does not hang
// `make bench` or the test suite). To never signal a recycled pid, the waiter first waits without
// reaping (waitid … WNOWAIT), marks the child finished under the watchdog's lock, and only then
// reaps it with wait4.

import Dispatch
import Foundation
import Glibc

/// A program to run: absolute path, arguments, the whole environment, and where its streams go.
struct Command {
    var executable: String
    var arguments: [String] = []
    var environment: [String: String] = [:]
    /// Files for standard input, output and error; nil is /dev/null.
    var stdin: String?
    var stdout: String?
    var stderr: String?
    /// Seconds before the watchdog sends SIGKILL.
    var timeout: Double = 600
    /// Through snowlite-bench-spawn (exact figures); false starts the program directly (servers).
    var measured = true

    var description: String { ([executable] + arguments).joined(separator: " ") }
}

/// What the kernel accounted for one child.
struct Usage: Sendable {
    /// Seconds from just before posix_spawn to the moment the child exited.
    var wall: Double
    var user: Double
    var system: Double
    /// ru_maxrss: the child's peak resident set size, in KiB (Linux).
    var maxRSSKiB: Int
    /// The exit code, or 128 + the signal that ended it.
    var status: Int32
    var timedOut: Bool
    /// Why snowlite-bench-spawn could not start or reap the program.
    var problem: String?

    var cpu: Double { user + system }
    var peakMB: Double { Double(maxRSSKiB) / 1024 }
}

struct SpawnError: Error, CustomStringConvertible {
    var description: String
}

/// A monotonic clock reading in seconds.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// The watchdog's view of a child: killed once if still running at the deadline.
private final class Watch: @unchecked Sendable {
    private let lock = NSLock()
    private var finished = false
    private(set) var fired = false
    let pid: pid_t
    /// The helper's report, which names the measured program's pid.
    let report: String?

    init(pid: pid_t, report: String?) {
        self.pid = pid
        self.report = report
    }

    func expire() {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        fired = true
        // The helper is not reaped yet, so its child has not been reaped either: its pid is still its own.
        if let report, let program = SpawnReport.pid(report) { kill(program, SIGKILL) }
        kill(pid, SIGKILL)
    }

    func finish() {
        lock.lock()
        finished = true
        lock.unlock()
    }

    var didFire: Bool {
        lock.lock()
        defer { lock.unlock() }
        return fired
    }
}

/// A running child; `wait()` reaps it once.
final class Child {
    /// The process started: the program, or snowlite-bench-spawn when measured.
    let pid: pid_t
    let command: Command
    private let started: Double
    private let report: String?
    private let watch: Watch
    private var result: Usage?

    fileprivate init(pid: pid_t, command: Command, started: Double, report: String?) {
        self.pid = pid
        self.command = command
        self.started = started
        self.report = report
        watch = Watch(pid: pid, report: report)
        let watch = watch
        DispatchQueue.global().asyncAfter(deadline: .now() + command.timeout) { watch.expire() }
    }

    /// Sends `signal` to a child that has not been reaped yet (the helper passes INT and TERM on).
    func signal(_ number: Int32) {
        guard result == nil else { return }
        if number == SIGKILL, let report, let program = SpawnReport.pid(report) { kill(program, SIGKILL) }
        kill(pid, number)
    }

    /// Blocks until the child exits; returns its accounting (the same value on later calls).
    @discardableResult
    func wait() -> Usage {
        if let result { return result }
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
        let ended = now()
        watch.finish()
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let signalled = status & 0x7f
        let code = signalled == 0 ? (status >> 8) & 0xff : 128 + signalled
        var measured = Usage(wall: ended - started, user: seconds(usage.ru_utime), system: seconds(usage.ru_stime),
                             maxRSSKiB: Int(usage.ru_maxrss), status: code, timedOut: watch.didFire)
        if let report {
            // The program's own figures, from its measuring parent.
            measured = SpawnReport.usage(report) ?? Usage(wall: measured.wall, user: 0, system: 0, maxRSSKiB: 0,
                                                     status: code == 0 ? 127 : code, timedOut: watch.didFire,
                                                     problem: SpawnReport.problem(report) ?? "snowlite-bench-spawn exited \(code)")
            measured.timedOut = watch.didFire
            unlink(report)
        }
        result = measured
        return measured
    }

    private func seconds(_ value: timeval) -> Double { Double(value.tv_sec) + Double(value.tv_usec) / 1e6 }
}

/// snowlite-bench-spawn: next to this program (both are products of the same build).
let spawnHelper: String = {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink("/proc/self/exe", &buffer, Int(PATH_MAX))
    let me = count > 0 ? String(decoding: buffer[0 ..< count].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
    return (me as NSString).deletingLastPathComponent + "/snowlite-bench-spawn"
}()

/// snowlite-bench-spawn's report: `pid N`, then `status S wall W user U system Y maxrss K` (or `error …`).
private enum SpawnReport {
    static func fields(_ path: String) -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.first == "error" { fields["error"] = words.dropFirst().joined(separator: " ") ; continue }
            for index in stride(from: 0, to: words.count - 1, by: 2) { fields[String(words[index])] = String(words[index + 1]) }
        }
        return fields
    }

    static func pid(_ path: String) -> pid_t? { fields(path)["pid"].flatMap { pid_t($0) } }

    static func problem(_ path: String) -> String? { fields(path)["error"] }

    static func usage(_ path: String) -> Usage? {
        let fields = fields(path)
        guard let status = fields["status"].flatMap({ Int32($0) }), let wall = fields["wall"].flatMap({ Double($0) }),
              let user = fields["user"].flatMap({ Double($0) }), let system = fields["system"].flatMap({ Double($0) }),
              let maxRSS = fields["maxrss"].flatMap({ Int($0) }) else { return nil }
        return Usage(wall: wall, user: user, system: system, maxRSSKiB: maxRSS, status: status, timedOut: false)
    }
}

/// Starts `command`. Its standard streams are opened by the child (posix_spawn file actions);
/// the signals a benchmark may send (INT, TERM) and SIGPIPE are reset to their defaults. A
/// measured command runs under snowlite-bench-spawn, its report on descriptor 3.
func spawn(_ command: Command) throws -> Child {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    var report: String?
    var reportDescriptor: Int32 = -1
    if command.measured {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array("\(base)/snowlite-bench-report.XXXXXX".utf8CString)
        reportDescriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard reportDescriptor >= 0 else { throw SpawnError(description: "cannot create a report file in \(base)") }
        _ = fcntl(reportDescriptor, F_SETFD, FD_CLOEXEC) // only the helper gets it, as its descriptor 3
        report = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        posix_spawn_file_actions_adddup2(&actions, reportDescriptor, 3)
    }
    defer { if reportDescriptor >= 0 { close(reportDescriptor) } }
    posix_spawn_file_actions_addopen(&actions, 0, command.stdin ?? "/dev/null", O_RDONLY, 0)
    let writing = O_WRONLY | O_CREAT | O_TRUNC
    posix_spawn_file_actions_addopen(&actions, 1, command.stdout ?? "/dev/null", writing, 0o644)
    if let stderr = command.stderr, stderr == command.stdout {
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
    } else {
        posix_spawn_file_actions_addopen(&actions, 2, command.stderr ?? "/dev/null", writing, 0o644)
    }

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for number in [SIGINT, SIGTERM, SIGPIPE, SIGCHLD] { sigaddset(&defaults, number) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    let program = command.measured ? [spawnHelper, command.executable] : [command.executable]
    let argv = (program + command.arguments).map { strdup($0) } + [nil]
    let envp = command.environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    let started = now()
    let error = posix_spawn(&pid, program[0], &actions, &attributes, argv, envp)
    guard error == 0 else {
        if let report { unlink(report) }
        throw SpawnError(description: "cannot start \(program[0]): \(String(cString: strerror(error)))")
    }
    return Child(pid: pid, command: command, started: started, report: report)
}

/// Runs `command` to its end.
@discardableResult
func measure(_ command: Command) throws -> Usage {
    try spawn(command).wait()
}

/// Runs `command` and fails unless it exits 0; the error names the file holding its output.
@discardableResult
func runChecked(_ command: Command, what: String) throws -> Usage {
    let usage = try measure(command)
    guard usage.status == 0 else {
        var message = "\(what) failed (\(usage.timedOut ? "timed out after \(Int(command.timeout)) s" : "exit status \(usage.status)"))"
        if let problem = usage.problem { message += ": \(problem)" }
        if let stdout = command.stdout { message += "; output in \(stdout)" }
        if let tail = command.stdout.flatMap({ lastLines($0) }) { message += ":\n" + tail }
        throw SpawnError(description: message)
    }
    return usage
}

/// The standard output of a short command (a version string, a token), trimmed.
func capture(_ command: Command, scratch: String) throws -> String {
    var command = command
    command.stdout = scratch
    command.stderr = scratch
    try runChecked(command, what: command.description)
    return (try? String(contentsOfFile: scratch, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
}

/// The last lines of a file (for error messages), nil when empty or unreadable.
func lastLines(_ path: String, count: Int = 8) -> String? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8), !text.isEmpty else { return nil }
    return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(count + 1).joined(separator: "\n")
}

/// Polls every 20 ms until `condition` holds; false after `timeout` seconds.
func poll(timeout: Double, _ condition: () -> Bool) -> Bool {
    let deadline = now() + timeout
    while now() < deadline {
        if condition() { return true }
        usleep(20_000)
    }
    return condition()
}

/// The absolute path of `name` on PATH (a tool the runner uses, e.g. git, make, swift).
func which(_ name: String) -> String? {
    if name.hasPrefix("/") { return access(name, X_OK) == 0 ? name : nil }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
        let candidate = "\(folder)/\(name)"
        if access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
}
