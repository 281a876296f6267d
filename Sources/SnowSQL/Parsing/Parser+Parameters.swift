// Parser+Parameters: `ALTER ACCOUNT | SESSION | USER [name] | WAREHOUSE [IF EXISTS] name SET name
// = value …`, `… UNSET name, …`, `SHOW PARAMETERS [LIKE '…'] [IN SESSION | ACCOUNT]`, and
// `CREATE [OR REPLACE] EVENT TABLE [IF NOT EXISTS] name [COMMENT = '…']`.

extension Parser {
    /// After ALTER: ACCOUNT | SESSION | USER [IF EXISTS] [name] | WAREHOUSE [IF EXISTS] name
    /// { SET name = value … | UNSET name [, …] }
    mutating func parseAlterParameters() throws(SyntaxError) -> AlterParameters {
        var target: AlterParameters.Target
        var object: Identifier?
        var ifExists = false
        if match("ACCOUNT") { target = .account } else if match("SESSION") { target = .session } else {
            target = match("USER") ? .user : .warehouse
            if target == .warehouse { try expect("WAREHOUSE") }
            ifExists = match("IF", "EXISTS")
            // ALTER USER SET … alters the current user; a warehouse is always named.
            if target == .warehouse || !(current.isWord("SET") || current.isWord("UNSET")) { object = try parseIdentifier() }
        }
        func altered(set: [Property] = [], unset: [String] = []) -> AlterParameters {
            AlterParameters(target: target, object: object, ifExists: ifExists, set: set, unset: unset)
        }
        if match("SET") {
            var properties: [Property] = []
            repeat {
                guard current.kind == .word else { throw unexpected() }
                let name = advance().text.uppercased()
                try expectSymbol("=")
                properties.append(Property(name: name, value: try parsePropertyValue()))
            } while matchSymbol(",") || (current.kind == .word && peek().isSymbol("="))
            return altered(set: properties)
        }
        try expect("UNSET")
        var names: [String] = []
        repeat {
            guard current.kind == .word else { throw unexpected() }
            names.append(advance().text.uppercased())
        } while matchSymbol(",")
        return altered(unset: names)
    }

    /// After SHOW: PARAMETERS [LIKE '…'] [IN SESSION | IN ACCOUNT]
    mutating func parseShowParameters() throws(SyntaxError) -> ShowParameters {
        try expect("PARAMETERS")
        var show = ShowParameters(like: match("LIKE") ? try parseStringLiteral() : nil)
        if match("IN") {
            if match("ACCOUNT") { show.target = .account } else { try expect("SESSION") }
        }
        return show
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
