// Fault: a failure the fixture injects on purpose, so a connector's retry, back-off, rate-limit and
// parse-error paths can be tested against the answers GitHub really gives. A fault is armed in the
// Configuration or, while the server runs, through the Controller; it fires on the issue routes
// (the list and one issue), on one page of the list or on every request, once or always.
//
// What each effect answers (bodies in GitHubResponses):
//   serverError            500 `{"message":"Server Error"}`
//   rateLimitExceeded      403 "API rate limit exceeded for user ID 1.", X-RateLimit-Remaining: 0
//   secondaryRateLimit(n)  429 "You have exceeded a secondary rate limit…", Retry-After: n
//   badCredentials         401 "Bad credentials", even for the right token
//   malformedJSON          200 with the page's normal headers and its JSON cut off halfway
//   slow(ms)               waits ms milliseconds, then answers as if the fault were not there
//   linkToItself           200 with the page, its `Link: rel="next"` naming the request's own URL
//   endlessNextLinks       200 with the page, its `rel="next"` naming the following page even past
//                          the last one (an empty page), so the links never end
// https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api

extension GitHubFixture {
    public struct Fault: Sendable, Equatable, CustomStringConvertible {
        public enum Effect: Sendable, Equatable {
            case serverError
            case rateLimitExceeded
            case secondaryRateLimit(retryAfterSeconds: Int)
            case badCredentials
            case malformedJSON
            case slow(milliseconds: Int)
            case linkToItself
            case endlessNextLinks
        }

        /// Whether the fault disarms itself after firing once.
        public enum Occurrence: Sendable, Equatable {
            case once
            case always
        }

        public var effect: Effect
        /// The `page` of the issue list it fires on (1 when a request names none); nil: every
        /// request to an issue route, a single issue included.
        public var page: Int?
        public var occurrence: Occurrence

        public init(_ effect: Effect, page: Int? = nil, occurrence: Occurrence = .always) {
            self.effect = effect
            self.page = page
            self.occurrence = occurrence
        }

        /// 500 Internal Server Error.
        public static func serverError(page: Int? = nil, _ occurrence: Occurrence = .always) -> Fault {
            Fault(.serverError, page: page, occurrence: occurrence)
        }

        /// 403 with `X-RateLimit-Remaining: 0`: the primary rate limit is used up.
        public static func rateLimitExceeded(page: Int? = nil, _ occurrence: Occurrence = .always) -> Fault {
            Fault(.rateLimitExceeded, page: page, occurrence: occurrence)
        }

        /// 429 with `Retry-After`: a secondary (abuse) rate limit.
        public static func secondaryRateLimit(retryAfter seconds: Int, page: Int? = nil, _ occurrence: Occurrence = .always) -> Fault {
            Fault(.secondaryRateLimit(retryAfterSeconds: seconds), page: page, occurrence: occurrence)
        }

        /// 401 Bad credentials on every issue request, whatever the token.
        public static let badCredentials = Fault(.badCredentials)

        /// 200 whose JSON body is cut off halfway.
        public static func malformedJSON(page: Int? = nil, _ occurrence: Occurrence = .always) -> Fault {
            Fault(.malformedJSON, page: page, occurrence: occurrence)
        }

        /// A delay before the answer.
        public static func slow(milliseconds: Int, page: Int? = nil, _ occurrence: Occurrence = .always) -> Fault {
            Fault(.slow(milliseconds: milliseconds), page: page, occurrence: occurrence)
        }

        /// 200 whose `rel="next"` link names the page itself (a server stuck on one page).
        public static func linkToItself(page: Int? = nil, _ occurrence: Occurrence = .always) -> Fault {
            Fault(.linkToItself, page: page, occurrence: occurrence)
        }

        /// 200 whose `rel="next"` link always names the following page, past the last one too.
        public static func endlessNextLinks(page: Int? = nil, _ occurrence: Occurrence = .always) -> Fault {
            Fault(.endlessNextLinks, page: page, occurrence: occurrence)
        }

        public var description: String {
            let what: String =
                switch effect {
                case .serverError: "500 server error"
                case .rateLimitExceeded: "403 rate limit exceeded"
                case .secondaryRateLimit(let seconds): "429 secondary rate limit, retry after \(seconds) s"
                case .badCredentials: "401 bad credentials"
                case .malformedJSON: "malformed JSON"
                case .slow(let milliseconds): "\(milliseconds) ms delay"
                case .linkToItself: "next link to the page itself"
                case .endlessNextLinks: "endless next links"
                }
            let scope = page.map { "on page \($0)" } ?? "on every request"
            return "\(what) \(scope), \(occurrence == .once ? "once" : "always")"
        }

        /// Whether the fault fires for a request to page `page` of the issue list (nil: not a
        /// list request).
        func applies(toPage requestPage: Int?) -> Bool {
            guard let page else { return true }
            return requestPage == page
        }
    }

    /// What the armed faults do to one request: a delay, then at most one failure.
    struct FaultPlan: Sendable, Equatable {
        var delayMilliseconds = 0
        var failure: Fault.Effect?

        /// Picks the faults that fire for `page` in the order they were armed: every `slow` adds
        /// its delay, the first other fault is the failure. Once-faults that fired are disarmed;
        /// faults after the failure do not fire, so they stay armed.
        static func take(from faults: inout [Fault], page: Int?) -> FaultPlan {
            var plan = FaultPlan()
            var fired: [Int] = []
            for (index, fault) in faults.enumerated() where fault.applies(toPage: page) {
                if case .slow(let milliseconds) = fault.effect {
                    plan.delayMilliseconds += max(0, milliseconds)
                } else if plan.failure == nil {
                    plan.failure = fault.effect
                } else {
                    continue
                }
                if fault.occurrence == .once { fired.append(index) }
            }
            for index in fired.reversed() { faults.remove(at: index) }
            return plan
        }
    }
}
