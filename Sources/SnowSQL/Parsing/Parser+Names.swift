// Parser+Names: entry points for names held in strings — `IDENTIFIER('db.sch."Mixed"')`,
// a column DEFAULT stored as text — parsed with the same rules as names in statements; and the
// other text a string holds for the parser, an interval constant's increments: `t + INTERVAL
// '1 day, 3 hours'` and `t - INTERVAL '5 minutes'` become DATEADD calls (one per increment, the
// amount negated for `-`), so they print, translate and check their date parts as DATEADD does.
// An increment is an integer and a date or time part (seconds when absent); increments are
// separated by commas; anything else is a syntax error at the string. Snowflake has intervals
// only as constants in date arithmetic, and so does Snowlite.
// https://docs.snowflake.com/en/sql-reference/data-types-datetime#interval-constants

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

    /// After `+` or `-`: `INTERVAL '<n> [<part>] [, …]'` applied to `left` as nested DATEADD calls;
    /// nil (nothing consumed) when no interval constant follows.
    mutating func parseIntervalArithmetic(_ left: Expression, subtract: Bool) throws(SyntaxError) -> Expression? {
        guard check("INTERVAL"), peek().kind == .string else { return nil }
        advance()
        let literal = current
        let text = advance().value
        var result = left
        for increment in text.split(separator: ",", omittingEmptySubsequences: false) {
            let words = increment.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
            guard (1...2).contains(words.count), let amount = Int64(words[0]) else {
                throw SyntaxError(at: literal)
            }
            let part = words.count == 2 ? words[1].uppercased() : "SECOND"
            let negative = (amount < 0) != subtract
            let magnitude = Expression.literal(.number(String(amount.magnitude)))
            result = .function(FunctionCall(name: [Identifier("DATEADD")], arguments: [
                FunctionArgument(value: .column([Identifier(part)])),
                FunctionArgument(value: negative && amount != 0 ? .unary(.minus, magnitude) : magnitude),
                FunctionArgument(value: result),
            ]))
        }
        return result
    }
}
