// ConnectorTables: the connector's state, in the three key-value tables its setup script creates
// (quickstart, "Connector configuration" and "Connector state"). STATE.APP_CONFIGURATION and
// STATE.RESOURCE_CONFIGURATION keep one row per key (a merge updates or inserts);
// STATE.APP_STATE is append-only, and reading a key there returns its newest row (each append
// takes a timestamp after the key's last one, so there is always one newest). Values are
// JSON objects stored as VARIANT; every key and value reaches SQL as a bound value.

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
        let json = String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
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
}
