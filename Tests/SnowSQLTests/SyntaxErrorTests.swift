// SyntaxErrorTests: the exact text of Snowflake's 001003 syntax error as the front-end produces
// it — `syntax error line L at position P unexpected 'TOKEN'.` with a 1-based line, a 0-based
// character position and `<EOF>` at the end of input (spec §3) — for misspelt keywords, statements
// that end early, errors on later lines, characters SQL does not use, and statement families not
// implemented yet, which must fail at the right word rather than crash or half-parse. It also
// covers how `parseOne` and `parseScript` treat `;`.

import XCTest
@testable import SnowSQL

final class SyntaxErrorTests: XCTestCase {
    private func assertSyntaxError(_ sql: String, line: Int, position: Int, token: String,
                                   file: StaticString = #filePath, lineNumber: UInt = #line) {
        XCTAssertEqual(syntaxError(sql), "syntax error line \(line) at position \(position) unexpected '\(token)'.",
                       sql, file: file, line: lineNumber)
    }

    func testMessageFormat() {
        XCTAssertEqual(SyntaxError(line: 2, position: 14, token: "<EOF>").message, "syntax error line 2 at position 14 unexpected '<EOF>'.")
        let token = Token(kind: .word, text: "frm", line: 3, position: 4, start: 20, end: 23)
        XCTAssertEqual(SyntaxError(at: token), SyntaxError(line: 3, position: 4, token: "frm"))
    }

    // MARK: - Misspellings and stray tokens

    func testMisspeltFrom() {
        XCTAssertEqual(syntaxError("select * frm t"), "syntax error line 1 at position 9 unexpected 'frm'.")
    }

    func testMisspeltCreate() {
        XCTAssertEqual(syntaxError("creat table t(a int)"), "syntax error line 1 at position 0 unexpected 'creat'.")
    }

    func testTokenIsQuotedAsWritten() {
        assertSyntaxError("SELECT a FROM t WHERE a IS 1", line: 1, position: 27, token: "1")
        assertSyntaxError("select 1 2", line: 1, position: 9, token: "2")
        assertSyntaxError("update t a = 1", line: 1, position: 11, token: "=")
        assertSyntaxError("delete t", line: 1, position: 7, token: "t")
        assertSyntaxError("begin foo", line: 1, position: 6, token: "foo")
        assertSyntaxError("select 1 select 2", line: 1, position: 9, token: "select")
    }

    func testAmpersandIsNotSQL() {
        // `&x` is client-side substitution; when it reaches the server it is a syntax error.
        XCTAssertEqual(syntaxError("select &x"), "syntax error line 1 at position 7 unexpected '&'.")
        assertSyntaxError("select * from &{tbl}", line: 1, position: 14, token: "&")
    }

    func testMisplacedClauses() {
        assertSyntaxError("create database d if not exists", line: 1, position: 18, token: "if")
        assertSyntaxError("create database d foo = 1", line: 1, position: 18, token: "foo")
        assertSyntaxError("create table t ()", line: 1, position: 16, token: ")")
        assertSyntaxError("select cast(a as) from t", line: 1, position: 16, token: ")")
        assertSyntaxError("select f(a,) from t", line: 1, position: 11, token: ")")
        assertSyntaxError("create table t (a int, primary (a))", line: 1, position: 31, token: "(")
    }

    // MARK: - Statements that end early

    func testEndOfInputIsQuotedAsEOF() {
        assertSyntaxError("select a from", line: 1, position: 13, token: "<EOF>")
        assertSyntaxError("create table t", line: 1, position: 14, token: "<EOF>")
        assertSyntaxError("insert into t values", line: 1, position: 20, token: "<EOF>")
        assertSyntaxError("select a from t where", line: 1, position: 21, token: "<EOF>")
        assertSyntaxError("select 1 +", line: 1, position: 10, token: "<EOF>")
        assertSyntaxError("select (1", line: 1, position: 9, token: "<EOF>")
        assertSyntaxError("show tables like", line: 1, position: 16, token: "<EOF>")
        assertSyntaxError("set x", line: 1, position: 5, token: "<EOF>")
        assertSyntaxError("use", line: 1, position: 3, token: "<EOF>")
        assertSyntaxError("execute immediate", line: 1, position: 17, token: "<EOF>")
        assertSyntaxError("start", line: 1, position: 5, token: "<EOF>")
    }

    func testEOFPositionAfterTrailingBlankLines() {
        assertSyntaxError("select a\nfrom\n", line: 3, position: 0, token: "<EOF>")
        assertSyntaxError("select a from -- nothing more", line: 1, position: 29, token: "<EOF>")
    }

    func testEmptyTextIsASyntaxErrorAtEOF() {
        assertSyntaxError("", line: 1, position: 0, token: "<EOF>")
        assertSyntaxError("  -- only a comment", line: 1, position: 19, token: "<EOF>")
    }

    // MARK: - Later lines

    func testErrorOnLineThreeOfAMultiLineStatement() {
        let sql = """
            select a,
              b,
              c c2 c3
            from t
            """
        XCTAssertEqual(syntaxError(sql), "syntax error line 3 at position 7 unexpected 'c3'.")
    }

    func testPositionCountsCharactersOfTheErrorLine() {
        assertSyntaxError("select 'é' x y", line: 1, position: 13, token: "y")
        assertSyntaxError("select\n\t1 +\n\t\t*", line: 3, position: 2, token: "*")
    }

    func testLexicalErrorsOnLaterLines() {
        assertSyntaxError("select 1,\n  'abc", line: 2, position: 2, token: "<EOF>")
        assertSyntaxError("select 1\n/* never closed", line: 2, position: 0, token: "<EOF>")
    }

    // MARK: - Families not implemented yet

    func testUnimplementedCreateKindsFailAtTheKind() {
        assertSyntaxError("CREATE ALERT a WAREHOUSE = wh SCHEDULE = '1 minute' IF (EXISTS (select 1)) THEN select 1", line: 1, position: 7, token: "ALERT")
        // Streams on the sources Snowlite does not have fail at the kind of source.
        assertSyntaxError("CREATE STREAM s ON EXTERNAL TABLE t", line: 1, position: 19, token: "EXTERNAL")
        assertSyntaxError("create pipe p as copy into t from @s", line: 1, position: 7, token: "pipe")
    }

    func testUnimplementedStatementsFailAtTheFirstWord() {
        assertSyntaxError("UNDROP TABLE t", line: 1, position: 0, token: "UNDROP")
        assertSyntaxError("EXPLAIN SELECT 1", line: 1, position: 0, token: "EXPLAIN")
        assertSyntaxError("MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN INSERT VALUES (1)", line: 1, position: 54, token: "INSERT")
        assertSyntaxError("TRUNCATE TABLE t", line: 1, position: 0, token: "TRUNCATE")
        assertSyntaxError("alter table t add column b int", line: 1, position: 0, token: "alter")
        assertSyntaxError("  undrop table t", line: 1, position: 2, token: "undrop")
    }

    func testStageCommandsNeedAFileAndAStage() {
        assertSyntaxError("put @s", line: 1, position: 4, token: "@s")
        assertSyntaxError("put 'file:///tmp/x'", line: 1, position: 19, token: "<EOF>")
        assertSyntaxError("put 'file:///tmp/x' s", line: 1, position: 20, token: "s")
        assertSyntaxError("list s", line: 1, position: 5, token: "s")
        assertSyntaxError("get @s", line: 1, position: 6, token: "<EOF>")
        assertSyntaxError("list @s pattern", line: 1, position: 15, token: "<EOF>")
        assertSyntaxError("put file:///tmp/x @s compress = true", line: 1, position: 21, token: "compress")
        assertSyntaxError("list @/x", line: 1, position: 5, token: "@/x")
    }

    func testUnimplementedKindsInDropAndShow() {
        assertSyntaxError("drop stream", line: 1, position: 11, token: "<EOF>")
        assertSyntaxError("show streams on t", line: 1, position: 13, token: "on")
        assertSyntaxError("drop pipe p", line: 1, position: 5, token: "pipe")
        assertSyntaxError("drop network policy p", line: 1, position: 5, token: "network")
    }

    // MARK: - One statement or several

    func testParseOneReportsFollowingStatements() throws {
        let two = try Parser.parseOne("select 1; select 2")
        XCTAssertTrue(two.followedByMore)
        XCTAssertEqual(two.statement, .query(Query(body: .select(Select(items: [item(num("1"))])))))
        XCTAssertTrue(try Parser.parseOne("create database d;\ncreate schema s").followedByMore)
    }

    /// GRANT <privileges> ON needs the object's type (ACCOUNT, DATABASE, SCHEMA, TABLE, …): Snowflake's
    /// grammar has no form without it, so the name is the unexpected word
    /// (https://docs.snowflake.com/en/sql-reference/sql/grant-privilege). Issue 20, item 12.
    func testGrantWithoutTheObjectTypeFailsAtTheName() {
        assertSyntaxError("grant select on t to role r", line: 1, position: 16, token: "t")
        assertSyntaxError("GRANT SELECT, INSERT ON db.s.orders TO ROLE analyst", line: 1, position: 24, token: "db")
        assertSyntaxError("grant all on mytable to role r", line: 1, position: 13, token: "mytable")
        assertSyntaxError("revoke select on t from role r", line: 1, position: 17, token: "t")
        assertSyntaxError("grant usage on my_wh to role r", line: 1, position: 15, token: "my_wh")
        XCTAssertNil(syntaxError("grant select on table t to role r"))
        XCTAssertNil(syntaxError("grant select on view v to role r"))
    }

    /// An index element belongs to CREATE HYBRID TABLE; DROP INDEX names the index with its table.
    func testHybridTableSyntaxErrors() {
        assertSyntaxError("drop index i", line: 1, position: 11, token: "i")
        assertSyntaxError("create index i on t", line: 1, position: 19, token: "<EOF>")
        assertSyntaxError("create hybrid table t (a int primary key, b int references p (x, y))", line: 1, position: 63, token: ",")
    }

    func testParseOneAcceptsOneTrailingSemicolon() throws {
        XCTAssertFalse(try Parser.parseOne("select 1;").followedByMore)
        XCTAssertFalse(try Parser.parseOne("select 1").followedByMore)
        XCTAssertFalse(try Parser.parseOne("select 1 ;  -- done\n").followedByMore)
        XCTAssertFalse(try Parser.parseOne("select 1;;").followedByMore)
    }

    func testParseOneReportsTheErrorOfTheFirstStatementOnly() throws {
        // The second statement is not parsed: the engine answers 000006 without looking at it.
        XCTAssertTrue(try Parser.parseOne("select 1; selec 2").followedByMore)
        assertSyntaxError("selec 1; select 2", line: 1, position: 0, token: "selec")
    }

    func testParseScriptSplitsOnSemicolonsAndSkipsEmptyStatements() throws {
        let statements = try Parser.parseScript(";; use db; select 1;\n\n;show roles;")
        XCTAssertEqual(statements, [.use(UseStatement(kind: nil, name: obj("DB"))),
                                    .query(Query(body: .select(Select(items: [item(num("1"))])))),
                                    .show(ShowStatement(kind: .role))])
        XCTAssertEqual(try Parser.parseScript(""), [])
    }

    func testParseScriptReportsTheFailingStatementsLine() {
        do {
            _ = try Parser.parseScript("select 1;\nselect * frm t;\nselect 3")
            XCTFail("expected a syntax error")
        } catch {
            XCTAssertEqual(error.message, "syntax error line 2 at position 9 unexpected 'frm'.")
        }
    }

    func testSemicolonInsideStringsAndDollarQuotesDoesNotEndAStatement() throws {
        XCTAssertFalse(try Parser.parseOne("select 'a;b'").followedByMore)
        XCTAssertEqual(try Parser.parseScript("execute immediate $$select 1; select 2$$; select 3").count, 2)
    }
}
