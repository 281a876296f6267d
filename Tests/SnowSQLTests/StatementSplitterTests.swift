// StatementSplitterTests: how scripts are cut into statements and when REPL input is complete
// (spec §1.6): quotes, `$$` bodies, comments, client commands, starting lines.

import SnowSQL
import XCTest

final class StatementSplitterTests: XCTestCase {
    private func texts(_ script: String) -> [String] {
        StatementSplitter.split(script).map(\.text)
    }

    func testSplitsOnSemicolonsAndDropsThem() {
        XCTAssertEqual(texts("select 1; select 2;\nselect 3"), ["select 1", "select 2", "select 3"])
    }

    func testLastStatementWithoutSemicolonIsNotTerminated() {
        let statements = StatementSplitter.split("select 1;\nselect 2")
        XCTAssertEqual(statements.map(\.isTerminated), [true, false])
    }

    func testSemicolonsInsideStringsIdentifiersAndDollarBodiesDoNotSplit() {
        let script = """
            select 'a;b', 'it''s;', 'back\\';slash';
            select "odd;name" from t;
            create procedure p() returns string language sql as $$ begin return 'x'; end; $$;
            """
        XCTAssertEqual(texts(script), [
            "select 'a;b', 'it''s;', 'back\\';slash'",
            "select \"odd;name\" from t",
            "create procedure p() returns string language sql as $$ begin return 'x'; end; $$",
        ])
    }

    func testCommentsTravelWithTheStatementAndSemicolonsInThemDoNotSplit() {
        let script = """
            -- Copyright; all rights reserved
            select 1; // trailing; comment
            /* block; comment */ select 2;
            """
        XCTAssertEqual(texts(script), [
            "-- Copyright; all rights reserved\nselect 1",
            "// trailing; comment\n/* block; comment */ select 2",
        ])
    }

    func testAnEmptyBlockCommentClosesWhereItEnds() {
        XCTAssertEqual(texts("select /**/ 1; select /*/ x */ 2; select 3"), ["select /**/ 1", "select /*/ x */ 2", "select 3"])
    }

    func testAnUnterminatedBlockCommentAtTheEndIsNoStatement() {
        // The script ends inside the comment: what came before it stands, and the input is not complete.
        XCTAssertEqual(texts("select 1; /*"), ["select 1"])
        XCTAssertEqual(texts("select 1 /*"), ["select 1 /*"])
        XCTAssertFalse(StatementSplitter.isComplete("select 1; /*"))
    }

    func testCommentOnlyChunksAreNotStatements() {
        XCTAssertEqual(texts("select 1;\n-- the end\n/* really */\n"), ["select 1"])
        XCTAssertEqual(texts("  ;  ; -- nothing\n"), [])
    }

    func testClientCommandsAreLineBased() {
        let statements = StatementSplitter.split("!set variable_substitution=true\nselect 1;\n  !print a; b\nselect\n2;")
        XCTAssertEqual(statements.map(\.kind), [.clientCommand, .sql, .clientCommand, .sql])
        XCTAssertEqual(statements.map(\.text), ["!set variable_substitution=true", "select 1", "!print a; b", "select\n2"])
    }

    func testBangInsideAStatementIsSQL() {
        XCTAssertEqual(StatementSplitter.split("select 1\n!= 2;").map(\.kind), [.sql])
    }

    func testStartingLinesSkipBlankLines() {
        let statements = StatementSplitter.split("\n\nselect 1;\n\n  select\n 2;\n!print x\n-- c\nselect 3")
        XCTAssertEqual(statements.map(\.line), [3, 5, 7, 8])
    }

    func testScriptingBlockWithoutDollarsIsCutAtFirstSemicolonAsSnowSQLDoes() {
        XCTAssertEqual(texts("begin\n  select 1;\nend;"), ["begin\n  select 1", "end"])
    }

    func testFileURLIsNotAComment() {
        XCTAssertEqual(texts("put file:///tmp/a.csv @s; select 1"), ["put file:///tmp/a.csv @s", "select 1"])
    }

    func testAsynchronousSeparatorEndsAStatement() {
        XCTAssertEqual(texts("select 1;>select 2;"), ["select 1", "select 2"])
    }

    func testIsComplete() {
        XCTAssertTrue(StatementSplitter.isComplete("select 1;"))
        XCTAssertTrue(StatementSplitter.isComplete("select 1;  -- done\n"))
        XCTAssertTrue(StatementSplitter.isComplete("!print hello"))
        XCTAssertTrue(StatementSplitter.isComplete(""))
        XCTAssertTrue(StatementSplitter.isComplete("   \n"))
        XCTAssertFalse(StatementSplitter.isComplete("select 1"))
        XCTAssertFalse(StatementSplitter.isComplete("select 'a;"))
        XCTAssertFalse(StatementSplitter.isComplete("select \"a;"))
        XCTAssertFalse(StatementSplitter.isComplete("create procedure p() as $$ select 1;"))
        XCTAssertFalse(StatementSplitter.isComplete("select 1 /* comment;"))
        XCTAssertFalse(StatementSplitter.isComplete("select 1; select 2"))
        XCTAssertTrue(StatementSplitter.isComplete("select 1; select 2;"))
    }

    func testRemovingCommentsKeepsStringsAndNewlines() {
        XCTAssertEqual(StatementSplitter.removingComments("-- head\nselect '--not' /* gone */, 2 // tail"),
                       "select '--not' , 2")
    }
}
