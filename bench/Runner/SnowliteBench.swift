// snowlite-bench: the benchmark runner `make bench` calls (bench/README.md). In one run on one
// machine it measures Snowlite's start-up, statement throughput, ingestion, quickstart, idle
// scheduler and an account of 1,000,000 issues against their SQLite counterparts, and writes
// bench/results.md: the machine, the commit, each figure's median, minimum and maximum over
// several runs, its ratio to SQLite, and the targets met or missed. Progress goes to standard
// error; the report is also printed on standard output. It exits 1 when a section failed (the
// report says which and why).
//
// `--smoke` runs every code path at tiny sizes, one run each, in a few seconds (the test suite
// runs it against the debug build); `--only` picks sections for a developer. The runner uses none
// of Snowlite's libraries: it drives the built programs in --bin as a user would.

import ArgumentParser
import Foundation
import Glibc

@main
struct SnowliteBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snowlite-bench",
        abstract: "Benchmark Snowlite against SQLite and write the report (bench/results.md).")

    @Option(help: "The folder holding snowsql, snowlite and snowlite-workload (e.g. .build-bench/release).")
    var bin: String
    @Option(help: "Runs of every section (default: start-up 20, workload 3, ingestion 3, quickstart 3, idle 1; --smoke: 1; the scale section runs once).")
    var runs: Int?
    @Option(help: "The report to write.")
    var output = "bench/results.md"
    @Flag(help: "Tiny sizes and one run each: exercises every path of the runner in seconds. The figures mean nothing.")
    var smoke = false
    @Option(help: "Comma-separated sections to run: startup,workload,ingest,quickstart,idle,scale (default: all).")
    var only: String?
    @Option(help: "Ingestion sizes in issues, comma-separated (default 10000,100000; --smoke: 100,200).")
    var sizes: String?
    @Option(name: .customLong("idle-seconds"), help: "The idle scheduler's measured window (default 30; --smoke: 3).")
    var idleSeconds: Double?
    @Option(help: "Resumed tasks the idle scheduler holds (default 1000; --smoke: 20).")
    var tasks: Int?
    @Option(name: .customLong("scale-size"), help: "Issues in the scale section's account (default 1000000; --smoke: 1000).")
    var scaleSize: Int?
    @Option(help: "The repository (sql/, Makefile, sf_build/ are read from it; default: the current directory).")
    var root: String?
    @Option(help: "The sqlite3 shell the SQLite counterparts run in.")
    var sqlite3 = "/usr/bin/sqlite3"
    @Flag(name: .customLong("keep-work"), help: "Keep the scratch folder (accounts, scripts, outputs) and print where it is.")
    var keepWork = false
    @Option(help: "Another build's snowsql (an earlier commit's, say) whose start-up is measured beside this build's, on an account of its own.")
    var baseline: String?
    @Option(name: .customLong("baseline-label"), help: "What the report calls the --baseline build (e.g. its commit).")
    var baselineLabel = "baseline"

    /// In the order they run: scale reuses ingest's 100,000-issue time when both run.
    static let sectionNames = ["startup", "workload", "ingest", "quickstart", "idle", "scale"]

    func validate() throws {
        if let runs, runs < 1 { throw ValidationError("--runs must be at least 1.") }
        for name in selected where !Self.sectionNames.contains(name) {
            throw ValidationError("unknown section \(name) in --only (sections: \(Self.sectionNames.joined(separator: ",")))")
        }
        if let sizes, parsedSizes(sizes) == nil { throw ValidationError("--sizes takes positive numbers, comma-separated.") }
        if let idleSeconds, idleSeconds <= 0 { throw ValidationError("--idle-seconds must be more than 0.") }
        if let tasks, tasks < 1 { throw ValidationError("--tasks must be at least 1.") }
        if let scaleSize, scaleSize < 10 { throw ValidationError("--scale-size must be at least 10.") }
    }

    var selected: [String] {
        guard let only else { return Self.sectionNames }
        return only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    func parsedSizes(_ text: String) -> [Int]? {
        let sizes = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !sizes.isEmpty, sizes.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        return sizes.map { $0! }
    }

    func run() throws {
        let started = now()
        let root = URL(fileURLWithPath: root ?? FileManager.default.currentDirectoryPath).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: "\(root)/sql/deploy.sql") else {
            throw ValidationError("\(root) is not the Snowlite repository (no sql/deploy.sql); run from it or pass --root.")
        }
        // The quickstart's scripts name files relative to the repository (PUT file://sf_build/*).
        guard FileManager.default.changeCurrentDirectoryPath(root) else { throw ValidationError("cannot change to \(root)") }
        let bin = URL(fileURLWithPath: bin).standardizedFileURL.path
        for program in ["snowsql", "snowlite", "snowlite-workload"] where access("\(bin)/\(program)", X_OK) != 0 {
            throw ValidationError("\(bin)/\(program) is not an executable; --bin names the build's products folder.")
        }
        guard access(spawnHelper, X_OK) == 0 else {
            throw ValidationError("no \(spawnHelper): build the snowlite-bench-spawn product with this runner.")
        }
        guard access(sqlite3, X_OK) == 0 else { throw ValidationError("no sqlite3 shell at \(sqlite3)") }
        let baseline = self.baseline.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        if let baseline, access(baseline, X_OK) != 0 { throw ValidationError("--baseline \(baseline) is not an executable.") }
        let output = URL(fileURLWithPath: output).standardizedFileURL.path
        let work = try makeScratch()
        var failed = false
        defer {
            if keepWork || failed {
                progress("scratch folder kept: \(work)")
            } else {
                try? FileManager.default.removeItem(atPath: work)
            }
        }

        let context = Context(bin: bin, root: root, work: work, sqlite3: sqlite3, smoke: smoke, runs: runs,
                              sizes: sizes.flatMap(parsedSizes) ?? (smoke ? [100, 200] : [10_000, 100_000]),
                              idleSeconds: idleSeconds ?? (smoke ? 3 : 30), tasks: tasks ?? (smoke ? 20 : 1_000),
                              scaleSize: scaleSize ?? (smoke ? 1_000 : 1_000_000), keepWork: keepWork,
                              baseline: baseline.map { (path: $0, label: baselineLabel) })
        progress("machine and tool versions…")
        let machine = Machine.describe(root: root, sqlite3: sqlite3, output: output, scratch: "\(work)/version.out")

        var sections: [Section] = []
        var ingestionTimes: [Int: Double] = [:]
        for name in Self.sectionNames where selected.contains(name) {
            let section: Section
            switch name {
            case "startup": section = Startup.run(context)
            case "workload": section = Throughput.run(context)
            case "ingest":
                section = Ingestion.run(context)
                ingestionTimes = section.ingestionTimes
            case "quickstart": section = Quickstart.run(context)
            case "idle": section = IdleScheduler.run(context)
            default: section = Scale.run(context, ingestionTimes: ingestionTimes)
            }
            if let failure = section.failure {
                progress("\(section.title) FAILED: \(failure)")
                failed = true
            }
            sections.append(section)
        }
        sections.sort { $0.number < $1.number }

        let report = Report.markdown(machine: machine, sections: sections, smoke: smoke, elapsed: now() - started)
        try FileManager.default.createDirectory(atPath: (output as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(report.utf8).write(to: URL(fileURLWithPath: output))
        print(report, terminator: "")
        progress(String(format: "report written to %@ (%.0f s)", output, now() - started))
        if sections.contains(where: { $0.failure != nil }) { throw ExitCode(1) }
    }

    private func makeScratch() throws -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array("\(base)/snowlite-bench.XXXXXX".utf8CString)
        guard let path = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw ValidationError("cannot create a scratch folder in \(base)")
        }
        return String(cString: path)
    }
}

/// Writes one progress line on standard error.
func progress(_ line: String) {
    FileHandle.standardError.write(Data("snowlite-bench: \(line)\n".utf8))
}

/// What every section gets: where the programs are, a scratch folder, and the run's sizes.
struct Context {
    let bin: String
    let root: String
    let work: String
    let sqlite3: String
    let smoke: Bool
    /// --runs, when given: overrides every section's default.
    let runs: Int?
    let sizes: [Int]
    let idleSeconds: Double
    let tasks: Int
    /// Issues in the scale section's account (--scale-size).
    let scaleSize: Int
    /// --keep-work: the scale section keeps its accounts (GBs) too.
    let keepWork: Bool
    /// Another build's snowsql measured beside this one's at start-up (--baseline), and its label.
    let baseline: (path: String, label: String)?

    /// A section's number of runs: --runs, else 1 in a smoke run, else the section's default.
    func runs(default value: Int) -> Int { runs ?? (smoke ? 1 : value) }

    func program(_ name: String) -> String { "\(bin)/\(name)" }

    /// A new empty folder in the scratch folder.
    func folder(_ name: String) throws -> String {
        let path = "\(work)/\(name)"
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The whole environment of a child: PATH, and HOME and SNOWLITE_HOME set to `home`, so no
    /// ~/.snowsql/config, ~/.sqliterc or SNOWLITE_* / SNOWSQL_* variable of the developer's leaks in.
    func environment(home: String) -> [String: String] {
        ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home, "SNOWLITE_HOME": home,
         "LANG": "C.UTF-8"]
    }

    /// An empty snowsql config file in `home` (the options a measurement runs with are on its command line).
    func emptyConfig(in home: String) -> String {
        let path = "\(home)/empty.config"
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        return path
    }
}
