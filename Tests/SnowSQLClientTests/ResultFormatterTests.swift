// ResultFormatterTests: the exact text of each output format (spec §1.7) — borders, alignment,
// NULL, multi-line cells, empty results, header=false, csv/tsv/json/expanded.

import Engine
import Snowlite
@testable import SnowSQLClient
import XCTest

final class ResultFormatterTests: XCTestCase {
    private let sample = ResultSet(
        columns: [ResultColumn("NAME", .string), ResultColumn("N", .integer), ResultColumn("V", .variant)],
        rows: [[.string("alpha"), .integer(12345), .variant(#"{"b":1,"a":[true]}"#)],
               [.null, .null, .null]])

    private func render(_ format: OutputFormat, header: Bool = true, _ result: ResultSet? = nil) -> String {
        ResultFormatter(format: format, header: header).render(result ?? sample)
    }

    func testPsqlTableWithNumbersRightAlignedNullsAndMultiLineVariant() {
        XCTAssertEqual(render(.psql), """
            +-------+-------+----------+
            | NAME  |     N | V        |
            |-------+-------+----------|
            | alpha | 12345 | {        |
            |       |       |   "a": [ |
            |       |       |     true |
            |       |       |   ],     |
            |       |       |   "b": 1 |
            |       |       | }        |
            | NULL  |  NULL | NULL     |
            +-------+-------+----------+
            """)
    }

    func testEmptyQueryResultPrintsTheHeaderBox() {
        let empty = ResultSet(columns: [ResultColumn("name", .string), ResultColumn("created_on", .timestampLTZ)], rows: [])
        XCTAssertEqual(render(.psql, empty), """
            +------+------------+
            | name | created_on |
            |------+------------|
            +------+------------+
            """)
    }

    func testHeaderFalseDropsHeaderAndSeparator() {
        let result = ResultSet.strings(["status"], [["ok"]])
        XCTAssertEqual(render(.psql, header: false, result), "+----+\n| ok |\n+----+")
    }

    func testGridSimplePlainPipeOrgtblAndFancyGrid() {
        let result = ResultSet(columns: [ResultColumn("item", .string), ResultColumn("qty", .integer)],
                               rows: [[.string("spam"), .integer(42)], [.string("eggs"), .integer(451)]])
        XCTAssertEqual(render(.grid, result), """
            +------+-----+
            | item | qty |
            +======+=====+
            | spam |  42 |
            +------+-----+
            | eggs | 451 |
            +------+-----+
            """)
        XCTAssertEqual(render(.simple, result), "item  qty\n----  ---\nspam   42\neggs  451")
        XCTAssertEqual(render(.plain, result), "item  qty\nspam   42\neggs  451")
        XCTAssertEqual(render(.pipe, result), "| item | qty |\n|:-----|----:|\n| spam |  42 |\n| eggs | 451 |")
        XCTAssertEqual(render(.orgtbl, result), "| item | qty |\n|------+-----|\n| spam |  42 |\n| eggs | 451 |")
        XCTAssertEqual(render(.fancy_grid, result), """
            ╒══════╤═════╕
            │ item │ qty │
            ╞══════╪═════╡
            │ spam │  42 │
            ├──────┼─────┤
            │ eggs │ 451 │
            ╘══════╧═════╛
            """)
        XCTAssertEqual(render(.html, result), render(.psql, result))
    }

    func testCSVAndTSV() {
        let result = ResultSet(columns: [ResultColumn("A", .string), ResultColumn("B,C", .string)],
                               rows: [[.string("x\"y"), .null], [.string("tab\there"), .string("line\nbreak")]])
        XCTAssertEqual(render(.csv, result), "A,\"B,C\"\n\"x\"\"y\",NULL\ntab\there,\"line\nbreak\"")
        XCTAssertEqual(render(.tsv, header: false, result), "x\"\"y\tNULL\n\"tab\there\"\t\"line\nbreak\"".replacingOccurrences(of: "x\"\"y", with: "\"x\"\"y\""))
        XCTAssertEqual(ResultFormatter(format: .tsv, header: false, emptyForNullInTSV: true)
            .render(ResultSet.strings(["A", "B"], [["1", nil]])), "1\t")
    }

    func testJSONArrayOfObjectsWithFourSpaceIndent() {
        XCTAssertEqual(render(.json), """
            [
                {
                    "NAME": "alpha",
                    "N": 12345,
                    "V": {"b":1,"a":[true]}
                },
                {
                    "NAME": null,
                    "N": null,
                    "V": null
                }
            ]
            """)
        XCTAssertEqual(render(.json, ResultSet.strings(["A"], [])), "[]")
        let escaped = ResultSet(columns: [ResultColumn("s", .string), ResultColumn("b", .boolean)],
                                rows: [[.string("q\"\\\n\u{1}"), .boolean(false)]])
        XCTAssertEqual(render(.json, escaped), "[\n    {\n        \"s\": \"q\\\"\\\\\\n\\u0001\",\n        \"b\": false\n    }\n]")
    }

    func testExpanded() {
        let result = ResultSet(columns: [ResultColumn("ID", .integer), ResultColumn("DESCRIPTION", .string)],
                               rows: [[.integer(1), .string("one\ntwo")], [.integer(2), .null]])
        XCTAssertEqual(render(.expanded, result), """
            -[ RECORD 1 ]-----
            ID          | 1
            DESCRIPTION | one
                        | two
            -[ RECORD 2 ]-----
            ID          | 2
            DESCRIPTION | NULL
            """)
    }
}
