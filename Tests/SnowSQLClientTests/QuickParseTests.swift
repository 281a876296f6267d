// QuickParseTests: SnowSQLCommand's quick parse (SnowSQLCommand+QuickParse.swift) gives exactly
// what ArgumentParser gives for every command line it accepts, and declines the ones ArgumentParser
// must judge (help, version, `--name=value`, repeats, option-like values, unknown names).

import XCTest

@testable import SnowSQLClient

final class QuickParseTests: XCTestCase {
    private let accepted: [[String]] = [
        [], ["-q", "select 1"], ["--query", "select 1; select 2"], ["-q", "-- a comment\nselect 1"],
        ["-a", "acct", "-u", "me", "-d", "db", "-s", "sch", "-r", "SYSADMIN", "-w", "wh", "-q", "select 1"],
        [
            "--accountname", "acct", "--username", "me", "--dbname", "db", "--schemaname", "sch", "--rolename", "r",
            "--warehouse", "wh", "--connection", "dev", "--db", "/tmp/x.sqlite", "--config", "/tmp/config",
        ],
        ["-f", "a.sql", "-f", "b.sql", "--filename", "c.sql"], ["-D", "a=1", "--variable", "b=-2", "-D", "-x=3"],
        ["-o", "friendly=false", "--option", "output_format=csv", "-o", "-odd"], ["--single-transaction", "-q", "x"],
        [
            "-h", "host", "-p", "443", "--region", "r", "--authenticator", "a", "--private-key-path", "k", "--token", "t",
            "--query_tag", "q", "-m", "123", "-P", "-M", "--mfa-passcode-in-password", "-K", "--noup", "-U",
            "--probe-connection", "--abort-detached-query", "--disable-request-pooling", "--include_connector_version",
        ],
        ["-c", "dev", "-q", "select 1", "-o", "quiet=true"], ["-q", ""], ["-d", ""],
    ]

    func testAcceptedCommandLinesParseAsArgumentParserParsesThem() throws {
        for arguments in accepted {
            let quick = try XCTUnwrap(SnowSQLCommand.quickLaunchArguments(arguments), "\(arguments)")
            let parsed = try XCTUnwrap(try SnowSQLCommand.parseAsRoot(arguments) as? SnowSQLCommand, "\(arguments)")
            XCTAssertEqual(quick, parsed.launchArguments, "\(arguments)")
        }
    }

    func testOtherCommandLinesAreLeftToArgumentParser() {
        let declined: [[String]] = [
            ["--help"], ["-?"], ["-v"], ["--version"], ["--versions"], ["--config=/tmp/c"], ["-q"], ["-d"],
            ["-d", "-x"], ["-f", "-"], ["-d", "a", "-d", "b"], ["-d", "a", "--dbname", "b"], ["-PK"], ["--", "-q"],
            ["select 1"], ["--single-transaction", "--single-transaction"], ["-P", "-P"], ["--nosuch"],
        ]
        for arguments in declined {
            XCTAssertNil(SnowSQLCommand.quickLaunchArguments(arguments), "\(arguments)")
        }
    }
}
