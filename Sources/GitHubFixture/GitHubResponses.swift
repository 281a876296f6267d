// GitHubResponses: every answer the fixture gives, with GitHub's status codes, bodies and headers.
// Error bodies are exact text, written here once, because a connector (and its tests) may match on
// them: `{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}` and
// the like. Every response carries the `X-RateLimit-*` headers.
// https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api
// https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api

import Foundation
import Hummingbird

enum GitHubResponses {
    static let rateLimitDocumentation = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
    static let listIssuesDocumentation = "https://docs.github.com/rest/issues/issues#list-repository-issues"

    // MARK: - Bodies

    static let badCredentialsBody = #"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}"#
    static let notFoundBody = #"{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}"#
    static let serverErrorBody = #"{"message":"Server Error"}"#
    static let rateLimitExceededBody =
        #"{"message":"API rate limit exceeded for user ID 1.","documentation_url":"\#(rateLimitDocumentation)"}"#
    static let secondaryRateLimitBody =
        #"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"\#(rateLimitDocumentation)#about-secondary-rate-limits"}"#

    /// 422's body naming the parameter GitHub would refuse.
    static func validationFailedBody(field: String) -> String {
        #"{"message":"Validation Failed","errors":[{"resource":"Issue","code":"invalid","field":"\#(field)"}],"documentation_url":"\#(listIssuesDocumentation)"}"#
    }

    // MARK: - Headers

    /// HTTPTypes' `HTTPField.Name`, which Hummingbird does not re-export by name.
    typealias FieldName = HTTPFields.Element.Name

    static let rateLimitLimit = FieldName("X-RateLimit-Limit")!
    static let rateLimitRemaining = FieldName("X-RateLimit-Remaining")!
    static let rateLimitReset = FieldName("X-RateLimit-Reset")!
    static let rateLimitUsed = FieldName("X-RateLimit-Used")!
    static let rateLimitResource = FieldName("X-RateLimit-Resource")!
    static let link = FieldName("Link")!

    /// Adds the `X-RateLimit-*` headers for `rateLimit`, unless the response already has them
    /// (a rate-limit fault sets its own).
    static func addRateLimit(_ rateLimit: GitHubFixture.RateLimit, to headers: inout HTTPFields) {
        guard headers[rateLimitRemaining] == nil else { return }
        headers[rateLimitLimit] = String(rateLimit.limit)
        headers[rateLimitRemaining] = String(rateLimit.remaining)
        headers[rateLimitReset] = String(rateLimit.reset)
        headers[rateLimitUsed] = String(rateLimit.used)
        headers[rateLimitResource] = "core"
    }

    // MARK: - Responses

    /// `status` with a JSON body and, optionally, more headers.
    static func json(_ status: HTTPResponse.Status, _ body: String, headers extra: HTTPFields = [:]) -> Response {
        json(status, ByteBuffer(string: body), headers: extra)
    }

    static func json(_ status: HTTPResponse.Status, _ body: ByteBuffer, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    static func badCredentials() -> Response { json(.unauthorized, badCredentialsBody) }

    static func notFound() -> Response { json(.notFound, notFoundBody) }

    static func validationFailed(field: String) -> Response {
        json(.init(code: 422), validationFailedBody(field: field))
    }

    /// 403 for a used-up primary rate limit: nothing remaining until `rateLimit.reset`.
    static func rateLimitExceeded(_ rateLimit: GitHubFixture.RateLimit) -> Response {
        var headers = HTTPFields()
        addRateLimit(GitHubFixture.RateLimit(limit: rateLimit.limit, remaining: 0, used: rateLimit.limit, reset: rateLimit.reset), to: &headers)
        return json(.forbidden, rateLimitExceededBody, headers: headers)
    }

    /// The answer a fault gives instead of the real one; nil for effects that only change the real
    /// answer (`malformedJSON`, `slow`, the two link faults).
    static func failure(_ effect: GitHubFixture.Fault.Effect, rateLimit: GitHubFixture.RateLimit) -> Response? {
        switch effect {
        case .serverError:
            return json(.internalServerError, serverErrorBody)
        case .rateLimitExceeded:
            return rateLimitExceeded(rateLimit)
        case .secondaryRateLimit(let seconds):
            return json(.init(code: 429), secondaryRateLimitBody, headers: [.retryAfter: String(seconds)])
        case .badCredentials:
            return badCredentials()
        case .malformedJSON, .slow, .linkToItself, .endlessNextLinks:
            return nil
        }
    }

    // MARK: - Issues

    /// Issues as GitHub writes them: compact, keys sorted, slashes not escaped.
    static func encode<T: Encodable>(_ value: T) throws -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return ByteBuffer(bytes: try encoder.encode(value))
    }

    /// The first half of `body`: what a connection cut mid-page, or a broken proxy, delivers.
    static func truncated(_ body: ByteBuffer) -> ByteBuffer {
        var body = body
        return body.readSlice(length: body.readableBytes / 2) ?? ByteBuffer()
    }
}
