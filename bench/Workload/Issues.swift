// GitHub-issue-like JSON objects of about 1 KB. Issue `n` (1-based row number) at `version` v is a
// pure function of (n, v): version 0 is what the inserts load, later versions are what merges
// write over it (same id and number, new state, comments and updated_at).
//
// The text is plain ASCII without `\`, `"` and `'`, so the JSON needs no escapes and the SQL
// literal needs none either; `sqlString` still doubles quotes so a change of vocabulary stays safe.

enum Issues {
    static let seed: UInt64 = 0x5EED_0F_5A0E_11FE

    /// The issue's `id` field (GitHub's global id): unique and increasing with `n`.
    static func issueID(_ n: Int) -> Int { 1_900_000_000 + n * 37 }

    static let repositories = [
        "snowlite-org/connector-python", "snowlite-org/connector-go", "snowlite-org/connector-jdbc",
        "snowlite-org/snowpark-swift", "acme-data/ingest", "acme-data/dashboards", "octo/warehouse-tools",
        "octo/dbt-snowlite",
    ]

    static let labelNames: [(name: String, color: String)] = [
        ("bug", "d73a4a"), ("enhancement", "a2eeef"), ("documentation", "0075ca"), ("question", "d876e3"),
        ("good first issue", "7057ff"), ("help wanted", "008672"), ("duplicate", "cfd3d7"), ("wontfix", "ffffff"),
        ("performance", "fbca04"), ("regression", "b60205"), ("area/sql", "1d76db"), ("area/cli", "5319e7"),
    ]

    static let words = [
        "merge", "insert", "variant", "json", "column", "table", "schema", "warehouse", "query", "result",
        "timeout", "error", "connector", "session", "role", "grant", "parse", "path", "array", "object",
        "null", "cast", "string", "number", "timestamp", "stage", "file", "copy", "task", "stream", "view",
        "index", "join", "group", "order", "limit", "window", "filter", "when", "then", "fails", "returns",
        "expected", "actual", "after", "before", "upgrade", "version", "driver", "batch", "rows", "slow",
        "memory", "crash", "login", "token", "retry", "network", "local", "emulator", "sqlite", "test",
    ]

    static let logins: [String] = {
        let first = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy",
                     "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "zoe"]
        let suffix = ["", "-dev", "42", "-sf", "x", "-data", "99", "-ops", "-cli", "-ml"]
        var logins: [String] = []
        for s in suffix { for f in first { logins.append(f + s) } }
        return logins // 200 users
    }()

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    static func json(_ n: Int, version: Int = 0) -> String {
        // The stable part: everything a later version keeps.
        var base = SplitMix64(seed: seed, UInt64(n), 0)
        let repository = base.pick(repositories)
        let number = n
        var node = "I_kwDO"
        for _ in 0 ..< 14 { node.append(alphabet[base.below(alphabet.count)]) }
        let login = logins[min(base.below(logins.count), base.below(logins.count))] // skewed towards early users
        let userID = 10_000 + logins.firstIndex(of: login)! * 7_919
        // 2019-01-01 … 2024-12-31
        let created = 1_546_300_800 + base.below(6 * 365 * 86_400)
        let title = sentence(&base, words: base.int(in: 4 ... 9), capitalized: true, end: "")
        var body = ""
        let bodyLength = base.int(in: 60 ... 240)
        while body.count < bodyLength {
            if !body.isEmpty { body += " " }
            body += sentence(&base, words: base.int(in: 5 ... 14), capitalized: true, end: ".")
            if base.chance(15) { body += " See #\(base.int(in: 1 ... 5000))." }
        }
        var labels: [(name: String, color: String)] = []
        let labelCount = base.pick([0, 1, 1, 1, 2, 2, 3])
        for index in base.distinct(labelCount, below: labelNames.count) { labels.append(labelNames[index]) }

        // The changing part: version 0 is the insert, versions 1… are merge updates.
        var change = SplitMix64(seed: seed, UInt64(n), UInt64(version) + 1)
        let state = version == 0 ? (change.chance(70) ? "open" : "closed") : (change.chance(40) ? "open" : "closed")
        let comments = change.below(20) + version * change.int(in: 1 ... 5)
        let updated = created + change.below(90 * 86_400) + version * 86_400

        let api = "https://api.github.com/repos/\(repository)/issues/\(number)"
        var out = "{"
        out += "\"id\":\(issueID(n)),"
        out += "\"node_id\":\"\(node)\","
        out += "\"url\":\"\(api)\","
        out += "\"repository_url\":\"https://api.github.com/repos/\(repository)\","
        out += "\"labels_url\":\"\(api)/labels{/name}\","
        out += "\"comments_url\":\"\(api)/comments\","
        out += "\"events_url\":\"\(api)/events\","
        out += "\"html_url\":\"https://github.com/\(repository)/issues/\(number)\","
        out += "\"number\":\(number),"
        out += "\"state\":\"\(state)\","
        out += "\"title\":\"\(title)\","
        out += "\"body\":\"\(body)\","
        out += "\"user\":{\"login\":\"\(login)\",\"id\":\(userID)},"
        out += "\"labels\":["
        out += labels.map { "{\"name\":\"\($0.name)\",\"color\":\"\($0.color)\"}" }.joined(separator: ",")
        out += "],"
        out += "\"comments\":\(comments),"
        out += "\"created_at\":\"\(timestamp(created))\","
        out += "\"updated_at\":\"\(timestamp(updated))\""
        out += "}"
        return out
    }

    static func sentence(_ rng: inout SplitMix64, words count: Int, capitalized: Bool, end: String) -> String {
        var parts: [String] = []
        for index in 0 ..< count {
            var word = rng.pick(words)
            if index == 0 && capitalized { word = word.prefix(1).uppercased() + word.dropFirst() }
            if index > 0 && index < count - 1 && rng.chance(8) { word += "," }
            if rng.chance(4) { word = "`" + word + "()`" }
            parts.append(word)
        }
        return parts.joined(separator: " ") + end
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` for seconds since the Unix epoch (Hinnant's civil-from-days).
    static func timestamp(_ seconds: Int) -> String {
        let days = seconds / 86_400
        let secondOfDay = seconds % 86_400
        let z = days + 719_468
        let era = z / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return "\(year)-\(pad(month))-\(pad(day))T\(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60))Z"
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// A single-quoted Snowflake string literal. Snowflake processes backslash escapes inside
    /// literals, so a backslash would change the JSON: the generator never produces one.
    static func sqlString(_ text: String) -> String {
        precondition(!text.contains("\\"), "backslash in generated text")
        return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    }
}
