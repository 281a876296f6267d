// FunctionLibrary+Session: functions that read the session's own history — LAST_QUERY_ID([n]),
// the id of an earlier statement of this session, which RESULT_SCAN reads back
// (Translator+ResultScan.swift). n defaults to -1 (the latest); negative counts back from the
// latest, positive counts from the session's first statement; no such statement gives NULL.
// https://docs.snowflake.com/en/sql-reference/functions/last_query_id

import Foundation
import GRDB

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
    }
}
