// BatchRunTests: the client run in-process over a fake connection — statements sent, results and
// footers printed, errors and exit codes, variables, `!` commands, echo, quiet, output files.

import Engine
import Snowlite
@testable import SnowSQLClient
import XCTest

final class BatchRunTests: XCTestCase {
    private let statusTable = """
        +----------------------------------+
        | status                           |
        |----------------------------------|
        | Statement executed successfully. |
        +----------------------------------+
        1 Row(s) produced. Time Elapsed: 0.000s

        """

    func testQueryPrintsBannerTableFooterAndGoodbye() throws {
        let harness = try Harness()
        XCTAssertEqual(harness.run(["-q", "create database x"]), 0)
        XCTAssertEqual(harness.stdout.text, friendly(statusTable))
        XCTAssertEqual(harness.connection.executed, ["create database x"])
    }

    func testFriendlyFalseDropsBannerAndGoodbye() throws {
        let harness = try Harness()
        XCTAssertEqual(harness.run(["-o", "friendly=false", "-q", "select 1;"]), 0)
        XCTAssertEqual(harness.stdout.text, statusTable)
    }

    func testStatementsAreSentWithoutTrailingSemicolonsAndWithComments() throws {
        let harness = try Harness()
        harness.standardInput = "-- Copyright\nset a = 1;\n\nselect $a;\n-- end\n"
        XCTAssertEqual(harness.run(["-o", "friendly=false", "-o", "timing=false", "-o", "quiet=true"]), 0)
        XCTAssertEqual(harness.connection.executed, ["-- Copyright\nset a = 1", "select $a"])
        XCTAssertEqual(harness.stdout.text, "")
    }

    func testErrorWithoutExitOnErrorContinuesAndExitsZero() throws {
        let harness = try Harness()
        harness.connection.answers["use database raw_db"] = .failure(databaseMissing)
        XCTAssertEqual(harness.run(["-o", "friendly=false", "-o", "timing=false", "-o", "output_format=csv",
                                    "-q", "use database raw_db; select 2"]), 0)
        XCTAssertEqual(harness.stdout.text, """
            002003 (02000): SQL compilation error:
            Database 'RAW_DB' does not exist or not authorized.
            status
            Statement executed successfully.

            """)
    }

    func testExitOnErrorStopsAtFirstErrorWithCode5() throws {
        let harness = try Harness()
        harness.connection.answers["use database raw_db"] = .failure(databaseMissing)
        try harness.write(".snowsql/config", "[options]\nexit_on_error = True\n")
        XCTAssertEqual(harness.run(["-q", "select 1; use database raw_db; select 3"]), 5)
        XCTAssertEqual(harness.connection.executed, ["select 1", "use database raw_db"])
        XCTAssertEqual(harness.stdout.text, friendly(statusTable + """
            002003 (02000): SQL compilation error:
            Database 'RAW_DB' does not exist or not authorized.

            """))
    }

    func testStopOnErrorStopsButExitsZero() throws {
        let harness = try Harness()
        harness.connection.answers["bad"] = .failure(.syntax(line: 1, position: 0, token: "bad"))
        XCTAssertEqual(harness.run(["-o", "stop_on_error=true", "-o", "friendly=false", "-q", "bad; select 2"]), 0)
        XCTAssertEqual(harness.connection.executed, ["bad"])
        XCTAssertEqual(harness.stdout.text, "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 0 unexpected 'bad'.\n")
    }

    func testVariablesSubstituteEverywhereOnlyWhenEnabled() throws {
        let harness = try Harness()
        try harness.write(".snowsql/config", "[variables]\nAPP_NAME=from_config\nstage_db=S\n")
        let script = "set APP = '&{APP_NAME}_x'; select $$ &stage_db $$, 'a&&b'"
        XCTAssertEqual(harness.run(["-o", "variable_substitution=true", "-o", "quiet=true",
                                    "-D", "app_name=from_flag", "-q", script]), 0)
        XCTAssertEqual(harness.connection.executed, ["set APP = 'from_flag_x'", "select $$ S $$, 'a&b'"])

        let off = try Harness()
        XCTAssertEqual(off.run(["-o", "quiet=true", "-D", "app_name=x", "-q", script]), 0)
        XCTAssertEqual(off.connection.executed, ["set APP = '&{APP_NAME}_x'", "select $$ &stage_db $$, 'a&&b'"])
    }

    func testUndefinedVariableIsNotSentAndCountsAsAnErrorForExitOnError() throws {
        let harness = try Harness()
        XCTAssertEqual(harness.run(["-o", "variable_substitution=true", "-o", "friendly=false",
                                    "-q", "select '&missing'; select 2"]), 0)
        XCTAssertEqual(harness.connection.executed, ["select 2"])
        XCTAssertTrue(harness.stdout.text.hasPrefix("Variable missing is not defined\n+"))

        let strict = try Harness()
        XCTAssertEqual(strict.run(["-o", "variable_substitution=true", "-o", "exit_on_error=true",
                                   "-o", "friendly=false", "-q", "select &{Nope}; select 2"]), 5)
        XCTAssertEqual(strict.connection.executed, [])
        XCTAssertEqual(strict.stdout.text, "Variable Nope is not defined\n")
    }

    func testBuiltInRowcountAndDefineAndVariablesTable() throws {
        let harness = try Harness()
        harness.connection.answers["insert into t values (1), (2)"] = .success(
            ResultSet(columns: [ResultColumn("number of rows inserted", .integer)], rows: [[.integer(2)]], kind: .dml(affected: 2)))
        let script = """
            !set variable_substitution=true
            insert into t values (1), (2);
            !define Greeting=hello world;
            !define empty
            !print &greeting: &__rowcount rows
            !variables
            """
        harness.environment["PATH"] = "/bin"
        XCTAssertEqual(harness.run(["-o", "friendly=false", "-o", "timing=false", "-q", script]), 0)
        XCTAssertEqual(harness.stdout.text, """
            +-------------------------+
            | number of rows inserted |
            |-------------------------|
            |                       2 |
            +-------------------------+
            hello world: 2 rows
            +------------+--------------------------------------+
            | Name       | Value                                |
            |------------+--------------------------------------|
            | __rowcount | 2                                    |
            | __sfqid    | 01b00000-0000-0000-0000-000000000001 |
            | empty      |                                      |
            | greeting   | hello world                          |
            | path       | /bin                                 |
            +------------+--------------------------------------+

            """)
    }

    func testEchoPrintsTheStatementAsSent() throws {
        let harness = try Harness()
        XCTAssertEqual(harness.run(["-o", "friendly=false", "-o", "echo=true", "-o", "output_format=tsv",
                                    "-o", "header=false", "-o", "timing=false", "-q", "select 1;"]), 0)
        XCTAssertEqual(harness.stdout.text, "select 1\nStatement executed successfully.\n")
    }

    func testUnknownAndUnsupportedClientCommands() throws {
        let harness = try Harness()
        XCTAssertEqual(harness.run(["-o", "friendly=false", "-q", "!frobnicate\n!connect other\n!set nope=1\n!set header=maybe"]), 0)
        XCTAssertEqual(harness.stdout.text, """
            Unknown command: !frobnicate. Type !help for the list of commands.
            The command !connect is not supported by Snowlite.
            Unknown option: nope
            Invalid value 'maybe' for option 'header'. Expected True or False

            """)
        let strict = try Harness()
        XCTAssertEqual(strict.run(["-o", "exit_on_error=true", "-o", "friendly=false", "-q", "!oops;\nselect 1"]), 5)
        XCTAssertEqual(strict.connection.executed, [])
    }

    func testExitAndQuitStopTheInput() throws {
        let harness = try Harness()
        XCTAssertEqual(harness.run(["-o", "friendly=false", "-o", "quiet=true", "-q", "select 1;\n!exit\nselect 2;"]), 0)
        XCTAssertEqual(harness.connection.executed, ["select 1"])
        let quit = try Harness()
        XCTAssertEqual(quit.run(["-o", "quiet=true", "-q", "!q;\nselect 2;"]), 0)
        XCTAssertEqual(quit.connection.executed, [])
        XCTAssertEqual(quit.stdout.text, friendly(""))
    }

    func testSourceRunsAFileAndSpoolCapturesResults() throws {
        let harness = try Harness()
        let inner = try harness.write("inner.sql", "select 'inner';\n!print from inner\n")
        let spool = harness.home.appendingPathComponent("spool.txt").path
        let script = "!spool \(spool)\n!source \(inner)\n!spool off\n!print not spooled\n!load \(harness.home.path)/missing.sql"
        XCTAssertEqual(harness.run(["-o", "friendly=false", "-o", "output_format=plain", "-q", script]), 0)
        XCTAssertEqual(harness.connection.executed, ["select 'inner'"])
        XCTAssertEqual(harness.read("spool.txt"), "status\nStatement executed successfully.\n1 Row(s) produced. Time Elapsed: 0.000s\nfrom inner\n")
        XCTAssertTrue(harness.stdout.text.hasSuffix("not spooled\nFile not found or not readable: \(harness.home.path)/missing.sql\n"))
    }

    func testOutputFileAppendsResultsAndTimingOnlyWhenAsked() throws {
        let harness = try Harness()
        try harness.write("out.txt", "before\n")
        let out = harness.home.appendingPathComponent("out.txt").path
        XCTAssertEqual(harness.run(["-o", "friendly=false", "-o", "output_file=\(out)", "-o", "output_format=csv",
                                    "-q", "select 1"]), 0)
        XCTAssertEqual(harness.read("out.txt"), "before\nstatus\nStatement executed successfully.\n")
        XCTAssertEqual(harness.stdout.text, "status\nStatement executed successfully.\n1 Row(s) produced. Time Elapsed: 0.000s\n")

        let timed = try Harness()
        let timedOut = timed.home.appendingPathComponent("t.txt").path
        XCTAssertEqual(timed.run(["-o", "friendly=false", "-o", "output_file=\(timedOut)", "-o", "timing_in_output_file=true",
                                  "-o", "quiet=true", "-o", "output_format=csv", "-q", "select 1"]), 0)
        XCTAssertEqual(timed.read("t.txt"), "status\nStatement executed successfully.\n1 Row(s) produced. Time Elapsed: 0.000s\n")
        XCTAssertEqual(timed.stdout.text, "")
    }

    func testRemoveCommentsAndKeepingSemicolons() throws {
        let harness = try Harness()
        XCTAssertEqual(harness.run(["-o", "quiet=true", "-o", "remove_comments=true", "-o", "remove_trailing_semicolons=false",
                                    "-q", "-- only a comment\nselect 1 /* x */;\n"]), 0)
        XCTAssertEqual(harness.connection.executed, ["select 1;"])
    }

    func testSingleTransactionWrapsTheInput() throws {
        let harness = try Harness()
        XCTAssertEqual(harness.run(["--single-transaction", "-o", "quiet=true", "-q", "select 1; select 2"]), 0)
        XCTAssertEqual(harness.connection.executed, ["BEGIN", "select 1", "select 2", "COMMIT"])
        let failing = try Harness()
        failing.connection.answers["bad"] = .failure(databaseMissing)
        XCTAssertEqual(failing.run(["--single-transaction", "-o", "quiet=true", "-q", "select 1; bad"]), 0)
        XCTAssertEqual(failing.connection.executed, ["BEGIN", "select 1", "bad", "ROLLBACK"])
    }

    func testSfqidAndSfqidInError() throws {
        let harness = try Harness()
        harness.connection.answers["bad"] = .failure(databaseMissing)
        XCTAssertEqual(harness.run(["-o", "friendly=false", "-o", "sfqid=true", "-o", "sfqid_in_error=true",
                                    "-o", "output_format=csv", "-o", "header=false", "-q", "select 1; bad"]), 0)
        XCTAssertEqual(harness.stdout.text, """
            Statement executed successfully.
            1 Row(s) produced. Time Elapsed: 0.000s
            Query ID: 01b00000-0000-0000-0000-000000000001
            002003 (02000): 01b00000-0000-0000-0000-000000000002: SQL compilation error:
            Database 'RAW_DB' does not exist or not authorized.

            """)
    }

    func testFooterFormatsThreeDecimals() {
        XCTAssertEqual(ClientSession.footer(rows: 891, seconds: 0.1084), "891 Row(s) produced. Time Elapsed: 0.108s")
        XCTAssertEqual(ClientSession.footer(rows: 0, seconds: 12), "0 Row(s) produced. Time Elapsed: 12.000s")
        XCTAssertEqual(ClientSession.footer(rows: 1, seconds: 0.0096), "1 Row(s) produced. Time Elapsed: 0.010s")
        XCTAssertEqual(ClientSession.footer(rows: 1, seconds: 65.0404), "1 Row(s) produced. Time Elapsed: 65.040s")
    }
}
