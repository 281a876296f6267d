// ConnectorTables: the connector's state, in the three key-value tables its setup script creates
// (quickstart, "Connector configuration" and "Connector state"). STATE.APP_CONFIGURATION and
// STATE.RESOURCE_CONFIGURATION keep one row per key (a merge updates or inserts);
// STATE.APP_STATE is append-only, and reading a key there returns its newest row (each append
// takes a timestamp after the key's last one, so there is always one newest). Values are
// JSON objects stored as VARIANT; every key and value reaches SQL as a bound value.
//
// The state objects the connector builds (strings, Int, Bool, NSNull, objects and arrays of them;
// one per page during ingestion) are written as JSON here rather than by JSONSerialization; any
// other value (a number JSONSerialization read back, a Double) still goes through JSONSerialization.
// The text differs (JSONSerialization writes `/` as `\/`), the stored VARIANT does not: PARSE_JSON
// writes its canonical text from what the JSON means, and both texts mean the same.

import Engine
import Foundation

struct KeyValueTable {
    let name: String
    let appendOnly: Bool

    static let appConfiguration = KeyValueTable(name: "STATE.APP_CONFIGURATION", appendOnly: false)
    static let resourceConfiguration = KeyValueTable(name: "STATE.RESOURCE_CONFIGURATION", appendOnly: false)
    static let appState = KeyValueTable(name: "STATE.APP_STATE", appendOnly: true)

    /// The value of `key` (the newest, for the append-only table), or nil.
    func value(_ key: String, in context: ProcedureContext) throws -> [String: Any]? {
        let order = appendOnly ? " ORDER BY timestamp DESC LIMIT 1" : ""
        return try KeyValueTable.object(context.sql("SELECT value FROM \(name) WHERE key = :key" + order, bindings: ["KEY": .string(key)]))
    }

    /// The newest value of `key` whose `state` is `state` (append-only table).
    func latest(_ key: String, state: String, in context: ProcedureContext) throws -> [String: Any]? {
        try KeyValueTable.object(context.sql("""
            SELECT value FROM \(name) WHERE key = :key AND value:state::STRING = :state ORDER BY timestamp DESC LIMIT 1
            """, bindings: ["KEY": .string(key), "STATE": .string(state)]))
    }

    /// The first row's VALUE as a JSON object, or nil when there is no row.
    private static func object(_ result: ResultSet) throws -> [String: Any]? {
        guard let json = result.rows.first?.first?.displayText(pretty: false) else { return nil }
        return try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    }

    /// Sets `key` to `value`: a merge, or a new row for the append-only table.
    func merge(_ key: String, _ value: [String: Any], in context: ProcedureContext) throws {
        let json = try KeyValueTable.json(value)
        let bindings: [String: Value] = ["KEY": .string(key), "VALUE": .string(json)]
        if appendOnly {
            // A key's rows get increasing timestamps even within one millisecond (or under a fixed
            // clock), so "the newest row" — which the dashboard's QUALIFY also reads — is one row.
            _ = try context.sql("""
                INSERT INTO \(name) (timestamp, key, value)
                SELECT GREATEST(SYSDATE(), COALESCE((SELECT DATEADD(millisecond, 1, MAX(timestamp)) FROM \(name) WHERE key = :key),
                                                    SYSDATE())), :key, PARSE_JSON(:value)
                """, bindings: bindings)
        } else {
            _ = try context.sql("""
                MERGE INTO \(name) AS t USING (SELECT :key AS key, PARSE_JSON(:value) AS value) AS s ON t.key = s.key
                WHEN MATCHED THEN UPDATE SET value = s.value
                WHEN NOT MATCHED THEN INSERT (key, value) VALUES (s.key, s.value)
                """, bindings: bindings)
        }
    }

    /// `value` as JSON text for PARSE_JSON: written here when it holds only the connector's own
    /// kinds of value, else by JSONSerialization (keys sorted) as before.
    static func json(_ value: [String: Any]) throws -> String {
        if let written = written(value) { return written }
        return String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }

    /// `value` as compact JSON with sorted keys, or nil when it holds anything but String, Int,
    /// Bool, NSNull, and objects and arrays of them (Swift's own types: an NSNumber, which may be a
    /// Double or a Bool, is left to JSONSerialization).
    static func written(_ value: [String: Any]) -> String? {
        var out = ""
        return write(value, into: &out) ? out : nil
    }

    private static func write(_ value: Any, into out: inout String) -> Bool {
        if let object = value as? [String: Any] {
            out += "{"
            for (i, key) in object.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                out += JSONText.quote(key)
                out += ":"
                guard write(object[key]!, into: &out) else { return false }
            }
            out += "}"
            return true
        }
        if let array = value as? [Any] {
            out += "["
            for (i, item) in array.enumerated() {
                if i > 0 { out += "," }
                guard write(item, into: &out) else { return false }
            }
            out += "]"
            return true
        }
        switch type(of: value) {
        case is String.Type: out += JSONText.quote(value as! String)
        case is Int.Type: out += String(value as! Int)
        case is Bool.Type: out += value as! Bool ? "true" : "false"
        case is NSNull.Type: out += "null"
        default: return false
        }
        return true
    }
}
