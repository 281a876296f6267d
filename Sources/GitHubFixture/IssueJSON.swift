// IssueJSON: a page of issues written as JSON text directly — the same bytes JSONEncoder writes
// with sorted keys and unescaped slashes (IssueRouteTests compares the two on every shape the
// fixture serves), at a tenth of its cost. The ingestion benchmark fetches a thousand pages of a
// hundred issues, and encoding them was a third of its wall time. A string holding a control
// character other than \n, \r, \t, \b or \f sends the whole page back to JSONEncoder.

extension GitHubFixture.Issue {
    /// `issues` as a JSON array, or nil when one of them holds text only JSONEncoder should escape.
    static func jsonArray(_ issues: [GitHubFixture.Issue]) -> String? {
        var out = "["
        out.reserveCapacity(issues.count * 1_400)
        for (index, issue) in issues.enumerated() {
            if index > 0 { out += "," }
            guard issue.write(into: &out) else { return nil }
        }
        return out + "]"
    }

    /// Writes the issue's members in key order (the order JSONEncoder's `.sortedKeys` gives).
    private func write(into out: inout String) -> Bool {
        var ok = true
        func text(_ value: String?) {
            guard let value else { out += "null"; return }
            guard let quoted = IssueJSON.quoted(value) else { ok = false; return }
            out += quoted
        }
        func key(_ name: String) { out += "\"" + name + "\":" }
        out += "{"
        key("author_association"); text(authorAssociation)
        out += ","; key("body"); text(body)
        out += ","; key("closed_at"); text(closedAt)
        out += ","; key("comments"); out += String(comments)
        out += ","; key("comments_url"); text(commentsURL)
        out += ","; key("created_at"); text(createdAt)
        out += ","; key("events_url"); text(eventsURL)
        out += ","; key("html_url"); text(htmlURL)
        out += ","; key("id"); out += String(id)
        out += ","; key("labels"); out += "["
        for (index, label) in labels.enumerated() {
            out += index > 0 ? ",{" : "{"
            key("color"); text(label.color)
            out += ","; key("description"); text(label.description)
            out += ","; key("id"); out += String(label.id)
            out += ","; key("name"); text(label.name)
            out += ","; key("url"); text(label.url)
            out += "}"
        }
        out += "]"
        out += ","; key("labels_url"); text(labelsURL)
        out += ","; key("locked"); out += locked ? "true" : "false"
        out += ","; key("node_id"); text(nodeID)
        out += ","; key("number"); out += String(number)
        out += ","; key("repository_url"); text(repositoryURL)
        out += ","; key("state"); text(state.rawValue)
        out += ","; key("state_reason"); text(stateReason)
        out += ","; key("title"); text(title)
        out += ","; key("updated_at"); text(updatedAt)
        out += ","; key("url"); text(url)
        out += ","; key("user"); out += "{"
        key("id"); out += String(user.id)
        out += ","; key("login"); text(user.login)
        out += ","; key("type"); text(user.type)
        out += "}}"
        return ok
    }
}

enum IssueJSON {
    /// What JSONEncoder writes for the characters it escapes by name.
    private static let escapes: [Unicode.Scalar: String] = [
        "\"": #"\""#, "\\": #"\\"#, "\n": #"\n"#, "\r": #"\r"#, "\t": #"\t"#, "\u{08}": #"\b"#, "\u{0C}": #"\f"#,
    ]

    /// A JSON string literal as JSONEncoder writes it (slashes not escaped), or nil for a control
    /// character it would write as `\u00XX`.
    static func quoted(_ value: String) -> String? {
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return "\"" + value + "\""
        }
        var out = "\""
        for scalar in value.unicodeScalars {
            if let escape = escapes[scalar] {
                out += escape
            } else if scalar.value < 0x20 {
                return nil
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
