// BinaryFunctionTests: BINARY values. A string cast to BINARY is read as HEX into the bytes it
// spells (BINARY_INPUT_FORMAT's default), a BINARY column stores blobs, a BINARY prints and
// converts to text as upper-case HEX; TO_BINARY / TRY_TO_BINARY with HEX, BASE64 and UTF-8,
// TO_VARCHAR(binary, format), HEX_ENCODE and the HEX_DECODE_ family — and their exact errors.
// https://docs.snowflake.com/en/sql-reference/functions/to_binary

import GRDB
import XCTest
@testable import Engine

final class BinaryFunctionTests: EngineTestCase {
    static let binary = SnowflakeType.binary(length: 8_388_608)

    override func setUpWithError() throws {
        try super.setUpWithError()
        try run("create database d")
    }

    func testAStringCastToBinaryIsTheBytesItSpellsInHex() throws {
        let result = try run("select 'ABCD'::binary, 'abcd'::binary, ''::binary, cast('0a1B' as varbinary), to_binary('ff')")
        XCTAssertEqual(result.rows, [[.binary([0xAB, 0xCD]), .binary([0xAB, 0xCD]), .binary([]), .binary([0x0A, 0x1B]), .binary([0xFF])]])
        XCTAssertEqual(result.columns.map(\.type), Array(repeating: BinaryFunctionTests.binary, count: 5))
        XCTAssertEqual(try cells("select 'abcd'::binary, 'abcd'::binary::string, to_varchar('00ff'::binary), to_char('0a'::binary)"),
                       [["ABCD", "ABCD", "00FF", "0A"]])
        XCTAssertEqual(try run("select 'abcd'::binary::string").columns.map(\.type), [.string])
    }

    func testTextThatIsNotHexIsRefused() throws {
        let error = "100115 (22000): The following string is not a legal hex-encoded value: "
        assertError("select 'HELP'::binary", error + "'HELP'")
        assertError("select 'ABC'::binary", error + "'ABC'")
        assertError("select '0xAB'::binary", error + "'0xAB'")
        assertError("select to_binary('AB CD')", error + "'AB CD'")
        assertError("select to_binary('HELP', 'HEX')", error + "'HELP'")
        XCTAssertEqual(try cells("select try_cast('HELP' as binary), try_to_binary('zz'), try_to_binary('0102'), to_binary(NULL)"),
                       [["NULL", "NULL", "0102", "NULL"]])
    }

    func testBinaryColumnsStoreBlobs() throws {
        try run("create table b (id int, v binary, s varchar)")
        XCTAssertEqual(try cells("insert into b values (1, 'DEADBEEF', 'x'), (2, to_binary('SNOW', 'UTF-8'), 'y'), (3, NULL, 'z')"),
                       [["3"]])
        try run("insert into b select 4, v, 'w' from b where id = 1")
        try run("update b set v = 'c0ffee' where id = 3")
        let stored = try session.store.queue.read { db in
            try Row.fetchAll(db, sql: #"SELECT typeof("V"), hex("V") FROM "D.PUBLIC.B" ORDER BY "ID""#).map { [$0[0] as String, $0[1] as String] }
        }
        XCTAssertEqual(stored, [["blob", "DEADBEEF"], ["blob", "534E4F57"], ["blob", "C0FFEE"], ["blob", "DEADBEEF"]])
        XCTAssertEqual(try run("select v from b where id = 2").rows, [[.binary(Array("SNOW".utf8))]])
        XCTAssertEqual(try cells("select id, v, length(v) from b order by id"),
                       [["1", "DEADBEEF", "4"], ["2", "534E4F57", "4"], ["3", "C0FFEE", "3"], ["4", "DEADBEEF", "4"]])
        // A string compared with a BINARY is read as HEX too.
        XCTAssertEqual(try cells("select id from b where v = 'deadbeef' order by id"), [["1"], ["4"]])
        assertError("insert into b values (5, 'XYZ', 'v')", "100115 (22000): The following string is not a legal hex-encoded value: 'XYZ'")
        XCTAssertEqual(try cells("select count(*) from b"), [["4"]])
    }

    func testToBinaryFormats() throws {
        XCTAssertEqual(try run("select to_binary('SNOW', 'utf-8'), to_binary('SGVsbG8=', 'BASE64'), to_binary('ab', 'Hex'), to_binary('é', 'UTF8')").rows,
                       [[.binary([0x53, 0x4E, 0x4F, 0x57]), .binary(Array("Hello".utf8)), .binary([0xAB]), .binary([0xC3, 0xA9])]])
        // Base64 may carry whitespace; it needs its padding.
        XCTAssertEqual(try cells("select to_binary('SGVs\nbG8=', 'base64')"), [["48656C6C6F"]])
        assertError("select to_binary('SGVsbG8', 'BASE64')",
                    "100115 (22000): The following string is not a legal base64-encoded value: 'SGVsbG8'")
        XCTAssertEqual(try cells("select try_to_binary('SGVsbG8', 'BASE64'), try_to_binary('SGVsbG8=', 'BASE64')"), [["NULL", "48656C6C6F"]])
        assertError("select to_binary('AB', 'OCTAL')",
                    "001007 (22023): SQL compilation error:\ninvalid value ['OCTAL'] for binary format; expected HEX, BASE64 or UTF-8")
        assertError("select to_binary('AB', 'HEX' || '')",
                    "001003 (42000): SQL compilation error:\nUnsupported feature 'TO_BINARY with a format that is not a constant string'.")
        // A BINARY passes through; TO_BINARY of a VARIANT reads the string it holds.
        XCTAssertEqual(try cells("select to_binary(to_binary('0102')), to_binary(to_variant('0A0B'))"), [["0102", "0A0B"]])
    }

    func testToVarcharOfBinaryInEachFormat() throws {
        XCTAssertEqual(try cells("""
            select to_varchar(to_binary('HELP', 'UTF-8'), 'HEX'), to_varchar(to_binary('HELP', 'UTF-8'), 'BASE64'),
                   to_varchar(to_binary('HELP', 'UTF-8'), 'UTF-8'), to_char(to_binary('48454C50'), 'utf8')
            """), [["48454C50", "SEVMUA==", "HELP", "HELP"]])
        assertError("select to_varchar('FF'::binary, 'UTF-8')", "100115 (22000): Invalid UTF8 detected while decoding 'FF'")
        assertError("select to_varchar('FF'::binary, 'ROT13')",
                    "001007 (22023): SQL compilation error:\ninvalid value ['ROT13'] for binary format; expected HEX, BASE64 or UTF-8")
    }

    func testHexEncodeAndDecode() throws {
        XCTAssertEqual(try cells("select hex_encode('Snowflake'), hex_encode('Snowflake', 0), hex_encode(to_binary('abcd')), hex_encode(12)"),
                       [["536E6F77666C616B65", "536e6f77666c616b65", "ABCD", "3132"]])
        XCTAssertEqual(try cells("select hex_decode_string('536E6F77666C616B65'), hex_decode_string('c3a9'), hex_decode_binary('00ff')"),
                       [["Snowflake", "é", "00FF"]])
        XCTAssertEqual(try run("select hex_decode_binary('00ff'), hex_decode_string('41')").columns.map(\.type),
                       [BinaryFunctionTests.binary, .string])
        assertError("select hex_decode_string('ZZ')", "100115 (22000): The following string is not a legal hex-encoded value: 'ZZ'")
        assertError("select hex_decode_binary('123')", "100115 (22000): The following string is not a legal hex-encoded value: '123'")
        assertError("select hex_decode_string('ff')", "100115 (22000): Invalid UTF8 detected while decoding 'ff'")
        XCTAssertEqual(try cells("select try_hex_decode_string('ff'), try_hex_decode_string('ZZ'), try_hex_decode_binary('1'), try_hex_decode_binary('10')"),
                       [["NULL", "NULL", "NULL", "10"]])
        // The docs' round trip: VARCHAR to BINARY and back.
        try script("""
            create table binary_test (v varchar, b binary);
            insert into binary_test(v) values ('SNOW');
            update binary_test set b = to_binary(hex_encode(v), 'HEX')
            """)
        XCTAssertEqual(try cells("select v, hex_decode_string(to_varchar(b, 'HEX')), b from binary_test"), [["SNOW", "SNOW", "534E4F57"]])
    }

    func testBinaryFormatParameters() throws {
        XCTAssertEqual(try status("alter session set binary_input_format = 'hex'"), "Statement executed successfully.")
        assertError("alter session set binary_input_format = 'BASE64'",
                    "001003 (42000): SQL compilation error:\nUnsupported feature 'BINARY_INPUT_FORMAT = BASE64'.")
        assertError("alter session set binary_output_format = 'UTF8'",
                    "001003 (42000): SQL compilation error:\nUnsupported feature 'BINARY_OUTPUT_FORMAT = UTF-8'.")
        assertError("alter session set binary_output_format = 'octal'",
                    "001007 (22023): SQL compilation error:\ninvalid value [octal] for parameter 'BINARY_OUTPUT_FORMAT'")
    }

    func testBinaryInVariantsAndDigests() throws {
        XCTAssertEqual(try cells("select to_variant('ABCD'::binary), to_variant('ABCD'::binary)::binary"), [["\"ABCD\"", "ABCD"]])
        // MD5 digests a BINARY's bytes, a string's UTF-8 bytes.
        XCTAssertEqual(try cells("select md5(to_binary('SNOW', 'UTF-8')) = md5('SNOW'), md5(to_binary('0102')) = md5('0102')"),
                       [["True", "False"]])
    }
}
