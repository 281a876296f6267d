// snowlite-workload: writes Snowlite's benchmark scripts, byte-identical on every run.
//
//   snowlite-workload [--dialect snowflake|sqlite] [--scale K] [--output FILE]
//       the 5,405-statement connector workload (about 6 MB), see bench/README.md; `--dialect sqlite`
//       writes its direct SQLite translation for the sqlite3 shell (Workload.swift, SQLiteTranslation), `--scale K`
//       divides the numbers of inserts, merges and aggregates by K (a smoke test's workload)
//   snowlite-workload sqlite-ingest --issues N [--page 100] [--output FILE]
//       the SQLite counterpart of ingesting N issues: upserts of PAGE issue documents per transaction
//   snowlite-workload merge-scaling-setup --rows N [--chunk 1000] [--output FILE]
//       a BENCH_DB.PUBLIC.T of N issues, loaded CHUNK rows per INSERT … FROM VALUES
//   snowlite-workload merge-scaling-merges --rows N [--merges 20] [--page 100] [--source union|values] [--output FILE]
//       MERGE statements of PAGE source rows (60% matched, 40% new) into that table; the source is
//       a UNION ALL of one-row SELECTs (the workload's shape) or one SELECT … FROM VALUES
//
// Output goes to standard output unless --output names a file.

import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("snowlite-workload: \(message)\n".utf8))
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var mode = "workload"
if let first = arguments.first, !first.hasPrefix("-") {
    mode = first
    arguments.removeFirst()
}
var output: String?
var source = "union"
var dialect = Dialect.snowflake
var numbers: [String: Int] = ["--rows": 1_000, "--chunk": 1_000, "--merges": 20, "--page": 100, "--scale": 1, "--issues": 1_000]
var index = 0
while index < arguments.count {
    let flag = arguments[index]
    if flag == "--help" || flag == "-h" {
        print("usage: snowlite-workload [workload | merge-scaling-setup | merge-scaling-merges | sqlite-ingest] [--output FILE] [--dialect snowflake|sqlite] [--scale K] [--rows N] [--chunk N] [--merges N] [--page N] [--source union|values] [--issues N]")
        exit(0)
    }
    guard index + 1 < arguments.count else { fail("\(flag) needs a value") }
    let value = arguments[index + 1]
    if flag == "--output" {
        output = value
    } else if flag == "--source", value == "union" || value == "values" {
        source = value
    } else if flag == "--dialect", let value = Dialect(rawValue: value) {
        dialect = value
    } else if numbers[flag] != nil, let number = Int(value), number > 0 {
        numbers[flag] = number
    } else {
        fail("unknown option or bad value: \(flag) \(value)")
    }
    index += 2
}

let script: Script
switch mode {
case "workload":
    guard Workload.inserts / numbers["--scale"]! >= Workload.matchedPerMerge else { fail("--scale is too large") }
    script = Workload.script(scale: numbers["--scale"]!, dialect: dialect)
case "sqlite-ingest": script = SQLiteTranslation.ingest(issues: numbers["--issues"]!, page: numbers["--page"]!)
case "merge-scaling-setup": script = MergeScaling.setup(rows: numbers["--rows"]!, chunk: numbers["--chunk"]!)
case "merge-scaling-merges":
    script = MergeScaling.merges(rows: numbers["--rows"]!, merges: numbers["--merges"]!, page: numbers["--page"]!,
                                 values: source == "values")
default: fail("unknown script \(mode)")
}

let data = Data(script.text.utf8)
if let output {
    do { try data.write(to: URL(fileURLWithPath: output)) } catch { fail("cannot write \(output): \(error)") }
} else {
    FileHandle.standardOutput.write(data)
}
