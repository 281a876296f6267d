// Token: what the lexer hands the parser. Every token knows where it starts (1-based line,
// 0-based position, as Snowflake's syntax errors count them) and its source range, so the parser
// can quote it in `unexpected '…'` and take select-item source text for column titles.

public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// An unquoted word: a keyword or an identifier, decided by the parser. `text` is as written.
        case word
        /// `"…"`: `value` holds the name with `""` unescaped, case kept.
        case quotedIdentifier
        /// `'…'` with escapes processed, or `$$…$$` taken literally; `value` holds the contents.
        case string
        case dollarString
        /// A numeric literal, `text` as written.
        case number
        /// `$name`: a session variable; `value` holds the name as written.
        case variable
        /// `$1`: a positional column reference (staged files, VALUES).
        case positional
        /// `@db.schema.stage/path` or `@~`: `value` holds the text after `@`.
        case stageReference
        /// `file:///tmp/x.csv` written without quotes (PUT, GET): the whole URL, up to a blank or `;`.
        case fileURL
        /// Punctuation and operators: `( ) , . ; : :: || => = <> != < <= > >= + - * / % [ ] { } ?`
        case symbol
        case endOfInput
    }

    public var kind: Kind
    /// The source text of the token.
    public var text: String
    /// The decoded value for strings, quoted identifiers, variables and stage references.
    public var value: String
    public var line: Int
    public var position: Int
    /// Offsets (in UTF-8 bytes) of the token in the statement text.
    public var start: Int
    public var end: Int

    public init(kind: Kind, text: String, value: String? = nil, line: Int, position: Int, start: Int, end: Int) {
        self.kind = kind
        self.text = text
        self.value = value ?? text
        self.line = line
        self.position = position
        self.start = start
        self.end = end
    }

    /// What a syntax error quotes: the token's text, `<EOF>` at the end.
    public var errorText: String {
        switch kind {
        case .endOfInput: return "<EOF>"
        case .string: return value
        default: return text
        }
    }

    /// True for a number that can name a driver's binding (`:1`): digits only, from 1.
    public var isBindNumber: Bool {
        kind == .number && !text.isEmpty && text.utf8.allSatisfy { (48...57).contains($0) } && text.first != "0"
    }

    /// True for an unquoted word equal (case-insensitively) to `keyword`.
    public func isWord(_ keyword: String) -> Bool {
        kind == .word && text.count == keyword.count && text.uppercased() == keyword
    }

    public func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
}
