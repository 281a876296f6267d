// SQLPrinter+Loading: file formats, COPY INTO (both ways) and staged files in FROM back to text
// (parsed in Parser+Loading.swift).

extension StatementPrinter {
    static func loading(_ statement: LoadingStatement) -> String {
        switch statement {
        case .createFileFormat(let c): return create(c.modifiers, "FILE FORMAT", c.name) + properties(c.properties)
        case .alterFileFormat(let name, let ifExists, let change):
            let altered = "ALTER FILE FORMAT " + (ifExists ? "IF EXISTS " : "") + name.description
            switch change {
            case .set(let set): return altered + " SET" + properties(set)
            case .rename(let new): return altered + " RENAME TO " + new.description
            }
        case .dropFileFormat(let name, let ifExists): return "DROP FILE FORMAT " + (ifExists ? "IF EXISTS " : "") + name.description
        case .showFileFormats(let filter): return "SHOW FILE FORMATS" + showFilter(filter)
        case .describeFileFormat(let name): return "DESCRIBE FILE FORMAT " + name.description
        case .copyIntoTable(let c):
            var out = "COPY INTO " + c.table.description
            if !c.columns.isEmpty { out += " (" + c.columns.map(\.sql).joined(separator: ", ") + ")" }
            switch c.source {
            case .location(let location): out += " FROM " + stage(location)
            case .query(let query): out += " FROM (" + QueryPrinter.print(query) + ")"
            }
            return out + properties(c.options)
        case .copyIntoLocation(let c):
            var out = "COPY INTO " + stage(c.location)
            switch c.source {
            case .table(let name): out += " FROM " + name.description
            case .query(let query): out += " FROM (" + QueryPrinter.print(query) + ")"
            }
            return out + properties(c.options)
        }
    }

    /// `@stage/path (FILE_FORMAT => 'f', PATTERN => '…')` in a FROM clause, without its alias.
    static func stagedFiles(_ location: StageLocation, _ options: [Property]) -> String {
        guard !options.isEmpty else { return stage(location) }
        return stage(location) + " (" + options.map { $0.name + " => " + value($0.value) }.joined(separator: ", ") + ")"
    }
}
