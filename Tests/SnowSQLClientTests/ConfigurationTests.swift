// ConfigurationTests: the config file format, option values, variable syntax, and who wins
// between flags, SNOWSQL_* variables and config sections (spec §1.2–§1.4).

import Engine
import Foundation
import Snowlite
@testable import SnowSQLClient
import XCTest

final class ConfigurationTests: XCTestCase {
    func testParsesSectionsQuotesCommentsAndMultiLineValues() throws {
        let config = try ConfigFile.parse("""
            # a comment
            [connections]
            accountname = myorg-acct   # trailing comment
            username = "jo # not a comment"

            [connections.dev]
            dbname = 'it\\'s'
            rolename = \"\"\"multi
            line\"\"\"
            [options]
            Exit_On_Error = True
            """)
        XCTAssertEqual(config.section("connections"), ["accountname": "myorg-acct", "username": "jo # not a comment"])
        XCTAssertEqual(config.section("connections.dev"), ["dbname": "it's", "rolename": "multi\nline"])
        XCTAssertEqual(config.section("options"), ["exit_on_error": "True"])
    }

    /// snowsql reads its environment from `environ` (not ProcessInfo): the same names and values,
    /// a value holding `=` kept whole, an empty value kept.
    func testTheProcessEnvironmentIsReadWhole() {
        setenv("SNOWLITE_TEST_EQUALS", "a=b=c", 1)
        setenv("SNOWLITE_TEST_EMPTY", "", 1)
        defer { unsetenv("SNOWLITE_TEST_EQUALS"); unsetenv("SNOWLITE_TEST_EMPTY") }
        let read = ClientLauncher.processEnvironment()
        XCTAssertEqual(read["SNOWLITE_TEST_EQUALS"], "a=b=c")
        XCTAssertEqual(read["SNOWLITE_TEST_EMPTY"], "")
        XCTAssertEqual(read, ProcessInfo.processInfo.environment)
    }

    func testParseErrorsNameTheLine() {
        XCTAssertThrowsError(try ConfigFile.parse("[options]\nnot a pair\n", path: "/x/config")) { error in
            XCTAssertEqual("\(error)", "Error parsing the config file /x/config at line 2: expected name = value")
        }
        XCTAssertThrowsError(try ConfigFile.parse("[options]\nx = 'open\n", path: "c")) { error in
            XCTAssertEqual("\(error)", "Error parsing the config file c at line 2: a quoted value is never closed")
        }
    }

    func testNamedConnectionFallsBackToDefaultsAndAcceptsShortAliases() throws {
        let config = try ConfigFile.parse("""
            [connections]
            accountname = base
            warehousename = WH
            [connections.dev]
            account = dev_acct
            user = dev_user
            database = DEV_DB
            """)
        XCTAssertEqual(try ConnectionSettings.fromConfig(config, connection: "dev"),
                       ConnectionSettings(account: "dev_acct", user: "dev_user", database: "DEV_DB", warehouse: "WH"))
        XCTAssertEqual(try ConnectionSettings.fromConfig(config, connection: nil),
                       ConnectionSettings(account: "base", warehouse: "WH"))
        XCTAssertThrowsError(try ConnectionSettings.fromConfig(config, connection: "prod"))
    }

    func testFlagsBeatEnvironmentWhichBeatsConfig() throws {
        let harness = try Harness()
        try harness.write(".snowsql/config", """
            [connections]
            rolename = SYSADMIN
            [connections.dev]
            accountname = from_config
            dbname = CONFIG_DB
            schemaname = CONFIG_SCHEMA
            """)
        harness.environment["SNOWSQL_DATABASE"] = "ENV_DB"
        harness.environment["SNOWSQL_USER"] = "env_user"
        XCTAssertEqual(harness.run(["-c", "dev", "-s", "FLAG_SCHEMA", "--db", "/tmp/x.sqlite", "-q", ""]), 0)
        let options = try XCTUnwrap(harness.connectedWith)
        XCTAssertEqual(options.account, "from_config")
        XCTAssertEqual(options.user, "env_user")
        XCTAssertEqual(options.database, "ENV_DB")
        XCTAssertEqual(options.schema, "FLAG_SCHEMA")
        XCTAssertEqual(options.role, "SYSADMIN")
        XCTAssertEqual(options.databasePath, "/tmp/x.sqlite")
    }

    func testConfigFlagReplacesTheUserConfigAndLegacyFileIsRead() throws {
        let harness = try Harness()
        try harness.write(".snowsql.cnf", "[connections]\naccountname = legacy\nusername = legacy_user\n")
        try harness.write(".snowsql/config", "[connections]\naccountname = ignored\n")
        let other = try harness.write("other.cnf", "[connections]\naccountname = other\n")
        XCTAssertEqual(harness.run(["--config", other, "-q", ""]), 0)
        XCTAssertEqual(harness.connectedWith?.account, "other")
        XCTAssertEqual(harness.connectedWith?.user, "legacy_user")
    }

    func testUnknownConnectionIsAClientProblem() throws {
        let harness = try Harness()
        XCTAssertEqual(harness.run(["-c", "nowhere", "-q", "select 1"]), 1)
        XCTAssertEqual(harness.stderr.text, "Connection 'nowhere' is not defined in the config file(s); add a [connections.nowhere] section to ~/.snowsql/config\n")
        XCTAssertEqual(harness.stdout.text, "")
        XCTAssertNil(harness.connectedWith)
    }

    func testUnknownOptionInConfigIsExit1AndOnCommandLineExit2() throws {
        let harness = try Harness()
        try harness.write(".snowsql/config", "[options]\nmystery = 1\n")
        XCTAssertEqual(harness.run(["-q", "select 1"]), 1)
        XCTAssertEqual(harness.stderr.text, "Unknown option: mystery (in the [options] section of the config file)\n")
        let flags = try Harness()
        XCTAssertEqual(flags.run(["-o", "colour=blue", "-q", "select 1"]), 2)
        XCTAssertEqual(flags.stderr.text, "Unknown option: colour\n")
    }

    func testConnectFailureIsExit1OnStandardError() throws {
        let harness = try Harness()
        harness.connectError = SnowflakeError(code: "250001", sqlState: "08001", message: "Could not open the account file 'x'")
        XCTAssertEqual(harness.run(["-q", "select 1"]), 1)
        XCTAssertEqual(harness.stderr.text, "250001 (08001): Could not open the account file 'x'\n")
    }

    func testUnreadableFileIsExit1BeforeConnecting() throws {
        let harness = try Harness()
        XCTAssertEqual(harness.run(["-f", "/nonexistent/install.sql"]), 1)
        XCTAssertEqual(harness.stderr.text, "File not found or not readable: /nonexistent/install.sql\n")
        XCTAssertNil(harness.connectedWith)
    }

    func testSeveralFilesRunInOrder() throws {
        let harness = try Harness()
        let first = try harness.write("a.sql", "select 'a';")
        let second = try harness.write("b.sql", "select 'b'")
        XCTAssertEqual(harness.run(["-o", "quiet=true", "-f", first, "-f", second]), 0)
        XCTAssertEqual(harness.connection.executed, ["select 'a'", "select 'b'"])
    }

    func testBooleansAcceptTheUsualSpellings() throws {
        var options = ClientOptions()
        for (text, expected) in [("True", true), ("no", false), ("ON", true), ("off", false), ("1", true), ("0", false), ("yes", true), ("FALSE", false)] {
            try options.set("EXIT_ON_ERROR", text)
            XCTAssertEqual(options.exitOnError, expected, text)
        }
        try options.set(assignment: "output_format=JSON")
        XCTAssertEqual(options.outputFormat, .json)
        XCTAssertThrowsError(try options.set(assignment: "output_format=yaml"))
        XCTAssertThrowsError(try options.set(assignment: "timing"))
        try options.set("rowset_size", "500")
        XCTAssertEqual(options.values["rowset_size"], "500")
        try options.set("environment_variables", "['HOME', 'USER']")
        XCTAssertEqual(options.environmentVariables, ["HOME", "USER"])
    }

    func testVariableSyntax() throws {
        var variables = ClientVariables(["Name": "v", "a": "1"])
        try variables.define(assignment: "B_2=x=y")
        XCTAssertEqual(try variables.substitute("&name &{A}_&b_2 && &&name & &{ x&"), "v 1_x=y & &name & &{ x&")
        XCTAssertThrowsError(try variables.substitute("&zzz")) { XCTAssertEqual("\($0)", "Variable zzz is not defined") }
        XCTAssertThrowsError(try variables.define(assignment: "bad-name=1"))
        try variables.define(assignment: "a")
        XCTAssertEqual(variables["A"], "")
        XCTAssertEqual(variables.sorted.map(\.name), ["a", "b_2", "name"])
    }
}
