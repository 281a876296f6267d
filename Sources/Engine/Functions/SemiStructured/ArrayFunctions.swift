// ArrayFunctions: the SQL functions behind FunctionLibrary+Arrays, registered on each
// connection. They read and write the canonical VARIANT text of Variant.swift: an argument that
// is SQL NULL gives NULL (the element arguments of ARRAY_APPEND and friends excepted: a NULL
// element is stored as JSON null), and an array argument holding something else fails as
// Snowflake's cast to ARRAY does (100071).

import Foundation
import GRDB

enum ArrayFunctions {
    static func install(in db: Database) {
        // sf_array_add(array, element, prepend)
        db.add(
            function: ScalarFunction("sf_array_add", argumentCount: 3, pure: true) { v in
                guard var items = try array(v[0]) else { return nil }
                if Bool.fromDatabaseValue(v[2]) == true { items.insert(element(v[1]), at: 0) } else { items.append(element(v[1])) }
                return canonical(items)
            })
        db.add(
            function: ScalarFunction("sf_array_cat", argumentCount: 2, pure: true) { v in
                guard let a = try array(v[0]), let b = try array(v[1]) else { return nil }
                return canonical(a + b)
            })
        db.add(
            function: ScalarFunction("sf_array_compact", argumentCount: 1, pure: true) { v in
                try array(v[0]).map { canonical($0.filter { $0 != .null }) }
            })
        db.add(
            function: ScalarFunction("sf_array_construct_compact", argumentCount: nil, pure: true) { v in
                canonical(v.compactMap { String.fromDatabaseValue($0).map(Variant.value) }.filter { $0 != .null })
            })
        // sf_array_position(value, array, asBoolean): ARRAY_POSITION's index, or ARRAY_CONTAINS's answer.
        db.add(
            function: ScalarFunction("sf_array_position", argumentCount: 3, pure: true) { v in
                guard let items = try array(v[1]) else { return nil }
                let contains = Bool.fromDatabaseValue(v[2]) == true
                let index = items.firstIndex { same($0, element(v[0])) }
                if contains { return index != nil ? true : (v[0].isNull ? nil : false) }
                return index
            })
        // sf_array_one(name, array): ARRAY_DISTINCT and ARRAY_REVERSE.
        db.add(
            function: ScalarFunction("sf_array_one", argumentCount: 2, pure: true) { v in
                guard let items = try array(v[1]) else { return nil }
                if String.fromDatabaseValue(v[0]) == "ARRAY_REVERSE" { return canonical(items.reversed()) }
                var kept: [JSONValue] = []
                for item in items where !kept.contains(where: { same($0, item) }) { kept.append(item) }
                return canonical(kept)
            })
        // sf_array_two(name, a, b): ARRAY_EXCEPT and ARRAY_INTERSECTION, as multisets in a's order.
        db.add(
            function: ScalarFunction("sf_array_two", argumentCount: 3, pure: true) { v in
                guard let a = try array(v[1]), var b = try array(v[2]) else { return nil }
                let keepMatches = String.fromDatabaseValue(v[0]) == "ARRAY_INTERSECTION"
                var result: [JSONValue] = []
                for item in a {
                    if let match = b.firstIndex(where: { same($0, item) }) {
                        b.remove(at: match)
                        if keepMatches { result.append(item) }
                    } else if !keepMatches {
                        result.append(item)
                    }
                }
                return canonical(result)
            })
        db.add(
            function: ScalarFunction("sf_arrays_overlap", argumentCount: 2, pure: true) { v in
                guard let a = try array(v[0]), let b = try array(v[1]) else { return nil }
                return a.contains { item in b.contains { same($0, item) } }
            })
        // sf_array_insert(array, position, element): before `position` (0-based; negative counts
        // from the end); past the end, the gap is filled with nulls.
        db.add(
            function: ScalarFunction("sf_array_insert", argumentCount: 3, pure: true) { v in
                guard var items = try array(v[0]), let requested = Int.fromDatabaseValue(v[1]) else { return nil }
                let position = requested < 0 ? items.count + requested : requested
                guard position >= 0 else {
                    throw SnowflakeError.unsupported("ARRAY_INSERT at position \(requested) of an array of \(items.count) elements").encoded
                }
                guard position <= StringLimits.maximumBytes else { throw SnowflakeError.maxLOBSizeExceeded(actual: Int128(position)).encoded }
                while items.count < position { items.append(.null) }
                items.insert(element(v[2]), at: position)
                return canonical(items)
            })
        db.add(
            function: ScalarFunction("sf_array_remove", argumentCount: 2, pure: true) { v in
                guard let items = try array(v[0]), !v[1].isNull else { return nil }
                let removed = element(v[1])
                return canonical(items.filter { !same($0, removed) })
            })
        db.add(
            function: ScalarFunction("sf_array_remove_at", argumentCount: 2, pure: true) { v in
                guard var items = try array(v[0]), let requested = Int.fromDatabaseValue(v[1]) else { return nil }
                let position = requested < 0 ? items.count + requested : requested
                if items.indices.contains(position) { items.remove(at: position) }
                return canonical(items)
            })
        // sf_array_slice(array, from, to): `to` exclusive; negative bounds count from the end.
        db.add(
            function: ScalarFunction("sf_array_slice", argumentCount: 3, pure: true) { v in
                guard let items = try array(v[0]), let from = Int.fromDatabaseValue(v[1]), let to = Int.fromDatabaseValue(v[2]) else { return nil }
                func bound(_ n: Int) -> Int { min(max(n < 0 ? items.count + n : n, 0), items.count) }
                let (start, end) = (bound(from), bound(to))
                return canonical(start < end ? Array(items[start..<end]) : [])
            })
        db.add(
            function: ScalarFunction("sf_array_to_string", argumentCount: 2, pure: true) { v in
                guard let items = try array(v[0]), let separator = SQLFunctions.text(of: v[1]) else { return nil }
                let text = items.map(elementText).joined(separator: separator)
                try StringLimits.check(bytes: Int128(text.utf8.count))
                return text
            })
        db.add(
            function: ScalarFunction("sf_array_generate_range", argumentCount: 3, pure: true) { v in
                guard let start = Int64.fromDatabaseValue(v[0]), let stop = Int64.fromDatabaseValue(v[1]),
                    let step = Int64.fromDatabaseValue(v[2])
                else { return nil }
                guard step != 0 else { throw SnowflakeError.arrayGenerateRangeZeroStep.encoded }
                var items: [JSONValue] = []
                var n = start
                while step > 0 ? n < stop : n > stop {
                    items.append(.number(String(n)))
                    guard items.count <= maximumElements else { throw SnowflakeError.maxLOBSizeExceeded(actual: Int128(items.count) * 2).encoded }
                    let (next, overflow) = n.addingReportingOverflow(step)
                    if overflow { break }
                    n = next
                }
                return canonical(items)
            })
        db.add(
            function: ScalarFunction("sf_array_flatten", argumentCount: 1, pure: true) { v in
                guard let items = try array(v[0]) else { return nil }
                var flat: [JSONValue] = []
                for item in items {
                    switch item {
                    case .array(let inner): flat += inner
                    case .null: return nil
                    default: throw SnowflakeError.arrayFlattenNotArray(JSONText.compact(item)).encoded
                    }
                }
                return canonical(flat)
            })
        installObjectFunctions(in: db)
    }

    /// The most elements ARRAY_GENERATE_RANGE builds: any more would pass the 16 MB value limit.
    static let maximumElements = StringLimits.maximumBytes / 2

    // MARK: - Objects

    static func installObjectFunctions(in db: Database) {
        // sf_object_keep(object, pick, key…): OBJECT_PICK keeps the keys named, OBJECT_DELETE drops them;
        // a key argument is a JSON string or an ARRAY of them.
        db.add(
            function: ScalarFunction("sf_object_keep", argumentCount: nil, pure: true) { v in
                guard let json = String.fromDatabaseValue(v[0]) else { return nil }
                guard case .object(let pairs) = Variant.value(json) else {
                    throw SnowflakeError.variantCastFailed(json, to: "OBJECT").encoded
                }
                var keys = Set<String>()
                for argument in v.dropFirst(2) {
                    guard let text = String.fromDatabaseValue(argument) else { continue }
                    switch Variant.value(text) {
                    case .string(let key): keys.insert(key)
                    case .array(let items): for case .string(let key) in items { keys.insert(key) }
                    default: throw SnowflakeError.variantCastFailed(text, to: "VARCHAR").encoded
                    }
                }
                let pick = Bool.fromDatabaseValue(v[1]) == true
                return Variant.canonical(.object(pairs.filter { keys.contains($0.0) == pick }))
            })
        db.add(
            function: ScalarFunction("sf_object_keys", argumentCount: 1, pure: true) { v in
                guard let json = String.fromDatabaseValue(v[0]) else { return nil }
                guard case .object(let pairs) = Variant.value(json) else {
                    throw SnowflakeError.variantCastFailed(json, to: "OBJECT").encoded
                }
                return canonical(pairs.map { .string($0.0) })
            })
        db.add(
            function: ScalarFunction("sf_strip_null_value", argumentCount: 1, pure: true) { v in
                guard let json = String.fromDatabaseValue(v[0]), json != "null" else { return nil }
                return json
            })
        // sf_get_ignore_case(object, key): the value of the key matched without regard to case
        // (an exact match first); an array is indexed as GET indexes it.
        db.add(
            function: ScalarFunction("sf_get_ignore_case", argumentCount: 2, pure: true) { v in
                guard let json = String.fromDatabaseValue(v[0]), let key = SQLFunctions.text(of: v[1]) else { return nil }
                switch Variant.value(json) {
                case .object(let pairs):
                    let found = pairs.first { $0.0 == key } ?? pairs.first { $0.0.lowercased() == key.lowercased() }
                    return found.map { Variant.canonical($0.1) }
                case .array(let items):
                    guard let index = Int(key), items.indices.contains(index) else { return nil }
                    return Variant.canonical(items[index])
                default:
                    return nil
                }
            })
    }

    // MARK: - Values

    /// An array argument's elements; nil for SQL NULL; 100071 for a VARIANT holding no array.
    static func array(_ value: DatabaseValue) throws -> [JSONValue]? {
        guard let json = String.fromDatabaseValue(value) else { return nil }
        guard case .array(let items) = Variant.value(json) else {
            throw SnowflakeError.variantCastFailed(json, to: "ARRAY").encoded
        }
        return items
    }

    /// An element argument: its VARIANT value, JSON null for SQL NULL.
    static func element(_ value: DatabaseValue) -> JSONValue {
        String.fromDatabaseValue(value).map(Variant.value) ?? .null
    }

    static func canonical(_ items: [JSONValue]) -> String { Variant.canonical(.array(items)) }

    /// VARIANT equality: numbers by value (1 = 1.0), everything else as canonical text.
    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if case .number(let x) = a, case .number(let y) = b {
            if x == y { return true }
            if let dx = Decimal(string: x), let dy = Decimal(string: y) { return dx == dy }
            return false
        }
        return Variant.canonical(a) == Variant.canonical(b)
    }

    /// An element as ARRAY_TO_STRING writes it: strings without quotes, null as nothing, the rest as JSON.
    static func elementText(_ item: JSONValue) -> String {
        switch item {
        case .null: return ""
        case .string(let s): return s
        default: return JSONText.compact(item)
        }
    }
}
