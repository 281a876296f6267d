// SQLPrinter+Streams: CREATE, ALTER, DROP, SHOW and DESCRIBE STREAM back to text (parsed in
// Parser+Streams.swift).

extension StatementPrinter {
    static func stream(_ statement: StreamStatement) -> String {
        switch statement {
        case .create(let c):
            var out = create(c.modifiers, "STREAM", c.name)
            if c.copyGrants { out += " COPY GRANTS" }
            switch c.source {
            case .clone(let source): return out + " CLONE " + source.description
            case .table(let table): out += " ON TABLE " + table.description
            case .view(let view): out += " ON VIEW " + view.description
            }
            if let appendOnly = c.appendOnly { out += " APPEND_ONLY = " + (appendOnly ? "TRUE" : "FALSE") }
            if let initial = c.showInitialRows { out += " SHOW_INITIAL_ROWS = " + (initial ? "TRUE" : "FALSE") }
            if let comment = c.comment { out += " COMMENT = " + SQLPrinter.quoteString(comment) }
            return out
        case .alter(let name, let ifExists, let comment):
            let out = "ALTER STREAM " + (ifExists ? "IF EXISTS " : "") + name.description
            return out + (comment.map { " SET COMMENT = " + SQLPrinter.quoteString($0) } ?? " UNSET COMMENT")
        case .drop(let name, let ifExists): return "DROP STREAM " + (ifExists ? "IF EXISTS " : "") + name.description
        case .show(let terse, let filter): return "SHOW " + (terse ? "TERSE " : "") + "STREAMS" + showFilter(filter)
        case .describe(let name): return "DESCRIBE STREAM " + name.description
        }
    }
}
