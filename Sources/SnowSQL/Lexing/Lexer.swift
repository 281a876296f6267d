// Lexer: Snowflake SQL text to tokens. Unquoted words are left for the parser to classify
// (keywords are data, Keywords.swift); strings process backslash escapes and `''` while `$$…$$`
// takes everything literally (spec §9); comments `--`, `//` and `/* */` are skipped; positions
// count characters from 0 on each line, lines from 1, as Snowflake's errors do.

public struct Lexer {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0  // byte offset where the current line starts
    /// The column of an offset on the current line, so each token's column is counted from the
    /// previous token's rather than from the line start (long lines stay linear).
    private var columnCache: (offset: Int, column: Int) = (0, 0)

    public init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// All tokens of the text, ending with one `.endOfInput` token.
    public static func tokenize(_ text: String) throws(SyntaxError) -> [Token] {
        var lexer = Lexer(text)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .endOfInput { return tokens }
        }
    }

    // MARK: - Scanning

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }
    private func peek(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

    /// Character column of a byte offset on the current line (UTF-8 continuation bytes do not count).
    private mutating func column(of offset: Int) -> Int {
        var (i, column) = columnCache.offset >= lineStart && columnCache.offset <= offset ? columnCache : (lineStart, 0)
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        columnCache = (offset, column)
        return column
    }

    private mutating func advance() {
        if bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }

    private struct Origin { var start: Int; var line: Int; var position: Int }

    private func token(_ kind: Token.Kind, _ origin: Origin, value: String?) -> Token {
        Token(kind: kind, text: text(origin.start, index), value: value, line: origin.line, position: origin.position,
              start: origin.start, end: index)
    }

    private func text(_ from: Int, _ to: Int) -> String { String(decoding: bytes[from..<to], as: UTF8.self) }

    private mutating func skipBlanksAndComments() throws(SyntaxError) {
        while let c = current {
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C {
                advance()
            } else if (c == UInt8(ascii: "-") && peek(1) == UInt8(ascii: "-")) || (c == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "/")) {
                while let d = current, d != 0x0A { advance() }
            } else if c == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
                let startLine = line, startColumn = column(of: index)
                advance(); advance()
                while true {
                    guard let d = current else {
                        throw SyntaxError(line: startLine, position: startColumn, token: "<EOF>")
                    }
                    if d == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/") { advance(); advance(); break }
                    advance()
                }
            } else {
                return
            }
        }
    }

    public mutating func next() throws(SyntaxError) -> Token {
        try skipBlanksAndComments()
        let start = index
        let startLine = line
        let position = column(of: index)
        let origin = Origin(start: start, line: startLine, position: position)
        func make(_ kind: Token.Kind, value: String? = nil) -> Token { token(kind, origin, value: value) }
        guard let c = current else { return make(.endOfInput) }

        if isIdentifierStart(c) {
            while let d = current, isIdentifierPart(d) { advance() }
            // `file://…` unquoted (PUT, GET): its slashes are not a `//` comment.
            if index - start == 4, text(start, index).lowercased() == "file", current == UInt8(ascii: ":"),
               peek(1) == UInt8(ascii: "/"), peek(2) == UInt8(ascii: "/") {
                while let d = current, !isStageTerminator(d) || d == UInt8(ascii: ",") || d == UInt8(ascii: "(")
                    || d == UInt8(ascii: ")") { advance() }
                return make(.fileURL)
            }
            // `snow://package/p/versions/LIVE/…` (PUT, GET, LIST, REMOVE): a stage location, as `@…` is.
            if index - start == 4, text(start, index).lowercased() == "snow", current == UInt8(ascii: ":"),
               peek(1) == UInt8(ascii: "/"), peek(2) == UInt8(ascii: "/") {
                while let d = current, !isStageTerminator(d) { advance() }
                return make(.stageReference, value: text(start, index))
            }
            return make(.word)
        }
        if isDigit(c) || (c == UInt8(ascii: ".") && peek(1).map(isDigit) == true) {
            scanNumber()
            return make(.number)
        }
        switch c {
        case UInt8(ascii: "'"):
            let value = try scanQuoted(startLine: startLine, position: position)
            return make(.string, value: value)
        case UInt8(ascii: "\""):
            advance()
            var value: [UInt8] = []
            while true {
                guard let d = current else { throw SyntaxError(line: startLine, position: position, token: "<EOF>") }
                advance()
                if d == UInt8(ascii: "\"") {
                    if current == UInt8(ascii: "\"") { value.append(d); advance(); continue }
                    break
                }
                value.append(d)
            }
            return make(.quotedIdentifier, value: String(decoding: value, as: UTF8.self))
        case UInt8(ascii: "$"):
            if peek(1) == UInt8(ascii: "$") {
                advance(); advance()
                let bodyStart = index
                while true {
                    guard let d = current else { throw SyntaxError(line: startLine, position: position, token: "<EOF>") }
                    if d == UInt8(ascii: "$") && peek(1) == UInt8(ascii: "$") { break }
                    advance()
                }
                let body = text(bodyStart, index)
                advance(); advance()
                return make(.dollarString, value: body)
            }
            advance()
            if let d = current, isDigit(d) {
                while let e = current, isDigit(e) { advance() }
                return make(.positional, value: text(start + 1, index))
            }
            if let d = current, isIdentifierStart(d) {
                while let e = current, isIdentifierPart(e), e != UInt8(ascii: "$") { advance() }
                return make(.variable, value: text(start + 1, index))
            }
            return make(.symbol)
        case UInt8(ascii: "@"):
            advance()
            while let d = current, !isStageTerminator(d) {
                if d == UInt8(ascii: "\"") {  // a quoted part inside a stage name
                    advance()
                    while let e = current, e != UInt8(ascii: "\"") { advance() }
                    if current != nil { advance() }
                    continue
                }
                advance()
            }
            return make(.stageReference, value: text(start + 1, index))
        default:
            scanSymbol()
            return make(.symbol)
        }
    }

    private mutating func scanNumber() {
        while let d = current, isDigit(d) { advance() }
        if current == UInt8(ascii: "."), peek(1).map(isDigit) == true || !(peek(1).map(isIdentifierStart) ?? false) {
            advance()
            while let d = current, isDigit(d) { advance() }
        }
        if let e = current, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            let sign = peek(1)
            if sign.map(isDigit) == true || ((sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-")) && peek(2).map(isDigit) == true) {
                advance()
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { advance() }
                while let d = current, isDigit(d) { advance() }
            }
        }
    }

    /// `'…'`: `''` is a quote; backslash escapes `\n \t \r \b \f \0 \\ \' \ooo \xhh \uhhhh`.
    private mutating func scanQuoted(startLine: Int, position: Int) throws(SyntaxError) -> String {
        advance()
        var out: [UInt8] = []
        while true {
            guard let d = current else { throw SyntaxError(line: startLine, position: position, token: "<EOF>") }
            advance()
            if d == UInt8(ascii: "'") {
                if current == UInt8(ascii: "'") { out.append(d); advance(); continue }
                return String(decoding: out, as: UTF8.self)
            }
            guard d == UInt8(ascii: "\\"), let e = current else { out.append(d); continue }
            advance()
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var digits = [e]
                while digits.count < 3, let f = current, f >= UInt8(ascii: "0"), f <= UInt8(ascii: "7") { digits.append(f); advance() }
                let code = UInt32(String(decoding: digits, as: UTF8.self), radix: 8) ?? 0
                out.append(contentsOf: Array(String(Unicode.Scalar(code).map(Character.init) ?? "\0").utf8))
            case UInt8(ascii: "x"):
                out.append(contentsOf: hexEscape(maxDigits: 2) ?? Array("x".utf8))
            case UInt8(ascii: "u"):
                out.append(contentsOf: hexEscape(maxDigits: 4) ?? Array("u".utf8))
            default:
                out.append(e)
            }
        }
    }

    private mutating func hexEscape(maxDigits: Int) -> [UInt8]? {
        var digits: [UInt8] = []
        while digits.count < maxDigits, let f = current, isHexDigit(f) { digits.append(f); advance() }
        guard !digits.isEmpty, let code = UInt32(String(decoding: digits, as: UTF8.self), radix: 16),
              let scalar = Unicode.Scalar(code) else { return nil }
        return Array(String(Character(scalar)).utf8)
    }

    private static let twoCharacterSymbols: Set<String> = ["::", "||", "=>", "<=", ">=", "<>", "!=", "->"]

    private mutating func scanSymbol() {
        if let next = peek(1) {
            let pair = String(decoding: [bytes[index], next], as: UTF8.self)
            if Lexer.twoCharacterSymbols.contains(pair) {
                advance(); advance()
                return
            }
        }
        // One character (a whole UTF-8 sequence for anything outside ASCII).
        advance()
        while let d = current, d & 0xC0 == 0x80 { advance() }
    }

    // MARK: - Character classes

    private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private func isHexDigit(_ c: UInt8) -> Bool { isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66) }
    private func isIdentifierStart(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c >= 0xC0 }
    private func isIdentifierPart(_ c: UInt8) -> Bool { isIdentifierStart(c) || isDigit(c) || c == 0x24 || (c >= 0x80 && c < 0xC0) }
    private func isStageTerminator(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: ";") || c == UInt8(ascii: ",") || c == UInt8(ascii: ")")
            || c == UInt8(ascii: "(") || c == UInt8(ascii: "'")
    }
}
