// CommandLineTests: the built `snowsql` binary run as a user runs it — argv and standard input
// in, standard output, standard error and exit code compared as text. HOME and SNOWLITE_HOME
// point at a temporary folder so nothing touches the real home or account.

import Foundation
import SnowliteTesting
import XCTest

final class CommandLineTests: XCTestCase {
    private var home: URL!
    private var snowsql: BuiltProgram!

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("snowsql-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        snowsql = try BuiltProgram.locate("snowsql")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: home)
    }

    private func run(_ arguments: [String], input: String? = nil) throws -> BuiltProgram.Output {
        try snowsql.run(arguments, input: input, home: home)
    }

    func testVersion() throws {
        let output = try run(["-v"])
        XCTAssertEqual(output.stdout, "Version: 1.2.32 (Snowlite 0.1.0)\n")
        XCTAssertEqual(output.status, 0)
        let snowlite = try BuiltProgram.locate("snowlite").run(["--version"], home: home)
        XCTAssertEqual(snowlite.stdout, output.stdout)
    }

    func testHelpWithQuestionMarkAndLongForm() throws {
        let help = try run(["-?"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.hasPrefix("OVERVIEW: Snowlite's SnowSQL: run Snowflake SQL against a local account.\n"), help.stdout)
        for flag in ["-a, --accountname <accountname>", "-c, --connection <connection>", "-D, --variable <variable>",
                     "-o, --option <option>", "--db <db>", "--config <config>", "-v, --version"] {
            XCTAssertTrue(help.stdout.contains(flag), flag)
        }
        XCTAssertEqual(try run(["--help"]).stdout, help.stdout)
    }

    func testBadArgumentsExitWithCode2() throws {
        let output = try run(["--bogus"])
        XCTAssertEqual(output.status, 2)
        XCTAssertEqual(output.stdout, "")
        XCTAssertTrue(output.stderr.hasPrefix("Error: Unknown option '--bogus'\n"), output.stderr)
        XCTAssertEqual(try run(["-q"]).status, 2)
        XCTAssertEqual(try run(["-o", "nope=1", "-q", "!print x"]).status, 2)
    }

    func testIgnoredConnectionFlagsAreAccepted() throws {
        let output = try run(["-h", "x.snowflakecomputing.com", "-p", "443", "--region", "us", "-P", "--noup", "-K",
                              "--authenticator", "snowflake", "--query_tag", "t", "--probe-connection",
                              "-o", "friendly=false", "-q", "!print ok"])
        XCTAssertEqual(output.stdout, "ok\n")
        XCTAssertEqual(output.status, 0)
    }

    func testPrintDefineAndVariablesFromStandardInput() throws {
        let script = """
            !print hello
            !define App_Name=CONNECTOR;
            !variables
            !set variable_substitution=true
            !print &{app_name}_V1 &&
            """
        let output = try run(["-D", "stage=S1", "-o", "environment_variables=[]"], input: script)
        XCTAssertEqual(output.stdout, """
            * SnowSQL * v1.2.32
            Type SQL statements or !help
            hello
            +----------+-----------+
            | Name     | Value     |
            |----------+-----------|
            | app_name | CONNECTOR |
            | stage    | S1        |
            +----------+-----------+
            CONNECTOR_V1 &
            Goodbye!

            """)
        XCTAssertEqual(output.status, 0)
    }

    func testUndefinedVariableMessageAndExitOnError() throws {
        let lenient = try run(["-o", "friendly=false", "-o", "variable_substitution=true", "-q", "select &nope; !print after"])
        XCTAssertEqual(lenient.stdout, "Variable nope is not defined\nafter\n")
        XCTAssertEqual(lenient.status, 0)
        let strict = try run(["-o", "friendly=false", "-o", "variable_substitution=true", "-o", "exit_on_error=true",
                              "-q", "select &nope; !print after"])
        XCTAssertEqual(strict.stdout, "Variable nope is not defined\n")
        XCTAssertEqual(strict.status, 5)
    }

    func testEngineErrorPrintsOnStandardOutputAndExitOnErrorGives5() throws {
        // A statement no engine accepts; its exact wording is the engine's business.
        let output = try run(["-o", "exit_on_error=true", "-q", "selec nothing from nowhere; !print after"])
        XCTAssertEqual(output.status, 5)
        let lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(Array(lines.prefix(2)), ["* SnowSQL * v1.2.32", "Type SQL statements or !help"])
        XCTAssertNotNil(lines[2].range(of: #"^\d{6} \([0-9A-Z]{5}\): "#, options: .regularExpression), lines[2])
        XCTAssertEqual(Array(lines.suffix(2)), ["Goodbye!", ""])
        XCTAssertFalse(output.stdout.contains("Row(s) produced"))
        XCTAssertFalse(output.stdout.contains("after"))
        XCTAssertEqual(output.stderr, "")
    }

    func testUnknownConnectionAndUnreadableFileExitWith1() throws {
        let connection = try run(["-c", "dev", "-q", "!print x"])
        XCTAssertEqual(connection.status, 1)
        XCTAssertEqual(connection.stderr, "Connection 'dev' is not defined in the config file(s); add a [connections.dev] section to ~/.snowsql/config\n")
        let file = try run(["-f", "missing.sql"])
        XCTAssertEqual(file.status, 1)
        XCTAssertEqual(file.stderr, "File not found or not readable: missing.sql\n")
    }

    func testNamedConnectionFromConfigAndAccountFileFlag() throws {
        let folder = home.appendingPathComponent(".snowsql")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "[connections.dev]\naccountname = devacct\nusername = jo\n[options]\nfriendly = False\n"
            .write(to: folder.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let output = try run(["-c", "dev", "-q", "!print connected"])
        XCTAssertEqual(output.stdout, "connected\n")
        XCTAssertEqual(output.status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: home.appendingPathComponent("devacct.sqlite").path))

        let explicit = home.appendingPathComponent("elsewhere.sqlite").path
        XCTAssertEqual(try run(["--db", explicit, "-q", "!print x"]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: explicit))
    }

    func testASpoolFileThatRefusesWritesIsSaidAndClosedAndTheRunGoesOn() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: "/dev/full"), "needs Linux's /dev/full")
        let output = try run(["-o", "friendly=false", "-o", "timing=false", "-o", "output_format=plain"],
                             input: "!spool /dev/full\nselect 1 as a;\nselect 2 as b;\n")
        XCTAssertEqual(output.status, 0)
        XCTAssertEqual(output.stdout, "A\n1\nB\n2\n")
        XCTAssertEqual(output.stderr, "Could not write to the spool file /dev/full: No space left on device; spooling stopped.\n")
    }

    func testAStandardOutputThatRefusesWritesIsSaidOnceOnStandardError() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: "/dev/full"), "needs Linux's /dev/full")
        let process = Process()
        process.executableURL = snowsql.url
        process.arguments = ["-q", "select 1 as a; select 2 as b"]
        process.environment = ["HOME": home.path, "SNOWLITE_HOME": home.path, "PATH": "/usr/bin:/bin"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try XCTUnwrap(FileHandle(forWritingAtPath: "/dev/full"))
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(String(decoding: stderr, as: UTF8.self), "Could not write to standard output: No space left on device\n")
        XCTAssertEqual(process.terminationStatus, 0)
    }
}
