// Issue: one GitHub issue as the REST API returns it, with the fields the connector reads (id,
// node_id, the five API URLs, html_url, number, state, title, body, user, created_at, updated_at)
// and the few others GitHub always sends (state_reason, labels, comments, locked, closed_at,
// author_association). An issue is rendered from its number, its repository's timeline and any
// change the controller made to it: the same number always gives the same issue.
//
// What varies with n, so a connector meets GitHub's awkward cases on the first page already:
// every `closedEvery`-th issue is closed (closed_at = updated_at, state_reason "completed"); every
// 7th has `"body": null`; other bodies hold quotes, a backtick, a newline and a non-ASCII dash.
// https://docs.github.com/rest/issues/issues#list-repository-issues

import Foundation

extension GitHubFixture {
    public enum IssueState: String, Sendable, Codable, CaseIterable {
        case open
        case closed
    }

    /// The author of an issue, as GitHub's `user` object (login and id; the rest is not served).
    public struct User: Sendable, Equatable, Codable {
        public var login: String
        public var id: Int
        public var type: String

        public init(login: String, id: Int, type: String = "User") {
            self.login = login
            self.id = id
            self.type = type
        }

        /// Issue n is written by `authors[n % authors.count]`.
        static let authors = [
            User(login: "octocat", id: 583_231),
            User(login: "monalisa", id: 2_154_801),
            User(login: "sfc-gh-quickstarts", id: 93_045_312),
            User(login: "snowlite-dev", id: 120_004_007),
            User(login: "dependabot[bot]", id: 49_699_333, type: "Bot"),
        ]
    }

    /// A label on an issue, as GitHub's label object.
    public struct Label: Sendable, Equatable, Codable {
        public var id: Int
        public var url: String
        public var name: String
        public var color: String
        public var description: String

        /// GitHub's default `bug` label of the repository served from `api`.
        static func bug(api: String) -> Label {
            Label(id: 1_730_205_001, url: "\(api)/labels/bug", name: "bug", color: "d73a4a", description: "Something isn't working")
        }

        /// GitHub's default `documentation` label of the repository served from `api`.
        static func documentation(api: String) -> Label {
            Label(
                id: 1_730_205_002, url: "\(api)/labels/documentation", name: "documentation", color: "0075ca",
                description: "Improvements or additions to documentation")
        }
    }

    public struct Issue: Sendable, Equatable, Codable {
        public var id: Int
        public var nodeID: String
        public var url: String
        public var repositoryURL: String
        public var labelsURL: String
        public var commentsURL: String
        public var eventsURL: String
        public var htmlURL: String
        public var number: Int
        public var state: IssueState
        public var stateReason: String?
        public var title: String
        public var body: String?
        public var user: User
        public var labels: [Label]
        public var comments: Int
        public var locked: Bool
        public var authorAssociation: String
        public var createdAt: String
        public var updatedAt: String
        public var closedAt: String?

        enum CodingKeys: String, CodingKey {
            case id, url, number, state, title, body, user, labels, comments, locked
            case nodeID = "node_id"
            case repositoryURL = "repository_url"
            case labelsURL = "labels_url"
            case commentsURL = "comments_url"
            case eventsURL = "events_url"
            case htmlURL = "html_url"
            case stateReason = "state_reason"
            case authorAssociation = "author_association"
            case createdAt = "created_at"
            case updatedAt = "updated_at"
            case closedAt = "closed_at"
        }

        /// Writes every key GitHub writes, `null` included: a synthesized encoder would drop
        /// `"body": null`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(nodeID, forKey: .nodeID)
            try container.encode(url, forKey: .url)
            try container.encode(repositoryURL, forKey: .repositoryURL)
            try container.encode(labelsURL, forKey: .labelsURL)
            try container.encode(commentsURL, forKey: .commentsURL)
            try container.encode(eventsURL, forKey: .eventsURL)
            try container.encode(htmlURL, forKey: .htmlURL)
            try container.encode(number, forKey: .number)
            try container.encode(state, forKey: .state)
            try container.encode(stateReason, forKey: .stateReason)
            try container.encode(title, forKey: .title)
            try container.encode(body, forKey: .body)
            try container.encode(user, forKey: .user)
            try container.encode(labels, forKey: .labels)
            try container.encode(comments, forKey: .comments)
            try container.encode(locked, forKey: .locked)
            try container.encode(authorAssociation, forKey: .authorAssociation)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(updatedAt, forKey: .updatedAt)
            try container.encode(closedAt, forKey: .closedAt)
        }
    }
}

extension GitHubFixture.Issue {
    /// Issue `number` of `repository` as it stands now (nil when the repository has no such issue).
    init?(number: Int, of repository: RepositoryIssues, configuration: GitHubFixture.Configuration) {
        guard let record = repository.record(number) else { return nil }
        let api = "\(configuration.publicBaseURL)/repos/\(repository.owner)/\(repository.name)"
        let user = GitHubFixture.User.authors[number % GitHubFixture.User.authors.count]
        id = repository.key * 10_000_000 + number
        nodeID = "I_kwDO" + Self.base64URL(of: id)
        url = "\(api)/issues/\(number)"
        repositoryURL = api
        labelsURL = "\(api)/issues/\(number)/labels{/name}"
        commentsURL = "\(api)/issues/\(number)/comments"
        eventsURL = "\(api)/issues/\(number)/events"
        htmlURL = "\(configuration.htmlBaseURL)/\(repository.owner)/\(repository.name)/issues/\(number)"
        self.number = number
        state = record.state
        stateReason = record.state == .closed ? "completed" : nil
        title = record.title ?? "Fixture issue #\(number) in \(repository.owner)/\(repository.name)"
        body =
            number % 7 == 0
            ? nil
            : "Steps to reproduce issue #\(number):\n1. Open \"quickstart \(number)\" and run `setup.sql`.\n2. The step fails — see the log."
        self.user = user
        labels = []
        if number % 3 == 0 { labels.append(.bug(api: api)) }
        if number % 10 == 0 { labels.append(.documentation(api: api)) }
        comments = number % 4
        locked = false
        authorAssociation = user.type == "Bot" ? "NONE" : (number % 3 == 0 ? "MEMBER" : "CONTRIBUTOR")
        createdAt = Timestamp.format(record.createdAt)
        updatedAt = Timestamp.format(record.updatedAt)
        closedAt = record.state == .closed ? Timestamp.format(record.updatedAt) : nil
    }

    /// GitHub-like opaque node id text: the id's eight bytes in unpadded base64url, written byte by
    /// byte (Foundation's base64 and three `replacingOccurrences` were a sixth of a page's time).
    static func base64URL(of id: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        let bytes = withUnsafeBytes(of: UInt64(id).bigEndian) { Array($0) }
        var out: [UInt8] = []
        out.reserveCapacity(11)
        var i = 0
        while i < bytes.count {
            let chunk = bytes[i..<min(i + 3, bytes.count)]
            var bits = 0
            for (k, byte) in chunk.enumerated() { bits |= Int(byte) << (16 - 8 * k) }
            for k in 0...chunk.count { out.append(alphabet[(bits >> (18 - 6 * k)) & 0x3F]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

// MARK: - A page of issues as JSON text
//
// IssueJSON: a page of issues written as JSON text directly — the same bytes JSONEncoder writes
// with sorted keys and unescaped slashes (IssueRouteTests compares the two on every shape the
// fixture serves), at a tenth of its cost. The ingestion benchmark fetches a thousand pages of a
// hundred issues, and encoding them was a third of its wall time. A string holding a control
// character other than \n, \r, \t, \b or \f sends the whole page back to JSONEncoder.

extension GitHubFixture.Issue {
    /// `issues` as a JSON array's UTF-8 bytes, or nil when one of them holds text only JSONEncoder
    /// should escape. Bytes, not a String: appending to a String was most of a page's time.
    static func jsonArray(_ issues: [GitHubFixture.Issue]) -> [UInt8]? {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(issues.count * 1_400 + 2)
        for (index, issue) in issues.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            guard issue.write(into: &out) else { return nil }
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    /// Writes the issue's members in key order (the order JSONEncoder's `.sortedKeys` gives).
    private func write(into out: inout [UInt8]) -> Bool {
        var ok = true
        func raw(_ literal: StaticString) { literal.withUTF8Buffer { out.append(contentsOf: $0) } }
        func text(_ value: String?) {
            guard let value else { raw("null"); return }
            if !IssueJSON.quote(value, into: &out) { ok = false }
        }
        func integer(_ value: Int) { out.append(contentsOf: String(value).utf8) }
        /// `"name":`, after a comma unless the member is its object's first.
        func key(_ name: StaticString, first: Bool = false) {
            if !first { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            raw(name)
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }
        out.append(UInt8(ascii: "{"))
        key("author_association", first: true); text(authorAssociation)
        key("body"); text(body)
        key("closed_at"); text(closedAt)
        key("comments"); integer(comments)
        key("comments_url"); text(commentsURL)
        key("created_at"); text(createdAt)
        key("events_url"); text(eventsURL)
        key("html_url"); text(htmlURL)
        key("id"); integer(id)
        key("labels"); out.append(UInt8(ascii: "["))
        for (index, label) in labels.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "{"))
            key("color", first: true); text(label.color)
            key("description"); text(label.description)
            key("id"); integer(label.id)
            key("name"); text(label.name)
            key("url"); text(label.url)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        key("labels_url"); text(labelsURL)
        key("locked"); locked ? raw("true") : raw("false")
        key("node_id"); text(nodeID)
        key("number"); integer(number)
        key("repository_url"); text(repositoryURL)
        key("state"); text(state.rawValue)
        key("state_reason"); text(stateReason)
        key("title"); text(title)
        key("updated_at"); text(updatedAt)
        key("url"); text(url)
        key("user"); out.append(UInt8(ascii: "{"))
        key("id", first: true); integer(user.id)
        key("login"); text(user.login)
        key("type"); text(user.type)
        out.append(contentsOf: [UInt8(ascii: "}"), UInt8(ascii: "}")])
        return ok
    }
}

enum IssueJSON {
    /// Appends a JSON string literal as JSONEncoder writes it (slashes not escaped); false for a
    /// control character it would write as `\u00XX`. Byte by byte: every issue's body has quotes
    /// and line breaks, and escaping them scalar by scalar was a third of a page's time.
    static func quote(_ value: String, into out: inout [UInt8]) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            out.append(UInt8(ascii: "\""))
            defer { out.append(UInt8(ascii: "\"")) }
            if bytes.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
                out.append(contentsOf: bytes)
                return true
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), byte]
                case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
                case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
                case ..<0x20: return false
                default: out.append(byte)
                }
            }
            return true
        }
    }
}
