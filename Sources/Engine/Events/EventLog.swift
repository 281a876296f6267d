// EventLog: log events (SYSTEM$LOG in SQL and Scripting, `ProcedureContext.log` in Swift
// handlers) and the event table they land in (spec §12). An event is recorded while a statement
// runs — from inside SQLite through the sf_system_log function, into the buffer of the connection
// that runs it, which the session takes within the same database access (`collectingEvents`), or
// straight into the session's own list from a handler — and written after the statement, on
// its own, when the account has an active event table (ALTER ACCOUNT SET EVENT_TABLE) and the
// effective LOG_LEVEL keeps its severity: the executable's own level, else its application's (the
// manifest's configuration.log_level), else the account's, and the session's if more verbose.
// With no event table, or level OFF, events are discarded.

import Foundation
import GRDB
import Synchronization

/// One log record before it is written.
struct LogEvent: Sendable {
    var severity: String
    var message: String
    /// The logger's name (a Python handler's); nil for the executable's own name.
    var scope: String? = nil
    /// RECORD_ATTRIBUTES, when the record has any (a Python handler's code location and extras).
    var attributes: [(String, JSONValue)] = []
}

/// The events SQL logged on one connection (AccountStore.events) and not yet taken by the session
/// whose statement logged them. A connection runs one access at a time and the session takes the
/// events before that access ends, so another session of the process — on its own connection, or
/// on this one between two accesses — never takes them.
final class EventBuffer: Sendable {
    private let events = Mutex<[LogEvent]>([])

    func append(_ event: LogEvent) {
        events.withLock { $0.append(event) }
    }

    func take() -> [LogEvent] {
        events.withLock { events in
            defer { events = [] }
            return events
        }
    }
}

enum EventLog {
    /// Severities from least to most severe; a level keeps its own severity and those after it.
    static let severities = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"]
    static let levels = severities + ["OFF"]

    static func install(in db: Database, events: EventBuffer) {
        db.add(function: ScalarFunction("sf_system_log", argumentCount: 2, pure: false) { values in
            let level = (String.fromDatabaseValue(values[0]) ?? "INFO").uppercased()
            let severity = level == "WARNING" ? "WARN" : level
            guard severities.contains(severity) else {
                throw SnowflakeError.compilationError("Invalid log level '\(level)'").encoded
            }
            events.append(LogEvent(severity: severity, message: SQLFunctions.text(of: values[1]) ?? "NULL"))
            return nil
        })
    }

    /// The more verbose of two levels (nil = unset).
    static func moreVerbose(_ a: String?, _ b: String?) -> String? {
        guard let a else { return b }
        guard let b else { return a }
        return (levels.firstIndex(of: a) ?? 6) <= (levels.firstIndex(of: b) ?? 6) ? a : b
    }

    static func keeps(_ severity: String, level: String?) -> Bool {
        guard let level, let threshold = severities.firstIndex(of: level), let rank = severities.firstIndex(of: severity) else {
            return false
        }
        return rank >= threshold
    }
}

/// What is running when an event is logged: a procedure, or a plain query.
struct Executable {
    var name: String
    var type: String
    var database: String?
    var schema: String?
    /// The executable's own LOG_LEVEL (a procedure's), if set.
    var logLevel: String?
    /// For an owner's-rights procedure, the number of its call: what it runs is that principal's,
    /// not the session user's (Session+Rights.swift).
    var ownersRightsFrame: Int? = nil
    /// A Python procedure's `NAME(ARG TYPE, …):RETURNS`, which its events name it by.
    var signature: String? = nil
}

extension Session {
    /// Runs `body` (inside a database access) and then takes the events it logged on the connection
    /// into this session's list, before the access ends and another session can use the connection.
    func collectingEvents<T>(_ body: () throws -> T) rethrows -> T {
        defer { loggedEvents += store.events.take() }
        return try body()
    }

    /// Writes the events the last statement logged, in a transaction of their own.
    func flushEvents() {
        // Inside a setup script the install statement writes them when it ends.
        if insideSetupScript { return }
        let events = loggedEvents + store.events.take()
        loggedEvents = []
        guard !events.isEmpty else { return }
        let executable = executables.last ?? Executable(name: "", type: "query", database: currentDatabase, schema: currentSchema)
        do {
            // Inside BEGIN … COMMIT the events join the open transaction.
            let write: ((Database) throws -> Void) throws -> Void = { [store, inExplicitTransaction] body in
                if inExplicitTransaction { try store.queue.writeWithoutTransaction(body) } else { try store.queue.write(body) }
            }
            try write { db in
                let catalog = Catalog(db: db)
                guard let target = try catalog.accountObject(kind: .accountParameter, name: "EVENT_TABLE")?.parameterValue,
                      let table = try Session.eventTable(target, catalog: catalog) else { return }
                let accountLevel = try catalog.accountObject(kind: .accountParameter, name: "LOG_LEVEL")?.parameterValue
                // Code inside an application logs at its manifest's `configuration.log_level`.
                let application = try executable.database.flatMap { try catalog.database($0) }.flatMap {
                    $0.kind == .application ? try catalog.accountObject(kind: .application, name: $0.name) : nil
                }
                let applicationLevel = application?.properties["log_level"].flatMap { $0.isEmpty ? nil : $0.uppercased() }
                let level = EventLog.moreVerbose(executable.logLevel ?? applicationLevel ?? accountLevel, parameters["LOG_LEVEL"])
                var resource: [(String, JSONValue)] = [
                    ("snow.database.name", executable.database.map(JSONValue.string) ?? .null),
                    ("snow.executable.name", .string(executable.name)),
                    ("snow.executable.type", .string(executable.type)),
                    ("snow.owner.name", currentRole.map(JSONValue.string) ?? .null),
                    ("snow.schema.name", executable.schema.map(JSONValue.string) ?? .null),
                    ("snow.session.role.primary.name", currentRole.map(JSONValue.string) ?? .null),
                    ("db.user", .string(user)),
                ]
                if let application { resource.insert(("snow.application.name", .string(application.name)), at: 0) }
                if let signature = executable.signature, let index = resource.firstIndex(where: { $0.0 == "snow.executable.name" }) {
                    resource[index] = ("snow.executable.name", .string(signature))
                    resource.append(("telemetry.sdk.language", .string("python")))
                }
                let now = Timestamps.ntz(clock())
                for event in events where EventLog.keeps(event.severity, level: level) {
                    try db.execute(sql: """
                        INSERT INTO \(quote(table)) ("TIMESTAMP", "OBSERVED_TIMESTAMP", "RESOURCE_ATTRIBUTES", "SCOPE", "RECORD_TYPE", "RECORD",
                                                  "RECORD_ATTRIBUTES", "VALUE")
                        VALUES (?, ?, ?, ?, 'LOG', ?, ?, ?)
                        """, arguments: [now, now, Variant.canonical(.object(resource)),
                                         Variant.canonical(.object([("name", .string(event.scope ?? (executable.name.isEmpty ? "snowlite" : executable.name)))])),
                                         Variant.canonical(.object([("severity_text", .string(event.severity))])),
                                         event.attributes.isEmpty ? nil : Variant.canonical(.object(event.attributes)),
                                         JSONText.quote(event.message)])
                }
            }
        } catch {
            // Logging never fails the statement that logged.
        }
    }

    /// The storage name of an event table given its qualified name, if it still exists.
    static func eventTable(_ qualified: String, catalog: Catalog) throws -> String? {
        let parts = qualified.split(separator: ".").map(String.init)
        guard parts.count == 3, let object = try catalog.object(database: parts[0], schema: parts[1], name: parts[2], kinds: [.table]),
              object.properties["event_table"] == "true" else { return nil }
        return object.storageName
    }
}
