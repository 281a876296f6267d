// Parser+Parameters: `ALTER ACCOUNT | SESSION SET name = value …`, `ALTER ACCOUNT | SESSION UNSET
// name, …`, and `CREATE [OR REPLACE] EVENT TABLE [IF NOT EXISTS] name [COMMENT = '…']`.

extension Parser {
    /// After ALTER: ACCOUNT | SESSION { SET name = value … | UNSET name [, …] }
    mutating func parseAlterParameters() throws(SyntaxError) -> AlterParameters {
        let target: AlterParameters.Target
        if match("ACCOUNT") { target = .account } else {
            try expect("SESSION")
            target = .session
        }
        if match("SET") {
            var properties: [Property] = []
            repeat {
                guard current.kind == .word else { throw unexpected() }
                let name = advance().text.uppercased()
                try expectSymbol("=")
                properties.append(Property(name: name, value: try parsePropertyValue()))
            } while matchSymbol(",") || (current.kind == .word && peek().isSymbol("="))
            return AlterParameters(target: target, set: properties)
        }
        try expect("UNSET")
        var names: [String] = []
        repeat {
            guard current.kind == .word else { throw unexpected() }
            names.append(advance().text.uppercased())
        } while matchSymbol(",")
        return AlterParameters(target: target, unset: names)
    }

    /// After CREATE [OR REPLACE]: EVENT TABLE [IF NOT EXISTS] name [COMMENT = '…']
    mutating func parseCreateEventTable(_ modifiers: CreateModifiers) throws(SyntaxError) -> CreateEventTable {
        try expect("EVENT")
        try expect("TABLE")
        var modifiers = modifiers
        modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
        let name = try parseObjectName()
        return CreateEventTable(modifiers: modifiers, name: name, properties: try parseProperties(["COMMENT", "DATA_RETENTION_TIME_IN_DAYS", "CHANGE_TRACKING"]))
    }
}
