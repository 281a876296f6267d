// The report: what each benchmark section hands back (figures over several runs, with their
// SQLite counterparts, notes and checks, or the reason it failed), the targets the figures are
// held against, and the Markdown of bench/results.md that the runner writes and prints.
//
// A figure is summarised as its median with the minimum and maximum of the runs; the ratio is the
// Snowlite median over the SQLite median measured in the same run of the runner ("—" where there
// is no SQLite counterpart). Nothing here measures anything.

import Foundation
import Glibc

/// Median, minimum and maximum of one figure over the runs.
struct Summary {
    let values: [Double]

    init(_ values: [Double]) {
        precondition(!values.isEmpty, "a figure with no runs")
        self.values = values
    }

    var median: Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    var min: Double { values.min()! }
    var max: Double { values.max()! }
}

/// How a figure's values print.
enum Unit {
    case seconds, milliseconds, issuesPerSecond, megabytes, cpuSeconds, percent, times

    func format(_ value: Double) -> String {
        switch self {
        case .seconds: String(format: "%.2f s", value)
        case .milliseconds: String(format: "%.1f ms", value)
        case .issuesPerSecond: grouped(Int(value.rounded())) + " issues/s"
        case .megabytes: String(format: "%.1f MB", value)
        case .cpuSeconds: String(format: "%.3f s", value)
        case .percent: String(format: "%.2f %%", value)
        case .times: String(format: "%.2f×", value)
        }
    }
}

/// 12,345: digits in groups of three.
func grouped(_ value: Int) -> String {
    let digits = String(abs(value))
    var out = ""
    for (index, digit) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
        out.append(digit)
    }
    return value < 0 ? "-" + out : out
}

/// One row of a section's table.
struct Figure {
    var measure: String
    var unit: Unit
    var snowlite: Summary
    var sqlite: Summary?

    static func cell(_ summary: Summary?, _ unit: Unit) -> String {
        guard let summary else { return "—" }
        let median = unit.format(summary.median)
        guard summary.values.count > 1 else { return median }
        return "\(median) (\(unit.format(summary.min).split(separator: " ")[0])–\(unit.format(summary.max)))"
    }

    var ratio: String {
        guard let sqlite, sqlite.median > 0 else { return "—" }
        return String(format: "%.2f", snowlite.median / sqlite.median)
    }
}

/// What one benchmark hands back.
struct Section {
    var number: Int
    var title: String
    /// What was run, as a paragraph.
    var description: String
    var runs = 0
    var figures: [Figure] = []
    /// Checks and remarks, one bullet each.
    var notes: [String] = []
    var targets: [Target] = []
    /// Set when the section could not produce its figures.
    var failure: String?
    /// Snowlite's median ingestion time per size in issues (section 3), which section 6 reuses.
    var ingestionTimes: [Int: Double] = [:]
}

/// A figure held against where the project is heading.
struct Target {
    var name: String
    /// The figure's value as it prints, nil when this run did not measure it.
    var figure: String?
    var met: Bool

    init(_ name: String, value: Double?, unit: Unit, atMost limit: Double) {
        self.name = name
        figure = value.map(unit.format)
        met = value.map { $0 <= limit } ?? false
    }

    init(_ name: String, value: Double?, unit: Unit, atLeast limit: Double) {
        self.name = name
        figure = value.map(unit.format)
        met = value.map { $0 >= limit } ?? false
    }

    var status: String { figure == nil ? "not measured" : met ? "met" : "missed" }
}

enum Report {
    static func markdown(machine: Machine, sections: [Section], smoke: Bool, elapsed: Double) -> String {
        var out = "# Snowlite benchmarks\n\n"
        out += "Written by `make bench` (`snowlite-bench`, sources in `bench/Runner/`, see bench/README.md); every full run "
        out += "rewrites this file. Each Snowlite figure is the median of several whole-process runs (minimum–maximum "
        out += "in brackets), and its ratio is Snowlite's median over the median of its SQLite counterpart measured in "
        out += "the same run on the same machine, both on a file in WAL mode with `synchronous=NORMAL` unless said otherwise "
        out += "(a ratio above 1 means Snowlite is slower, or uses more).\n\n"
        if smoke {
            out += "**Smoke run** (`--smoke`): tiny sizes and one run each, to exercise the runner. These figures are not benchmarks.\n\n"
        }
        out += "- Date: \(machine.date)\n"
        out += "- Commit: \(machine.commit)\n"
        out += "- Machine: \(machine.cpu), \(machine.cores) cores, \(machine.memory), \(machine.os)\n"
        out += "- Swift: \(machine.swift)\n"
        out += "- SQLite: \(machine.sqlite)\n"
        out += "- Runner: " + String(format: "%.0f s", elapsed) + " for the whole run\n\n"

        let targets = sections.flatMap(\.targets)
        if !targets.isEmpty {
            out += "## Targets\n\n| Target | Figure (median) | Status |\n|---|---|---|\n"
            for target in targets { out += "| \(target.name) | \(target.figure ?? "—") | \(target.status) |\n" }
            out += "\n"
        }
        for section in sections {
            out += "## \(section.number). \(section.title)\n\n\(section.description)\n\n"
            if let failure = section.failure {
                out += "**FAILED**: " + failure.replacingOccurrences(of: "\n", with: "\n    ") + "\n\n"
            }
            if !section.figures.isEmpty {
                let runs = section.runs == 1 ? "1 run" : "\(section.runs) runs"
                out += "| Measure (\(runs)) | Snowlite | SQLite | Snowlite / SQLite |\n|---|---|---|---|\n"
                for figure in section.figures {
                    out += "| \(figure.measure) | \(Figure.cell(figure.snowlite, figure.unit)) | "
                        + "\(Figure.cell(figure.sqlite, figure.unit)) | \(figure.ratio) |\n"
                }
                out += "\n"
            }
            for note in section.notes { out += "- \(note)\n" }
            if !section.notes.isEmpty { out += "\n" }
        }
        return out
    }
}

// MARK: - The machine and the commit
//
// The facts a figure is meaningless without: the machine (CPU model, cores, memory, OS), the tool
// versions (swift --version, sqlite3 --version), the commit measured (short hash, plus "dirty"
// when the work tree differs from it) and the date. Read from /proc, /etc/os-release and the tools
// themselves before the first benchmark runs.
//
// The report the runner writes (bench/results.md) is left out of the dirty check, so running the
// benchmarks twice in a row measures the same clean commit twice.

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
