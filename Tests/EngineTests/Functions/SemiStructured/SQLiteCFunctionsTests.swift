// SQLiteCFunctionsTests: Snowlite's `->` against SQLite's own, differentially. One connection has
// Snowlite's operator, one has none of Snowlite's functions; each pair of a document and a path
// (generated compact documents, the same documents broken in every way a byte can break them,
// numbers, blobs, NULLs, and every form of path, plain, quoted, abbreviated, malformed) must give
// the same value, type and JSON subtype (json_array takes a `->` result as JSON only with it), or
// the same error. Then an index built by the one is checked by the other, as the sqlite3 shell
// would check an account file's. And sf_convert's C path gives what Conversion.convert gives.

import Foundation
import GRDB
import XCTest

@testable import Engine

final class SQLiteCFunctionsTests: XCTestCase {
    private static let sql = "SELECT ?1 -> ?2, typeof(?1 -> ?2), json_array(?1 -> ?2)"

    /// The answer of `->` on one connection: its row, or its error message.
    private func answer(_ queue: DatabaseQueue, _ document: DatabaseValue, _ path: DatabaseValue) -> String {
        do {
            return try queue.read { db in
                let row = try Row.fetchOne(db, sql: Self.sql, arguments: [document, path])
                return row.map { "\($0)" } ?? "no row"
            }
        } catch let error as DatabaseError {
            return "error: \(error.message ?? "")"
        } catch {
            return "error: \(error)"
        }
    }

    private static func value(_ g: inout SeededGenerator, depth: Int) -> String {
        let keys = ["a", "a", "b", "id", "id", "a b", "a\\u0062", "é", "", "a.b", "A"]
        let strings = ["", "x", "a\\\"b", "\\\\", "\\n\\t\\/", "\\u00e9\\ud83d\\ude00", "é✓😀", "0123456789abcdefghij", "'"]
        let numbers = ["0", "-0", "7", "-12", "1.5", "0.5e-3", "1E+2", "2e10", "123456789012345678901234567890"]
        switch depth == 0 ? 4 + g.next(3) : g.next(depth > 3 ? 4 : 7) {
        case 0: return ["true", "false", "null"][g.next(3)]
        case 1: return numbers[g.next(numbers.count)]
        case 2, 3: return "\"" + strings[g.next(strings.count)] + "\""
        case 4, 5:
            let members = (0..<g.next(5)).map { _ in "\"" + keys[g.next(keys.count)] + "\":" + value(&g, depth: depth + 1) }
            return "{" + members.joined(separator: ",") + "}"
        default:
            return "[" + (0..<g.next(5)).map { _ in value(&g, depth: depth + 1) }.joined(separator: ",") + "]"
        }
    }

    /// A compact document, or the same broken: a byte dropped, changed or added, a blank, a tail.
    private static func document(_ g: inout SeededGenerator) -> String {
        var bytes = Array(value(&g, depth: 0).utf8)
        let breakers = Array(" \t\n\"\\{}[],:0-.eExN\u{1}\u{0}".utf8)
        switch g.next(10) {
        case 0 where !bytes.isEmpty: bytes.remove(at: g.next(bytes.count))
        case 1 where !bytes.isEmpty: bytes[g.next(bytes.count)] = breakers[g.next(breakers.count)]
        case 2: bytes.insert(breakers[g.next(breakers.count)], at: g.next(bytes.count + 1))
        case 3: bytes += Array([" ", "x", "{}", ",1", "\u{0}{"][g.next(5)].utf8)
        case 4:
            bytes = Array(
                [
                    "NaN", "Infinity", "01", "[1,]", "{\"a\":1,}", "\"\\x\"", "\"\\u12\"", "1.", ".5", "-", "tru", "nullx",
                    String(repeating: "[", count: 1_100) + String(repeating: "]", count: 1_100), "",
                ][g.next(14)].utf8)
        default: break
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let paths = [
        "$", "$.a", "$.b", "$.id", "$.A", "$.a.b", "$.a.a", "$[0]", "$[1]", "$[4]", "$[0].a", "$.a[0]", "$.a[1].b", "$.\"a b\"",
        "$.\"a\"", "$.\"a\\u0062\"", "$.\"\"", "$.\"a.b\"", "$.\"é\"", "$.é", "$.", "$[", "$[x]", "$[#-1]", "$[#]", "a", "id", "0", "[0]",
        "$.a-b", "$..a", "$[0", "$[1234567890]", "$[01]", "$.a b", "$a", "", "$.\"a", "$.a.", "$[0][0]", "$[0].\"\"", "$.\"a\u{0}b\"", "$.\"a\u{0}\"", "$.a\u{0}", "$[0]\u{0}",
    ]

    func testTheOperatorAnswersAsSQLitesOwn() throws {
        let plain = try DatabaseQueue()
        let ours = try DatabaseQueue()
        ours.inDatabase { SQLiteCFunctions.installPathOperator(in: $0) }
        var g = SeededGenerator(state: 0x5EED_2024)
        var compared = 0, values = 0, errors = 0
        for _ in 0..<3_000 {
            let text = Self.document(&g)
            let documents: [DatabaseValue] = [text.databaseValue, Data(text.utf8).databaseValue]
            for document in documents where document == documents[0] || g.next(8) == 0 {
                for _ in 0..<4 {
                    // Half the time a path that most documents have.
                    let likely = ["$", "$.a", "$.id", "$[0]", "$[1]", "$.a.a", "$[0].a", "$.\"a b\""]
                    let path = (g.next(2) == 0 ? likely[g.next(likely.count)] : Self.paths[g.next(Self.paths.count)]).databaseValue
                    let expected = answer(plain, document, path)
                    XCTAssertEqual(answer(ours, document, path), expected, "\(text) -> \(path)")
                    compared += 1
                    if expected.hasPrefix("error") { errors += 1 } else if !expected.hasPrefix("[?1 -> ?2:NULL") { values += 1 }
                }
            }
        }
        let edges: [(DatabaseValue, DatabaseValue)] = [
            (.null, "$".databaseValue), ("{\"a\":1}".databaseValue, .null), (5.databaseValue, "$".databaseValue),
            (1.5.databaseValue, "$".databaseValue), ("[7]".databaseValue, 0.databaseValue), ("{\"a\":1}".databaseValue, "a".databaseValue),
            ("{\"a\":1,\"a\":2}".databaseValue, "$.a".databaseValue),
        ]
        for (document, path) in edges {
            XCTAssertEqual(answer(ours, document, path), answer(plain, document, path), "\(document) -> \(path)")
        }
        // Text holding a NUL byte (a bound String stops at one): SQLite reads a path only up to it.
        for (document, path) in [("{\"a\":1}", "$.\"a\u{0}b\""), ("{\"a\":1}", "$.a\u{0}.b"), ("[[1]]", "$[0]\u{0}[0]")] {
            let sql = "SELECT CAST(?1 AS TEXT) -> CAST(?2 AS TEXT), typeof(CAST(?1 AS TEXT) -> CAST(?2 AS TEXT))"
            func run(_ queue: DatabaseQueue) -> String {
                do {
                    return try queue.read { db in
                        "\(try Row.fetchOne(db, sql: sql, arguments: [Data(document.utf8), Data(path.utf8)]) as Any)"
                    }
                } catch let error as DatabaseError { return "error: \(error.message ?? "")" } catch { return "error: \(error)" }
            }
            XCTAssertEqual(run(ours), run(plain), "\(document) -> \(path.debugDescription)")
        }
        // The generator reaches every kind of answer.
        XCTAssertGreaterThan(values, 1_200)
        XCTAssertGreaterThan(errors, 1_000)
        XCTAssertGreaterThan(compared - values - errors, 2_000)
    }

    /// Documents the operator has checked are remembered (CheckedDocuments) and only searched when
    /// they come again: a document that differs from one of them in a single byte, wherever it is,
    /// is checked anew and gets SQLite's answer, its error included.
    func testOnlyTheSameBytesCountAsAlreadyChecked() throws {
        let plain = try DatabaseQueue()
        let ours = try DatabaseQueue()
        ours.inDatabase { SQLiteCFunctions.installPathOperator(in: $0) }
        var g = SeededGenerator(state: 0xC4EC_4ED)
        let documents = (0..<300).map { n in
            "{\"body\":\"" + String(repeating: "issue text ", count: 1 + g.next(40)) + "\",\"id\":\(n),\"labels\":[{\"name\":\"bug\"}],\"state\":\"open\"}"
        }
        let breakers = Array("\"\\{}[],:x\u{1} ".utf8)
        var broken = 0
        for round in 0..<3 {
            for document in documents {
                var bytes = Array(document.utf8)
                if round == 2 {
                    // Changed inside, where a fingerprint may not look.
                    let at = 1 + g.next(bytes.count - 2)
                    let byte = breakers[g.next(breakers.count)]
                    if bytes[at] != byte { broken += 1 }
                    bytes[at] = byte
                }
                let text = String(decoding: bytes, as: UTF8.self)
                for path in ["$.id", "$.state", "$.labels[0].name"] {
                    XCTAssertEqual(answer(ours, text.databaseValue, path.databaseValue), answer(plain, text.databaseValue, path.databaseValue), text)
                }
            }
        }
        XCTAssertGreaterThan(broken, 250)
    }

    /// sl_json_each gives json_each's rows (key, value with its subtype, type, fullkey, the
    /// argument) or its error, for arrays of containers (its own reading) and anything else
    /// (SQLite's), and `->` then reads the elements it handed over as SQLite's `->` would.
    func testTheEachTableAnswersAsJSONEach() throws {
        let ours = try DatabaseQueue()
        ours.inDatabase { SQLiteCFunctions.installPathOperator(in: $0) }
        func rows(_ table: String, _ document: DatabaseValue) -> String {
            do {
                return try ours.read { db in
                    let rows = try Row.fetchAll(
                        db,
                        sql: """
                            SELECT key, value, type, fullkey, typeof(value), json_array(value), json, value -> '$.id', value -> '$[0]'
                            FROM \(table)(?)
                            """, arguments: [document])
                    return rows.map { "\($0)" }.joined(separator: "\n")
                }
            } catch let error as DatabaseError {
                return "error: \(error.message ?? "")"
            } catch {
                return "error: \(error)"
            }
        }
        var g = SeededGenerator(state: 0xEAC4)
        var fast = 0, compared = 0
        for _ in 0..<1_500 {
            // Arrays of generated documents (objects and arrays mostly), sometimes broken.
            let elements = (0..<g.next(6)).map { _ in Self.document(&g) }
            let text = g.next(10) == 0 ? Self.document(&g) : "[" + elements.joined(separator: ",") + "]"
            let documents: [DatabaseValue] = [text.databaseValue, Data(text.utf8).databaseValue]
            for document in documents where document == documents[0] || g.next(8) == 0 {
                let expected = rows("json_each", document)
                XCTAssertEqual(rows("sl_json_each", document), expected, text)
                compared += 1
                if case .string = document.storage, text.utf8.withContiguousStorageIfAvailable({ CompactJSON.containerElements($0) != nil }) == true {
                    fast += 1
                }
            }
        }
        for document: DatabaseValue in [.null, 5.databaseValue, "[]".databaseValue, "{}".databaseValue, "[[]]".databaseValue, " [{}]".databaseValue] {
            XCTAssertEqual(rows("sl_json_each", document), rows("json_each", document), "\(document)")
        }
        XCTAssertGreaterThan(fast, 300)
        XCTAssertGreaterThan(compared - fast, 300)
        // A plan that cannot give the document first is refused, as json_each's is.
        let joined = "SELECT count(*) FROM (SELECT '[{\"a\":1}]' AS d) AS s, %@ AS e WHERE e.json = s.d"
        XCTAssertEqual(
            try ours.read { try Int.fetchOne($0, sql: joined.replacingOccurrences(of: "%@", with: "sl_json_each")) },
            try ours.read { try Int.fetchOne($0, sql: joined.replacingOccurrences(of: "%@", with: "json_each")) })
    }

    func testAnIndexWrittenWithTheOperatorChecksOutWithSQLitesOwn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("json-path-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("t.db").path
        var g = SeededGenerator(state: 77)
        do {
            let ours = try DatabaseQueue(path: path)
            try ours.write { db in
                SQLiteCFunctions.installPathOperator(in: db)
                try db.execute(sql: "CREATE TABLE t (raw TEXT)")
                try db.execute(sql: "CREATE INDEX t_id ON t ((raw -> '$.id'), (raw -> '$.a[0]'))")
                var inserted = 0
                while inserted < 500 {
                    // Rows SQLite's `->` refuses (malformed documents) cannot be in the table.
                    if (try? db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [Self.document(&g)])) != nil { inserted += 1 }
                }
                try db.execute(sql: "UPDATE t SET raw = json_set(raw, '$.id', rowid) WHERE rowid % 3 = 0 AND json_type(raw) = 'object'")
            }
            try ours.close()
        }
        let plain = try DatabaseQueue(path: path)
        XCTAssertEqual(try plain.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }, ["ok"])
        XCTAssertEqual(
            try plain.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM t INDEXED BY t_id WHERE (raw -> '$.id') IS NOT NULL") },
            try plain.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM t NOT INDEXED WHERE (raw -> '$.id') IS NOT NULL") })
    }

    func testConvertGivesWhatConversionGives() throws {
        let queue = try DatabaseQueue()
        queue.inDatabase { SQLiteCFunctions.installConvert(in: $0) }
        let texts = [
            "\"2024-01-02T03:04:05Z\"", "\"\"", "\"open\"", "null", "\"a\\\"b\"", "\"\\u00e9\"", "\"é✓\"", "\"tab\there\"",
            "\"x", "x\"", "\"", "12.50", "true", "{\"a\":1}", "[1,2]", "NULL", " \"a\"", "\"a\" ", "\"\u{7F}\"", "\"abcd\"",
        ]
        let values = texts.map(\.databaseValue) + [.null, 5.databaseValue, 2.5.databaseValue, Data("\"blob\"".utf8).databaseValue]
        let casts = [
            ("VARIANT", "VARCHAR(16777216)"), ("VARIANT", "VARCHAR(3)"), ("VARIANT", "NUMBER(38,0)"), ("VARIANT", "BOOLEAN"),
            ("VARCHAR(16777216)", "NUMBER(38,0)"), ("VARIANT", "VARIANT"), ("variant", "VARCHAR(16777216)"),
        ]
        for value in values {
            for (from, to) in casts {
                let expected: String
                do {
                    expected = "\(try Conversion.convert(value, from: from, to: to)?.databaseValue ?? .null)"
                } catch let error as DatabaseError {
                    expected = "error: \(error.message ?? "")"
                }
                let got: String
                do {
                    got =
                        "\(try queue.read { try DatabaseValue.fetchOne($0, sql: "SELECT sf_convert(?, ?, ?)", arguments: [value, from, to]) } ?? .null)"
                } catch let error as DatabaseError {
                    got = "error: \(error.message ?? "")"
                }
                XCTAssertEqual(got, expected, "sf_convert(\(value), \(from), \(to))")
            }
        }
        // The C path's answers, as a user sees them.
        XCTAssertEqual(try queue.read { try String.fetchOne($0, sql: "SELECT sf_convert('\"open\"', 'VARIANT', 'VARCHAR(16777216)')") }, "open")
        XCTAssertEqual(try queue.read { try DatabaseValue.fetchOne($0, sql: "SELECT sf_convert('null', 'VARIANT', 'VARCHAR(16777216)')") }, .null)
        // Bytes that are not UTF-8 come out repaired, as Conversion.convert's String has them.
        XCTAssertEqual(
            try queue.read {
                try Data.fetchOne($0, sql: "SELECT CAST(sf_convert(CAST(x'22FF22' AS TEXT), 'VARIANT', 'VARCHAR(16777216)') AS BLOB)")
            }, Data("\u{FFFD}".utf8))
    }
}
