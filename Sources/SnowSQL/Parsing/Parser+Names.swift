// Parser+Names: entry points for names held in strings — `IDENTIFIER('db.sch."Mixed"')`,
// a column DEFAULT stored as text — parsed with the same rules as names in statements.

extension Parser {
    /// Parses a whole string as a qualified name (`db.sch.obj`, quoted parts keep case).
    public static func parseQualifiedName(_ text: String) throws(SyntaxError) -> [Identifier] {
        var parser = try Parser(text)
        let parts = try parser.parseQualifiedParts()
        guard parser.atEnd else { throw parser.unexpected() }
        return parts
    }

    /// Parses a whole string as one expression.
    public static func parseStandaloneExpression(_ text: String) throws(SyntaxError) -> Expression {
        var parser = try Parser(text)
        let expression = try parser.parseExpression()
        guard parser.atEnd else { throw parser.unexpected() }
        return expression
    }
}
