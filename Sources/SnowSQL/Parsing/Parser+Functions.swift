// Parser+Functions: the user-defined function statements.
//   CREATE [OR REPLACE] [SECURE] FUNCTION [IF NOT EXISTS] name ([arg type [DEFAULT e], …]) [COPY GRANTS]
//     RETURNS type [[NOT] NULL] | TABLE ([col type, …])
//     { LANGUAGE lang | CALLED ON NULL INPUT | RETURNS NULL ON NULL INPUT | STRICT | VOLATILE | IMMUTABLE
//     | MEMOIZABLE | COMMENT = '…' | HANDLER = '…' | RUNTIME_VERSION = '…' | PACKAGES = (…) | IMPORTS = (…)
//     | EXTERNAL_ACCESS_INTEGRATIONS = (…) | SECRETS = ('alias' = secret, …) } … AS '…' | AS $$…$$
//   ALTER FUNCTION [IF EXISTS] name([type, …]) { SET { prop = value | SECRETS = (…) } … | SET SECURE
//     | UNSET SECURE | UNSET prop, … | RENAME TO name }
//   DROP FUNCTION [IF EXISTS] name([type, …])
//   DESC[RIBE] FUNCTION name([type, …])
//   SHOW [USER] FUNCTIONS [LIKE '…'] [IN …] [STARTS WITH '…'] [LIMIT n]
// https://docs.snowflake.com/en/sql-reference/sql/create-function

extension Parser {
    static let functionProperties: Set<String> = [
        "RUNTIME_VERSION", "PACKAGES", "IMPORTS", "HANDLER", "COMMENT", "EXTERNAL_ACCESS_INTEGRATIONS", "TARGET_PATH",
        "LOG_LEVEL", "TRACE_LEVEL",
    ]

    /// After CREATE … FUNCTION.
    mutating func parseCreateFunctionBody(_ modifiers: CreateModifiers, secure: Bool) throws(SyntaxError) -> CreateFunction {
        var modifiers = modifiers
        modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
        let name = try parseObjectName()
        let arguments = try parseRoutineArguments()
        let copyGrants = match("COPY", "GRANTS")
        try expect("RETURNS")
        let returns = try parseRoutineReturns()
        var function = CreateFunction(modifiers: modifiers, secure: secure, name: name, arguments: arguments, returns: returns)
        function.copyGrants = copyGrants
        while !atEnd && !checkSymbol(";") {
            if match("LANGUAGE") {
                guard current.kind == .word else { throw unexpected() }
                function.language = advance().text.uppercased()
            } else if match("CALLED", "ON", "NULL", "INPUT") {
                function.nullHandling = "CALLED ON NULL INPUT"
            } else if match("RETURNS", "NULL", "ON", "NULL", "INPUT") || match("STRICT") {
                function.nullHandling = "RETURNS NULL ON NULL INPUT"
            } else if match("VOLATILE") {
                function.volatility = "VOLATILE"
            } else if match("IMMUTABLE") {
                function.volatility = "IMMUTABLE"
            } else if match("MEMOIZABLE") {
                function.memoizable = true
            } else if match("SECRETS") {
                _ = matchSymbol("=")
                function.secrets = try parseSecretsList()
            } else if current.kind == .word, Parser.functionProperties.contains(current.text.uppercased()) {
                function.properties += try parseProperties(Parser.functionProperties)
            } else if match("AS") {
                guard current.kind == .string || current.kind == .dollarString else { throw unexpected() }
                function.body = advance().value
            } else {
                throw unexpected()
            }
        }
        return function
    }

    /// After ALTER: FUNCTION [IF EXISTS] name([types]) action.
    mutating func parseAlterFunction() throws(SyntaxError) -> AlterFunction {
        try expect("FUNCTION")
        let ifExists = match("IF", "EXISTS")
        let (name, types) = try parseProcedureSignature()
        let action: AlterFunction.Action
        if match("SET", "SECURE") {
            action = .secure(true)
        } else if match("UNSET", "SECURE") {
            action = .secure(false)
        } else if match("SET") {
            let (properties, secrets) = try parseRoutineSet(Parser.functionProperties)
            action = .set(properties, secrets: secrets)
        } else if match("UNSET") {
            action = .unset(try parseUnsetNames())
        } else if match("RENAME", "TO") {
            action = .rename(try parseObjectName())
        } else {
            throw unexpected()
        }
        return AlterFunction(name: name, argumentTypes: types, ifExists: ifExists, action: action)
    }

    /// After DROP: FUNCTION [IF EXISTS] name([types]).
    mutating func parseDropFunction() throws(SyntaxError) -> Statement {
        try expect("FUNCTION")
        let ifExists = match("IF", "EXISTS")
        let (name, types) = try parseProcedureSignature()
        return .function(.drop(name: name, argumentTypes: types, ifExists: ifExists))
    }

    /// After DESC[RIBE]: FUNCTION name([types]).
    mutating func parseDescribeFunction() throws(SyntaxError) -> Statement {
        try expect("FUNCTION")
        let (name, types) = try parseProcedureSignature()
        return .function(.describe(name: name, argumentTypes: types))
    }

    /// SHOW [USER] FUNCTIONS [filter].
    mutating func parseShowFunctions() throws(SyntaxError) -> Statement {
        try expect("SHOW")
        let userOnly = match("USER")
        try expect("FUNCTIONS")
        return .function(.show(userOnly: userOnly, try parseShowFilter()))
    }

    /// At `SHOW FUNCTIONS` or `SHOW USER FUNCTIONS`.
    var atShowFunctions: Bool {
        check("SHOW") && (peek().isWord("FUNCTIONS") || (peek().isWord("USER") && peek(2).isWord("FUNCTIONS")))
    }
}
