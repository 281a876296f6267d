// SQLPrinter+Functions: the user-defined function statements back to text (round trips and the
// tree dump). The printed text parses back to the same statement.

enum FunctionPrinter {
    static func print(_ statement: FunctionStatement) -> String {
        switch statement {
        case .create(let f): return create(f)
        case .alter(let a): return alter(a)
        case .drop(let name, let types, let ifExists):
            return "DROP FUNCTION " + (ifExists ? "IF EXISTS " : "") + signature(name, types)
        case .describe(let name, let types): return "DESCRIBE FUNCTION " + signature(name, types)
        case .show(let userOnly, let filter):
            return "SHOW " + (userOnly ? "USER " : "") + "FUNCTIONS" + StatementPrinter.showFilter(filter)
        }
    }

    static func signature(_ name: ObjectName, _ types: [DataTypeName]) -> String {
        name.description + "(" + types.map(\.description).joined(separator: ", ") + ")"
    }

    static func create(_ f: CreateFunction) -> String {
        var out = StatementPrinter.create(f.modifiers, (f.secure ? "SECURE " : "") + "FUNCTION", f.name)
        out += "(" + f.arguments.map(ProcedurePrinter.argument).joined(separator: ", ") + ")"
        out += (f.copyGrants ? " COPY GRANTS" : "") + " RETURNS "
        switch f.returns {
        case .type(let type, let notNull): out += type.description + (notNull ? " NOT NULL" : "")
        case .table(let columns):
            out += "TABLE (" + columns.map { Identifier($0.name, quoted: true).sql + " " + $0.type.description }.joined(separator: ", ") + ")"
        }
        out += " LANGUAGE " + f.language
        if let nullHandling = f.nullHandling { out += " " + nullHandling }
        if let volatility = f.volatility { out += " " + volatility }
        if f.memoizable { out += " MEMOIZABLE" }
        out += StatementPrinter.properties(f.properties)
        if !f.secrets.isEmpty { out += " SECRETS = " + secrets(f.secrets) }
        if let body = f.body { out += " AS " + SQLPrinter.quoteString(body) }
        return out
    }

    static func secrets(_ list: [ProcedureSecret]) -> String {
        "(" + list.map { SQLPrinter.quoteString($0.alias) + " = " + SQLPrinter.print($0.secret) }.joined(separator: ", ") + ")"
    }

    static func alter(_ a: AlterFunction) -> String {
        var out = "ALTER FUNCTION " + (a.ifExists ? "IF EXISTS " : "") + signature(a.name, a.argumentTypes)
        switch a.action {
        case .set(let properties, let list):
            out += " SET" + StatementPrinter.properties(properties)
            if let list { out += " SECRETS = " + secrets(list) }
        case .unset(let names): out += " UNSET " + names.joined(separator: ", ")
        case .rename(let name): out += " RENAME TO " + name.description
        case .secure(let on): out += on ? " SET SECURE" : " UNSET SECURE"
        }
        return out
    }
}
