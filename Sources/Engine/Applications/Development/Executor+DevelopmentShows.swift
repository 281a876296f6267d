// Executor+DevelopmentShows: the descriptions `snow app run / deploy / teardown` read between their
// changes, with Snowflake's columns:
// - DESCRIBE APPLICATION PACKAGE p: property / value rows (the CLI reads `distribution` to know
//   whether the package is internal). Visible packages only (else 002003).
// - SHOW TELEMETRY EVENT DEFINITIONS IN APPLICATION a: name, type, sharing, status, from the
//   manifest's `configuration.telemetry_event_definitions` (`type: ERRORS_AND_WARNINGS`,
//   `sharing: MANDATORY | OPTIONAL`); an application without them has none. Snowlite shares no
//   events with a provider, so optional definitions are DISABLED and mandatory ones ENABLED.
// - SHOW OBJECTS OWNED BY APPLICATION a: created_on, name, type of what the application owns
//   outside itself — the databases it created with CREATE DATABASE granted TO APPLICATION, which
//   DROP APPLICATION needs CASCADE to remove.
// https://docs.snowflake.com/en/sql-reference/sql/desc-application-package,
// …/show-telemetry-event-definitions, …/show-objects-owned-by-application

import Foundation
import SnowSQL
import Yams

extension Executor {
    /// DESCRIBE APPLICATION PACKAGE: the package's properties, one row each.
    func describeApplicationPackage(_ written: ObjectName) throws -> ResultSet {
        let name = try packageName(written)
        guard let package = try visiblePackage(name) else { throw Executor.missingPackage(name) }
        let p = package.properties
        let rows: [(String, String?)] = [
            ("name", package.name), ("created_on", package.createdOn),
            ("distribution", p["distribution"] ?? "INTERNAL"), ("owner", package.owner), ("comment", package.comment),
            ("multiple_instances", p["multiple_instances"] ?? "FALSE"), ("type", p["type"] ?? "NATIVE"),
            ("release_channels", p["enable_release_channels"] == "TRUE" ? "ENABLED" : "DISABLED"),
        ]
        return ResultSet(
            columns: [ResultColumn("property", .string), ResultColumn("value", .string)],
            rows: rows.map { [.string($0.0), $0.1.map(Value.string) ?? .null] })
    }

    /// SHOW TELEMETRY EVENT DEFINITIONS IN APPLICATION: the installed manifest's event definitions.
    func showTelemetryEventDefinitions(_ written: ObjectName) throws -> ResultSet {
        let record = try visibleApplication(written)
        let root = (try? Yams.load(yaml: record.manifestText)) as? [String: Any]
        let configuration = root?["configuration"] as? [String: Any]
        let definitions = configuration?["telemetry_event_definitions"] as? [[String: Any]] ?? []
        let rows = definitions.compactMap { definition -> [Value]? in
            guard let type = (definition["type"] as? String)?.uppercased() else { return nil }
            let sharing = (definition["sharing"] as? String)?.uppercased() ?? "OPTIONAL"
            return [.string("SNOWFLAKE$" + type), .string(type), .string(sharing), .string(sharing == "MANDATORY" ? "ENABLED" : "DISABLED")]
        }
        return ResultSet(columns: ["name", "type", "sharing", "status"].map { ResultColumn($0, .string) }, rows: rows)
    }

    /// SHOW OBJECTS OWNED BY APPLICATION: the databases the application created outside itself.
    func showObjectsOwned(by written: ObjectName) throws -> ResultSet {
        let record = try visibleApplication(written)
        let principal = Executor.principal(record.name)
        let rows = try catalog.databases().filter { $0.owner == principal && $0.name != record.name }.map { database -> [Value] in
            [.timestamp(database.createdOn), .string(database.name), .string("DATABASE")]
        }
        return ResultSet(
            columns: [ResultColumn("created_on", .timestampLTZ), ResultColumn("name", .string), ResultColumn("type", .string)],
            rows: rows)
    }
}
