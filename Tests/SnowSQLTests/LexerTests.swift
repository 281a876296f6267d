// LexerTests: what the lexer hands the parser for each kind of Snowflake token — unquoted words
// (case kept, classified later), `"…"` identifiers with `""`, `'…'` strings with `''` and the
// backslash escapes (spec §14.11), `$$…$$` taken literally, numbers, the three comment forms,
// `$var` / `$1`, the two-character operators, stage references, the 1-based line and 0-based
// character position of every token, and the syntax errors for text that never ends.

import XCTest
@testable import SnowSQL

final class LexerTests: XCTestCase {
    /// The tokens of `text` without the final end-of-input token.
    private func lex(_ text: String) throws -> [Token] {
        let tokens = try Lexer.tokenize(text)
        XCTAssertEqual(tokens.last?.kind, .endOfInput)
        return Array(tokens.dropLast())
    }

    private func lexError(_ text: String) -> String? {
        do {
            _ = try Lexer.tokenize(text)
            return nil
        } catch {
            return error.message
        }
    }

    // MARK: - Words and quoted identifiers

    func testUnquotedWordsKeepTheirTextForTheParser() throws {
        let tokens = try lex("select Abc, _x$1")
        XCTAssertEqual(tokens.map(\.kind), [.word, .word, .symbol, .word])
        XCTAssertEqual(tokens.map(\.text), ["select", "Abc", ",", "_x$1"])
        XCTAssertTrue(tokens[0].isWord("SELECT"))
        XCTAssertFalse(tokens[1].isWord("AB"))
    }

    func testQuotedIdentifierUnescapesDoubledQuotesAndKeepsCase() throws {
        let tokens = try lex(#""Mixed ""q"" Case""#)
        XCTAssertEqual(tokens.count, 1)
        XCTAssertEqual(tokens[0].kind, .quotedIdentifier)
        XCTAssertEqual(tokens[0].value, #"Mixed "q" Case"#)
        XCTAssertEqual(tokens[0].text, #""Mixed ""q"" Case""#)
    }

    func testQuotedIdentifierMayHoldBlanksAndKeywords() throws {
        let tokens = try lex(#""select" "a b""#)
        XCTAssertEqual(tokens.map(\.kind), [.quotedIdentifier, .quotedIdentifier])
        XCTAssertEqual(tokens.map(\.value), ["select", "a b"])
    }

    // MARK: - Strings

    func testDoubledQuoteInsideString() throws {
        let tokens = try lex("'it''s'")
        XCTAssertEqual(tokens.map(\.kind), [.string])
        XCTAssertEqual(tokens[0].value, "it's")
        XCTAssertEqual(tokens[0].text, "'it''s'")
    }

    func testBackslashEscapes() throws {
        let tokens = try lex(#"'a\nb\tc\\d\'e'"#)
        XCTAssertEqual(tokens[0].value, "a\nb\tc\\d'e")
    }

    func testOctalHexAndUnicodeEscapes() throws {
        XCTAssertEqual(try lex(#"'\101'"#)[0].value, "A")
        XCTAssertEqual(try lex(#"'\x41'"#)[0].value, "A")
        XCTAssertEqual(try lex(#"'\u00e9t\u00E9'"#)[0].value, "été")
        XCTAssertEqual(try lex(#"'\0'"#)[0].value, "\0")
        XCTAssertEqual(try lex(#"'\r\b\f'"#)[0].value, "\r\u{08}\u{0C}")
    }

    func testUnknownEscapeKeepsTheCharacter() throws {
        XCTAssertEqual(try lex(#"'\q'"#)[0].value, "q")
        XCTAssertEqual(try lex(#"'\%'"#)[0].value, "%")
        // `\x` without hex digits is just `x`.
        XCTAssertEqual(try lex(#"'\x'"#)[0].value, "x")
    }

    func testDollarStringIsTakenLiterally() throws {
        let tokens = try lex(#"$$a\nb 'x' "y" -- not a comment$$"#)
        XCTAssertEqual(tokens.map(\.kind), [.dollarString])
        XCTAssertEqual(tokens[0].value, #"a\nb 'x' "y" -- not a comment"#)
    }

    func testEmptyDollarStringAndMultiLineBody() throws {
        let tokens = try lex("$$$$ $$line1\nline2$$ x")
        XCTAssertEqual(tokens.map(\.kind), [.dollarString, .dollarString, .word])
        XCTAssertEqual(tokens[0].value, "")
        XCTAssertEqual(tokens[1].value, "line1\nline2")
        XCTAssertEqual(tokens[2].line, 2)
        XCTAssertEqual(tokens[2].position, 8)
    }

    func testSyntaxErrorQuotesTheDecodedStringValue() {
        XCTAssertEqual(Token(kind: .string, text: "'a''b'", value: "a'b", line: 1, position: 0, start: 0, end: 6).errorText, "a'b")
        XCTAssertEqual(Token(kind: .endOfInput, text: "", line: 1, position: 0, start: 0, end: 0).errorText, "<EOF>")
    }

    // MARK: - Numbers

    func testNumberForms() throws {
        let tokens = try lex("1 1.5 .5 1e3 2E-2 3e+1 1.")
        XCTAssertEqual(tokens.map(\.kind), Array(repeating: .number, count: 7))
        XCTAssertEqual(tokens.map(\.text), ["1", "1.5", ".5", "1e3", "2E-2", "3e+1", "1."])
    }

    func testExponentNeedsDigits() throws {
        // `1e` is the number 1 followed by the word e (an implicit alias).
        let tokens = try lex("1e")
        XCTAssertEqual(tokens.map(\.kind), [.number, .word])
        XCTAssertEqual(tokens.map(\.text), ["1", "e"])
    }

    func testQualifiedNameIsNotANumber() throws {
        let tokens = try lex("t.a")
        XCTAssertEqual(tokens.map(\.text), ["t", ".", "a"])
        XCTAssertEqual(tokens.map(\.kind), [.word, .symbol, .word])
    }

    // MARK: - Comments

    func testCommentsAreSkipped() throws {
        let tokens = try lex("a -- comment\nb // other\nc /* block\nmore */ d")
        XCTAssertEqual(tokens.map(\.text), ["a", "b", "c", "d"])
        XCTAssertEqual(tokens.map(\.line), [1, 2, 3, 4])
        XCTAssertEqual(tokens[3].position, 8)
    }

    func testCommentMarkersInsideStringsAreText() throws {
        let tokens = try lex("'-- x' '/* y */' '// z'")
        XCTAssertEqual(tokens.map(\.value), ["-- x", "/* y */", "// z"])
    }

    func testSlashAndMinusAloneAreOperators() throws {
        XCTAssertEqual(try lex("a/b a-b").map(\.text), ["a", "/", "b", "a", "-", "b"])
    }

    // MARK: - Variables, binds and operators

    func testSessionVariableAndPositionalColumn() throws {
        let tokens = try lex("$var $1 $12")
        XCTAssertEqual(tokens.map(\.kind), [.variable, .positional, .positional])
        XCTAssertEqual(tokens.map(\.value), ["var", "1", "12"])
        XCTAssertEqual(tokens.map(\.text), ["$var", "$1", "$12"])
    }

    func testLoneDollarIsASymbol() throws {
        let tokens = try lex("$ x")
        XCTAssertEqual(tokens.map(\.kind), [.symbol, .word])
        XCTAssertEqual(tokens[0].text, "$")
    }

    func testColonAndDoubleColon() throws {
        let tokens = try lex("v:a x::int :b")
        XCTAssertEqual(tokens.map(\.text), ["v", ":", "a", "x", "::", "int", ":", "b"])
    }

    func testTwoCharacterOperators() throws {
        let tokens = try lex("a||b x=>y a<=b a>=b a<>b a!=b")
        XCTAssertEqual(tokens.filter { $0.kind == .symbol }.map(\.text), ["||", "=>", "<=", ">=", "<>", "!="])
    }

    func testSingleCharacterSymbols() throws {
        let tokens = try lex("( ) , ; = < > + * % [ ] ?")
        XCTAssertTrue(tokens.allSatisfy { $0.kind == .symbol })
        XCTAssertEqual(tokens.map(\.text), ["(", ")", ",", ";", "=", "<", ">", "+", "*", "%", "[", "]", "?"])
    }

    func testAmpersandIsASymbolTheParserRejects() throws {
        let tokens = try lex("&x")
        XCTAssertEqual(tokens.map(\.kind), [.symbol, .word])
        XCTAssertEqual(tokens[0].text, "&")
    }

    // MARK: - Stage references

    func testStageReferences() throws {
        let tokens = try lex("@db.schema.stage/path @~ @~/x/y.csv")
        XCTAssertEqual(tokens.map(\.kind), [.stageReference, .stageReference, .stageReference])
        XCTAssertEqual(tokens.map(\.value), ["db.schema.stage/path", "~", "~/x/y.csv"])
        XCTAssertEqual(tokens[0].text, "@db.schema.stage/path")
    }

    func testStageReferenceEndsAtSemicolonCommaAndParenthesis() throws {
        let tokens = try lex("@s; @t, (@u)")
        XCTAssertEqual(tokens.map(\.text), ["@s", ";", "@t", ",", "(", "@u", ")"])
    }

    func testUnquotedFileURLIsOneTokenNotAComment() throws {
        let tokens = try lex("PUT file:///tmp/sf_build/* @s/V_1;")
        XCTAssertEqual(tokens.map(\.kind), [.word, .fileURL, .stageReference, .symbol])
        XCTAssertEqual(tokens[1].text, "file:///tmp/sf_build/*")
        XCTAssertEqual(try lex("select file // comment").map(\.text), ["select", "file"])
        XCTAssertEqual(try lex("FILE://a,b(c) x").map(\.text), ["FILE://a,b(c)", "x"])
    }

    func testQuotedPartInsideStageReference() throws {
        let tokens = try lex(#"@"My Stage"/p x"#)
        XCTAssertEqual(tokens.map(\.kind), [.stageReference, .word])
        XCTAssertEqual(tokens[0].value, #""My Stage"/p"#)
    }

    // MARK: - Positions

    func testLineAndPositionOfTokensOnLaterLines() throws {
        let tokens = try lex("select\n  a,\n    bb\nfrom t")
        XCTAssertEqual(tokens.map(\.text), ["select", "a", ",", "bb", "from", "t"])
        XCTAssertEqual(tokens.map(\.line), [1, 2, 2, 3, 4, 4])
        XCTAssertEqual(tokens.map(\.position), [0, 2, 3, 4, 0, 5])
    }

    func testPositionsCountCharactersNotBytes() throws {
        let tokens = try lex("'é' é x")
        XCTAssertEqual(tokens.map(\.position), [0, 4, 6])
        // Source offsets are UTF-8 bytes.
        XCTAssertEqual(tokens.map(\.start), [0, 5, 8])
        XCTAssertEqual(tokens.map(\.end), [4, 7, 9])
    }

    func testEndOfInputSitsAfterTheLastCharacter() throws {
        let tokens = try Lexer.tokenize("select 1\n")
        XCTAssertEqual(tokens.last?.kind, .endOfInput)
        XCTAssertEqual(tokens.last?.line, 2)
        XCTAssertEqual(tokens.last?.position, 0)
    }

    func testIdentifierCallFollowedByWordWithoutBlank() throws {
        let tokens = try lex("IDENTIFIER('x')SCHEDULE")
        XCTAssertEqual(tokens.map(\.kind), [.word, .symbol, .string, .symbol, .word])
        XCTAssertEqual(tokens.map(\.value), ["IDENTIFIER", "(", "x", ")", "SCHEDULE"])
        XCTAssertEqual(tokens[4].position, 15)
    }

    // MARK: - Text that never ends

    func testUnterminatedStringReportsEOFAtItsStart() {
        XCTAssertEqual(lexError("select 'abc"), "syntax error line 1 at position 7 unexpected '<EOF>'.")
    }

    func testUnterminatedQuotedIdentifier() {
        XCTAssertEqual(lexError("select\n \"abc"), "syntax error line 2 at position 1 unexpected '<EOF>'.")
    }

    func testUnterminatedDollarString() {
        XCTAssertEqual(lexError("  $$abc $"), "syntax error line 1 at position 2 unexpected '<EOF>'.")
    }

    func testUnterminatedBlockComment() {
        XCTAssertEqual(lexError("select 1 /* abc\n"), "syntax error line 1 at position 9 unexpected '<EOF>'.")
    }

    func testBackslashBeforeClosingQuoteLeavesStringOpen() {
        XCTAssertEqual(lexError(#"'abc\'"#), "syntax error line 1 at position 0 unexpected '<EOF>'.")
    }
}
