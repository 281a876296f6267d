// The facts a figure is meaningless without: the machine (CPU model, cores, memory, OS), the tool
// versions (swift --version, sqlite3 --version), the commit measured (short hash, plus "dirty"
// when the work tree differs from it) and the date. Read from /proc, /etc/os-release and the tools
// themselves before the first benchmark runs.
//
// The report the runner writes (bench/results.md) is left out of the dirty check, so running the
// benchmarks twice in a row measures the same clean commit twice.

import Foundation
import Glibc

struct Machine {
    var cpu = "unknown CPU"
    var cores = 0
    var memory = "unknown memory"
    var os = "unknown OS"
    var swift = "unknown"
    var sqlite = "unknown"
    var commit = "unknown"
    var date = ""

    /// `root` is the repository, `output` the report's path (ignored by the dirty check), `scratch`
    /// a file the tools' output may go through.
    static func describe(root: String, sqlite3: String, output: String, scratch: String) -> Machine {
        var machine = Machine()
        if let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) {
            let lines = cpuinfo.split(separator: "\n")
            if let model = lines.first(where: { $0.hasPrefix("model name") }), let colon = model.firstIndex(of: ":") {
                machine.cpu = model[model.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        machine.cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        if let meminfo = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
           let line = meminfo.split(separator: "\n").first(where: { $0.hasPrefix("MemTotal:") }),
           let kib = Double(line.split(separator: " ").dropFirst().first ?? "") {
            machine.memory = String(format: "%.1f GiB memory", kib / 1024 / 1024)
        }
        var name = utsname()
        uname(&name)
        let kernel = withUnsafeBytes(of: name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let architecture = withUnsafeBytes(of: name.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        var system = "Linux"
        if let release = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
           let pretty = release.split(separator: "\n").first(where: { $0.hasPrefix("PRETTY_NAME=") }) {
            system = pretty.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        machine.os = "\(system), Linux \(kernel) \(architecture)"

        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                           "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/tmp"]
        if let swift = which("swift"),
           let text = try? capture(Command(executable: swift, arguments: ["--version"], environment: environment, timeout: 60, measured: false),
                                   scratch: scratch) {
            // "Swift version 6.1 (swift-6.1-RELEASE)" and the target on the next line; drivers may print a warning first.
            machine.swift = text.split(separator: "\n").first(where: { $0.contains("Swift version") }).map(String.init) ?? text
        }
        if let text = try? capture(Command(executable: sqlite3, arguments: ["--version"], environment: environment, timeout: 60, measured: false),
                                   scratch: scratch) {
            let fields = text.split(separator: " ")
            machine.sqlite = "sqlite3 " + fields.prefix(2).joined(separator: " ") + " (\(sqlite3))"
        }
        if let git = which("git") {
            let head = try? capture(Command(executable: git, arguments: ["-C", root, "rev-parse", "--short", "HEAD"],
                                            environment: environment, timeout: 60, measured: false), scratch: scratch)
            let status = try? capture(Command(executable: git, arguments: ["-C", root, "status", "--porcelain"],
                                              environment: environment, timeout: 60, measured: false), scratch: scratch)
            if let head, !head.isEmpty {
                let outputPath = relative(output, to: root)
                let changes = (status ?? "").split(separator: "\n").filter { line in
                    line.count > 3 && String(line.dropFirst(3)) != outputPath
                }
                machine.commit = changes.isEmpty ? head : "\(head) dirty"
            }
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        machine.date = formatter.string(from: Date())
        return machine
    }

    /// `path` relative to `root` when it lies inside it (git status prints paths that way).
    static func relative(_ path: String, to root: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let base = URL(fileURLWithPath: root).standardizedFileURL.path + "/"
        return absolute.hasPrefix(base) ? String(absolute.dropFirst(base.count)) : absolute
    }
}
