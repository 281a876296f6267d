// DelimitedFormats: the output formats that are not boxes — `csv`, `tsv`, `json`, `expanded`.
//
// Choices [?] (snowsql does not document them exactly):
// - csv/tsv: a header row (unless `header=false`), then one line per row; a field holding the
//   separator, a double quote or a line break is wrapped in double quotes with quotes doubled
//   (python csv's minimal quoting); lines end with `\n`. NULL prints `NULL`, or nothing in tsv
//   with `empty_for_null_in_tsv=true`.
// - json: an array of objects keyed by column name in column order, indented by 4 blanks
//   (python `json.dumps(indent=4)`); numbers and booleans are JSON numbers and booleans, NULL is
//   `null`, VARIANT/OBJECT/ARRAY values are embedded as JSON, everything else is a string. An
//   empty result prints `[]`.
// - expanded: one block per row, `-[ RECORD n ]` and then `name | value` lines, as psql's `\x`.

import Engine
import Snowlite

enum DelimitedFormats {
    static func delimited(_ result: ResultSet, separator: String, header: Bool, nullText: String) -> String {
        var lines: [String] = []
        if header {
            lines.append(result.columns.map { field($0.name, separator: separator) }.joined(separator: separator))
        }
        for row in result.rows {
            lines.append(row.map { value in
                field(value.displayText(pretty: false) ?? nullText, separator: separator)
            }.joined(separator: separator))
        }
        return lines.joined(separator: "\n")
    }

    static func field(_ text: String, separator: String) -> String {
        // One pass over the bytes for the usual one-byte separator (Foundation's `contains` on a
        // String searches UTF-16 and was visible in the time of a script's many small results).
        let special: (UInt8) -> Bool = { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        let needsQuotes: Bool
        if separator.utf8.count == 1, let byte = separator.utf8.first {
            needsQuotes = text.utf8.contains { $0 == byte || special($0) }
        } else {
            needsQuotes = text.utf8.contains(where: special) || text.contains(separator)
        }
        guard needsQuotes else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }

    static func json(_ result: ResultSet) -> String {
        guard !result.rows.isEmpty else { return "[]" }
        let objects = result.rows.map { row -> String in
            let members = zip(result.columns, row).map { column, value in
                "        " + jsonString(column.name) + ": " + jsonValue(value)
            }
            return "    {\n" + members.joined(separator: ",\n") + "\n    }"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]"
    }

    static func jsonValue(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .integer(let i): return String(i)
        case .decimal(let text): return text
        case .double(let d): return d.isFinite ? (value.displayText() ?? "null") : jsonString(value.displayText() ?? "")
        case .boolean(let b): return b ? "true" : "false"
        case .variant(let json): return json
        default: return jsonString(value.displayText(pretty: false) ?? "")
        }
    }

    static func jsonString(_ text: String) -> String { JSONText.quote(text) }

    /// `-[ RECORD 1 ]----` then `NAME | value` with names padded to the longest one.
    static func expanded(names: [String], rows: [[String]]) -> String {
        let nameWidth = names.map(\.count).max() ?? 0
        let bodies = rows.map { row in
            zip(names, row).flatMap { name, value -> [String] in
                ResultFormatter.lines(value).enumerated().map { offset, text in
                    let label = offset == 0 ? name : ""
                    return label + String(repeating: " ", count: nameWidth - label.count) + " | " + text
                }
            }
        }
        // One width for every record's title rule: the widest title or line of the whole result.
        let titles = rows.indices.map { "-[ RECORD \($0 + 1) ]" }
        let width = max(titles.map(\.count).max() ?? 0, bodies.flatMap { $0.map(\.count) }.max() ?? 0)
        var lines: [String] = []
        for (title, body) in zip(titles, bodies) {
            lines.append(title + String(repeating: "-", count: width - title.count))
            lines += body
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation needed).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
