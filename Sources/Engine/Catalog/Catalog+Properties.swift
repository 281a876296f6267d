// Catalog+Properties: the values inside catalog rows that are JSON text. An object's `properties`
// is one JSON object of strings; some of those strings are JSON themselves (a task's predecessors,
// a network rule's VALUE_LIST, an integration's allowed secrets, a procedure's arguments and
// secrets), and a secret's value is a JSON object of its own. All of them are read back through
// `storedJSON`, which fails with an internal error (000603) when the text is not what Snowlite
// wrote — a damaged account file — rather than reading as empty. The message never quotes the
// text, which may hold a secret. Each feature's typed readers of its keys are in its
// Catalog+<Feature> file (Catalog+Tasks, Catalog+Procedures, Catalog+ApplicationVersions…).

import Foundation

extension Catalog {
    /// JSON text Snowlite wrote, read back as `T`; `what` names it in the error a damaged account
    /// file gives.
    static func storedJSON<T>(_ text: String, as type: T.Type, _ what: @autoclosure () -> String) throws -> T {
        guard let value = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? T else {
            throw SnowflakeError.internalError("The account file holds a damaged \(what()).")
        }
        return value
    }

    /// A row's `properties` column. Read with JSONText rather than Foundation's JSONSerialization:
    /// every login reads a few of these, and JSONSerialization's first use (its parser's generic
    /// types, a dynamic cast to `[String: String]`) was a tenth of a client's start-up. What
    /// Snowlite writes (JSONSerialization, `.sortedKeys`) reads back the same either way
    /// (CatalogPropertiesTests); anything but an object of strings is a damaged file, as before.
    static func storedProperties(_ text: String, of name: String) throws -> [String: String] {
        if text == "{}" { return [:] }
        var properties: [String: String] = [:]
        if case .object(let members)? = try? JSONText.parse(text) {
            for (key, value) in members {
                guard case .string(let string) = value else { break }
                properties[key] = string
            }
            if properties.count == members.count { return properties }
        }
        throw SnowflakeError.internalError("The account file holds a damaged properties column for '\(name)'.")
    }

    /// A list kept in a property as a JSON array of strings.
    static func encodeList(_ items: [String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: items)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// A list property read back; nil when it is not set.
    static func decodeList(_ text: String?) throws -> [String]? {
        guard let text else { return nil }
        return try storedJSON(text, as: [String].self, "list property")
    }
}

extension AccountObjectRecord {
    /// An account parameter's value (ALTER ACCOUNT SET EVENT_TABLE = …, LOG_LEVEL = …).
    var parameterValue: String? { properties["value"] }
}
