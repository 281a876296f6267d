// FunctionLibrary+Session: functions about the session itself — LAST_QUERY_ID([n]), the id of an
// earlier statement of this session, which RESULT_SCAN reads back (Translator+ResultScan.swift):
// n defaults to -1 (the latest); negative counts back from the latest, positive counts from the
// session's first statement; no such statement gives NULL.
// https://docs.snowflake.com/en/sql-reference/functions/last_query_id
//
// SYSTEM$CANCEL_ALL_QUERIES(session_id), which Snowpark sends when it closes a session: an engine
// session runs one statement at a time, so while this one runs no other statement of the session
// does, and it answers `0 cancelled.` (a driver server that runs a session's statements on other
// threads cancels them itself, with Session.cancelRunningStatement). The statements of another
// session are out of this session's reach: that session id is refused as one that does not exist
// [? wording: Snowflake's text for a session it cannot find is not documented].
// https://docs.snowflake.com/en/sql-reference/functions/system_cancel_all_queries
//
// IS_ROLE_IN_SESSION('role'): whether the role is active in the session — the current role or one
// it inherits (in an application's code, the application's own roles; in a view, the querying
// session's roles, not the view owner's). The name is read as an
// identifier (unquoted: upper case); a role that does not exist is simply not active. Its
// argument must be a constant: it acts while its query is translated.
// https://docs.snowflake.com/en/sql-reference/functions/is_role_in_session

import Foundation
import GRDB
import SnowSQL

extension FunctionLibrary {
    static func registerSession(_ d: inout FunctionRegistry) {
        d.add(["LAST_QUERY_ID"], 0...1, volatile: true) { c in
            var n = -1
            if !c.arguments.isEmpty {
                // `-2` arrives as the expression `(-2)`: read either form as a constant.
                let text = c.first.sql.trimmingCharacters(in: CharacterSet(charactersIn: "() "))
                guard let value = c.constantInt(0) ?? (c.first.arguments.isEmpty ? Int(text) : nil) else {
                    throw SnowflakeError.compilationError("argument of LAST_QUERY_ID must be a constant integer")
                }
                n = value
            }
            return c.text(c.session.queryResults.queryID(n, principal: c.session.rightsFrame))
        }
        d.add(["SYSTEM$CANCEL_ALL_QUERIES"], 1...1) { c in
            guard let id = c.constantInt(0) else {
                throw SnowflakeError.compilationError("argument of SYSTEM$CANCEL_ALL_QUERIES must be a constant session id")
            }
            guard Int64(id) == c.session.sessionID else { throw SnowflakeError.doesNotExist("Session", String(id)) }
            return c.text("0 cancelled.").wrapped("", "", nullable: false)
        }
        d.addActions([("IS_ROLE_IN_SESSION", 1...1)], types: ["IS_ROLE_IN_SESSION": .boolean]) { translator, _, arguments in
            let parts = try translator.session.nameParts(.identifier(.literal(.string(arguments[0]))))
            // The session's roles, even inside a view (whose reads run with its owner's rights):
            // a secure view filters by the role of whoever queries it.
            let roles = try translator.session.authorizer(translator.catalog.db).activeRoles
            let active = parts.count == 1 && roles.contains(parts[0])
            return TypedSQL(active ? "1" : "0", type: .boolean, nullable: false)
        }
    }
}
