// The JSON cell encodings (driver-protocol.md §7.3) and the binding decodings (§6), value by
// value: what the Python connector parses each cell into depends on these exact strings.

@testable import DriverProtocol
@testable import DriverWire
import Engine
import XCTest

final class WireEncodingTests: XCTestCase {
    func testCellsOfEveryType() throws {
        func cell(_ value: Value, _ type: SnowflakeType) throws -> String? { try WireCells.cell(value, type: type) }
        XCTAssertEqual(try cell(.integer(-42), .integer), "-42")
        XCTAssertEqual(try cell(.decimal("12.340"), .number(precision: 10, scale: 3)), "12.340")
        XCTAssertEqual(try cell(.double(1.5), .float), "1.5")
        XCTAssertEqual(try cell(.double(-.infinity), .float), "-inf")
        XCTAssertEqual(try cell(.boolean(true), .boolean), "1")
        XCTAssertEqual(try cell(.boolean(false), .boolean), "0")
        XCTAssertEqual(try cell(.date("2024-01-01"), .date), "19723")
        XCTAssertEqual(try cell(.date("1969-12-31"), .date), "-1")
        XCTAssertEqual(try cell(.time("12:34:56"), .time), "45296.000000000")
        XCTAssertEqual(try cell(.timestamp("2024-01-01 12:34:56.789"), .timestampNTZ), "1704112496.789000000")
        XCTAssertEqual(try cell(.timestamp("1969-12-31 23:59:59.500"), .timestampNTZ), "-0.500000000")
        XCTAssertEqual(try cell(.timestamp("1969-12-31 23:59:58.250"), .timestampNTZ), "-1.750000000")
        XCTAssertEqual(try cell(.timestamp("2024-01-01 12:00:00.000"), .timestampTZ), "1704110400.000000000 1440")
        XCTAssertEqual(try cell(.timestamp("2024-01-01 13:00:00.000 +0100"), .timestampTZ), "1704110400.000000000 1500")
        XCTAssertEqual(try cell(.binary([0xDE, 0xAD, 0x01]), .binary(length: 3)), "DEAD01")
        XCTAssertEqual(try cell(.string("abcd"), .binary(length: 2)), "ABCD")
        XCTAssertThrowsError(try cell(.string("xyz"), .binary(length: 2)))
        XCTAssertEqual(try cell(.variant(#"{"a":[1,2]}"#), .variant), "{\n  \"a\": [\n    1,\n    2\n  ]\n}")
        XCTAssertNil(try cell(.null, .integer))
        // A FIXED column holding a double: exact digits, or refused rather than rounded.
        XCTAssertEqual(try cell(.double(4096), .integer), "4096")
        XCTAssertThrowsError(try cell(.double(1.2345678901234568e37), .integer))
    }

    func testRowTypeEntries() {
        let entry = WireCells.rowType(ResultColumn("S", .varchar(length: 10), nullable: false))
        XCTAssertEqual(String(decoding: entry.bytes, as: UTF8.self), """
            {"name":"S","database":"","schema":"","table":"","type":"text","nullable":false,"length":10,"precision":null,\
            "scale":null,"byteLength":40,"collation":null}
            """)
    }

    func testBindingsOfEveryType() throws {
        func bound(_ type: String, _ value: String?) throws -> SessionVariable {
            try WireBindings.variable(value, type: type, position: "1")
        }
        XCTAssertEqual(try bound("FIXED", "12").value, .integer(12))
        XCTAssertEqual(try bound("FIXED", "-12.50").value, .decimal("-12.50"))
        XCTAssertEqual(try bound("FIXED", "-12.50").type, .number(precision: 38, scale: 2))
        XCTAssertEqual(try bound("REAL", "1.5").value, .double(1.5))
        XCTAssertEqual(try bound("TEXT", "x").value, .string("x"))
        XCTAssertEqual(try bound("BOOLEAN", "true").value, .boolean(true))
        XCTAssertEqual(try bound("DATE", "1704067200000").value, .date("2024-01-01"))
        XCTAssertEqual(try bound("DATE", "-86400000").value, .date("1969-12-31"))
        XCTAssertEqual(try bound("TIME", "45296000000000").value, .time("12:34:56"))
        XCTAssertEqual(try bound("TIMESTAMP_NTZ", "1704112496789000000").value, .timestamp("2024-01-01 12:34:56.789"))
        XCTAssertEqual(try bound("TIMESTAMP_TZ", "1704110400000000000 1500").value, .timestamp("2024-01-01 13:00:00.000"))
        XCTAssertEqual(try bound("BINARY", "dead01").value, .binary([0xDE, 0xAD, 0x01]))
        XCTAssertEqual(try bound("ANY", nil).value, .null)
        XCTAssertThrowsError(try bound("FIXED", "x")) { error in
            XCTAssertEqual("\(error)", """
                002049 (42601): SQL compilation error: error line 1 at position 0
                Bind variable :1 of type FIXED has a value 'x' that is not valid for it.
                """)
        }
        XCTAssertThrowsError(try bound("TIME", "45296123456000")) { error in
            XCTAssertEqual((error as? SnowflakeError)?.code, "100108")
        }
        XCTAssertThrowsError(try bound("BINARY", "abc"))
    }

    func testArrayBindingsBecomeRows() throws {
        let bound = try WireBindings.decode(["1": ["type": "FIXED", "value": ["1", "2"]], "2": ["type": "TEXT", "value": ["a", NSNull()]]])
        guard case .rows(let rows) = bound else { return XCTFail("\(bound)") }
        XCTAssertEqual(rows.map { $0["1"]?.value }, [.integer(1), .integer(2)])
        XCTAssertEqual(rows.map { $0["2"]?.value }, [.string("a"), .null])
        XCTAssertThrowsError(try WireBindings.decode(["1": ["type": "FIXED", "value": ["1"]], "2": ["type": "FIXED", "value": ["1", "2"]]]))
    }
}
