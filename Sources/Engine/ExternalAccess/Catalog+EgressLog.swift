// Catalog+EgressLog: the account's record of egress decisions (EgressHistory.swift), one row of
// sl_egress_log per request a procedure's HTTP client decided on, allowed or denied, with where it
// was sent, its status, bytes and duration. Rows are only added; EGRESS_HISTORY reads the newest.
// No header or body is ever stored, so no secret reaches the table.

import GRDB

extension Catalog {
    /// Records one egress decision of `procedure`.
    func recordEgress(_ event: EgressEvent, procedure: String) throws {
        // Prepared once per connection: an ingestion records a request per page.
        try db.cachedStatement(sql: """
            INSERT INTO sl_egress_log (time, procedure, method, url, host_port, decision, reason, mapped_to, hop, status,
                                       bytes_sent, bytes_received, duration_ms, error)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [Timestamps.catalog(event.time), procedure, event.method, event.url, event.hostPort,
                             event.allowed ? "ALLOWED" : "DENIED", event.reason, event.mappedTo, event.hop, event.status,
                             event.bytesSent, event.bytesReceived, event.durationMilliseconds, event.error])
    }

    /// A query over the newest egress decisions, newest first: `list` selects from the columns of
    /// sl_egress_log, and the query takes one argument, how many rows.
    static func newestEgressDecisionsQuery(selecting list: String) -> String {
        "SELECT \(list) FROM sl_egress_log ORDER BY id DESC LIMIT ?"
    }
}
