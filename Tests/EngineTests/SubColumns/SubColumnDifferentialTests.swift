// SubColumnDifferentialTests: the same statements on two accounts, one whose queries read and
// teach tables' sub-columns and one whose queries never do, over generated documents — paths
// missing, JSON nulls, nested objects and arrays, a path changing type from row to row, documents
// that are not objects, SQL NULLs — through inserts, updates that remove or retype a path, MERGE,
// DELETE and INSERT OVERWRITE. Every query's answer (its column types and rows, or its error)
// must be the same on both.

import XCTest

@testable import Engine

final class SubColumnDifferentialTests: EngineTestCase {
    /// The account whose queries never use sub-columns.
    var plain: Session!

    override func setUpWithError() throws {
        try super.setUpWithError()
        plain = try makeSession()
        plain.usesSubColumns = false
        try both("create database d")
        try both("create table t (id int, raw variant)")
    }

    /// The queries compared after every change, over paths of each kind.
    static let queries = [
        "select raw:a, count(*) from t group by 1 order by 1",
        "select raw:a::string, count(*) from t group by 1 order by 1",
        "select raw:a::string s, raw:b::string, count(*) from t group by 1, 2 order by 1, 2",
        "select id, raw:o.c, raw:o.c::string, raw:arr[0], raw:arr[1]::string from t order by id",
        "select id from t where raw:a::string = 'open' order by id",
        "select id, raw:b from t where raw:b is not null order by id",
        "select sum(raw:b::int) from t",
        "select sum(raw:n::int), max(raw:n::string) from t where typeof(raw:n) = 'INTEGER'",
        "select count(distinct raw:a), count(raw:a), count(raw:a::string), count(*) from t",
        "select typeof(raw:a), is_null_value(raw:a), raw:a is null, count(*) from t group by 1, 2, 3 order by 1, 2, 3",
        "select raw:a::string, min(id), max(raw:o.c::string) from t group by 1 order by 2",
        "select substr(raw:a::string, 1, 2) p, count(*) from t group by 1 order by 1",
        "select id, raw:a::string from t order by raw:a::string nulls first, id limit 7",
        "select id, raw from t where raw:a::string > 'c' order by id",
        "select t.id, u.id from t join t u on t.raw:a = u.raw:b where t.id < 40 order by 1, 2",
        "select raw:a::string from t where raw:a::string like '%e%' group by 1 order by 1",
    ]

    func testAnswersAreTheSameWithAndWithoutSubColumns() throws {
        var generator = DocumentGenerator(seed: 24_024)
        try both(generator.insert(ids: 1...120))
        try compareAll("after the first insert")
        // The accounts must differ in how they answer, or the comparison proves nothing.
        let learned = try session.reading { db in
            try Catalog(db: db).subColumns(
                of: XCTUnwrap(
                    Catalog(db: db).object(
                        database: "D", schema: "PUBLIC", name: "T", kinds: [.table])))
        }
        XCTAssertTrue(learned.expressions.contains("sf_convert((\"RAW\" -> '$.a'), 'VARIANT', 'VARCHAR(16777216)')"), "\(learned)")
        XCTAssertTrue(learned.expressions.contains("(\"RAW\" -> '$.o.c')"), "\(learned)")

        try both(generator.insert(ids: 121...200))
        try compareAll("after a second insert")
        try both("update t set raw = object_delete(raw, 'a') where id % 3 = 0 and is_object(raw)")
        try compareAll("after removing a path")
        try both("update t set raw = object_insert(raw, 'a', 42, true) where id % 5 = 0 and is_object(raw)")
        try compareAll("after a path changed type")
        try both("update t set raw = null where id % 11 = 0")
        try compareAll("after SQL NULLs")
        try both("delete from t where id % 7 = 0")
        try compareAll("after a delete")
        try both(
            """
            merge into t using (select id + 1000 as id, raw from t where id < 60 union all select id, parse_json('{"a":"merged"}') from t where id between 60 and 90) s
            on t.id = s.id when matched then update set raw = s.raw when not matched then insert (id, raw) values (s.id, s.raw)
            """)
        try compareAll("after a merge")
        try both("insert overwrite into t select id, raw from t where id % 2 = 0")
        try compareAll("after INSERT OVERWRITE")
        try both(generator.insert(ids: 2001...2100))
        try compareAll("after the last insert")
    }

    func testAFailingValueFailsAlike() throws {
        try both("insert into t select column1, parse_json(column2) from values (1, '{\"b\":\"x1\"}'), (2, '{\"b\":[null]}'), (3, '{\"b\":7}')")
        for id in 1...3 {
            let query = "select sum(raw:b::int), max(raw:b::string) from t where id = \(id) group by raw:b::string"
            for _ in 1...2 { XCTAssertEqual(Self.answer(session, query), Self.answer(plain, query), query) }
        }
        XCTAssertEqual(
            Self.answer(session, "select sum(raw:b::int) from t where id = 1 group by raw:b::string"),
            "error: 100038 (22018): Numeric value 'x1' is not recognized")
    }

    // MARK: - Helpers

    /// Runs `sql` on both accounts; both must succeed alike.
    func both(_ sql: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let answer = Self.answer(session, sql)
        XCTAssertFalse(answer.hasPrefix("error"), "\(sql): \(answer)", file: file, line: line)
        XCTAssertEqual(answer, Self.answer(plain, sql), sql, file: file, line: line)
    }

    /// Every query on both accounts, twice (the first run of a new path teaches it, the second
    /// reads the index). A query fails on both or on neither; when it fails the texts may differ,
    /// as which row's value fails first depends on the order rows are read (Snowflake does not
    /// say which either) — a failing row alone gives the same text (`testAFailingValueFailsAlike`).
    func compareAll(_ moment: String, file: StaticString = #filePath, line: UInt = #line) throws {
        for query in Self.queries {
            for round in 1...2 {
                let answer = Self.answer(session, query), expected = Self.answer(plain, query)
                if answer.hasPrefix("error") && expected.hasPrefix("error") { continue }
                XCTAssertEqual(answer, expected, "\(moment), run \(round): \(query)", file: file, line: line)
            }
        }
    }

    /// The column types and rows of a statement, or its error.
    static func answer(_ session: Session, _ sql: String) -> String {
        do {
            let result = try session.execute(sql)
            let types = result.columns.map { "\($0.name) \($0.type.canonicalName)" }.joined(separator: ", ")
            return types + "\n" + result.rows.map { $0.map { $0.displayText() ?? "NULL" }.joined(separator: " | ") }.joined(separator: "\n")
        } catch {
            return "error: \(error)"
        }
    }
}

/// Random JSON documents from a seed, with every kind of value a path can meet.
struct DocumentGenerator {
    var random: SeededGenerator

    init(seed: UInt64) { random = SeededGenerator(state: seed) }

    mutating func next(_ bound: Int) -> Int { random.next(bound) }

    /// A scalar, object or array; deeper values are scalars.
    mutating func value(depth: Int = 0) -> String {
        let scalars = [
            "\"open\"", "\"closed\"", "\"\"", "\"a\\\"b\"", "\"\\u00e9t\\u00e9\"", "\"123\"", "\"null\"", "\"line\\nbreak\"",
            "0", "-5", "7", "4611686018427387904", "99999999999999999999", "1.5", "2.50", "-0.0", "1e300",
            "true", "false", "null",
        ]
        let pick = next(depth > 0 ? scalars.count : scalars.count + 3)
        if pick < scalars.count { return scalars[pick] }
        if pick == scalars.count { return "{\"c\":\(value(depth: depth + 1))}" }
        return "[\(value(depth: depth + 1)),\(value(depth: depth + 1))]"
    }

    /// A document: mostly objects with some of the keys a, b, n, o, arr; sometimes not an object.
    mutating func document() -> String {
        switch next(20) {
        case 0: return "[1,2,3]"
        case 1: return "\"just a string\""
        default:
            var fields: [String] = []
            for key in ["a", "b", "n", "o", "arr"] where next(5) > 0 {
                fields.append("\"\(key)\":\(key == "n" ? String(next(1000) - 500) : value())")
            }
            return "{" + fields.joined(separator: ",") + "}"
        }
    }

    /// `INSERT INTO t` of a document for each id.
    mutating func insert(ids: ClosedRange<Int>) -> String {
        var rows: [String] = []
        for id in ids {
            // Backslashes doubled: a Snowflake string literal reads them as escapes.
            let literal = document().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''")
            rows.append("(\(id), '\(literal)')")
        }
        return "insert into t select column1, parse_json(column2) from values " + rows.joined(separator: ", ")
    }
}
