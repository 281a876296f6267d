// NumberFunctionTests: numeric functions and conditionals — FLOOR, CEIL/CEILING, TRUNC, MOD,
// SIGN, POWER, SQRT, EXP, LN, LOG, SQUARE, PI, the trigonometric functions, ZEROIFNULL, NULLIFZERO,
// DIV0, DIV0NULL, BITAND…BITNOT; BOOLAND…BOOLNOT; NVL2, DECODE (NULL matches NULL) and
// EQUAL_NULL; TO_NUMBER/TO_DECIMAL/TO_NUMERIC with a format, precision and scale, TRY_TO_NUMBER,
// and their errors. Result types are checked, since they decide how a cell prints.

import SnowSQL
import XCTest
@testable import Engine

final class NumberFunctionTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("""
            create database d;
            create table amounts (id int, n number(10,2), f float, s string);
            insert into amounts values (1, 2.75, -1.5, 'x'), (2, -2.25, 4.0, NULL), (3, NULL, NULL, 'z')
            """)
    }

    func testFloorCeilTrunc() throws {
        XCTAssertEqual(try cells("select floor(2.7), ceil(2.1), ceiling(-2.1), floor(-2.5), trunc(-2.7), truncate(2.7)"),
                       [["2", "3", "-2", "-3", "-2", "2"]])
        XCTAssertEqual(try cells("select floor(-1.55, 1), ceil(1.21, 1), trunc(2.789, 2), floor(123.456, -1), ceil(121, -1), trunc(1999, -3)"),
                       [["-1.6", "1.3", "2.78", "120", "130", "1000"]])
        let result = try run("select floor(n), ceil(n, 1), trunc(f), floor(NULL) from amounts order by id")
        XCTAssertEqual(result.columns.map(\.type), [.number(precision: 10, scale: 0), .number(precision: 10, scale: 1), .float, .integer])
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText() ?? "NULL" } },
                       [["2", "2.8", "-1", "NULL"], ["-3", "-2.2", "4", "NULL"], ["NULL", "NULL", "NULL", "NULL"]])
        assertError("select floor(n, id) from amounts", "001007 (22023): SQL compilation error:\nThe scale argument of FLOOR must be a constant integer")
        assertError("select ceil('2024-01-01'::date)",
                    "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'CEIL': (DATE)")
    }

    func testModSignPowerAndFriends() throws {
        XCTAssertEqual(try cells("select mod(7, 3), mod(-7, 3), mod(7.5, 2), mod(n, 1) from amounts where id = 1"), [["1", "-1", "1.5", "0.75"]])
        assertError("select mod(1, 0)", "100051 (22012): Division by zero")
        XCTAssertEqual(try cells("select sign(-3), sign(0), sign(2.5), sign(NULL), mod(NULL, 2)"), [["-1", "0", "1", "NULL", "NULL"]])
        XCTAssertEqual(try cells("select power(2, 10), pow(4, 0.5), sqrt(16), exp(0), ln(1), log(10, 1000), log(2, 8)"),
                       [["1024", "2", "4", "1", "0", "3", "3"]])
        XCTAssertEqual(try cells("select sqrt(-1), ln(0), power(NULL, 2), sqrt('9')"), [["NULL", "NULL", "NULL", "3"]])
        let types = try run("select power(2, 3), sqrt(4), sign(1.5)").columns.map(\.type)
        XCTAssertEqual(types, [.float, .float, .integer])
    }

    func testDiv0AndDiv0Null() throws {
        XCTAssertEqual(try cells("select div0(1, 0), div0(7, 2), div0(NULL, 0), div0(1, NULL), div0null(1, NULL), div0null(NULL, NULL), div0null(-3, 0), div0null(9.5, 2)"),
                       [["0.000000", "3.500000", "0.000000", "NULL", "0.000000", "0.000000", "0.000000", "4.7500000"]])
        let result = try run("select div0(n, id), div0null(f, 0), div0(id, 2) from amounts order by id")
        XCTAssertEqual(result.columns.map(\.type), [.number(precision: 38, scale: 8), .float, .number(precision: 38, scale: 6)])
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText() ?? "NULL" } },
                       [["2.75000000", "0", "0.500000"], ["-1.12500000", "0", "1.000000"], ["NULL", "0", "1.500000"]])
        assertError("select div0('x', 2)", "100038 (22018): Numeric value 'x' is not recognized")
        assertError("select div0(current_date(), 1)",
                    "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'DIV0': (DATE)")
        assertError("select div0null(1)",
                    "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'DIV0NULL': (1 argument)")
    }

    func testBoolFunctionsUseThreeValuedLogic() throws {
        XCTAssertEqual(try cells("""
            select booland(1, -2), booland(0, 2), booland(0, NULL), booland(1, NULL), boolor(0, 0), boolor(1, NULL), boolor(0, NULL),
                   boolxor(2, 0), boolxor(2, 3), boolxor(1, NULL), boolnot(0), boolnot(5), boolnot(NULL), booland(true, 0.5), boolor('0', '0.0')
            """), [["True", "False", "False", "NULL", "False", "True", "NULL", "True", "False", "NULL", "True", "False", "NULL", "True", "False"]])
        assertError("select boolnot('yes')", "100038 (22018): Numeric value 'yes' is not recognized")
        assertError("select booland(current_date(), 1)",
                    "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'BOOLAND': (DATE, NUMBER(38,0))")
    }

    func testToBooleanAndTryToBoolean() throws {
        XCTAssertEqual(try cells("select to_boolean('yes'), to_boolean(0), try_to_boolean('off'), try_to_boolean('maybe'), try_to_boolean(NULL), try_to_boolean(2.5)"),
                       [["True", "False", "False", "NULL", "NULL", "True"]])
        XCTAssertEqual(try run("select try_to_boolean('t')").columns.map(\.type), [.boolean])
    }

    func testBitwise() throws {
        XCTAssertEqual(try cells("select bitand(12, 10), bitor(12, 10), bitxor(12, 10), bitnot(0), bitnot(-6), bitand(-1, 255), bitxor(NULL, 1), bitand('6', 3)"),
                       [["8", "14", "6", "-1", "5", "255", "NULL", "2"]])
        XCTAssertEqual(try run("select bitand(id, 1) from amounts").columns.map(\.type), [.integer])
        assertError("select bitor(id) from amounts",
                    "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'BITOR': (1 argument)")
        assertError("select bitnot(current_date())",
                    "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'BITNOT': (DATE)")
    }

    func testSquarePiAndTrigonometry() throws {
        XCTAssertEqual(try cells("""
            select square(3), square(-1.5), pi(), sin(0), cos(0), tan(0), atan(1) * 4 = pi(), atan2(1, 1) * 4 = pi(), sinh(0), cosh(0),
                   tanh(0), asinh(0), degrees(pi()), radians(180) = pi(), sin(NULL), atan2(NULL, 1)
            """), [["9", "2.25", "3.141592653589793", "0", "1", "0", "True", "True", "0", "1", "0", "0", "180", "True", "NULL", "NULL"]])
        XCTAssertEqual(try run("select square(2), pi(), sin(1), atan2(1, 2)").columns.map(\.type), [.float, .float, .float, .float])
        assertError("select sin(current_date())",
                    "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'SIN': (DATE)")
        assertError("select pi(1)", "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'PI': (1 argument)")
    }

    func testGreatestAndLeast() throws {
        XCTAssertEqual(try cells("select greatest(1, 5, 3), least(4, 2, 8), greatest('b', 'a'), greatest(7), least(1, null)"),
                       [["5", "2", "b", "7", "NULL"]])
        XCTAssertEqual(try cells("select greatest('2026-01-01 10:00:00'::timestamp_ntz, '2026-01-01 09:00:00'::timestamp_ntz)"),
                       [["2026-01-01 10:00:00.000"]])
    }

    func testZeroIfNullAndNullIfZero() throws {
        let result = try run("select zeroifnull(n), nullifzero(id - 1), zeroifnull(NULL) from amounts order by id")
        XCTAssertEqual(result.columns.map(\.type), [.number(precision: 10, scale: 2), .integer, .integer])
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText() ?? "NULL" } },
                       [["2.75", "NULL", "0"], ["-2.25", "1", "0"], ["0.00", "2", "0"]])
    }

    func testNvl2DecodeAndEqualNull() throws {
        XCTAssertEqual(try cells("select nvl2(s, 'has', 'none'), nvl2(n, n * 2, 0) from amounts order by id"),
                       [["has", "5.50"], ["none", "-4.50"], ["has", "0.00"]])
        XCTAssertEqual(try cells("select decode(id, 1, 'one', 2, 'two', 'other'), decode(s, NULL, 'no s', 'x', 'ex'), decode(id, '3', 'three') from amounts order by id"),
                       [["one", "ex", "NULL"], ["two", "no s", "NULL"], ["other", "NULL", "three"]])
        XCTAssertEqual(try cells("select equal_null(NULL, NULL), equal_null(1, NULL), equal_null(2, 2), equal_null('1', 1)"),
                       [["True", "False", "True", "True"]])
        assertError("select decode(1, 2)", "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'DECODE': (2 arguments)")
    }

    func testToNumberRoundsToItsScale() throws {
        let result = try run("select to_number('12.7'), to_number('12.345', 10, 2), to_decimal('1,234.5', '9,999.9', 10, 1), to_numeric('  42 '), to_number(12.5), to_number('-0.5')")
        XCTAssertEqual(result.columns.map(\.type), [.integer, .number(precision: 10, scale: 2), .number(precision: 10, scale: 1), .integer, .integer, .integer])
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [["13", "12.35", "1234.5", "42", "13", "-1"]])
        XCTAssertEqual(try cells("select to_number('$1,000', '$9,999'), to_number('12-', '99MI'), to_number('ff', 'XX'), to_number(NULL), to_number(n, 5, 1) from amounts where id = 1"),
                       [["1000", "-12", "255", "NULL", "2.8"]])
        XCTAssertEqual(try cells("select to_number(parse_json('{\"a\": \"7.6\"}'):a), to_number(true)"), [["8", "1"]])
    }

    func testToNumberErrorsAndTryToNumber() throws {
        assertError("select to_number('abc')", "100038 (22018): Numeric value 'abc' is not recognized")
        assertError("select to_number('12a', '99')", "100038 (22018): Numeric value '12a' is not recognized")
        assertError("select to_number('12345.6', 5, 2)", "100039 (22003): Numeric value '12345.6' is out of range")
        assertError("select to_number('1', 40, 0)",
                    "001007 (22023): SQL compilation error:\nInvalid precision or scale for function TO_NUMBER: they must be constants with 1 ≤ precision ≤ 38 and 0 ≤ scale ≤ precision")
        assertError("select to_number('1', id) from amounts",
                    "001007 (22023): SQL compilation error:\nInvalid precision or scale for function TO_NUMBER: they must be constants with 1 ≤ precision ≤ 38 and 0 ≤ scale ≤ precision")
        XCTAssertEqual(try cells("select try_to_number('abc'), try_to_number('12345.6', 5, 2), try_to_decimal('3.14159', 5, 3), try_to_number(NULL)"),
                       [["NULL", "NULL", "3.142", "NULL"]])
        XCTAssertEqual(try cells("select id from amounts where try_to_number(s) is null order by id"), [["1"], ["2"], ["3"]])
    }

    /// SQLite keeps a NaN as NULL, so Snowlite refuses a FLOAT NaN wherever one would be made from
    /// text or bound by a driver, TRY_ forms included, rather than answer NULL. Infinities stay.
    func testNaNIsRefusedRatherThanReadAsNull() throws {
        let refused = "000002 (0A000): Unsupported feature 'FLOAT value NaN': Snowlite cannot store NaN (SQLite keeps it as NULL)."
        assertError("select 'NaN'::float", refused)
        assertError("select to_double('nan')", refused)
        assertError("select try_cast('NaN' as double)", refused)
        assertError("select try_to_double('-nan')", refused)
        assertError("insert into amounts (id, f) values (9, 'NaN')", refused)
        assertError("select id from amounts where f = 'NaN'", refused)
        XCTAssertEqual(try cells("select count(*) from amounts"), [["3"]])
        let nan = SessionVariable(value: .double(.nan), type: .float, createdOn: EngineTestCase.fixedDate, updatedOn: EngineTestCase.fixedDate)
        XCTAssertThrowsError(try session.execute(Parser.parseOne("select ?").statement, text: "select ?", bindings: ["1": nan])) { error in
            XCTAssertEqual((error as? SnowflakeError)?.description, refused)
        }
        // Infinities are FLOATs SQLite keeps; a NUMBER holds neither them nor NaN.
        XCTAssertEqual(try cells("select 'inf'::float, '-Infinity'::float, 'inf'::float > 1e308"), [["inf", "-inf", "True"]])
        assertError("select 'NaN'::number", "100038 (22018): Numeric value 'NaN' is not recognized")
        assertError("select 'inf'::int", "100038 (22018): Numeric value 'inf' is not recognized")
        assertError("select '1e400'::number(38, 2)", "100039 (22003): Numeric value '1e400' is out of range")
        assertError("select '0x10'::float", "100038 (22018): Numeric value '0x10' is not recognized")
    }
}
