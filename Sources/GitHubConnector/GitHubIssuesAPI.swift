// GitHubIssuesAPI: one page of a repository's issues at a time, through the procedure's egress
// client (so only hosts its network rules allow are reached, and every request is logged to the
// account's EGRESS_HISTORY). It sends the token as `Authorization: Bearer`, GitHub's Accept and
// API-version headers and a User-Agent; reads the next page from `Link: <…>; rel="next"`; retries
// 5xx answers and connection failures with exponential backoff; waits out a 403/429 rate limit
// when its reset is near and otherwise fails naming the reset time; says plainly when the token
// is refused (401). https://docs.github.com/en/rest/issues/issues#list-repository-issues

import Egress
import Engine
import Foundation
import Synchronization

/// How ingestion talks to GitHub: the original quickstart's behaviour, or better (config keys).
struct IngestionOptions {
    /// `per_page` (1…100); the original sends none, so GitHub's default of 30 applies.
    var perPage: Int? = 100
    /// `issue_state`: open (the original), closed or all.
    var state = "all"
    /// `incremental`: ask only for issues updated since the newest `updated_at` already stored.
    var incremental = true
    /// `max_retries` for 5xx answers and connection failures; 0 fails at once, as the original does.
    var maxRetries = 3
    /// `rate_limit_max_wait_seconds`: wait for a rate-limit reset at most this long, else fail.
    var rateLimitMaxWait = 60
    /// `max_pages`: a run fetches at most this many pages, then fails (issue 17, item 9). 10,000
    /// pages are a million issues at 100 a page, more than any repository has; a server whose
    /// links never end stops here instead of filling APP_STATE with a row per page.
    var maxPages = 10_000

    init(config: [String: Any]) {
        if let value = config["per_page"] as? Int { perPage = min(max(value, 1), 100) }
        if let value = config["issue_state"] as? String, ["open", "closed", "all"].contains(value) { state = value }
        if let value = config["incremental"] as? Bool { incremental = value }
        if let value = config["max_retries"] as? Int { maxRetries = max(value, 0) }
        if let value = config["rate_limit_max_wait_seconds"] as? Int { rateLimitMaxWait = max(value, 0) }
        if let value = config["max_pages"] as? Int { maxPages = max(value, 1) }
    }
}

/// One page as it came back.
struct IssuePage {
    var url: String
    var body: Data
    var nextPageLink: String?
}

struct GitHubIssuesAPI {
    static let origin = "https://api.github.com"
    let client: EgressClient
    let token: String
    let options: IngestionOptions
    let environment: ConnectorEnvironment
    let context: ProcedureContext

    /// The first page's URL for `owner/repo`, with the options' query.
    func firstPageURL(_ resource: String, since: String?) -> String {
        var query = ["state=\(options.state)"]
        if let perPage = options.perPage { query.append("per_page=\(perPage)") }
        if let since, options.incremental, let encoded = since.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.:"))) {
            query.append("since=\(encoded)")
        }
        return "\(Self.origin)/repos/\(resource)/issues?" + query.joined(separator: "&")
    }

    /// The GET of one page, with GitHub's headers and the token.
    func request(_ url: String) -> HTTPRequest {
        HTTPRequest(.get, url, headers: [
            HTTPHeader("Authorization", "Bearer \(token)"), HTTPHeader("Accept", "application/vnd.github+json"),
            HTTPHeader("X-GitHub-Api-Version", "2022-11-28"), HTTPHeader("User-Agent", "snowlite-github-connector"),
        ])
    }

    /// GETs one page, retrying and waiting as the options allow. With `lookahead` (the same GET,
    /// sent ahead by PageLookahead) its answer is the first attempt's.
    func page(_ url: String, lookahead: PageLookahead? = nil) throws -> IssuePage {
        var attempt = 0
        var early = lookahead?.url == url ? lookahead?.answer() : nil
        while true {
            let response: HTTPResponse
            do {
                if let answer = early {
                    early = nil
                    response = try answer.get()
                } else {
                    response = try client.send(request(url))
                }
            } catch {
                // A denied request is final; a failed connection may be retried.
                guard error.code == .transport, attempt < options.maxRetries else { throw ConnectorError(error.message) }
                attempt += 1
                backOff(attempt, because: error.message)
                continue
            }
            switch response.status {
            case 200..<300:
                return IssuePage(url: url, body: response.body, nextPageLink: Self.nextPageLink(response.headers(named: "Link")))
            case 401:
                throw ConnectorError("GitHub refused the token (401 Bad credentials); check the secret bound as 'token'")
            case 403, 429:
                if let wait = rateLimitWait(response) {
                    guard wait <= options.rateLimitMaxWait else {
                        throw ConnectorError("GitHub rate limit exceeded; it resets at \(resetTime(response))")
                    }
                    context.log("warn", "GitHub rate limit reached; waiting \(wait) s")
                    environment.sleep(.seconds(wait))
                    continue
                }
                throw ConnectorError("GitHub answered \(response.status) for \(url)")
            case 500..<600 where attempt < options.maxRetries:
                attempt += 1
                backOff(attempt, because: "GitHub answered \(response.status)")
            default:
                throw ConnectorError("GitHub answered \(response.status) for \(url)")
            }
        }
    }

    private func backOff(_ attempt: Int, because reason: String) {
        let delay = Duration.milliseconds(500 * (1 << (attempt - 1)))
        context.log("warn", "\(reason); retry \(attempt) of \(options.maxRetries) after \(delay)")
        environment.sleep(delay)
    }

    /// Seconds until a rate limit resets, when the response is one (`X-RateLimit-Remaining: 0`
    /// with a reset time, or `Retry-After`); nil for any other 403/429.
    private func rateLimitWait(_ response: HTTPResponse) -> Int? {
        if let retryAfter = response.header("Retry-After").flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
            return max(retryAfter, 0)
        }
        guard response.header("X-RateLimit-Remaining")?.trimmingCharacters(in: .whitespaces) == "0",
              let reset = response.header("X-RateLimit-Reset").flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }) else {
            return nil
        }
        return max(Int((reset - environment.clock().timeIntervalSince1970).rounded(.up)), 0)
    }

    private func resetTime(_ response: HTTPResponse) -> String {
        let reset = response.header("X-RateLimit-Reset").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            .map { Date(timeIntervalSince1970: $0) } ?? environment.clock().addingTimeInterval(Double(rateLimitWait(response) ?? 0))
        return ISO8601DateFormatter().string(from: reset)
    }

    /// The `rel="next"` target of Link headers: `<https://…&page=2>; rel="next", <…>; rel="last"`.
    static func nextPageLink(_ headers: [String]) -> String? {
        for header in headers {
            for link in header.split(separator: ",") {
                let parts = link.split(separator: ";").map(withoutBlanks)
                guard let target = parts.first, target.hasPrefix("<"), target.hasSuffix(">"),
                      parts.dropFirst().contains(where: { $0.filter { $0 != " " } == "rel=\"next\"" }) else { continue }
                return String(target.dropFirst().dropLast())
            }
        }
        return nil
    }

    /// `text` without the spaces and tabs at either end.
    private static func withoutBlanks(_ text: Substring) -> Substring {
        var text = text
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}

/// The next page's GET, sent on the run's lookahead thread (LookaheadWorker) while the procedure
/// merges the current page: GitHub's (or the fixture's) time to answer overlaps Snowlite's work
/// instead of adding to it. The request is the one `page` would send, judged by the same policy;
/// its log entries wait in a buffer until the procedure's thread takes the answer (or drops it) and
/// records them in order.
final class PageLookahead: @unchecked Sendable {
    let url: String
    private let buffer = EgressLogBuffer()
    private let finished = DispatchSemaphore(value: 0)
    private var result: Result<HTTPResponse, EgressError>?
    private let log: any EgressLog

    /// Sends `api`'s GET of `url`, on `worker`, through a copy of its client that logs into a buffer.
    init(_ url: String, api: GitHubIssuesAPI, on worker: LookaheadWorker) {
        self.url = url
        log = api.client.log
        let client = EgressClient(policy: api.client.policy, transport: api.client.transport, map: api.client.map,
                                  clock: api.client.clock, log: buffer)
        let request = api.request(url)
        worker.send { [self] in
            result = Result { () throws(EgressError) in try client.send(request) }
            finished.signal()
        }
    }

    /// Waits for the answer and records its log entries (on the caller's thread).
    func answer() -> Result<HTTPResponse, EgressError> {
        finished.wait()
        finished.signal()  // a second call returns at once
        for entry in buffer.drain() { log.record(entry) }
        return result!
    }
}

/// One thread for a run's lookaheads, instead of a thread (and its malloc arena) per page: it is
/// started by the first request sent, runs the requests one after another in the order sent, and
/// ends after the last one once the run lets go of the worker. Nothing in it outlives the run.
final class LookaheadWorker: Sendable {
    private let queue = JobQueue()
    private let started = Mutex(false)

    func send(_ job: @escaping @Sendable () -> Void) {
        queue.push(job)
        guard started.withLock({ started in
            defer { started = true }
            return !started
        }) else { return }
        let queue = self.queue
        Thread {
            // Named from inside: Foundation on Linux names only the running thread, and Linux keeps 15 bytes.
            Thread.current.name = "page-lookahead"
            queue.run()
        }.start()
    }

    deinit { queue.push(nil) }

    /// The jobs sent and not yet taken; nil, the last, ends the thread.
    private final class JobQueue: Sendable {
        private let jobs = Mutex<[(@Sendable () -> Void)?]>([])
        private let available = DispatchSemaphore(value: 0)

        func push(_ job: (@Sendable () -> Void)?) {
            jobs.withLock { $0.append(job) }
            available.signal()
        }

        /// Runs the jobs in order until the nil that ends them.
        func run() {
            while true {
                available.wait()
                guard let job = jobs.withLock({ $0.removeFirst() }) else { return }
                job()
            }
        }
    }
}
