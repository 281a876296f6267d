// BuiltProgram: runs this package's built executables (`snowsql`, `snowlite`, the benchmark runner)
// as a user runs them — arguments and standard input in; standard output, standard error and the
// exit status out — with HOME and SNOWLITE_HOME pointed at a scratch folder. A missing executable
// is an error, never a skip: `make test` builds them before the tests.
//
// Tests/Support is the SnowliteTesting target: helpers every test target may use, with no XCTest
// import and no assertion of their own.

import Foundation

public struct MissingExecutable: Error, CustomStringConvertible {
    public var name: String
    public var searched: [String]
    public var description: String { "the \(name) executable was not built next to the tests (looked in \(searched)); run `swift build` first" }
}

/// Runs the built executables of this package.
public struct BuiltProgram {
    public let url: URL

    public init(url: URL) { self.url = url }

    /// The products folder holds the test bundle and the executables side by side.
    public static func locate(_ name: String, file: StaticString = #filePath) throws -> BuiltProgram {
        var folders: [URL] = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                              Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        let packageRoot = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        folders += [".build-cli/debug", ".build/debug"].map { packageRoot.appendingPathComponent($0) }
        for folder in folders {
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return BuiltProgram(url: candidate) }
        }
        // `make test` builds the executables before the tests; a missing one is a failure, not a skip.
        throw MissingExecutable(name: name, searched: folders.map(\.path))
    }

    public struct Output {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs with `arguments`, `input` on standard input (empty = /dev/null), in `directory` (default
    /// `home`), with HOME and SNOWLITE_HOME set to `home`.
    public func run(_ arguments: [String], input: String? = nil, home: URL, directory: URL? = nil,
             extraEnvironment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? home
        process.environment = ["HOME": home.path, "SNOWLITE_HOME": home.path, "PATH": "/usr/bin:/bin", "COLUMNS": "80"]
            .merging(extraEnvironment) { _, new in new }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        try process.run()
        if let input {
            inPipe.fileHandleForWriting.write(Data(input.utf8))
            try inPipe.fileHandleForWriting.close()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}
