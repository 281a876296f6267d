// FuzzCorpus: what the fuzz harness mutates. Each seed is a script cut into statements: the
// project's own `.sql` files (the quickstart's setup script and install scripts, the CLI's
// scenarios, the Scripting examples) and the hand-written entries of Tests/Fuzz/corpus, among them
// one input for every crash class issue 17 found (deep nesting, deep JSON, LIKE, overflow,
// huge strings, recursion, backtracking, unterminated comments).

import Foundation
import SnowSQL

public struct FuzzSeed: Sendable, Equatable {
    /// Where it came from (a path relative to the corpus folder it was found in).
    public var name: String
    /// Its statements in order, without their `;`.
    public var statements: [String]
}

public struct FuzzCorpus: Sendable {
    public var seeds: [FuzzSeed]

    public init(seeds: [FuzzSeed]) { self.seeds = seeds }

    /// Every `*.sql` file under `folders` (recursively), in name order so a seed's number is stable.
    /// Client commands (`!set`, `!source`) are left out: the harness is the engine's, not the client's.
    public static func load(from folders: [URL]) throws -> FuzzCorpus {
        var seeds: [FuzzSeed] = []
        for folder in folders {
            let files = try sqlFiles(under: folder)
            for file in files {
                let text = try String(contentsOf: file, encoding: .utf8)
                let statements = StatementSplitter.split(text).filter { $0.kind == .sql }.map(\.text)
                guard !statements.isEmpty else { continue }
                let name = file == folder ? file.lastPathComponent
                    : String(file.path.dropFirst(folder.path.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                seeds.append(FuzzSeed(name: name, statements: statements))
            }
        }
        return FuzzCorpus(seeds: seeds)
    }

    private static func sqlFiles(under folder: URL) throws -> [URL] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else {
            throw FuzzError("no corpus at \(folder.path)")
        }
        if !isFolder.boolValue { return [folder] }
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var files: [URL] = []
        for case let url as URL in walker where url.pathExtension == "sql" && !url.path.contains("/.build") {
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }
}

/// A harness failure that is not a finding (a missing corpus, a worker that cannot start).
public struct FuzzError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
