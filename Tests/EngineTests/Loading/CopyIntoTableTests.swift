// CopyIntoTableTests: COPY INTO <table> from staged CSV and JSON files — the result row per file,
// load metadata (a file loaded once is skipped until FORCE or new content), FILES and PATTERN,
// PURGE, the CSV options that shape fields, JSON's STRIP_OUTER_ARRAY / STRIP_NULL_VALUES /
// ALLOW_DUPLICATE, MATCH_BY_COLUMN_NAME, a stage's own format, and the one statement as one
// transaction.

import XCTest

@testable import Engine

final class CopyIntoTableTests: LoadingTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try run("create table t (id int, name string, amount number(10,2))")
    }

    func testACSVFileLoadsOnceAndAgainWithForceOrNewContent() throws {
        try stage("a.csv", "1,alpha,10.5\n2,beta,20\n")
        XCTAssertEqual(try copied("copy into t from @s"), [["s/a.csv.gz", "LOADED", "2", "2", "1", "0", "NULL", "NULL", "NULL", "NULL"]])
        XCTAssertEqual(try cells("select * from t order by id"), [["1", "alpha", "10.50"], ["2", "beta", "20.00"]])
        XCTAssertEqual(try status("copy into t from @s"), "Copy executed with 0 files processed.")
        XCTAssertEqual(try copied("copy into t from @s force = true").map { $0[1] }, ["LOADED"])
        XCTAssertEqual(try cells("select count(*) from t"), [["4"]])
        // The same name with other content is another file.
        try stage("a.csv", "3,gamma,1\n")
        XCTAssertEqual(try copied("copy into t from @s").map { Array($0[0...3]) }, [["s/a.csv.gz", "LOADED", "1", "1"]])
        // A table made again has no load history.
        try run("create or replace table t (id int, name string, amount number(10,2))")
        XCTAssertEqual(try copied("copy into t from @s").map { $0[3] }, ["1"])
    }

    func testFilesPatternAndPurge() throws {
        try stage("a.csv", "1,a,1\n", path: "in")
        try stage("b.csv", "2,b,2\n", path: "in")
        try stage("c.txt", "3,c,3\n", path: "in")
        XCTAssertEqual(try copied("copy into t from @s/in files = ('b.csv.gz')").map(\.[0]), ["s/in/b.csv.gz"])
        XCTAssertEqual(try copied("copy into t from @s pattern = '.*[.]csv[.]gz'").map(\.[0]), ["s/in/a.csv.gz"])
        XCTAssertEqual(try copied("copy into t from @s/in purge = true").map(\.[0]), ["s/in/c.txt.gz"])
        XCTAssertEqual(try cells("list @s").map(\.[0]), ["s/in/a.csv.gz", "s/in/b.csv.gz"])
        assertError(
            "copy into t from @s files = ('nope.csv')",
            "091016 (22000): Remote file '@S/nope.csv' was not found. If you are running a copy command, please make sure files "
                + "are not deleted when they are being loaded or files are not being loaded into two different tables concurrently "
                + "with auto purge option.")
        XCTAssertEqual(
            try copied("copy into t from @s files = ('nope.csv') on_error = continue"),
            [
                [
                    "@S/nope.csv", "LOAD_FAILED", "0", "0", "1", "1",
                    "Remote file '@S/nope.csv' was not found. If you are running a copy command, please make sure files are not deleted when "
                        + "they are being loaded or files are not being loaded into two different tables concurrently with auto purge option.",
                    "NULL", "NULL", "NULL",
                ]
            ])
        XCTAssertEqual(try status("copy into t from @s pattern = 'nothing.*'"), "Copy executed with 0 files processed.")
    }

    func testCSVOptionsShapeTheFields() throws {
        try run("create table w (a string, b string, c string)")
        try stage("w.csv", "h1|h2|h3\r\n \"x|y\" |  b  |NULL\r\n\"say \"\"hi\"\"\"||\\N\r\n\r\n")
        XCTAssertEqual(
            try copied(
                """
                copy into w from @s file_format = (type = csv field_delimiter = '|' skip_header = 1 field_optionally_enclosed_by = '"'
                  trim_space = true null_if = ('NULL') skip_blank_lines = true)
                """
            ).map { Array($0[1...3]) }, [["LOADED", "2", "2"]])
        XCTAssertEqual(try cells("select a, b, c, c is null from w"), [["x|y", "b", "NULL", "True"], ["say \"hi\"", "NULL", "N", "False"]])
        // Without EMPTY_FIELD_AS_NULL an empty field is an empty string; an escape takes the next character as written.
        try run("create table e (a string, b string)")
        try stage("e.csv", "a\\,b,\nq;r,s\n")
        try run("copy into e from @s files = ('e.csv.gz') file_format = (type = csv empty_field_as_null = false)")
        XCTAssertEqual(try cells("select a, b, b = '' from e"), [["a,b", "", "True"], ["q;r", "s", "False"]])
        // A record delimiter of its own, and fewer or more fields when mismatches are allowed.
        try run("create table r (a string, b string, c string)")
        try stage("r.csv", "1,2;3,4,5,6;7")
        try run("copy into r from @s files = ('r.csv.gz') file_format = (type = csv record_delimiter = ';' error_on_column_count_mismatch = false)")
        XCTAssertEqual(try cells("select * from r"), [["1", "2", "NULL"], ["3", "4", "5"], ["7", "NULL", "NULL"]])
    }

    func testJSONOptions() throws {
        try run("create table v (v variant)")
        try stage("a.json", "[{\"a\": 1, \"n\": null}, {\"a\": [1, 2]}, 3]")
        try run("copy into v from @s files = ('a.json.gz') file_format = (type = json)")
        XCTAssertEqual(try cells("select to_json(v) from v"), [["[{\"a\":1,\"n\":null},{\"a\":[1,2]},3]"]])
        try run("delete from v")
        try run(
            "copy into v from @s files = ('a.json.gz') file_format = (type = json strip_outer_array = true strip_null_values = true) force = true")
        XCTAssertEqual(try cells("select to_json(v) from v"), [["{\"a\":1}"], ["{\"a\":[1,2]}"], ["3"]])
        // One document per line, or one after another; a key twice is an error unless ALLOW_DUPLICATE.
        try run("delete from v")
        try stage("b.json", "{\"k\": 1}\n{\"k\": 2} {\"k\": 3}\n{\"k\": 1, \"k\": 2}\n")
        XCTAssertEqual(
            try copied("copy into v from @s files = ('b.json.gz') file_format = (type = json) on_error = continue"),
            [
                ["s/b.json.gz", "PARTIALLY_LOADED", "4", "3", "4", "1", "Error parsing JSON: duplicate object attribute \"k\"", "3", "1", "NULL"]
            ])
        try run("copy into v from @s files = ('b.json.gz') file_format = (type = json allow_duplicate = true) force = true")
        XCTAssertEqual(try cells("select v:k from v"), [["1"], ["2"], ["3"], ["1"], ["2"], ["3"], ["2"]])
        // A JSON file loads one column of VARIANT, OBJECT or ARRAY.
        assertError(
            "copy into t from @s files = ('b.json.gz') file_format = (type = json)",
            "002019 (0A000): SQL compilation error:\nJSON file format can produce one and only one column of type variant, "
                + "object, or array. Load data into separate columns using the MATCH_BY_COLUMN_NAME copy option or copy with "
                + "transformation.")
    }

    func testMatchByColumnName() throws {
        try stage("h.csv", "AMOUNT,Id,other\n5,1,x\n6,2,y\n")
        try run("copy into t from @s files = ('h.csv.gz') file_format = (type = csv parse_header = true) match_by_column_name = case_insensitive")
        XCTAssertEqual(try cells("select * from t order by id"), [["1", "NULL", "5.00"], ["2", "NULL", "6.00"]])
        try stage("m.json", "{\"ID\": 3, \"NAME\": \"c\", \"extra\": true}\n{\"name\": \"d\"}\n")
        try run("copy into t from @s files = ('m.json.gz') file_format = (type = json) match_by_column_name = case_sensitive")
        XCTAssertEqual(try cells("select * from t where id = 3 or id is null order by id"), [["3", "c", "NULL"], ["NULL", "NULL", "NULL"]])
        assertError(
            "copy into t from @s files = ('h.csv.gz') match_by_column_name = case_insensitive",
            "001007 (22023): SQL compilation error:\nMATCH_BY_COLUMN_NAME for CSV files needs the file format option PARSE_HEADER = TRUE.")
        assertError(
            "copy into t (id) from @s files = ('m.json.gz') file_format = (type = json) match_by_column_name = case_sensitive",
            "001007 (22023): SQL compilation error:\nMATCH_BY_COLUMN_NAME cannot be used with a column list.")
    }

    func testAStagesOwnFormatAndAColumnList() throws {
        try run("create stage p file_format = (type = csv field_delimiter = ';' skip_header = 1)")
        let file = folder.appendingPathComponent("p.csv")
        try Data("name;id\nseven;7\n".utf8).write(to: file)
        try run("put 'file://\(file.path)' @p")
        try run("copy into t (name, id) from @p")
        XCTAssertEqual(try cells("select * from t"), [["7", "seven", "NULL"]])
    }

    func testTheWholeCopyIsOneStatement() throws {
        try run("create table v (v variant)")
        try stage("a.csv", "1,a,1\n")
        try stage("b.csv", "2,b,oops\n")
        try run("begin")
        try run("insert into t values (0, 'before', 0)")
        assertError(
            "copy into t from @s",
            """
            100038 (22018): Numeric value 'oops' is not recognized
              File 's/b.csv.gz', line 1, character 5
              Row 1, column "T"["AMOUNT":3]
              If you would like to continue loading when an error is encountered, use other values such as 'SKIP_FILE' or 'CONTINUE' \
            for the ON_ERROR option. For more information on loading options, please run 'info loading_data' in a SQL client.
            """)
        // a.csv's row is gone with the statement; the transaction's own insert stays, and neither file counts as loaded.
        try run("commit")
        XCTAssertEqual(try cells("select name from t"), [["before"]])
        XCTAssertEqual(try copied("copy into t from @s files = ('a.csv.gz')").map(\.[1]), ["LOADED"])
    }

    func testManyRowsWithIdentityDefaultsAndNotNull() throws {
        // More rows than one INSERT batch takes, a bad one among them: the rows around it load, in order.
        try run("create table n (id int autoincrement, v int not null, note string default 'd')")
        var lines = (1...150).map { String($0) }
        lines[99] = "x"
        lines[119] = ""
        let rows = lines.joined(separator: "\n") + "\n"
        try stage("n.csv", rows)
        XCTAssertEqual(
            try copied("copy into n (v) from @s files = ('n.csv.gz') on_error = continue"),
            [
                ["s/n.csv.gz", "PARTIALLY_LOADED", "150", "148", "150", "2", "Numeric value 'x' is not recognized", "100", "1", "\"N\"[\"V\":1]"]
            ])
        XCTAssertEqual(
            try cells("select count(*), min(id), max(id), count(distinct id), min(v), max(v), max(note) from n"),
            [["148", "1", "148", "148", "1", "150", "d"]])
        XCTAssertEqual(try cells("select id, v from n where v in (99, 101) order by v"), [["99", "99"], ["100", "101"]])
        let errors = try run("copy into n (v) from @s files = ('n.csv.gz') validation_mode = return_errors force = true")
        XCTAssertEqual(
            errors.rows.map { [$0[0].displayText() ?? "", $0[2].displayText() ?? "", $0[8].displayText() ?? ""] },
            [
                ["Numeric value 'x' is not recognized", "100", "\"N\"[\"V\":1]"], ["NULL result in a non-nullable column", "120", "\"N\"[\"V\":1]"],
            ])
    }

    func testAnAbortDeepInABigFileStopsTheReader() throws {
        // Thousands of rows, read on a thread of their own in chunks: the bad row's error still names it,
        // and nothing of the file stays.
        var lines = (1...5000).map { "\($0),n\($0),\($0)" }
        lines[3999] = "4000,n4000,bad"
        try stage("big.csv", lines.joined(separator: "\n") + "\n")
        assertError(
            "copy into t from @s files = ('big.csv.gz')",
            """
            100038 (22018): Numeric value 'bad' is not recognized
              File 's/big.csv.gz', line 4000, character 12
              Row 4000, column "T"["AMOUNT":3]
              If you would like to continue loading when an error is encountered, use other values such as 'SKIP_FILE' or 'CONTINUE' \
            for the ON_ERROR option. For more information on loading options, please run 'info loading_data' in a SQL client.
            """)
        XCTAssertEqual(try cells("select count(*) from t"), [["0"]])
        XCTAssertEqual(
            try copied("copy into t from @s files = ('big.csv.gz') on_error = continue").map { Array($0[1...5]) },
            [
                ["PARTIALLY_LOADED", "5000", "4999", "5000", "1"]
            ])
        XCTAssertEqual(try cells("select count(*), sum(id) from t"), [["4999", "12498500"]])
    }

    func testLoadHistoryAndCopyHistory() throws {
        try stage("a.csv", "1,a,1\n2,b,x\n")
        try run("copy into t from @s on_error = continue")
        XCTAssertEqual(
            try cells("select * from information_schema.load_history"),
            [
                [
                    "PUBLIC", "s/a.csv.gz", "T", "2026-01-02 03:04:05.678 +0000", "PARTIALLY LOADED", "1", "2", "Numeric value 'x' is not recognized",
                    "2", "5", "\"T\"[\"AMOUNT\":3]", "1", "2",
                ]
            ])
        XCTAssertEqual(
            try cells(
                """
                select file_name, stage_location, row_count, row_parsed, file_size > 0, status, table_catalog_name, table_schema_name,
                       table_name, pipe_name
                from table(information_schema.copy_history(table_name => 't', start_time => '2026-01-01'::timestamp_ltz))
                """), [["s/a.csv.gz", "@D.PUBLIC.S/", "1", "2", "True", "Partially loaded", "D", "PUBLIC", "T", "NULL"]])
        XCTAssertEqual(
            try cells(
                """
                select count(*) from table(information_schema.copy_history(table_name => 'd.public.t', start_time => '2026-02-01'::timestamp_ltz))
                """), [["0"]])
        // A table dropped takes its history with it.
        try run("drop table t")
        XCTAssertEqual(try cells("select count(*) from information_schema.load_history"), [["0"]])
    }
}
