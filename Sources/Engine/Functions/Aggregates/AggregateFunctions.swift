// AggregateFunctions: the aggregates SQLite lacks — LISTAGG, ARRAY_AGG and OBJECT_AGG. SQLite
// 3.40 has no ordered aggregates, so `WITHIN GROUP (ORDER BY …)` reaches these as extra
// arguments (the sort keys) after a spec string, and the rows are sorted when the group ends.
// The spec is `D` or `-` for DISTINCT, then one `A`/`D` (direction) and `F`/`L` (NULLs first or
// last) per key: `-AL` for `ORDER BY x`, `DDF` for `DISTINCT … ORDER BY x DESC`.
// https://docs.snowflake.com/en/sql-reference/functions/listagg

import Foundation
import GRDB

enum AggregateFunctions {
    static func install(in db: Database) {
        db.add(function: DatabaseFunction("sf_listagg", argumentCount: nil, pure: true, aggregate: ListAgg.self))
        db.add(function: DatabaseFunction("sf_array_agg", argumentCount: nil, pure: true, aggregate: ArrayAgg.self))
        db.add(function: DatabaseFunction("sf_object_agg", argumentCount: 2, pure: true, aggregate: ObjectAgg.self))
    }

    /// The spec string of a call: DISTINCT and the direction and NULL placement of each key.
    static func spec(distinct: Bool, _ terms: [OrderTerm]) -> String {
        (distinct ? "D" : "-") + terms.map { ($0.descending ? "D" : "A") + ($0.nullsFirst ? "F" : "L") }.joined()
    }
}

/// Rows of an ordered aggregate: each value with its sort keys, sorted at the end.
struct OrderedRows<Item> {
    var distinct = false
    var keys: [(descending: Bool, nullsFirst: Bool)] = []
    var rows: [(item: Item, keys: [DatabaseValue])] = []
    var configured = false

    mutating func configure(_ spec: DatabaseValue) {
        guard !configured else { return }
        configured = true
        let chars = Array(String.fromDatabaseValue(spec) ?? "-")
        distinct = chars.first == "D"
        var i = 1
        while i + 1 < chars.count {
            keys.append((chars[i] == "D", chars[i + 1] == "F"))
            i += 2
        }
    }

    /// The items in WITHIN GROUP order (input order for equal keys).
    func sorted() -> [Item] {
        guard !keys.isEmpty else { return rows.map(\.item) }
        let indexed = rows.enumerated().sorted { a, b in
            for (k, key) in keys.enumerated() {
                let x = a.element.keys[k], y = b.element.keys[k]
                if x.isNull || y.isNull {
                    if x.isNull && y.isNull { continue }
                    return x.isNull == key.nullsFirst
                }
                let c = OrderedRows.compare(x, y)
                if c != 0 { return key.descending ? c > 0 : c < 0 }
            }
            return a.offset < b.offset
        }
        return indexed.map(\.element.item)
    }

    /// SQLite's order between non-NULL values: numbers, then text, then blobs.
    static func compare(_ a: DatabaseValue, _ b: DatabaseValue) -> Int {
        func rank(_ v: DatabaseValue) -> Int {
            switch v.storage {
            case .int64, .double: return 0
            case .string: return 1
            default: return 2
            }
        }
        let (ra, rb) = (rank(a), rank(b))
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (a.storage, b.storage) {
        case (.int64(let x), .int64(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.string(let x), .string(let y)): return x == y ? 0 : (Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8)) ? -1 : 1)
        case (.blob(let x), .blob(let y)): return x == y ? 0 : (Array(x).lexicographicallyPrecedes(Array(y)) ? -1 : 1)
        default:
            let x = Double.fromDatabaseValue(a) ?? 0, y = Double.fromDatabaseValue(b) ?? 0
            return x == y ? 0 : (x < y ? -1 : 1)
        }
    }
}

/// sf_listagg(spec, value, separator, key…): the non-NULL values as text, joined; '' for none.
struct ListAgg: DatabaseAggregate {
    var rows = OrderedRows<String>()
    var separator = ""

    mutating func step(_ values: [DatabaseValue]) throws {
        if !rows.configured { separator = SQLFunctions.text(of: values[2]) ?? "" }
        rows.configure(values[0])
        guard let text = SQLFunctions.text(of: values[1]) else { return }
        rows.rows.append((text, Array(values.dropFirst(3))))
    }

    func finalize() throws -> (any DatabaseValueConvertible)? {
        var items = rows.sorted()
        if rows.distinct {
            var seen = Set<String>()
            items = items.filter { seen.insert($0).inserted }
        }
        try StringLimits.check(bytes: Int128(items.reduce(0) { $0 + $1.utf8.count }) + Int128(max(items.count - 1, 0) * separator.utf8.count))
        return items.joined(separator: separator)
    }
}

/// sf_array_agg(spec, variantJSON, key…): the non-NULL values as an ARRAY; `[]` for none.
struct ArrayAgg: DatabaseAggregate {
    var rows = OrderedRows<String>()

    mutating func step(_ values: [DatabaseValue]) throws {
        rows.configure(values[0])
        guard let json = String.fromDatabaseValue(values[1]) else { return }
        rows.rows.append((json, Array(values.dropFirst(2))))
    }

    func finalize() throws -> (any DatabaseValueConvertible)? {
        var items = rows.sorted()
        if rows.distinct {
            var seen = Set<String>()
            items = items.filter { seen.insert($0).inserted }
        }
        try StringLimits.check(bytes: Int128(items.reduce(2) { $0 + $1.utf8.count + 1 }))
        return "[" + items.joined(separator: ",") + "]"
    }
}

/// sf_object_agg(key, variantJSON): an OBJECT of the pairs whose key and value are not NULL.
struct ObjectAgg: DatabaseAggregate {
    var pairs: [(String, JSONValue)] = []
    var keys = Set<String>()

    mutating func step(_ values: [DatabaseValue]) throws {
        guard let key = SQLFunctions.text(of: values[0]), let json = String.fromDatabaseValue(values[1]) else { return }
        guard keys.insert(key).inserted else {
            throw SnowflakeError.duplicateFieldKey(key).encoded
        }
        pairs.append((key, Variant.value(json)))
    }

    func finalize() throws -> (any DatabaseValueConvertible)? { Variant.canonical(.object(pairs)) }
}
