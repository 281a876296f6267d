// VariantFunctions: the SQL functions behind Snowflake's semi-structured functions — PARSE_JSON,
// OBJECT_CONSTRUCT, ARRAY_CONSTRUCT, OBJECT_INSERT, ARRAY_SIZE, GET, GET_PATH, TYPEOF,
// AS_VARCHAR, IS_NULL_VALUE — registered on each connection. They read and write the canonical
// VARIANT text of Variant.swift.

import Foundation
import GRDB

enum VariantFunctions {
    static func install(in db: Database) {
        db.add(function: ScalarFunction("sf_parse_json", argumentCount: 1, pure: true) { values in
            guard let text = SQLFunctions.text(of: values[0]) else { return nil }
            return try Variant.parse(text)
        })
        db.add(function: ScalarFunction("sf_try_parse_json", argumentCount: 1, pure: true) { values in
            guard let text = SQLFunctions.text(of: values[0]) else { return nil }
            return (try? Variant.parse(text)) ?? nil
        })
        // sf_object_construct(keepNulls, k1, v1, k2, v2, …): values already VARIANT text.
        db.add(function: ScalarFunction("sf_object_construct", argumentCount: nil, pure: true) { values in
            let keepNulls = Bool.fromDatabaseValue(values[0]) ?? false
            var pairs: [(String, JSONValue)] = []
            var i = 1
            while i + 1 < values.count {
                guard let key = SQLFunctions.text(of: values[i]) else {
                    throw SnowflakeError.objectConstructNullKey.encoded
                }
                if let json = String.fromDatabaseValue(values[i + 1]) {
                    pairs.append((key, Variant.value(json)))
                } else if keepNulls {
                    pairs.append((key, .null))
                }
                i += 2
            }
            return Variant.canonical(.object(pairs))
        })
        db.add(function: ScalarFunction("sf_array_construct", argumentCount: nil, pure: true) { values in
            Variant.canonical(.array(values.map { String.fromDatabaseValue($0).map(Variant.value) ?? .null }))
        })
        // sf_object_insert(object, key, value, updateAllowed)
        db.add(function: ScalarFunction("sf_object_insert", argumentCount: 4, pure: true) { values in
            guard let objectText = String.fromDatabaseValue(values[0]), case .object(var pairs) = Variant.value(objectText),
                  let key = SQLFunctions.text(of: values[1]) else { return nil }
            let update = Bool.fromDatabaseValue(values[3]) ?? false
            if let existing = pairs.firstIndex(where: { $0.0 == key }) {
                guard update else {
                    throw SnowflakeError.objectInsertDuplicateField(key).encoded
                }
                pairs.remove(at: existing)
            }
            if let json = String.fromDatabaseValue(values[2]) { pairs.append((key, Variant.value(json))) }
            return Variant.canonical(.object(pairs))
        })
        db.add(function: ScalarFunction("sf_array_size", argumentCount: 1, pure: true) { values in
            guard let json = String.fromDatabaseValue(values[0]), case .array(let items) = Variant.value(json) else { return nil }
            return items.count
        })
        // sf_get(variant, keyOrIndex): GET(v, 'key') and GET(v, 0); also `v[expr]`.
        db.add(function: ScalarFunction("sf_get", argumentCount: 2, pure: true) { values in
            guard let json = String.fromDatabaseValue(values[0]) else { return nil }
            let step: JSONPathStep
            switch values[1].storage {
            case .int64(let n): step = .index(Int(n))
            case .double(let d):
                // An index no Int holds (1e300, NaN) finds nothing rather than trapping.
                guard let n = Int(exactly: d.rounded(.towardZero)) else { return nil }
                step = .index(n)
            case .string(let s): step = .key(s)
            default: return nil
            }
            return Variant.follow(Variant.value(json), [step]).map(Variant.canonical)
        })
        db.add(function: ScalarFunction("sf_get_path", argumentCount: 2, pure: true) { values in
            guard let json = String.fromDatabaseValue(values[0]), let path = SQLFunctions.text(of: values[1]) else { return nil }
            guard let steps = Variant.pathSteps(path) else {
                throw SnowflakeError.invalidExtractionPath(path).encoded
            }
            return Variant.follow(Variant.value(json), steps).map(Variant.canonical)
        })
        db.add(function: ScalarFunction("sf_typeof", argumentCount: 1, pure: true) { values in
            String.fromDatabaseValue(values[0]).map(Variant.typeName)
        })
        db.add(function: ScalarFunction("sf_as_varchar", argumentCount: 1, pure: true) { values in
            guard let json = String.fromDatabaseValue(values[0]), json.hasPrefix("\"") else { return nil }
            return Variant.unquote(json)
        })
        db.add(function: ScalarFunction("sf_is_null_value", argumentCount: 1, pure: true) { values in
            guard let json = String.fromDatabaseValue(values[0]) else { return nil }
            return json == "null"
        })
        db.add(function: ScalarFunction("sf_flatten_path", argumentCount: 2, pure: true) { values in
            flattenPath(prefix: String.fromDatabaseValue(values[0]) ?? "", fullKey: String.fromDatabaseValue(values[1]) ?? "")
        })
        db.add(function: ScalarFunction("sf_to_json", argumentCount: 1, pure: true) { values in
            String.fromDatabaseValue(values[0])
        })
    }
}

extension VariantFunctions {
    /// FLATTEN's PATH column: SQLite's `$.a[0]` as Snowflake writes it (`a[0]`), after any PATH argument.
    static func flattenPath(prefix: String, fullKey: String) -> String {
        var path = fullKey.hasPrefix("$") ? String(fullKey.dropFirst()) : fullKey
        if path.hasPrefix(".") { path.removeFirst() }
        if prefix.isEmpty { return path }
        return path.hasPrefix("[") ? prefix + path : prefix + "." + path
    }
}
