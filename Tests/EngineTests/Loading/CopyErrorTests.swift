// CopyErrorTests: bad rows and bad files under each ON_ERROR — ABORT_STATEMENT loads nothing and
// names the row; CONTINUE loads the rest; SKIP_FILE, SKIP_FILE_n and SKIP_FILE_n% undo a file —
// and malformed input (column counts, quoting, invalid UTF-8, truncated gzip, a JSON document
// nested 10,000 deep, a very long line) as per-file errors, never a crash.

import Foundation
import XCTest

@testable import Engine

final class CopyErrorTests: LoadingTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try run("create table t (id int, name string)")
        try stage("good.csv", "1,a\n2,b\n")
        try stage("bad.csv", "3,c\nx,d\n5,e,extra\n6,f\n")
    }

    func testAbortStatementLoadsNothingAndNamesTheRow() throws {
        assertError(
            "copy into t from @s",
            """
            100038 (22018): Numeric value 'x' is not recognized
              File 's/bad.csv.gz', line 2, character 1
              Row 2, column "T"["ID":1]
              If you would like to continue loading when an error is encountered, use other values such as 'SKIP_FILE' or 'CONTINUE' \
            for the ON_ERROR option. For more information on loading options, please run 'info loading_data' in a SQL client.
            """)
        XCTAssertEqual(try cells("select count(*) from t"), [["0"]])
    }

    func testContinueLoadsTheOtherRows() throws {
        XCTAssertEqual(
            try copied("copy into t from @s on_error = 'continue'"),
            [
                ["s/bad.csv.gz", "PARTIALLY_LOADED", "4", "2", "4", "2", "Numeric value 'x' is not recognized", "2", "1", "\"T\"[\"ID\":1]"],
                ["s/good.csv.gz", "LOADED", "2", "2", "2", "0", "NULL", "NULL", "NULL", "NULL"],
            ])
        XCTAssertEqual(try cells("select id from t order by id"), [["1"], ["2"], ["3"], ["6"]])
        // A partly loaded file counts as loaded.
        XCTAssertEqual(try status("copy into t from @s on_error = continue"), "Copy executed with 0 files processed.")
    }

    func testSkipFileUndoesTheFile() throws {
        XCTAssertEqual(
            try copied("copy into t from @s on_error = skip_file"),
            [
                ["s/bad.csv.gz", "LOAD_FAILED", "4", "0", "1", "2", "Numeric value 'x' is not recognized", "2", "1", "\"T\"[\"ID\":1]"],
                ["s/good.csv.gz", "LOADED", "2", "2", "1", "0", "NULL", "NULL", "NULL", "NULL"],
            ])
        XCTAssertEqual(try cells("select id from t order by id"), [["1"], ["2"]])
        // A file that failed is tried again by the next COPY.
        XCTAssertEqual(
            try copied("copy into t from @s on_error = skip_file_3").map { Array($0[0...5]) },
            [
                ["s/bad.csv.gz", "PARTIALLY_LOADED", "4", "2", "3", "2"]
            ])
        try stage("worse.csv", "a,1\nb,2\nc,3\n4,d\n")
        XCTAssertEqual(
            try copied("copy into t from @s files = ('worse.csv.gz') on_error = 'skip_file_50%'").map { Array($0[1...5]) },
            [
                ["LOAD_FAILED", "4", "0", "2", "3"]
            ])
    }

    func testColumnCountsAndQuoting() throws {
        assertError(
            "copy into t from @s files = ('bad.csv.gz') on_error = abort_statement",
            """
            100038 (22018): Numeric value 'x' is not recognized
              File 's/bad.csv.gz', line 2, character 1
              Row 2, column "T"["ID":1]
              If you would like to continue loading when an error is encountered, use other values such as 'SKIP_FILE' or 'CONTINUE' \
            for the ON_ERROR option. For more information on loading options, please run 'info loading_data' in a SQL client.
            """)
        try stage("wide.csv", "1,a,b\n2\n")
        let result = try run("copy into t from @s files = ('wide.csv.gz') validation_mode = return_errors")
        XCTAssertEqual(
            result.rows.map { $0.map { $0.displayText() ?? "NULL" } },
            [
                [
                    "Number of columns in file (3) does not match that of the corresponding table (2), use file format option "
                        + "error_on_column_count_mismatch=false to ignore this error", "s/wide.csv.gz", "1", "1", "0", "parsing", "100080", "22000",
                    "\"T\"[3]", "1", "1", "1,a,b",
                ],
                [
                    "Number of columns in file (1) does not match that of the corresponding table (2), use file format option "
                        + "error_on_column_count_mismatch=false to ignore this error", "s/wide.csv.gz", "2", "1", "6", "parsing", "100080", "22000",
                    "\"T\"[\"ID\":1]", "2", "2", "2",
                ],
            ])
        // A quote never closed runs to the end of the file.
        try stage("quotes.csv", "3,\"fine\"\n1,\"open\n2,b\n")
        XCTAssertEqual(
            try copied(
                """
                copy into t from @s files = ('quotes.csv.gz') file_format = (type = csv field_optionally_enclosed_by = '"') on_error = continue
                """),
            [
                [
                    "s/quotes.csv.gz", "PARTIALLY_LOADED", "2", "1", "2", "1", "End of file reached while parsing a quoted field", "2", "3",
                    "NULL",
                ]
            ])
        try stage("stray.csv", "2,\"done\"x\n3,\"fine\"\n")
        XCTAssertEqual(
            try copied(
                """
                copy into t from @s files = ('stray.csv.gz') file_format = (type = csv field_optionally_enclosed_by = '"') on_error = continue
                """),
            [["s/stray.csv.gz", "PARTIALLY_LOADED", "2", "1", "2", "1", "Found character 'x' instead of field delimiter ','", "1", "9", "NULL"]])
    }

    func testInvalidUTF8AndBrokenCompression() throws {
        try stage("latin1.csv", [0x31, 0x2C, 0x63, 0x61, 0x66, 0xE9, 0x0A, 0x32, 0x2C, 0x6F, 0x6B, 0x0A])
        XCTAssertEqual(
            try copied("copy into t from @s files = ('latin1.csv.gz') on_error = continue").map { Array($0[1...6]) },
            [
                ["PARTIALLY_LOADED", "2", "1", "2", "1", "Invalid UTF8 detected while decoding '636166E9'"]
            ])
        try run("copy into t from @s files = ('latin1.csv.gz') file_format = (type = csv replace_invalid_characters = true) force = true")
        XCTAssertEqual(try cells("select name from t where id = 1"), [["caf\u{FFFD}"]])
        // A gzip file cut short fails as a whole file.
        let gzip = try Gzip.compress(Array(String(repeating: "7,seven\n", count: 1000).utf8))
        try stage("cut.csv.gz", Array(gzip.prefix(gzip.count / 2)), compress: false)
        assertError(
            "copy into t from @s files = ('cut.csv.gz')",
            "100075 (22000): Failed to decompress file 's/cut.csv.gz' as GZIP")
        XCTAssertEqual(
            try copied("copy into t from @s files = ('cut.csv.gz') on_error = skip_file").map { Array($0[1...6]) },
            [
                ["LOAD_FAILED", "0", "0", "1", "1", "Failed to decompress file 's/cut.csv.gz' as GZIP"]
            ])
    }

    func testDeepJSONAndALongLine() throws {
        try run("create table v (v variant)")
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        try stage("deep.json", deep + "\n{\"ok\": 1}\n")
        let result = try copied("copy into v from @s files = ('deep.json.gz') file_format = (type = json) on_error = continue")
        XCTAssertEqual(result.map { Array($0[0...5]) }, [["s/deep.json.gz", "PARTIALLY_LOADED", "2", "1", "2", "1"]])
        XCTAssertTrue(result[0][6].hasPrefix("Error parsing JSON:"), result[0][6])
        XCTAssertEqual(try cells("select to_json(v) from v"), [["{\"ok\":1}"]])
        // One line of 100 MB: a field past Snowflake's 16 MB, refused as its row, and the next row loads.
        try run("create table l (s string, n int)")
        var line = [UInt8](repeating: UInt8(ascii: "x"), count: 100_000_000)
        line += Array(",1\nshort,2\n".utf8)
        try stage("long.csv", line, compress: false)
        XCTAssertEqual(
            try copied("copy into l from @s files = ('long.csv') on_error = continue"),
            [
                [
                    "s/long.csv", "PARTIALLY_LOADED", "2", "1", "2", "1",
                    "Max LOB size (16777216) exceeded, actual size of parsed column is 100000000",
                    "1", "1", "\"L\"[\"S\":1]",
                ]
            ])
        XCTAssertEqual(try cells("select s, n from l"), [["short", "2"]])
    }
}
