// FuzzTests: the fuzz harness as a standing test. Every crash class issue 17 found is a corpus
// entry (Tests/FuzzTests/Corpus) replayed as it is, and a fixed-seed campaign mutates the
// project's own SQL; both run the built `snowlite-fuzz` in child processes, so an input that kills
// the engine fails the test with its name instead of taking the test run down.

import Foundation
import XCTest
import Fuzzing
import SnowliteTesting

final class FuzzTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let crashCorpus = packageRoot.appendingPathComponent("Tests/FuzzTests/Corpus")
    /// The seeds `make test` and `make fuzz` mutate: the project's SQL and the crash corpus.
    static let seedFolders = ["sql", "setup.sql", "Tests"].map { packageRoot.appendingPathComponent($0) }

    func testInputsAreAFunctionOfSeedAndIndex() throws {
        let corpus = try FuzzCorpus.load(from: FuzzTests.seedFolders)
        let first = FuzzMutator(corpus: corpus, seed: 7), again = FuzzMutator(corpus: corpus, seed: 7)
        let inputs = (0..<200).map { first.input(UInt64($0)) }
        XCTAssertEqual(inputs, (0..<200).map { again.input(UInt64($0)) })
        XCTAssertGreaterThan(Set(inputs).count, 150, "inputs should differ from one index to the next")
        // A window of at most eleven statements, none grown past the cap by a mutation.
        XCTAssert(inputs.allSatisfy { $0.utf8.count <= 11 * (FuzzMutator.maximumStatementBytes + 2) })
        XCTAssertNotEqual(inputs, (0..<200).map { FuzzMutator(corpus: corpus, seed: 8).input(UInt64($0)) })
    }

    func testTheCorpusHoldsTheProjectsScriptsAndEveryCrashClass() throws {
        let names = Set(try FuzzCorpus.load(from: FuzzTests.seedFolders).seeds.map(\.name))
        for expected in ["deploy.sql", "setup.sql", "FuzzTests/Corpus/deep_parentheses.sql", "FuzzTests/Corpus/recursion.sql",
                         "EngineTests/Scripting/Scripts/05_loops.sql", "SnowSQLClientTests/Scenarios/stages.sql"] {
            XCTAssert(names.contains(expected), "\(expected) is not in the corpus: \(names.sorted())")
        }
    }

    /// Each crash input, exactly as issue 17 gave it, runs to Snowflake errors in a live process.
    func testEveryCrashClassReplaysWithoutKillingTheEngine() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: FuzzTests.crashCorpus.path).filter { $0.hasSuffix(".sql") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 19)
        let home = try scratchFolder()
        let result = try BuiltProgram.locate("snowlite-fuzz").run(["--replay"] + files.map { FuzzTests.crashCorpus.appendingPathComponent($0).path },
                                                                  home: home)
        XCTAssertEqual(result.status, 0, "stderr: \(result.stderr.suffix(2_000))")
        // Every statement of every entry answered, most of them with an error.
        for file in files { XCTAssert(result.stdout.contains(FuzzTests.crashCorpus.appendingPathComponent(file).path + ": "), file) }
    }

    /// The fixed-seed campaign: 800 mutated inputs, no crash and no hang.
    func testAFixedSeedCampaignFindsNothing() throws {
        let home = try scratchFolder()
        var arguments = ["--seed", "2026", "--inputs", "800", "--out", home.appendingPathComponent("fuzz").path]
        for folder in FuzzTests.seedFolders { arguments += ["--corpus", folder.path] }
        let result = try BuiltProgram.locate("snowlite-fuzz").run(arguments, home: home)
        XCTAssertEqual(result.status, 0, "findings: \(result.stderr)")
        XCTAssert(result.stdout.hasPrefix("snowlite-fuzz: seed 2026, 800 inputs tried in "), result.stdout)
        XCTAssert(result.stdout.hasSuffix("0 crashes, 0 hangs\n"), result.stdout)
    }

    private func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }
}
