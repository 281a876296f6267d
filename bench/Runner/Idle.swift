// Section 5: what the scheduler costs when it has nothing to do. A file account gets 1,000 tasks
// (snowsql, one script: CREATE TASK … SCHEDULE = 'USING CRON 0 0 1 1 * UTC' and ALTER TASK …
// RESUME for each, so every task is started and none is due for months), then
// `snowlite serve --no-dashboard` runs on it. Once the server has printed that its scheduler
// started, the CPU it has used so far (utime + stime of /proc/PID/stat) is read, again at the end
// of the window (30 s), and the difference is the idle cost: CPU seconds, and percent of one core.
// SIGINT stops the server, which must exit 0 having run no task.
//
// `snowlite serve` ticks once a second by default (--poll-interval): each tick asks the account
// for due runs (Session.runDueTasks), which is what this measures. No SQLite counterpart.

import Foundation
import Glibc

enum IdleScheduler {
    static func run(_ context: Context) -> Section {
        let runs = context.runs(default: 1)
        let seconds = context.idleSeconds, tasks = context.tasks
        var section = Section(number: 5, title: "Scheduler idle cost",
                              description: "`snowlite serve --no-dashboard` on a file account holding \(grouped(tasks)) resumed "
                                  + "tasks scheduled `USING CRON 0 0 1 1 * UTC` (none due), default poll interval: the CPU "
                                  + "(utime + stime of /proc/PID/stat) it uses in a window of "
                                  + String(format: "%.0f", seconds) + " s that starts once it has printed "
                                  + "`Scheduler started`; then SIGINT. No SQLite counterpart.",
                              runs: runs)
        do {
            let home = try context.folder("idle")
            let config = context.emptyConfig(in: home)
            let environment = context.environment(home: home)
            var script = "CREATE OR REPLACE DATABASE IDLE_DB;\nUSE SCHEMA IDLE_DB.PUBLIC;\nCREATE TABLE runs(task int);\n"
            for index in 1 ... tasks {
                script += "CREATE TASK t\(index) WAREHOUSE = COMPUTE_WH SCHEDULE = 'USING CRON 0 0 1 1 * UTC' "
                    + "AS INSERT INTO runs VALUES (\(index));\nALTER TASK t\(index) RESUME;\n"
            }
            try script.write(toFile: "\(home)/tasks.sql", atomically: true, encoding: .utf8)
            progress("idle: creating and resuming \(grouped(tasks)) tasks…")
            let snowsql = context.program("snowsql")
            let options = ["--config", config, "-o", "friendly=false", "-o", "timing=false", "-o", "output_format=csv",
                           "-o", "exit_on_error=true"]
            let setup = try runChecked(Command(executable: snowsql, arguments: options + ["-f", "\(home)/tasks.sql"],
                                               environment: environment, stdout: "\(home)/tasks.out", stderr: "\(home)/tasks.out",
                                               timeout: 900), what: "creating the tasks")
            let started = try countStarted(context, options: options, home: home)
            guard started == tasks else {
                throw SpawnError(description: "\(started) of \(tasks) tasks are started (output in \(home)/count.out)")
            }

            var cpu: [Double] = [], windows: [Double] = [], peaks: [Double] = []
            let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
            for index in 1 ... runs {
                progress("idle: run \(index)/\(runs), \(String(format: "%.0f", seconds)) s window…")
                let log = "\(home)/serve-\(index).out"
                let server = try spawn(Command(executable: context.program("snowlite"),
                                               arguments: ["serve", "--no-dashboard", "--config", config],
                                               environment: environment, stdout: log, stderr: log, timeout: seconds + 300,
                                               measured: false))
                let up = poll(timeout: 120) { ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("Scheduler started") }
                guard up, let first = cpuTicks(server.pid) else {
                    server.signal(SIGKILL)
                    server.wait()
                    throw SpawnError(description: "`snowlite serve` did not report it started (log in \(log))")
                }
                let opened = now()
                usleep(useconds_t(seconds * 1_000_000))
                let last = cpuTicks(server.pid)
                let window = now() - opened
                let peak = peakKiB(server.pid)
                server.signal(SIGINT)
                let usage = server.wait()
                let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                guard let last, usage.status == 0, text.contains("Scheduler stopped") else {
                    throw SpawnError(description: "`snowlite serve` exited \(usage.status) after SIGINT (log in \(log))")
                }
                let ran = text.split(separator: "\n").filter { $0.contains("(run ") }
                guard ran.isEmpty else { throw SpawnError(description: "a task ran while none was due: \(ran[0])") }
                cpu.append(Double(last - first) / ticks)
                windows.append(window)
                peaks.append(Double(peak ?? 0) / 1024)
            }
            let percent = zip(cpu, windows).map { $0 / $1 * 100 }
            section.figures = [
                Figure(measure: "CPU (user + system) in the window", unit: .cpuSeconds, snowlite: Summary(cpu)),
                Figure(measure: "… percent of one core", unit: .percent, snowlite: Summary(percent)),
                Figure(measure: "peak RSS of the server (VmHWM at the end of the window)", unit: .megabytes, snowlite: Summary(peaks)),
            ]
            section.notes = [
                String(format: "setup (not measured): one snowsql process created and resumed the %@ tasks in %.2f s; "
                    + "SHOW TASKS lists them all started", grouped(tasks), setup.wall),
                "check: the server ran no task in the window and exited 0 on SIGINT — OK",
                "CPU is read in clock ticks of 1/\(Int(ticks)) s; the window is measured, not assumed.",
            ]
        } catch {
            section.failure = "\(error)"
        }
        return section
    }

    /// How many tasks of IDLE_DB SHOW TASKS lists as started.
    static func countStarted(_ context: Context, options: [String], home: String) throws -> Int {
        let out = "\(home)/count.out"
        try runChecked(Command(executable: context.program("snowsql"),
                               arguments: options + ["-o", "header=false", "-q", "show tasks in database idle_db"],
                               environment: context.environment(home: home), stdout: out, stderr: out, timeout: 300),
                       what: "SHOW TASKS")
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { $0.contains(",started,") }.count
    }

    /// VmHWM of a live process (its peak RSS so far), in KiB. The server starts directly, not
    /// through snowlite-bench-spawn, so its ru_maxrss would count the runner's own peak.
    static func peakKiB(_ pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }

    /// utime + stime of a live process, in clock ticks (fields 14 and 15 of /proc/PID/stat,
    /// counted after the parenthesised command name, which may hold spaces).
    static func cpuTicks(_ pid: pid_t) -> Int? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // After ") ": field 3 (state) is the first, so utime (14) and stime (15) are the 12th and 13th.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return user + system
    }
}
