// Parser+Applications: CREATE APPLICATION … FROM APPLICATION PACKAGE, DROP APPLICATION, SHOW
// APPLICATIONS, CREATE APPLICATION ROLE and CREATE STREAMLIT (printed in SQLPrinter+Applications.swift),
// and a setup script's statements with where each starts.

extension Parser {
    static let streamlitProperties: Set<String> = ["MAIN_FILE", "QUERY_WAREHOUSE", "TITLE", "COMMENT", "IMPORTS", "EXTERNAL_ACCESS_INTEGRATIONS"]

    /// After CREATE [OR REPLACE]: APPLICATION name FROM APPLICATION PACKAGE pkg
    ///   [USING VERSION v [PATCH n] | USING '@stage/path'] [DEBUG_MODE = TRUE|FALSE] [COMMENT = '…'] — or APPLICATION ROLE.
    mutating func parseCreateApplication(_ modifiers: CreateModifiers) throws(SyntaxError) -> Statement {
        try expect("APPLICATION")
        var modifiers = modifiers
        if match("ROLE") {
            modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
            let name = try parseObjectName()
            return .application(.createRole(CreateNamedObject(modifiers: modifiers, name: name, properties: try parseProperties(["COMMENT"]))))
        }
        modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
        let name = try parseObjectName()
        try expect("FROM")
        try expect("APPLICATION")
        try expect("PACKAGE")
        let package = try parseObjectName()
        let source = try parseApplicationSource()
        let properties = try parseProperties(["DEBUG_MODE", "COMMENT"])
        return .application(.create(CreateApplication(modifiers: modifiers, name: name, package: package, source: source,
                                                      properties: properties)))
    }

    /// After CREATE [OR REPLACE]: STREAMLIT [IF NOT EXISTS] name FROM '<dir>' MAIN_FILE = '<file>' …
    mutating func parseCreateStreamlit(_ modifiers: CreateModifiers) throws(SyntaxError) -> Statement {
        try expect("STREAMLIT")
        var modifiers = modifiers
        modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
        let name = try parseObjectName()
        try expect("FROM")
        let root: String
        if current.kind == .stageReference { root = "@" + advance().value } else { root = try parseStringLiteral() }
        let properties = try parseProperties(Parser.streamlitProperties)
        guard properties.contains(where: { $0.name == "MAIN_FILE" }) else { throw unexpected() }
        return .application(.createStreamlit(CreateStreamlit(modifiers: modifiers, name: name, root: root, properties: properties)))
    }

    /// ALTER APPLICATION [IF EXISTS] name SET DEBUG_MODE = … COMMENT = … | UNSET REFERENCES [('ref' [, 'alias'])]
    ///   | UPGRADE [USING VERSION v [PATCH n] | USING '@stage/path']
    mutating func parseAlterApplication() throws(SyntaxError) -> Statement {
        try expect("ALTER")
        try expect("APPLICATION")
        let ifExists = match("IF", "EXISTS")
        let name = try parseObjectName()
        if match("SET") {
            let properties = try parseProperties(["DEBUG_MODE", "COMMENT"])
            guard !properties.isEmpty else { throw unexpected() }
            return .application(.alter(name, ifExists: ifExists, .set(properties)))
        }
        if match("UNSET") {
            try expect("REFERENCES")
            var reference: String?, alias: String?
            if matchSymbol("(") {
                reference = try parseStringLiteral()
                if matchSymbol(",") { alias = try parseStringLiteral() }
                try expectSymbol(")")
            }
            return .application(.alter(name, ifExists: ifExists, .unsetReferences(name: reference, alias: alias)))
        }
        try expect("UPGRADE")
        return .application(.alter(name, ifExists: ifExists, .upgrade(try parseApplicationSource())))
    }

    /// `[USING VERSION v [PATCH n] | USING '@stage/path']`; nothing means the release directive.
    private mutating func parseApplicationSource() throws(SyntaxError) -> CreateApplication.Source {
        guard match("USING") else { return .releaseDirective }
        guard match("VERSION") else { return .stage(try parseStageLocation()) }
        let version = try parseIdentifier()
        return .version(version, patch: match("PATCH") ? try parseInteger() : nil)
    }

    /// After DROP: APPLICATION [IF EXISTS] name [CASCADE]
    mutating func parseDropApplication() throws(SyntaxError) -> Statement {
        try expect("APPLICATION")
        let ifExists = match("IF", "EXISTS")
        let name = try parseObjectName()
        let cascade = match("CASCADE")
        if !cascade { _ = match("RESTRICT") }
        return .application(.drop(name, ifExists: ifExists, cascade: cascade))
    }
}

extension Parser {
    /// SHOW TELEMETRY EVENT DEFINITIONS IN APPLICATION name | SHOW OBJECTS OWNED BY APPLICATION name
    mutating func parseShowApplicationDetails() throws(SyntaxError) -> Statement {
        advance()
        if match("TELEMETRY") {
            for word in ["EVENT", "DEFINITIONS", "IN", "APPLICATION"] { try expect(word) }
            return .application(.showTelemetryEventDefinitions(try parseObjectName()))
        }
        for word in ["OBJECTS", "OWNED", "BY", "APPLICATION"] { try expect(word) }
        return .application(.showObjectsOwned(try parseObjectName()))
    }

    /// A script (a setup script): each statement with where it starts, so a failure can name its
    /// line and position. Scripting blocks parse whole, with or without `$$`.
    public static func parseScriptWithPositions(_ text: String) throws(SyntaxError) -> [(Statement, SourcePosition)] {
        var parser = try Parser(text)
        var statements: [(Statement, SourcePosition)] = []
        while !parser.atEnd {
            if parser.matchSymbol(";") { continue }
            let at = SourcePosition(line: parser.current.line, position: parser.current.position)
            statements.append((try parser.parseStatement(), at))
            if !parser.atEnd { try parser.expectSymbol(";") }
        }
        return statements
    }
}
