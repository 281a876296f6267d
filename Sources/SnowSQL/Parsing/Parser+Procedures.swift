// Parser+Procedures: CREATE PROCEDURE, CALL and DROP PROCEDURE (spec §7.1).
//   CREATE [OR REPLACE | OR ALTER] [SECURE] PROCEDURE name ([arg type [DEFAULT e], …])
//     [COPY GRANTS] RETURNS type [NOT NULL] | TABLE ([col type, …]) LANGUAGE lang
//     { RUNTIME_VERSION = '…' | PACKAGES = (…) | IMPORTS = (…) | HANDLER = '…' | COMMENT = '…'
//     | EXTERNAL_ACCESS_INTEGRATIONS = (…) | SECRETS = ('alias' = secret, …)
//     | EXECUTE AS OWNER | CALLER | RESTRICTED CALLER | [CALLED | RETURNS NULL] ON NULL INPUT | STRICT
//     | VOLATILE | IMMUTABLE } … [AS '…' | AS $$…$$ | AS <Scripting block>]
//   CALL name([arg | name => arg, …]) [INTO :v]
//   DROP PROCEDURE [IF EXISTS] name([type, …])

extension Parser {
    static let procedureProperties: Set<String> = [
        "RUNTIME_VERSION", "PACKAGES", "IMPORTS", "HANDLER", "COMMENT", "EXTERNAL_ACCESS_INTEGRATIONS", "TARGET_PATH",
        "LOG_LEVEL", "TRACE_LEVEL",
    ]

    mutating func parseCreateProcedureBody(_ modifiers: CreateModifiers, secure: Bool) throws(SyntaxError) -> CreateProcedure {
        let name = try parseObjectName()
        let arguments = try parseRoutineArguments()
        _ = match("COPY", "GRANTS")
        try expect("RETURNS")
        let returns = try parseRoutineReturns()
        var procedure = CreateProcedure(modifiers: modifiers, secure: secure, name: name, arguments: arguments,
                                        returns: returns, language: "SQL")
        while !atEnd && !checkSymbol(";") {
            if match("LANGUAGE") {
                guard current.kind == .word else { throw unexpected() }
                procedure.language = advance().text.uppercased()
            } else if match("EXECUTE", "AS") {
                if match("OWNER") { procedure.executeAs = "OWNER" }
                else if match("CALLER") { procedure.executeAs = "CALLER" }
                else { try expect("RESTRICTED"); try expect("CALLER"); procedure.executeAs = "RESTRICTED CALLER" }
            } else if match("CALLED", "ON", "NULL", "INPUT") || match("RETURNS", "NULL", "ON", "NULL", "INPUT")
                        || match("STRICT") || match("VOLATILE") || match("IMMUTABLE") {
                continue
            } else if match("SECRETS") {
                _ = matchSymbol("=")
                procedure.secrets = try parseSecretsList()
            } else if current.kind == .word, Parser.procedureProperties.contains(current.text.uppercased()) {
                procedure.properties += try parseProperties(Parser.procedureProperties)
            } else if match("AS") {
                if current.kind == .string || current.kind == .dollarString {
                    procedure.body = .text(advance().value)
                } else if atBlockStart {
                    let start = current.start
                    let block = try parseBlock()
                    procedure.body = .block(block, text: SourceText(text(from: start, to: previousEnd)))
                } else {
                    throw unexpected()
                }
            } else {
                throw unexpected()
            }
        }
        return procedure
    }

    /// `( 'alias' = secret_name | reference('…'), … )`
    mutating func parseSecretsList() throws(SyntaxError) -> [ProcedureSecret] {
        try expectSymbol("(")
        var secrets: [ProcedureSecret] = []
        if !checkSymbol(")") {
            repeat {
                let alias = try parseStringLiteral()
                try expectSymbol("=")
                let secret: Expression
                if check("REFERENCE") && peek().isSymbol("(") {
                    secret = .function(try parseCallArguments(name: [Identifier(advance().text.uppercased())]))
                } else {
                    secret = .column(try parseQualifiedParts())
                }
                secrets.append(ProcedureSecret(alias: alias, secret: secret))
            } while matchSymbol(",")
        }
        try expectSymbol(")")
        return secrets
    }

    /// CALL name([args]) [INTO :v]
    mutating func parseCall() throws(SyntaxError) -> Call {
        try expect("CALL")
        let name = try parseTargetName()  // `CALL reference('p')(…)` in an application
        let call = try parseCallArguments(name: [])
        var result = Call(name: name, arguments: call.arguments)
        if match("INTO") {
            _ = matchSymbol(":")
            result.into = try parseIdentifier().name
        }
        return result
    }

    /// DROP PROCEDURE [IF EXISTS] name([type, …]) — after DROP.
    mutating func parseDropProcedure() throws(SyntaxError) -> DropProcedure {
        try expect("PROCEDURE")
        let ifExists = match("IF", "EXISTS")
        let (name, types) = try parseProcedureSignature()
        return DropProcedure(name: name, argumentTypes: types, ifExists: ifExists)
    }

    /// `name([type, …])`: a procedure's identity, as DROP, ALTER and DESCRIBE PROCEDURE name it.
    mutating func parseProcedureSignature() throws(SyntaxError) -> (name: ObjectName, types: [DataTypeName]) {
        let name = try parseObjectName()
        try expectSymbol("(")
        var types: [DataTypeName] = []
        if !checkSymbol(")") {
            repeat { types.append(try parseDataType()) } while matchSymbol(",")
        }
        try expectSymbol(")")
        return (name, types)
    }

    /// `(name type [DEFAULT e], …)`: a procedure's or function's arguments.
    mutating func parseRoutineArguments() throws(SyntaxError) -> [ProcedureArgument] {
        try expectSymbol("(")
        var arguments: [ProcedureArgument] = []
        if !checkSymbol(")") {
            repeat {
                let argName = try parseIdentifier().name
                let type = try parseDataType()
                let defaultValue = match("DEFAULT") ? try parseExpression() : nil
                arguments.append(ProcedureArgument(name: argName, type: type, defaultValue: defaultValue))
            } while matchSymbol(",")
        }
        try expectSymbol(")")
        return arguments
    }

    /// After RETURNS: `TABLE (col type, …)` or `type [NOT NULL | NULL]`.
    mutating func parseRoutineReturns() throws(SyntaxError) -> ProcedureReturns {
        if check("TABLE") && peek().isSymbol("(") {
            advance(); advance()
            var columns: [ProcedureArgument] = []
            if !checkSymbol(")") {
                repeat {
                    let column = try parseIdentifier().name
                    columns.append(ProcedureArgument(name: column, type: try parseDataType()))
                } while matchSymbol(",")
            }
            try expectSymbol(")")
            return .table(columns)
        }
        let type = try parseDataType()
        let notNull = match("NOT", "NULL")
        if !notNull { _ = match("NULL") }
        return .type(type, notNull: notNull)
    }

    /// After ALTER PROCEDURE|FUNCTION … SET: the `allowed` properties and `SECRETS = (…)`, in any
    /// order; at least one.
    mutating func parseRoutineSet(_ allowed: Set<String>) throws(SyntaxError) -> ([Property], [ProcedureSecret]?) {
        var properties: [Property] = []
        var secrets: [ProcedureSecret]?
        while current.kind == .word {
            if match("SECRETS") {
                _ = matchSymbol("=")
                secrets = try parseSecretsList()
            } else if allowed.contains(current.text.uppercased()) {
                properties += try parseProperties(allowed)
            } else {
                throw unexpected()
            }
        }
        if properties.isEmpty && secrets == nil { throw unexpected() }
        return (properties, secrets)
    }

    /// After … UNSET: `name [, name …]`, upper-cased.
    mutating func parseUnsetNames() throws(SyntaxError) -> [String] {
        var names: [String] = []
        repeat {
            guard current.kind == .word else { throw unexpected() }
            names.append(advance().text.uppercased())
        } while matchSymbol(",")
        return names
    }

    /// After ALTER: PROCEDURE [IF EXISTS] name([types]) { SET { prop = value | SECRETS = (…) } …
    ///   | UNSET prop, … | RENAME TO name | EXECUTE AS OWNER|CALLER }
    mutating func parseAlterProcedure() throws(SyntaxError) -> AlterProcedure {
        try expect("PROCEDURE")
        let ifExists = match("IF", "EXISTS")
        let (name, types) = try parseProcedureSignature()
        let action: AlterProcedure.Action
        if match("SET") {
            let (properties, secrets) = try parseRoutineSet(Parser.procedureProperties)
            action = .set(properties, secrets: secrets)
        } else if match("UNSET") {
            action = .unset(try parseUnsetNames())
        } else if match("RENAME", "TO") {
            action = .rename(try parseObjectName())
        } else if match("EXECUTE", "AS") {
            if match("OWNER") { action = .executeAs("OWNER") } else { try expect("CALLER"); action = .executeAs("CALLER") }
        } else {
            throw unexpected()
        }
        return AlterProcedure(name: name, argumentTypes: types, ifExists: ifExists, action: action)
    }
}
