// CopyTransformTests: COPY INTO t FROM (SELECT … FROM @s) — positions, paths into JSON, functions
// and METADATA$ columns per file; and VALIDATION_MODE's answers without loading.

import XCTest

@testable import Engine

final class CopyTransformTests: LoadingTestCase {
    func testATransformationReadsEachFile() throws {
        try run("create table t (id int, who string, file string, line int)")
        try stage("a.csv", "1,ann\n2,bob\n")
        try stage("b.json", "{\"id\": 3, \"user\": {\"login\": \"cid\"}}\n")
        try run("create file format j type = json")
        XCTAssertEqual(
            try copied(
                """
                copy into t from (select $1, upper($2), metadata$filename, metadata$file_row_number from @s/a.csv.gz)
                """
            ).map { Array($0[0...3]) }, [["s/a.csv.gz", "LOADED", "2", "2"]])
        XCTAssertEqual(
            try copied(
                """
                copy into t (id, who, file) from (select $1:id, $1:user.login, metadata$filename from @s (file_format => 'j', pattern => '.*json.*'))
                """
            ).map { Array($0[0...3]) }, [["s/b.json.gz", "LOADED", "1", "1"]])
        XCTAssertEqual(
            try cells("select * from t order by id"),
            [
                ["1", "ANN", "a.csv.gz", "1"], ["2", "BOB", "a.csv.gz", "2"], ["3", "cid", "b.json.gz", "NULL"],
            ])
        // Loaded files are skipped here too.
        XCTAssertEqual(try status("copy into t from (select $1, $2, 'x', 0 from @s/a.csv.gz)"), "Copy executed with 0 files processed.")
    }

    func testABadRowUnderEachOnError() throws {
        try run("create table t (id int, name string)")
        try stage("a.csv", "1,a\nx,b\n3,c\n")
        assertError(
            "copy into t from (select $1, $2 from @s)",
            """
            100038 (22018): Numeric value 'x' is not recognized
              File 's/a.csv.gz', line 2, character 1
              Row 2
              If you would like to continue loading when an error is encountered, use other values such as 'SKIP_FILE' or 'CONTINUE' \
            for the ON_ERROR option. For more information on loading options, please run 'info loading_data' in a SQL client.
            """)
        XCTAssertEqual(
            try copied("copy into t from (select $1, $2 from @s) on_error = continue").map { Array($0[1...7]) },
            [
                ["PARTIALLY_LOADED", "3", "2", "3", "1", "Numeric value 'x' is not recognized", "2"]
            ])
        XCTAssertEqual(try cells("select id from t order by id"), [["1"], ["3"]])
        assertError(
            "copy into t from (select $1 from @s) force = true",
            "002020 (21S01): SQL compilation error:\nInsert value list does not match column list expecting 2 but got 1")
        assertError(
            "copy into t from (select $1, $2 from @s) match_by_column_name = case_sensitive",
            "001007 (22023): SQL compilation error:\nmatch_by_column_name is not supported with copy transform.")
    }

    func testValidationModeLoadsNothing() throws {
        try run("create table t (id int, name string)")
        try stage("a.csv", "1,a\nx,b\n3,c\n")
        let errors = try run("copy into t from @s validation_mode = return_errors")
        XCTAssertEqual(
            errors.columns.map(\.name),
            [
                "ERROR", "FILE", "LINE", "CHARACTER", "BYTE_OFFSET", "CATEGORY", "CODE", "SQL_STATE",
                "COLUMN_NAME", "ROW_NUMBER", "ROW_START_LINE", "REJECTED_RECORD",
            ])
        XCTAssertEqual(
            errors.rows.map { $0.map { $0.displayText() ?? "NULL" } },
            [
                [
                    "Numeric value 'x' is not recognized", "s/a.csv.gz", "2", "1", "4", "conversion", "100038", "22018", "\"T\"[\"ID\":1]", "2", "2",
                    "x,b",
                ]
            ])
        let rows = try run("copy into t from @s validation_mode = return_1_rows")
        XCTAssertEqual(rows.columns.map(\.name), ["ID", "NAME"])
        XCTAssertEqual(rows.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [["1", "a"]])
        assertError(
            "copy into t from @s validation_mode = return_3_rows",
            """
            100038 (22018): Numeric value 'x' is not recognized
              File 's/a.csv.gz', line 2, character 1
              Row 2, column "T"["ID":1]
            """)
        XCTAssertEqual(try cells("select count(*) from t"), [["0"]])
        // Nothing was loaded, so a real COPY still reads the file.
        XCTAssertEqual(try copied("copy into t from @s on_error = continue").map(\.[1]), ["PARTIALLY_LOADED"])
    }
}
