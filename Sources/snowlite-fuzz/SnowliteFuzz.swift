// snowlite-fuzz: the fuzz harness's command (Sources/Fuzzing). `make test` runs a fixed-seed
// campaign through it (FuzzTests); `make fuzz` runs one for as long as asked. A finding is an
// input that killed or hung the engine; the exit status is 1 when there is one.
//
//   snowlite-fuzz --corpus sql --corpus Tests --inputs 3000 --seed 2026
//   snowlite-fuzz --corpus sql --corpus Tests --duration 3600 --out .build/fuzz
//   snowlite-fuzz --replay .build/fuzz/crash-2026-1234.sql

import ArgumentParser
import Foundation
import Fuzzing

@main
struct SnowliteFuzz: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "snowlite-fuzz",
                                                    abstract: "Run mutated SQL through Snowlite's engine until something breaks.")

    @Option(help: "A folder (searched for *.sql) or file of seed inputs; repeatable.")
    var corpus: [String] = []
    @Option(help: "The campaign's seed: the same seed tries the same inputs.")
    var seed: UInt64 = 2026
    @Option(help: "How many inputs to try.")
    var inputs: UInt64 = UInt64.max
    @Option(help: "Stop after this many seconds.")
    var duration: Double?
    @Option(help: "Where findings (and the input being run) are written.")
    var out: String = ".build/fuzz"
    @Option(help: "An input that runs longer than this many seconds is a hang.")
    var hangSeconds: Double = 30
    @Flag(help: "Run the input files given in this process, one after another, and print what each did.")
    var replay = false
    @Argument(help: "Input files, with --replay.")
    var files: [String] = []
    @Option(help: "Print input number N of the campaign (with --seed and --corpus) and run it in this process.")
    var replayIndex: UInt64?

    // The campaign's own worker (FuzzCampaign.swift).
    @Flag(help: .hidden) var worker = false
    @Option(help: .hidden) var from: UInt64 = 0
    @Option(help: .hidden) var until: Double?

    mutating func run() throws {
        if replay {
            let target = try FuzzTarget()
            for path in files {
                let outcome = try target.run(try String(contentsOfFile: path, encoding: .utf8))
                print("\(path): \(outcome.statements) statements, \(outcome.errors) Snowflake errors")
            }
            return
        }
        let mutator = FuzzMutator(corpus: try FuzzCorpus.load(from: corpus.map { URL(fileURLWithPath: $0) }), seed: seed)
        if let replayIndex {
            let input = mutator.input(replayIndex)
            print(input)
            let outcome = try FuzzTarget().run(input)
            print("-- \(outcome.statements) statements, \(outcome.errors) Snowflake errors")
            return
        }
        let out = URL(fileURLWithPath: self.out)
        if worker {
            try FuzzCampaign.work(mutator: mutator, from: from, to: inputs, until: Date(timeIntervalSince1970: until ?? .infinity),
                                  out: out, hangSeconds: hangSeconds)
            return
        }
        guard inputs != .max || duration != nil else { throw ValidationError("say how long: --inputs N or --duration SECONDS") }
        let started = Date()
        let until = duration.map { started.addingTimeInterval($0) } ?? .distantFuture
        var arguments = ["--seed", String(seed), "--hang-seconds", String(hangSeconds)]
        for folder in corpus { arguments += ["--corpus", folder] }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        let report = try FuzzCampaign.run(executable: executable, workerArguments: arguments, seed: seed, inputs: inputs,
                                          until: until, out: out) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        print(report.summary(seed: seed, seconds: Date().timeIntervalSince(started)))
        if !report.crashes.isEmpty || !report.hangs.isEmpty { throw ExitCode(1) }
    }
}
