// IssueRoutes: the fixture's HTTP surface on a Hummingbird router. One middleware stands at the
// door of every request, in GitHub's order: it records the request, refuses a missing or wrong token
// (401), counts the request against the rate limit (403 once it is used up), turns any unknown route
// into GitHub's 404 body, and stamps the `X-RateLimit-*` headers on whatever goes out. Behind it:
//
//   GET /repos/{owner}/{repo}/issues           a page of issues, with GitHub's `Link` header
//   GET /repos/{owner}/{repo}/issues/{number}  one issue (so an issue's own `url` leads somewhere)
//
// Armed faults fire on these two routes only, after the repository and the query have been
// checked, so a mistyped request never uses up a once-fault.

import Hummingbird

extension GitHubFixtureServer {
    /// The fixture's router over `controller`: what `run` and `serve` serve, and what route tests
    /// drive in-process (`Application(router:).test(.router)`).
    public static func buildRouter(controller: GitHubFixture.Controller) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: GitHubGate(controller: controller))
        let issues = IssueRoutes(controller: controller)
        router.get("/repos/:owner/:repo/issues") { request, context in try await issues.list(request, context: context) }
        router.get("/repos/:owner/:repo/issues/:number") { request, context in try await issues.show(request, context: context) }
        return router
    }
}

extension GitHubFixture.RecordedRequest {
    /// `request` as the log keeps it: HTTP/1's Host header arrives as the request's authority, and
    /// is put first.
    init(_ request: Request) {
        let host = request.head.authority.map { [HeaderField(name: "host", value: $0)] } ?? []
        self.init(
            method: request.method.rawValue, uri: request.uri.string,
            headers: host + request.headers.map { HeaderField(name: $0.name.canonicalName, value: $0.value) })
    }
}

/// What every request passes before a route: the log, the token, the rate limit; and the 404 body
/// and rate-limit headers on the way out.
struct GitHubGate<Context: RequestContext>: RouterMiddleware {
    let controller: GitHubFixture.Controller

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        controller.record(GitHubFixture.RecordedRequest(request))
        guard controller.authorizes(request.headers[.authorization]) else {
            var response = GitHubResponses.badCredentials()
            GitHubResponses.addRateLimit(controller.rateLimit, to: &response.headers)
            return response
        }
        let (allowed, rateLimit) = controller.takeRequest()
        guard allowed else { return GitHubResponses.rateLimitExceeded(rateLimit) }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            response = GitHubResponses.notFound()
        }
        GitHubResponses.addRateLimit(rateLimit, to: &response.headers)
        return response
    }
}

/// The two issue routes.
struct IssueRoutes: Sendable {
    let controller: GitHubFixture.Controller

    /// `GET /repos/{owner}/{repo}/issues`: one page of the listing the query describes.
    func list(_ request: Request, context: some RequestContext) async throws -> Response {
        guard let repository = try repository(of: context) else { return GitHubResponses.notFound() }
        let query: IssueQuery
        do {
            query = try IssueQuery(query: request.uri.query)
        } catch {
            return GitHubResponses.validationFailed(field: error.name)
        }
        let base = controller.configuration.publicBaseURL, path = request.uri.path
        // The two link faults replace the Link header: the request's own URL, or the next page's.
        let relink = { (effect: GitHubFixture.Fault.Effect) -> String? in
            switch effect {
            case .linkToItself: "<\(base)\(path)\(request.uri.query.map { "?" + $0 } ?? "")>; rel=\"next\""
            case .endlessNextLinks: query.nextLink(baseURL: base, path: path)
            default: nil
            }
        }
        return try await withFaults(page: query.page, relink: relink) {
            let (numbers, total) = repository.list(query.filter, offset: query.offset, limit: query.perPage)
            var headers = HTTPFields()
            headers[GitHubResponses.link] = query.linkHeader(
                total: total, baseURL: controller.configuration.publicBaseURL, path: request.uri.path)
            if let bytes = GitHubFixture.Issue.jsonPage(numbers, of: repository, configuration: controller.configuration) {
                return (ByteBuffer(bytes: bytes), headers)
            }
            let issues = numbers.compactMap { GitHubFixture.Issue(number: $0, of: repository, configuration: controller.configuration) }
            if let bytes = GitHubFixture.Issue.jsonArray(issues) { return (ByteBuffer(bytes: bytes), headers) }
            return (try GitHubResponses.encode(issues), headers)
        }
    }

    /// `GET /repos/{owner}/{repo}/issues/{number}`: one issue.
    func show(_ request: Request, context: some RequestContext) async throws -> Response {
        guard let repository = try repository(of: context),
              let number = context.parameters.get("number", as: Int.self),
              let issue = GitHubFixture.Issue(number: number, of: repository, configuration: controller.configuration)
        else { return GitHubResponses.notFound() }
        return try await withFaults(page: nil) { (try GitHubResponses.encode(issue), HTTPFields()) }
    }

    /// The repository the path names, nil when the fixture serves no such repository.
    private func repository(of context: some RequestContext) throws -> RepositoryIssues? {
        controller.repository(owner: try context.parameters.require("owner"), name: try context.parameters.require("repo"))
    }

    /// Applies the faults armed for `page`: waits their delay, answers a failure instead of
    /// `answer`, cuts `answer`'s JSON short, or replaces its Link header with what `relink` gives.
    private func withFaults(page: Int?, relink: (GitHubFixture.Fault.Effect) -> String? = { _ in nil },
                            answer: () throws -> (body: ByteBuffer, headers: HTTPFields)) async throws -> Response {
        let plan = controller.takeFaults(page: page)
        if plan.delayMilliseconds > 0 {
            try await Task.sleep(for: .milliseconds(plan.delayMilliseconds))
        }
        if let failure = plan.failure, let response = GitHubResponses.failure(failure, rateLimit: controller.rateLimit) {
            return response
        }
        var (body, headers) = try answer()
        if plan.failure == .malformedJSON {
            body = GitHubResponses.truncated(body)
        }
        if let failure = plan.failure, let link = relink(failure) {
            headers[GitHubResponses.link] = link
        }
        return GitHubResponses.json(.ok, body, headers: headers)
    }
}
