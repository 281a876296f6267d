// FunctionLibrary+Logging: SYSTEM$LOG(level, message) and SYSTEM$LOG_TRACE … SYSTEM$LOG_FATAL
// (message): each records a log event for the event table (EventLog.swift) and returns NULL.

import GRDB

extension FunctionLibrary {
    static func registerLogging(_ d: inout FunctionRegistry) {
        d.add(["SYSTEM$LOG"], 2...2) { c in TypedSQL.call("sf_system_log", [Cast.convert(c.first, to: .string), Cast.convert(c.arguments[1], to: .string)], type: .string) }
        for level in EventLog.severities {
            d.add(["SYSTEM$LOG_" + level], 1...1) { c in
                TypedSQL.call("sf_system_log", [TypedSQL.bound(level.databaseValue, type: .string), Cast.convert(c.first, to: .string)], type: .string)
            }
        }
    }
}
