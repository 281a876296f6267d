// FixturesCommand: `snowlite fixtures github` serves the mock GitHub API (GitHubFixture) on
// 127.0.0.1 for the offline demo and the benchmarks. The connector keeps calling
// https://api.github.com; pointing SNOWLITE_EGRESS_MAP at the printed port moves those requests
// here, after the network-rule check. It runs until SIGINT or SIGTERM. `--port 0` picks a free
// port, which `--port-file` writes once the server listens (so a script can wait for it);
// `--repository owner/name=N` sets a repository's issue count (repeatable; the defaults are
// Snowflake-Labs/sfquickstarts with 250 and Snowflake-Labs/snowcli with 42). `--rate-limit N` sets
// the requests allowed per hour, which the `X-RateLimit-*` headers report and past which the server
// answers GitHub's 403 (default GitHub's 5,000; at least 1): ingesting 1,000,000 issues at 100 a
// page takes 10,000 requests, more than one of GitHub's hours allows.

import ArgumentParser
import Foundation
import GitHubFixture
import Synchronization

struct FixturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures",
        abstract: "Local stand-ins for the services a connector calls.",
        subcommands: [GitHubFixtureCommand.self])
}

struct GitHubFixtureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "github",
        abstract: "Serve a mock of GitHub's issues API on 127.0.0.1 until interrupted.")

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 8123
    @Option(name: .customLong("port-file"), help: "Write the port here once listening.")
    var portFile: String?
    @Option(name: .customLong("repository"), help: "owner/name=ISSUES; repeat for more (replaces the defaults).")
    var repositories: [String] = []
    @Option(name: .customLong("rate-limit"), help: "Requests allowed per hour, as X-RateLimit-Limit reports (GitHub's: 5000); at least 1.")
    var rateLimit = GitHubFixture.Configuration().rateLimit
    @Option(help: "The token clients must send as a bearer token.")
    var token = GitHubFixture.defaultToken
    @Flag(name: .customLong("print-token"), help: "Print the token clients must send, and exit.")
    var printToken = false

    func validate() throws {
        guard rateLimit >= 1 else {
            throw ValidationError("--rate-limit takes the requests allowed per hour, at least 1, not \(rateLimit)")
        }
    }

    func run() throws {
        if printToken {
            print(token)
            return
        }
        var configuration = GitHubFixture.Configuration(token: token, rateLimit: rateLimit)
        if !repositories.isEmpty {
            configuration.repositories = try repositories.map(Self.repository)
        }
        let portFile = self.portFile, port = self.port, serving = configuration
        let outcome = FixtureOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await GitHubFixtureServer.serve(configuration: serving, port: port) { server in
                    let line = "GitHub fixture on \(server.localURL): \(serving.repositories.map(\.description).joined(separator: ", "))\n"
                    CommandOutput.line(String(line.dropLast()))
                    if let portFile { try? "\(server.port)\n".write(toFile: portFile, atomically: true, encoding: .utf8) }
                }
            } catch {
                outcome.fail(error)
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw ValidationError("the GitHub fixture stopped: \(error)") }
    }

    /// `owner/name=N`.
    static func repository(_ text: String) throws -> GitHubFixture.Repository {
        let parts = text.split(separator: "=", maxSplits: 1)
        let names = parts.first?.split(separator: "/") ?? []
        guard parts.count == 2, names.count == 2, let count = Int(parts[1]), count >= 0 else {
            throw ValidationError("--repository takes owner/name=ISSUES, not '\(text)'")
        }
        return GitHubFixture.Repository(owner: String(names[0]), name: String(names[1]), issueCount: count)
    }
}

/// The serving task's failure, handed back to the command's thread.
private final class FixtureOutcome: Sendable {
    private let failure = Mutex<Error?>(nil)
    var error: Error? { failure.withLock { $0 } }
    func fail(_ error: Error) { failure.withLock { $0 = error } }
}
