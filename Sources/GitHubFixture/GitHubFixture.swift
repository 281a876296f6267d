// GitHubFixture: a stand-in for api.github.com's issue endpoints, for the connector that ingests
// GitHub issues and for its benchmarks. This file holds the namespace and its Configuration: which
// repositories exist and how many issues each has, the token a client must present, the public base
// URL every link is built on, the deterministic timeline issues are generated from, the rate limit
// and the faults to inject.
//
// Decided: links and issue URLs name the PUBLIC base URL (`https://api.github.com`), never the
// server's own loopback address, because clients reach the fixture through Snowlite's egress map,
// which rewrites api.github.com:443 to 127.0.0.1:port and keeps the URL the client asked for.
// Issues are never stored: issue n of a repository is computed from n (RepositoryIssues), so 100,000
// issues cost no memory until a page of them is asked for.

import Foundation

/// Namespace of the fixture's model: `GitHubFixture.Configuration`, `.Repository`, `.Issue`,
/// `.Fault`, `.Controller`, `.RecordedRequest`. The HTTP server is `GitHubFixtureServer`.
public enum GitHubFixture {
    /// The token the fixture accepts unless configured otherwise.
    public static let defaultToken = "ghp_snowlite_fixture_token"

    /// GitHub's REST documentation link, as its error bodies carry it.
    public static let documentationURL = "https://docs.github.com/rest"

    /// A repository the fixture serves, and how many issues it has when the server starts.
    public struct Repository: Sendable, Hashable, CustomStringConvertible {
        public var owner: String
        public var name: String
        public var issueCount: Int

        public init(owner: String, name: String, issueCount: Int) {
            precondition(issueCount >= 0, "a repository cannot have a negative number of issues")
            self.owner = owner
            self.name = name
            self.issueCount = issueCount
        }

        /// `owner/name`, as GitHub writes a repository's full name.
        public var fullName: String { "\(owner)/\(name)" }

        public var description: String { "\(fullName) (\(issueCount) issues)" }
    }

    /// Everything that decides what the fixture answers. Every field has GitHub-like defaults, so
    /// `Configuration()` is a usable fixture; tests change the fields they care about.
    public struct Configuration: Sendable, Equatable {
        /// The repositories served. Owner and name match case-insensitively, as on GitHub.
        public var repositories: [Repository]
        /// The only token accepted, as `Authorization: Bearer <token>` or `token <token>`.
        public var token: String
        /// The origin every URL in a body or a `Link` header is built on (no trailing slash).
        public var publicBaseURL: String
        /// The origin of `html_url` (no trailing slash).
        public var htmlBaseURL: String
        /// Issue 1 is created `secondsBetweenIssues` after this instant.
        public var epoch: Date
        /// Issue n+1 is created this many seconds after issue n.
        public var secondsBetweenIssues: Int
        /// A generated issue was last updated this many seconds after it was created.
        public var secondsUntilUpdate: Int
        /// Issue n is closed when n is a multiple of this; 0 leaves every issue open.
        public var closedEvery: Int
        /// Requests allowed per rate-limit window (one hour), as `X-RateLimit-Limit` reports.
        /// The request past the limit is answered 403 "API rate limit exceeded", as GitHub does.
        public var rateLimit: Int
        /// Faults armed when the server starts; the controller can change them while it runs.
        public var faults: [Fault]

        public init(
            repositories: [Repository] = Configuration.defaultRepositories,
            token: String = GitHubFixture.defaultToken,
            publicBaseURL: String = "https://api.github.com",
            htmlBaseURL: String = "https://github.com",
            epoch: Date = Configuration.defaultEpoch,
            secondsBetweenIssues: Int = 600,
            secondsUntilUpdate: Int = 3600,
            closedEvery: Int = 5,
            rateLimit: Int = 5000,
            faults: [Fault] = []
        ) {
            precondition(secondsBetweenIssues > 0, "issues must be created at distinct instants")
            precondition(secondsUntilUpdate >= 0, "an issue cannot be updated before it is created")
            precondition(closedEvery >= 0 && rateLimit >= 0)
            self.repositories = repositories
            self.token = token
            self.publicBaseURL = publicBaseURL.hasSuffix("/") ? String(publicBaseURL.dropLast()) : publicBaseURL
            self.htmlBaseURL = htmlBaseURL.hasSuffix("/") ? String(htmlBaseURL.dropLast()) : htmlBaseURL
            self.epoch = epoch
            self.secondsBetweenIssues = secondsBetweenIssues
            self.secondsUntilUpdate = secondsUntilUpdate
            self.closedEvery = closedEvery
            self.rateLimit = rateLimit
            self.faults = faults
        }

        /// Two Snowflake-Labs repositories: one with several pages of issues, one with two.
        public static let defaultRepositories = [
            Repository(owner: "Snowflake-Labs", name: "sfquickstarts", issueCount: 250),
            Repository(owner: "Snowflake-Labs", name: "snowcli", issueCount: 42),
        ]

        /// 2024-01-01T00:00:00Z.
        public static let defaultEpoch = Date(timeIntervalSince1970: 1_704_067_200)

        /// The repository called `owner/name`, compared case-insensitively.
        public func repository(owner: String, name: String) -> Repository? {
            repositories.first { $0.owner.lowercased() == owner.lowercased() && $0.name.lowercased() == name.lowercased() }
        }
    }

    /// A mutation or look-up named a repository or an issue the fixture does not serve.
    public enum ControllerError: Error, Equatable, CustomStringConvertible {
        case unknownRepository(String)
        case unknownIssue(repository: String, number: Int)

        public var description: String {
            switch self {
            case .unknownRepository(let name): "the GitHub fixture serves no repository \(name)"
            case .unknownIssue(let repository, let number): "the GitHub fixture's \(repository) has no issue #\(number)"
            }
        }
    }
}
