// IssuePage: a page of issues written as JSON straight from their numbers, without making an
// Issue (a dozen Strings) of each first — the same bytes as Issue.jsonArray of the issues
// Issue.init renders (IssuePageTests compares the two over thousands of issues; IssueRouteTests
// compares the served page with JSONEncoder's). The fixture stands in for GitHub on the same two
// cores as the ingestion it serves: building the issues was a quarter of its time, and its
// time is time the ingestion waits for its next page. A title holding a character JSONEncoder
// writes as \u00XX gives nil, and the page goes the Issue way.

extension GitHubFixture.Issue {
    /// Issues `numbers` of `repository` as a JSON array's UTF-8 bytes (a number with no issue is
    /// left out, as the list route leaves it out), or nil when one needs JSONEncoder.
    static func jsonPage(_ numbers: [Int], of repository: RepositoryIssues, configuration: GitHubFixture.Configuration) -> [UInt8]? {
        let api = "\(configuration.publicBaseURL)/repos/\(repository.owner)/\(repository.name)"
        let html = "\(configuration.htmlBaseURL)/\(repository.owner)/\(repository.name)/issues/"
        var writer = IssuePageWriter(api: api, html: html, repository: repository)
        guard writer.prefixesAreWritable else { return nil }
        writer.out.reserveCapacity(numbers.count * 1_400 + 2)
        writer.out.append(UInt8(ascii: "["))
        var first = true
        for number in numbers {
            guard let record = repository.record(number) else { continue }
            if !first { writer.out.append(UInt8(ascii: ",")) }
            first = false
            guard writer.issue(record, repository: repository) else { return nil }
        }
        writer.out.append(UInt8(ascii: "]"))
        return writer.out
    }
}

/// The bytes of one page, and what every issue of the page shares.
private struct IssuePageWriter {
    var out: [UInt8] = []
    /// `"<api>` and `"<html base>/<owner>/<name>/issues/`: each issue's URLs continue them.
    let api: [UInt8]
    let html: [UInt8]
    /// The labels an issue may carry and the authors it may have, written once.
    let bug: [UInt8]
    let documentation: [UInt8]
    let users: [[UInt8]]
    /// ` in <owner>/<name>"`: the end of a generated title.
    let titleTail: [UInt8]
    let prefixesAreWritable: Bool

    init(api apiText: String, html htmlText: String, repository: RepositoryIssues) {
        func quoted(_ text: String) -> [UInt8]? {
            var bytes: [UInt8] = []
            return IssueJSON.quote(text, into: &bytes) ? bytes : nil
        }
        func label(_ label: GitHubFixture.Label) -> [UInt8]? {
            guard let color = quoted(label.color), let description = quoted(label.description), let name = quoted(label.name),
                let url = quoted(label.url)
            else { return nil }
            return Array(#"{"color":"#.utf8) + color + Array(#","description":"#.utf8) + description + Array(#","id":\#(label.id),"name":"#.utf8)
                + name + Array(#","url":"#.utf8) + url + [UInt8(ascii: "}")]
        }
        let users = GitHubFixture.User.authors.map { user in
            quoted(user.login).flatMap { login in
                quoted(user.type).map { Array(#"{"id":\#(user.id),"login":"#.utf8) + login + Array(#","type":"#.utf8) + $0 + [UInt8(ascii: "}")] }
            }
        }
        let parts = (quoted(apiText), quoted(htmlText), label(.bug(api: apiText)), label(.documentation(api: apiText)))
        let tail = quoted(" in \(repository.owner)/\(repository.name)")
        titleTail = tail.map { Array($0.dropFirst()) } ?? []
        // A quoted prefix loses its closing quote: each URL goes on after it.
        api = parts.0.map { Array($0.dropLast()) } ?? []
        html = parts.1.map { Array($0.dropLast()) } ?? []
        bug = parts.2 ?? []
        documentation = parts.3 ?? []
        self.users = users.map { $0 ?? [] }
        prefixesAreWritable =
            parts.0 != nil && parts.1 != nil && parts.2 != nil && parts.3 != nil && tail != nil && users.allSatisfy { $0 != nil }
    }

    /// Writes the issue as Issue.init renders it and Issue.write writes it (keys in order).
    mutating func issue(_ record: RepositoryIssues.Record, repository: RepositoryIssues) -> Bool {
        let n = record.number
        let author = GitHubFixture.User.authors[n % GitHubFixture.User.authors.count]
        let closed = record.state == .closed
        let id = repository.key * 10_000_000 + n
        raw(#"{"author_association":""#)
        raw(author.type == "Bot" ? "NONE" : (n % 3 == 0 ? "MEMBER" : "CONTRIBUTOR"))
        raw(#"","body":"#)
        if n % 7 == 0 {
            raw("null")
        } else {
            raw(#""Steps to reproduce issue #"#); integer(n)
            raw(#":\n1. Open \"quickstart "#); integer(n)
            raw(#"\" and run `setup.sql`.\n2. The step fails — see the log.""#)
        }
        raw(#","closed_at":"#)
        closed ? timestamp(record.updatedAt) : raw("null")
        raw(#","comments":"#); integer(n % 4)
        raw(#","comments_url":"#); issueURL(n, "/comments")
        raw(#","created_at":"#); timestamp(record.createdAt)
        raw(#","events_url":"#); issueURL(n, "/events")
        raw(#","html_url":"#); out += html; integer(n); out.append(UInt8(ascii: "\""))
        raw(#","id":"#); integer(id)
        raw(#","labels":["#)
        if n % 3 == 0 { out += bug }
        if n % 10 == 0 {
            if n % 3 == 0 { out.append(UInt8(ascii: ",")) }
            out += documentation
        }
        raw(#"],"labels_url":"#); issueURL(n, "/labels{/name}")
        raw(#","locked":false,"node_id":"I_kwDO"#); raw(GitHubFixture.Issue.base64URL(of: id)); out.append(UInt8(ascii: "\""))
        raw(#","number":"#); integer(n)
        raw(#","repository_url":"#); out += api; out.append(UInt8(ascii: "\""))
        raw(closed ? #","state":"closed","state_reason":"completed","title":"# : #","state":"open","state_reason":null,"title":"#)
        if let title = record.title {
            guard IssueJSON.quote(title, into: &out) else { return false }
        } else {
            raw(#""Fixture issue #"#); integer(n); out += titleTail
        }
        raw(#","updated_at":"#); timestamp(record.updatedAt)
        raw(#","url":"#); issueURL(n, "")
        raw(#","user":"#); out += users[n % users.count]
        out.append(UInt8(ascii: "}"))
        return true
    }

    private mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    private mutating func integer(_ value: Int) {
        out.append(contentsOf: String(value).utf8)
    }

    /// `"<api>/issues/<n><suffix>"`.
    private mutating func issueURL(_ n: Int, _ suffix: String) {
        out += api
        raw("/issues/")
        integer(n)
        raw(suffix)
        out.append(UInt8(ascii: "\""))
    }

    /// `"YYYY-MM-DDTHH:MM:SSZ"`, quoted.
    private mutating func timestamp(_ seconds: Int) {
        out.append(UInt8(ascii: "\""))
        Timestamp.format(seconds, into: &out)
        out.append(UInt8(ascii: "\""))
    }
}
