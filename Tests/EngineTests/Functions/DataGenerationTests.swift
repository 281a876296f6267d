// DataGenerationTests: TABLE(GENERATOR(…)) and the data generation functions — SEQ1…SEQ8 with their
// wrap-around (the example of Snowflake's SEQ page, row for row), RANDOM(seed) repeating, UNIFORM's
// range and type, RANDSTR, NORMAL, and the errors.

import Foundation
import XCTest

final class DataGenerationTests: EngineTestCase {
    func testGeneratorMakesRowsThatSeqNumbers() throws {
        XCTAssertEqual(try cells("select seq8() from table(generator(rowcount => 5))"), [["0"], ["1"], ["2"], ["3"], ["4"]])
        XCTAssertEqual(
            try cells(
                """
                select * from (select seq2(0), seq1(1) from table(generator(rowCount => 132))) order by seq2(0) limit 7 offset 125
                """), [["125", "125"], ["126", "126"], ["127", "127"], ["128", "-128"], ["129", "-127"], ["130", "-126"], ["131", "-125"]])
        XCTAssertEqual(try cells("select seq1(0) from table(generator(rowcount => 130)) order by 1 desc limit 1"), [["127"]])
        XCTAssertEqual(try cells("select row_number() over (order by seq4()) from table(generator(rowcount => 3))"), [["1"], ["2"], ["3"]])
        XCTAssertEqual(try cells("select count(*) from table(generator(rowcount => 100000))"), [["100000"]])
        XCTAssertEqual(try cells("select count(*) from table(generator(rowcount => 0))"), [["0"]])
        XCTAssertEqual(try cells("select count(*) from table(generator(rowcount => null))"), [["0"]])
        XCTAssertEqual(try cells("select count(*) from table(generator(rowcount => 4, timelimit => 10))"), [["4"]])
    }

    func testRandomValuesKeepTheirRulesAndRepeat() throws {
        XCTAssertEqual(
            try cells(
                """
                select count(*), min(u), max(u), count(distinct u) from (select uniform(1, 10, random()) u from table(generator(rowcount => 5000)))
                """), [["5000", "1", "10", "10"]])
        // A constant generator gives one value; a seed gives one sequence, again and again.
        XCTAssertEqual(try cells("select count(distinct uniform(1, 100, 7)) from table(generator(rowcount => 50))"), [["1"]])
        XCTAssertEqual(
            try cells(
                """
                select count(*) from (select seq4() s, random(42) r from table(generator(rowcount => 100))) a
                  join (select seq4() s, random(42) r from table(generator(rowcount => 100))) b on a.s = b.s and a.r = b.r
                """), [["100"]])
        XCTAssertEqual(try cells("select count(distinct random(42)) from table(generator(rowcount => 100))"), [["100"]])
        let float = try run("select uniform(0::float, 1::float, random()) from table(generator(rowcount => 1))")
        XCTAssertEqual(float.columns[0].type, .float)
        XCTAssertEqual(
            try cells("select min(u) >= 0 and max(u) < 1 from (select uniform(0::float, 1, random()) u from table(generator(rowcount => 1000)))"),
            [["True"]])
        XCTAssertEqual(
            try cells("select length(randstr(12, random())), randstr(6, 9) = randstr(6, 9), randstr(6, 9) regexp '[0-9A-Za-z]{6}'"),
            [["12", "True", "True"]])
        XCTAssertEqual(
            try cells(
                "select round(avg(n)), avg(n) between 9.9 and 10.1 from (select normal(10, 1, random(3)) n from table(generator(rowcount => 20000)))"),
            [["10", "True"]])
    }

    func testSeqOverOtherRowsNumbersThemInOrder() throws {
        for statement in ["create database d", "create table t (v string)", "insert into t values ('a'), ('b'), ('c')"] { try run(statement) }
        XCTAssertEqual(try cells("select seq4(), v from t order by v"), [["0", "a"], ["1", "b"], ["2", "c"]])
    }

    func testZipfFavoursTheFirstRanks() throws {
        // s = 1, N = 5: weights 1, 1/2, 1/3, 1/4, 1/5 — about 44%, 22%, 15%, 11% and 9% of 10,000 draws.
        let counts = try cells(
            "select z, count(*) from (select zipf(1, 5, random(7)) z from table(generator(rowcount => 10000))) group by z order by z"
        ).map { Int($0[1]) ?? 0 }
        XCTAssertEqual(counts.count, 5)
        for (count, share) in zip(counts, [0.438, 0.219, 0.146, 0.109, 0.088]) {
            XCTAssertEqual(Double(count) / 10_000, share, accuracy: 0.02)
        }
        XCTAssertEqual(try cells("select zipf(2, 10, 42) = zipf(2, 10, 42), zipf(1.5, 1, 3)"), [["True", "1"]])
        assertError("select zipf(0, 5, 1)", "100096 (22023): ZIPF: the exponent must be positive and N between 1 and 1000000 (got 0.0, 5)")
    }

    func testErrors() throws {
        assertError(
            "select count(*) from table(generator(timelimit => 1))",
            "001003 (42000): SQL compilation error:\nUnsupported feature 'GENERATOR with TIMELIMIT and no ROWCOUNT'.")
        assertError(
            "select count(*) from table(generator(rowcount => -1))",
            "001007 (22023): SQL compilation error:\nargument 'ROWCOUNT' to function GENERATOR needs to be a non-negative integer constant")
        assertError(
            "select seq4(2) from table(generator(rowcount => 1))",
            "001007 (22023): SQL compilation error:\nThe argument of SEQ4 must be the constant 0 or 1")
        assertError("select uniform(5, 1, 1)", "100096 (22023): UNIFORM: the maximum must not be less than the minimum")
        assertError("select randstr(-1, 1)", "100096 (22023): RANDSTR: invalid length -1")
    }
}
