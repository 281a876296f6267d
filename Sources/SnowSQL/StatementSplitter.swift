// StatementSplitter: cuts a script into the statements snowsql would send one by one, and tells
// the REPL whether the text typed so far is complete (spec §1.6). Pure: no I/O, no Foundation.
//
// A `;` ends a statement only outside `'…'` strings (with `''` and backslash escapes), `"…"`
// identifiers, `$$…$$` bodies and comments (`--`, `//`, `/* */`). Comments stay with the
// statement they precede or follow (snowsql's `remove_comments=False` default); a chunk holding
// only blanks and comments is not a statement. A line whose first significant character, at the
// start of a statement, is `!` is a client command that ends at the end of that line.
//
// Snowflake Scripting blocks (`BEGIN … ; … END;`) written without `$$` are cut at their first `;`,
// exactly as snowsql does; the server then reports the broken block. Users wrap blocks in `$$…$$`
// or `EXECUTE IMMEDIATE $$…$$`, as Snowflake's documentation tells SnowSQL users to.
// https://docs.snowflake.com/en/developer-guide/snowflake-scripting/running-examples
//
// `//` is not a comment right after `:`, so that `PUT file:///tmp/x.csv @stage` survives.
// `;>` (snowsql's "run asynchronously" separator) ends a statement like `;`.

/// One statement (or client command) found in a script.
public struct SplitStatement: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// SQL for the server. `text` has no trailing `;`.
        case sql
        /// A `!` command line, `text` starting with `!`.
        case clientCommand
    }

    public var kind: Kind
    /// The statement's text, trimmed of surrounding blanks; comments inside or before it are kept.
    public var text: String
    /// The 1-based line on which the statement's first non-blank character stands.
    public var line: Int
    /// True when a `;` ended the statement (false for a last statement without one).
    public var isTerminated: Bool

    public init(kind: Kind, text: String, line: Int, isTerminated: Bool) {
        self.kind = kind
        self.text = text
        self.line = line
        self.isTerminated = isTerminated
    }
}

public enum StatementSplitter {
    /// Splits a script into statements and client commands, in order.
    public static func split(_ text: String) -> [SplitStatement] {
        var scanner = Scanner(text)
        scanner.run()
        return scanner.statements
    }

    /// True when the text needs no more input: it ends with a `;` outside strings, `$$` bodies and
    /// comments, or it is a client command, or it holds nothing to send. Unterminated quotes,
    /// `$$` bodies and block comments make it incomplete, whatever else it holds.
    public static func isComplete(_ text: String) -> Bool {
        var scanner = Scanner(text)
        scanner.run()
        return scanner.endState == .normal && !scanner.pendingHasCode
    }

    /// The statement's text with its comments taken out (for `remove_comments=True`). Strings,
    /// quoted identifiers and `$$` bodies are left untouched; a removed line comment keeps its newline.
    public static func removingComments(_ text: String) -> String {
        var scanner = Scanner(text)
        scanner.run()
        var kept = String.UnicodeScalarView()
        var index = 0
        for range in scanner.commentRanges {
            kept.append(contentsOf: scanner.chars[index..<range.lowerBound])
            index = range.upperBound
        }
        kept.append(contentsOf: scanner.chars[index...])
        return trimmed(String(kept))
    }

    static func trimmed(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var start = 0, end = scalars.count
        while start < end, isBlank(scalars[start]) { start += 1 }
        while end > start, isBlank(scalars[end - 1]) { end -= 1 }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    static func isBlank(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0B}" || c == "\u{0C}"
    }
}

// MARK: - Scanner

extension StatementSplitter {
    enum State: Equatable {
        case normal, singleQuoted, doubleQuoted, dollarQuoted, lineComment, blockComment
    }

    /// One pass over the text. Every loop iteration advances `index` by at least one.
    struct Scanner {
        let chars: [Unicode.Scalar]
        var index = 0
        var line = 1
        var state = State.normal
        /// Where the pending chunk starts, and whether it holds anything besides blanks and comments.
        var chunkStart = 0
        var chunkStartLine = 1
        var pendingHasCode = false
        var statements: [SplitStatement] = []
        var commentRanges: [Range<Int>] = []
        var commentStart = 0

        init(_ text: String) { chars = Array(text.unicodeScalars) }

        var endState: State { state == .lineComment ? .normal : state }

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            let at = index + offset
            return at < chars.count ? chars[at] : nil
        }

        mutating func run() {
            while index < chars.count {
                let c = chars[index]
                switch state {
                case .normal: scanNormal(c)
                case .singleQuoted:
                    if c == "\\" && index + 1 < chars.count {
                        advance(); advance()
                    } else {
                        if c == "'" { state = .normal }
                        advance()
                    }
                case .doubleQuoted:
                    if c == "\"" { state = .normal }
                    advance()
                case .dollarQuoted:
                    if c == "$" && peek(1) == "$" {
                        state = .normal
                        advance(); advance()
                    } else {
                        advance()
                    }
                case .lineComment:
                    if c == "\n" { endComment() }
                    advance()
                case .blockComment:
                    if c == "*" && peek(1) == "/" {
                        advance(); advance()
                        endComment()
                    } else {
                        advance()
                    }
                }
            }
            if state == .lineComment { endComment() }
            if pendingHasCode {
                emit(.sql, from: chunkStart, to: chars.count, terminated: false)
            }
        }

        mutating func scanNormal(_ c: Unicode.Scalar) {
            if !pendingHasCode && c == "!" {
                scanClientCommand()
                return
            }
            switch c {
            case ";":
                if pendingHasCode { emit(.sql, from: chunkStart, to: index, terminated: true) }
                advance()
                if peek() == ">" { advance() }
                startChunk()
            case "'": state = .singleQuoted; markCode(); advance()
            case "\"": state = .doubleQuoted; markCode(); advance()
            case "$" where peek(1) == "$":
                state = .dollarQuoted; markCode(); advance(); advance()
            case "-" where peek(1) == "-":
                beginComment(.lineComment)
            case ":" where peek(1) == "/" && peek(2) == "/":
                // `file:///tmp/x.csv`: the slashes of a URL are not a comment.
                markCode()
                advance()
                while peek() == "/" { advance() }
            case "/" where peek(1) == "/":
                beginComment(.lineComment)
            case "/" where peek(1) == "*":
                // Past the `/*` only: the comment's own `*/` may follow at once (`/**/`), and `/*/`
                // does not close it.
                beginComment(.blockComment)
            default:
                if !StatementSplitter.isBlank(c) { markCode() }
                advance()
            }
        }

        /// `!command …` up to the end of the line; any blanks or comments before it are dropped.
        mutating func scanClientCommand() {
            let start = index
            while index < chars.count && chars[index] != "\n" { index += 1 }
            let text = StatementSplitter.trimmed(String(String.UnicodeScalarView(chars[start..<index])))
            statements.append(SplitStatement(kind: .clientCommand, text: text, line: line, isTerminated: true))
            if index < chars.count { advance() }
            startChunk()
        }

        mutating func beginComment(_ kind: State) {
            commentStart = index
            state = kind
            advance(); advance()
        }

        mutating func endComment() {
            state = .normal
            commentRanges.append(commentStart..<index)
        }

        mutating func markCode() { pendingHasCode = true }

        mutating func advance() {
            if chars[index] == "\n" { line += 1 }
            index += 1
        }

        mutating func startChunk() {
            chunkStart = index
            chunkStartLine = line
            pendingHasCode = false
        }

        mutating func emit(_ kind: SplitStatement.Kind, from start: Int, to end: Int, terminated: Bool) {
            var first = start
            var firstLine = chunkStartLine
            while first < end, StatementSplitter.isBlank(chars[first]) {
                if chars[first] == "\n" { firstLine += 1 }
                first += 1
            }
            var last = end
            while last > first, StatementSplitter.isBlank(chars[last - 1]) { last -= 1 }
            // Built from UTF-8 bytes: appending scalars to a String one by one cost a third of a
            // large script's time.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(last - first)
            for scalar in chars[first..<last] {
                if scalar.isASCII { bytes.append(UInt8(scalar.value)) } else { bytes.append(contentsOf: Array(String(scalar).utf8)) }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            statements.append(SplitStatement(kind: kind, text: text, line: firstLine, isTerminated: terminated))
        }
    }
}
