// StagedQueryTests: SELECT over staged files — `$n` by position (NULL past a record's fields),
// METADATA$ columns, a named format and PATTERN, JSON documents as VARIANT, the refusals; and
// INFER_SCHEMA over CSV and JSON.

import XCTest

@testable import Engine

final class StagedQueryTests: LoadingTestCase {
    func testPositionsAndMetadata() throws {
        try stage("a.csv", "1,x,y\n2\n", path: "in")
        try stage("b.txt", "9,z\n", path: "in")
        XCTAssertEqual(
            try cells(
                """
                select t.$1, $2, $3, metadata$filename, metadata$file_row_number, metadata$file_content_key is not null,
                       metadata$file_last_modified, metadata$start_scan_time
                from @s/in (pattern => '.*csv.*') t order by 1
                """),
            [
                ["1", "x", "y", "in/a.csv.gz", "1", "True", "2026-01-02 03:04:05.000", "2026-01-02 03:04:05.678 +0000"],
                ["2", "NULL", "NULL", "in/a.csv.gz", "2", "True", "2026-01-02 03:04:05.000", "2026-01-02 03:04:05.678 +0000"],
            ])
        XCTAssertEqual(try cells("select count(*), max($2) from @s"), [["3", "z"]])
        assertError("select * from @s", "001003 (42000): SQL compilation error:\nUnsupported feature 'SELECT * over staged files'.")
        assertError("select $1 from @nope", "002003 (02000): SQL compilation error:\nStage 'D.PUBLIC.NOPE' does not exist or not authorized.")
    }

    func testANamedFormatAndJSON() throws {
        try run("create file format j type = json")
        try run("create file format p type = csv field_delimiter = '|' skip_header = 1")
        try stage("d.json", "{\"a\": {\"b\": 1}}\n{\"a\": {\"b\": 2}}\n")
        try stage("p.csv", "h|h\nq|r\n")
        XCTAssertEqual(try cells("select $1:a.b::int from @s/d.json.gz (file_format => 'j') order by 1"), [["1"], ["2"]])
        XCTAssertEqual(try cells("select $1, $2 from @s/p.csv.gz (file_format => 'd.public.p')"), [["q", "r"]])
        XCTAssertEqual(try cells("select count(*) from @s/d.json.gz (file_format => 'p')"), [["1"]])
        assertError(
            "select $1 from @s (file_format => 'nope')",
            "002003 (02000): SQL compilation error:\nFile format 'NOPE' does not exist or not authorized.")
        // A record that cannot be read fails the query with its place.
        try run("create file format q type = csv field_optionally_enclosed_by = '\"'")
        try stage("q.csv", "1,\"a\"b\n")
        assertError(
            "select $1 from @s/q.csv.gz (file_format => 'q')",
            """
            100016 (22000): Found character 'b' instead of field delimiter ','
              File 's/q.csv.gz', line 1, character 6
              Row 1
            """)
    }

    func testInferSchema() throws {
        try run("create file format h type = csv parse_header = true")
        try run("create file format j type = json")
        try stage("h.csv", "id,price,day,ok,note\n1,2.50,2026-01-02,true,a\n22,13,2026-02-03 04:05:06,false,\n")
        try stage("d.json", "{\"id\": 1, \"tags\": [1], \"when\": \"2026-01-02\"}\n{\"id\": 2.5, \"more\": 1e3}\n")
        XCTAssertEqual(
            try cells("select * from table(infer_schema(location => '@s/h.csv.gz', file_format => 'h'))"),
            [
                ["id", "NUMBER(2, 0)", "True", "$1::NUMBER(2, 0)", "h.csv.gz", "0"],
                ["price", "NUMBER(4, 2)", "True", "$2::NUMBER(4, 2)", "h.csv.gz", "1"],
                ["day", "TIMESTAMP_NTZ", "True", "$3::TIMESTAMP_NTZ", "h.csv.gz", "2"],
                ["ok", "BOOLEAN", "True", "$4::BOOLEAN", "h.csv.gz", "3"],
                ["note", "TEXT", "True", "$5::TEXT", "h.csv.gz", "4"],
            ])
        XCTAssertEqual(
            try cells("select column_name, type, expression from table(infer_schema(location => '@s/d.json.gz', file_format => 'j'))"),
            [
                ["id", "NUMBER(2, 1)", "$1:id::NUMBER(2, 1)"], ["tags", "VARIANT", "$1:tags::VARIANT"], ["when", "DATE", "$1:when::DATE"],
                ["more", "REAL", "$1:more::REAL"],
            ])
    }
}
