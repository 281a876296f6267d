// The report: what each benchmark section hands back (figures over several runs, with their
// SQLite counterparts, notes and checks, or the reason it failed), the targets the figures are
// held against, and the Markdown of bench/results.md that the runner writes and prints.
//
// A figure is summarised as its median with the minimum and maximum of the runs; the ratio is the
// Snowlite median over the SQLite median measured in the same run of the runner ("—" where there
// is no SQLite counterpart). Nothing here measures anything.

import Foundation

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
    case seconds, milliseconds, issuesPerSecond, megabytes, cpuSeconds, percent

    func format(_ value: Double) -> String {
        switch self {
        case .seconds: String(format: "%.2f s", value)
        case .milliseconds: String(format: "%.1f ms", value)
        case .issuesPerSecond: grouped(Int(value.rounded())) + " issues/s"
        case .megabytes: String(format: "%.1f MB", value)
        case .cpuSeconds: String(format: "%.3f s", value)
        case .percent: String(format: "%.2f %%", value)
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
