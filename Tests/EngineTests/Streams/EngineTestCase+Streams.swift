// EngineTestCase+Streams: what the stream tests share — SHOW STREAMS' columns picked by name.

import XCTest

@testable import Engine

extension EngineTestCase {
    /// The named columns of `sql`'s rows (SHOW STREAMS by default), as snowsql prints them.
    func showStreams(_ columns: [String], _ sql: String = "show streams") throws -> [[String]] {
        let result = try run(sql)
        let names = result.columns.map(\.name)
        let wanted = columns.map { names.firstIndex(of: $0) ?? -1 }
        return result.rows.map { row in wanted.map { $0 < 0 ? "?" : row[$0].displayText() ?? "NULL" } }
    }
}
