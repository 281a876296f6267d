// IssueQuery: the query string of `GET /repos/{owner}/{repo}/issues`, read as GitHub reads it, and
// the `Link` header GitHub answers it with. Parameters: `state` (open | closed | all, default
// open), `since` (ISO-8601; only issues updated at or after it), `sort` (created | updated,
// default created), `direction` (asc | desc, default desc), `per_page` (default 30, at most 100)
// and `page` (default 1). An unknown `state`, `sort` or `direction`, or a `since` that is not a
// timestamp, is answered 422 Validation Failed; a `page` or `per_page` that is not a positive
// number falls back to its default.
//
// The `Link` header keeps the request's other parameters as they were sent, in their order, and
// only replaces (or appends) `page`, as GitHub does: rel="prev", "next", "last", "first", in that
// order, each present only where it leads somewhere.
// https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api

import Foundation

struct IssueQuery: Sendable, Equatable {
    enum StateFilter: String, Sendable {
        case open, closed, all
    }

    enum Sort: String, Sendable {
        case created, updated
    }

    enum Direction: String, Sendable {
        case ascending = "asc"
        case descending = "desc"
    }

    /// Which issues are listed, and in which order.
    struct Filter: Sendable, Equatable {
        var state: StateFilter = .open
        /// Seconds since 1970 UTC.
        var since: Int?
        var sort: Sort = .created
        var direction: Direction = .descending
    }

    /// A parameter GitHub would refuse, by name.
    struct InvalidParameter: Error, Equatable {
        var name: String
    }

    static let defaultPerPage = 30
    static let maximumPerPage = 100

    var filter = Filter()
    var page = 1
    var perPage = IssueQuery.defaultPerPage
    /// The query's `name=value` items as received (still percent-encoded), in order.
    var items: [String] = []

    /// Reads a raw (percent-encoded) query string; nil or empty is every default.
    init(query: String?) throws(InvalidParameter) {
        items = (query ?? "").split(separator: "&", omittingEmptySubsequences: true).map(String.init)
        var seen = Set<String>()
        for item in items {
            let (name, value) = Self.split(item)
            guard seen.insert(name).inserted else { continue }  // the first of a repeated name counts
            switch name {
            case "state":
                guard let state = StateFilter(rawValue: value) else { throw InvalidParameter(name: name) }
                filter.state = state
            case "since":
                guard let since = Timestamp.parse(value) else { throw InvalidParameter(name: name) }
                filter.since = since
            case "sort":
                guard let sort = Sort(rawValue: value) else { throw InvalidParameter(name: name) }
                filter.sort = sort
            case "direction":
                guard let direction = Direction(rawValue: value) else { throw InvalidParameter(name: name) }
                filter.direction = direction
            case "per_page":
                if let perPage = Int(value), perPage > 0 { self.perPage = min(perPage, Self.maximumPerPage) }
            case "page":
                if let page = Int(value), page > 0 { self.page = page }
            default:
                continue
            }
        }
    }

    /// Where this page starts in the whole listing.
    var offset: Int { (page - 1) * perPage }

    /// GitHub's `Link` header for this page of a listing of `total` issues at `path` (as the
    /// request spelled it) on `baseURL`; nil when everything fits on the first page.
    func linkHeader(total: Int, baseURL: String, path: String) -> String? {
        let lastPage = max(1, (total + perPage - 1) / perPage)
        guard page > 1 || lastPage > 1 else { return nil }
        var links: [(page: Int, relation: String)] = []
        if page > 1 { links.append((page - 1, "prev")) }
        if page < lastPage { links += [(page + 1, "next"), (lastPage, "last")] }
        if page > 1 { links.append((1, "first")) }
        return links.map { "<\(baseURL)\(path)?\(query(page: $0.page))>; rel=\"\($0.relation)\"" }.joined(separator: ", ")
    }

    /// A Link header whose only link is `rel="next"` to the following page, wherever this one is.
    func nextLink(baseURL: String, path: String) -> String {
        "<\(baseURL)\(path)?\(query(page: page + 1))>; rel=\"next\""
    }

    /// The request's query with `page` set to `number`: replaced where the request had it,
    /// appended where it had not.
    private func query(page number: Int) -> String {
        var replaced = false
        var result: [String] = []
        for item in items {
            if Self.split(item).name == "page" {
                if !replaced { result.append("page=\(number)") }
                replaced = true
            } else {
                result.append(item)
            }
        }
        if !replaced { result.append("page=\(number)") }
        return result.joined(separator: "&")
    }

    /// `name=value` percent-decoded into its two halves (`+` is left as it is: in a query it is
    /// not a space unless a form says so, and `since` may hold an offset like `+02:00`).
    private static func split(_ item: String) -> (name: String, value: String) {
        let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(parts[0])
        let value = parts.count > 1 ? String(parts[1]) : ""
        return (name.removingPercentEncoding ?? name, value.removingPercentEncoding ?? value)
    }
}
