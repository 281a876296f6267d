// FileFormatTests: CREATE / SHOW / DESCRIBE / ALTER / DROP FILE FORMAT with Snowflake's option lists
// and defaults, the errors of bad options, and USAGE as what reading with a format needs.

import XCTest

@testable import Engine

final class FileFormatTests: LoadingTestCase {
    func testCreateShowAndDescribe() throws {
        XCTAssertEqual(
            try status("create file format f type = csv field_delimiter = '|' skip_header = 1 null_if = ('NULL', '') comment = 'pipes'"),
            "File format F successfully created.")
        let shown = try run("show file formats")
        XCTAssertEqual(
            shown.columns.map(\.name),
            [
                "created_on", "name", "database_name", "schema_name", "type", "owner", "comment",
                "format_options", "owner_role_type",
            ])
        let row = try cells("show file formats like 'F'")[0]
        XCTAssertEqual(Array(row[1...6]), ["F", "D", "PUBLIC", "CSV", "ACCOUNTADMIN", "pipes"])
        XCTAssertEqual(
            row[7],
            #"{"TYPE":"CSV","RECORD_DELIMITER":"\n","FIELD_DELIMITER":"|","FILE_EXTENSION":null,"SKIP_HEADER":1,"#
                + #""PARSE_HEADER":false,"DATE_FORMAT":"AUTO","TIME_FORMAT":"AUTO","TIMESTAMP_FORMAT":"AUTO","BINARY_FORMAT":"HEX","#
                + #""ESCAPE":"NONE","ESCAPE_UNENCLOSED_FIELD":"\\","TRIM_SPACE":false,"FIELD_OPTIONALLY_ENCLOSED_BY":"NONE","#
                + #""NULL_IF":["NULL",""],"COMPRESSION":"AUTO","ERROR_ON_COLUMN_COUNT_MISMATCH":true,"VALIDATE_UTF8":true,"#
                + #""SKIP_BLANK_LINES":false,"REPLACE_INVALID_CHARACTERS":false,"EMPTY_FIELD_AS_NULL":true,"SKIP_BYTE_ORDER_MARK":true,"#
                + #""ENCODING":"UTF8"}"#)
        let described = try cells("describe file format f")
        XCTAssertEqual(described.count, 23)
        XCTAssertEqual(
            described.prefix(5),
            [
                ["TYPE", "String", "CSV", "CSV"], ["RECORD_DELIMITER", "String", "\\n", "\\n"], ["FIELD_DELIMITER", "String", "|", ","],
                ["FILE_EXTENSION", "String", "", ""], ["SKIP_HEADER", "Integer", "1", "0"],
            ])
        XCTAssertEqual(described.first { $0[0] == "NULL_IF" }, ["NULL_IF", "List", "[NULL, ]", "[\\\\N]"])
        XCTAssertEqual(described.first { $0[0] == "ESCAPE_UNENCLOSED_FIELD" }, ["ESCAPE_UNENCLOSED_FIELD", "String", "\\\\", "\\\\"])
    }

    func testJSONAndParquetHaveTheirOwnOptions() throws {
        try run("create file format j type = json strip_outer_array = true")
        XCTAssertEqual(
            try cells("desc file format j").map(\.[0]),
            [
                "TYPE", "FILE_EXTENSION", "DATE_FORMAT", "TIME_FORMAT", "TIMESTAMP_FORMAT", "BINARY_FORMAT", "TRIM_SPACE", "NULL_IF",
                "COMPRESSION", "ENABLE_OCTAL", "ALLOW_DUPLICATE", "STRIP_OUTER_ARRAY", "STRIP_NULL_VALUES", "IGNORE_UTF8_ERRORS",
                "REPLACE_INVALID_CHARACTERS", "SKIP_BYTE_ORDER_MARK",
            ])
        XCTAssertEqual(try cells("desc file format j").first { $0[0] == "STRIP_OUTER_ARRAY" }, ["STRIP_OUTER_ARRAY", "Boolean", "TRUE", "FALSE"])
        XCTAssertEqual(try cells("desc file format j").first { $0[0] == "NULL_IF" }, ["NULL_IF", "List", "[]", "[\\\\N]"])
        try run("create file format p type = parquet compression = snappy")
        XCTAssertEqual(
            try cells("desc file format p"),
            [
                ["TYPE", "String", "PARQUET", "CSV"], ["TRIM_SPACE", "Boolean", "FALSE", "FALSE"], ["NULL_IF", "List", "[]", "[\\\\N]"],
                ["COMPRESSION", "String", "snappy", "AUTO"], ["BINARY_AS_TEXT", "Boolean", "TRUE", "TRUE"],
            ])
        // A PARQUET format exists, but Snowlite reads no Parquet file.
        try run("create table t (v variant)")
        try stage("x.parquet", "PAR1")
        assertError(
            "copy into t from @s file_format = (format_name = 'p')",
            "001003 (42000): SQL compilation error:\nUnsupported feature 'reading PARQUET files (Snowlite reads CSV and JSON)'.")
    }

    func testAlterKeepsWhatItDoesNotSetAndDropRemoves() throws {
        try run("create file format f type = csv skip_header = 2")
        XCTAssertEqual(try status("alter file format f set field_delimiter = ';' comment = 'semi'"), "Statement executed successfully.")
        let described = try cells("desc file format f")
        XCTAssertEqual(described.first { $0[0] == "SKIP_HEADER" }?[2], "2")
        XCTAssertEqual(described.first { $0[0] == "FIELD_DELIMITER" }?[2], ";")
        XCTAssertEqual(try cells("show file formats").map { $0[6] }, ["semi"])
        XCTAssertEqual(try status("drop file format f"), "F successfully dropped.")
        XCTAssertEqual(try status("drop file format if exists f"), "Drop statement executed successfully (F already dropped).")
        assertError("desc file format f", "002003 (02000): SQL compilation error:\nFile format 'F' does not exist or not authorized.")
        assertError(
            "alter file format f set skip_header = 1", "002003 (02000): SQL compilation error:\nFile format 'F' does not exist or not authorized.")
    }

    func testBadOptionsAreRefused() throws {
        assertError(
            "create file format f type = json field_delimiter = ','",
            "001007 (22023): SQL compilation error:\nFile format option FIELD_DELIMITER is not valid for file format type JSON.")
        assertError(
            "create file format f type = csv compression = zip",
            "001007 (22023): SQL compilation error:\ninvalid value [zip] for parameter 'COMPRESSION'")
        assertError(
            "create file format f type = csv skip_header = -1",
            "001007 (22023): SQL compilation error:\ninvalid value [-1] for parameter 'SKIP_HEADER'")
        assertError(
            "create file format f type = csv trim_space = maybe",
            "001007 (22023): SQL compilation error:\ninvalid value [MAYBE] for parameter 'TRIM_SPACE'")
        assertError(
            "create file format f type = csv field_optionally_enclosed_by = '*'",
            "001007 (22023): SQL compilation error:\ninvalid value [*] for parameter 'FIELD_OPTIONALLY_ENCLOSED_BY'")
        assertError(
            "create file format f type = csv parse_header = true skip_header = 1",
            "001007 (22023): SQL compilation error:\nOption SKIP_HEADER is not supported with PARSE_HEADER = true.")
        assertError("create file format f type = avro", "001003 (42000): SQL compilation error:\nUnsupported feature 'File format type AVRO'.")
        assertError("create file format f type = yaml", "001007 (22023): SQL compilation error:\ninvalid value [YAML] for parameter 'TYPE'")
        assertError(
            "create file format f type = csv skip_header = 1 skip_header = 2",
            "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 48 unexpected 'skip_header'.")
        XCTAssertEqual(try cells("show file formats"), [])
    }

    func testReadingWithANamedFormatNeedsUsage() throws {
        try script(
            """
            create file format f type = csv;
            create table t (a string);
            create role loader;
            grant usage on database d to role loader;
            grant usage on schema d.public to role loader;
            grant insert on table d.public.t to role loader;
            grant read on stage d.public.s to role loader;
            grant role loader to user tester
            """)
        try stage("a.csv", "x\n")
        try run("use role loader")
        assertError(
            "copy into t from @s file_format = (format_name = 'f')",
            "002003 (02000): SQL compilation error:\nFile format 'F' does not exist or not authorized.")
        try run("use role accountadmin")
        try run("grant usage on file format f to role loader")
        try run("use role loader")
        XCTAssertEqual(try copied("copy into t from @s file_format = (format_name = 'f')").map { $0[1] }, ["LOADED"])
    }
}
