// Controller: the fixture's mutable state, shared by the server's request handlers and the test or
// benchmark that drives it, and safe to use from both at once (one lock around everything). It
// holds each repository's issues (computed, plus the few changed ones), the armed faults, the log
// of every request received and the rate-limit window.
//
// A test flips behaviour between requests through it: arms a fault, changes an issue or adds some
// ("a page that changes between runs"), then reads back what the server was asked.

import Foundation
import Synchronization

extension GitHubFixture {
    /// One request as the server received it.
    public struct RecordedRequest: Sendable, Equatable, CustomStringConvertible {
        public struct HeaderField: Sendable, Equatable {
            /// Lower-cased, as HTTP/2 and SwiftNIO's HTTP types spell field names.
            public var name: String
            public var value: String

            public init(name: String, value: String) {
                self.name = name.lowercased()
                self.value = value
            }
        }

        public var method: String
        /// Path and query as the request line had them (still percent-encoded).
        public var uri: String
        /// In the order received; `host` first when the request named one.
        public var headers: [HeaderField]

        public init(method: String, uri: String, headers: [HeaderField]) {
            self.method = method
            self.uri = uri
            self.headers = headers
        }

        /// The first value of header `name` (any case), nil when absent.
        public func header(_ name: String) -> String? {
            let name = name.lowercased()
            return headers.first { $0.name == name }?.value
        }

        public var description: String { "\(method) \(uri)" }
    }

    /// The primary rate limit as the `X-RateLimit-*` headers report it.
    public struct RateLimit: Sendable, Equatable {
        public var limit: Int
        public var remaining: Int
        public var used: Int
        /// When the window resets, in seconds since 1970 UTC.
        public var reset: Int

        public init(limit: Int, remaining: Int, used: Int, reset: Int) {
            self.limit = limit
            self.remaining = remaining
            self.used = used
            self.reset = reset
        }
    }

    public final class Controller: Sendable {
        /// The configuration the fixture started with (faults and issues may have changed since).
        public let configuration: Configuration
        /// A window lasts an hour, as GitHub's does.
        static let rateLimitWindow = 3600

        private let clock: @Sendable () -> Date
        /// What requests and the test change, behind one lock.
        private struct State {
            var repositories: [String: RepositoryIssues] = [:]
            var armed: [Fault]
            var log: [RecordedRequest] = []
            var window: (start: Int, used: Int)?
        }
        private let state: Mutex<State>

        /// `clock` tells the time for the rate-limit window only; issues use the configured epoch.
        public init(configuration: Configuration = Configuration(), clock: @escaping @Sendable () -> Date = { Date() }) {
            self.configuration = configuration
            self.clock = clock
            var initial = State(armed: configuration.faults)
            for repository in configuration.repositories {
                initial.repositories[Self.key(repository.fullName)] = RepositoryIssues(repository, configuration: configuration)
            }
            state = Mutex(initial)
        }

        private func locked<T: Sendable>(_ body: (inout State) throws -> T) rethrows -> T {
            try state.withLock { try body(&$0) }
        }

        private static func key(_ fullName: String) -> String { fullName.lowercased() }

        // MARK: - Faults

        /// The faults armed now, in the order they are checked.
        public var faults: [Fault] { locked { $0.armed } }

        /// Arms `fault` after those already armed.
        public func arm(_ fault: Fault) { locked { $0.armed.append(fault) } }

        /// Replaces every armed fault.
        public func setFaults(_ faults: [Fault]) { locked { $0.armed = faults } }

        public func clearFaults() { setFaults([]) }

        /// What the armed faults do to a request for `page` of an issue list (nil: another issue
        /// route); once-faults that fire are disarmed.
        func takeFaults(page: Int?) -> FaultPlan { locked { FaultPlan.take(from: &$0.armed, page: page) } }

        // MARK: - Issues

        /// Changes issue `number` of `repo` ("owner/name") as an edit on GitHub would: a new title
        /// and/or state, and an updated_at a minute after the latest activity in the repository,
        /// so an ingestion that asks `since` its last run sees exactly this issue again.
        @discardableResult
        public func updateIssue(repo: String, number: Int, title: String? = nil, state: IssueState? = nil) throws -> Issue {
            try locked { current in
                guard var repository = current.repositories[Self.key(repo)] else { throw ControllerError.unknownRepository(repo) }
                guard repository.change(number, title: title, state: state) else {
                    throw ControllerError.unknownIssue(repository: repo, number: number)
                }
                current.repositories[Self.key(repo)] = repository
                return Issue(number: number, of: repository, configuration: configuration)!
            }
        }

        /// Opens `count` new issues in `repo`, created after everything so far; returns their numbers.
        @discardableResult
        public func addIssues(repo: String, count: Int) throws -> Range<Int> {
            try locked { current in
                guard var repository = current.repositories[Self.key(repo)] else { throw ControllerError.unknownRepository(repo) }
                let numbers = repository.add(count)
                current.repositories[Self.key(repo)] = repository
                return numbers
            }
        }

        /// Issue `number` of `repo` as the API serves it now; nil when there is none.
        public func issue(repo: String, number: Int) -> Issue? {
            guard let repository = locked({ $0.repositories[Self.key(repo)] }) else { return nil }
            return Issue(number: number, of: repository, configuration: configuration)
        }

        /// How many issues `repo` has now, open and closed; nil for an unknown repository.
        public func issueCount(repo: String) -> Int? { locked { $0.repositories[Self.key(repo)]?.count } }

        /// A copy of one repository's state, to list from without holding the lock.
        func repository(owner: String, name: String) -> RepositoryIssues? {
            locked { $0.repositories[Self.key("\(owner)/\(name)")] }
        }

        // MARK: - Requests

        /// Every request received so far, in order.
        public var requests: [RecordedRequest] { locked { $0.log } }

        public func clearRequests() { locked { $0.log.removeAll() } }

        func record(_ request: RecordedRequest) { locked { $0.log.append(request) } }

        // MARK: - Authentication and the rate limit

        /// Whether an `Authorization` header value carries the configured token, as
        /// `Bearer <token>` or `token <token>` (the scheme in any case).
        func authorizes(_ authorization: String?) -> Bool {
            guard let authorization else { return false }
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, ["bearer", "token"].contains(parts[0].lowercased()) else { return false }
            return parts[1].trimmingCharacters(in: .whitespaces) == configuration.token
        }

        /// The rate limit now, without counting a request.
        public var rateLimit: RateLimit {
            locked { status(of: currentWindow($0.window)) }
        }

        /// Starts a fresh window: the full limit again, resetting an hour from now.
        public func resetRateLimit() { locked { $0.window = nil } }

        /// Counts one request against the limit and returns the status after it; `allowed` is
        /// false (and nothing is counted) when the window was already used up.
        func takeRequest() -> (allowed: Bool, status: RateLimit) {
            locked { state in
                var current = currentWindow(state.window)
                guard current.used < configuration.rateLimit else {
                    state.window = current
                    return (false, status(of: current))
                }
                current.used += 1
                state.window = current
                return (true, status(of: current))
            }
        }

        /// The window in force given the last one (a new one when the last has run out).
        private func currentWindow(_ window: (start: Int, used: Int)?) -> (start: Int, used: Int) {
            let now = Int(clock().timeIntervalSince1970.rounded(.down))
            if let window, now < window.start + Self.rateLimitWindow { return window }
            return (now, 0)
        }

        private func status(of window: (start: Int, used: Int)) -> RateLimit {
            RateLimit(
                limit: configuration.rateLimit, remaining: max(0, configuration.rateLimit - window.used), used: window.used,
                reset: window.start + Self.rateLimitWindow)
        }
    }
}
