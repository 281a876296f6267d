// SQLPrinter+Procedures: CREATE PROCEDURE, CALL and DROP PROCEDURE back to text.

enum ProcedurePrinter {
    static func argument(_ a: ProcedureArgument) -> String {
        Identifier(a.name, quoted: true).sql + " " + a.type.description
            + (a.defaultValue.map { " DEFAULT " + SQLPrinter.print($0) } ?? "")
    }

    static func create(_ p: CreateProcedure) -> String {
        var out = StatementPrinter.create(p.modifiers, (p.secure ? "SECURE " : "") + "PROCEDURE", p.name)
        out += "(" + p.arguments.map(argument).joined(separator: ", ") + ") RETURNS "
        switch p.returns {
        case .type(let type, let notNull): out += type.description + (notNull ? " NOT NULL" : "")
        case .table(let columns): out += "TABLE (" + columns.map { Identifier($0.name, quoted: true).sql + " " + $0.type.description }.joined(separator: ", ") + ")"
        }
        out += " LANGUAGE " + p.language
        out += StatementPrinter.properties(p.properties)
        if !p.secrets.isEmpty {
            out += " SECRETS = (" + p.secrets.map { SQLPrinter.quoteString($0.alias) + " = " + SQLPrinter.print($0.secret) }.joined(separator: ", ") + ")"
        }
        if p.executeAs != "OWNER" { out += " EXECUTE AS " + p.executeAs }
        switch p.body {
        case .text(let text): out += " AS " + SQLPrinter.quoteString(text)
        case .block(let block, _): out += " AS " + ScriptPrinter.print(block)
        case nil: break
        }
        return out
    }

    static func call(_ c: Call) -> String {
        "CALL " + c.name.description + "(" + c.arguments.map { argument in
            (argument.name.map { $0 + " => " } ?? "") + SQLPrinter.print(argument.value)
        }.joined(separator: ", ") + ")" + (c.into.map { " INTO :" + Identifier($0, quoted: true).sql } ?? "")
    }

    static func drop(_ d: DropProcedure) -> String {
        "DROP PROCEDURE " + (d.ifExists ? "IF EXISTS " : "") + d.name.description + "("
            + d.argumentTypes.map(\.description).joined(separator: ", ") + ")"
    }

    static func alter(_ a: AlterProcedure) -> String {
        var out = "ALTER PROCEDURE " + (a.ifExists ? "IF EXISTS " : "") + a.name.description + "("
            + a.argumentTypes.map(\.description).joined(separator: ", ") + ")"
        switch a.action {
        case .set(let properties, let secrets):
            out += " SET" + StatementPrinter.properties(properties)
            if let secrets {
                out += " SECRETS = (" + secrets.map { SQLPrinter.quoteString($0.alias) + " = " + SQLPrinter.print($0.secret) }.joined(separator: ", ") + ")"
            }
        case .unset(let names): out += " UNSET " + names.joined(separator: ", ")
        case .rename(let name): out += " RENAME TO " + name.description
        case .executeAs(let who): out += " EXECUTE AS " + who
        }
        return out
    }
}
