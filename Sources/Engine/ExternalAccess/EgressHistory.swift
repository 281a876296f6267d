// EgressHistory: the account's record of every request a procedure's HTTP client decided on —
// allowed (naming the integration, rule and value that allowed it) or denied (with the reason the
// handler got) — with where it was physically sent, its status, bytes and duration (spec §6,
// issue "external network access"). The Egress client reports through `ProcedureContext.recordEgress`;
// the account administrator reads it with `SELECT … FROM TABLE(INFORMATION_SCHEMA.EGRESS_HISTORY())`,
// newest first. [? Snowlite's own table function: Snowflake has no such view.] Nothing here holds a
// header or a body, so no secret reaches it.

import Foundation
import GRDB
import SnowSQL

/// One egress decision as the Engine stores it (the Egress target's log entry, in plain fields).
public struct EgressEvent: Sendable, Equatable {
    public var time: Date
    public var method: String
    /// The URL the policy judged, without userinfo.
    public var url: String
    public var hostPort: String
    public var allowed: Bool
    /// `GITHUB_INTEGRATION / DB.PUBLIC.GH_RULE / api.github.com:443`, or why it was denied.
    public var reason: String
    public var mappedTo: String?
    public var hop: Int
    public var status: Int?
    public var bytesSent: Int
    public var bytesReceived: Int
    public var durationMilliseconds: Int
    public var error: String?

    public init(time: Date, method: String, url: String, hostPort: String, allowed: Bool, reason: String, mappedTo: String?,
                hop: Int, status: Int?, bytesSent: Int, bytesReceived: Int, durationMilliseconds: Int, error: String?) {
        self.time = time
        self.method = method
        self.url = url
        self.hostPort = hostPort
        self.allowed = allowed
        self.reason = reason
        self.mappedTo = mappedTo
        self.hop = hop
        self.status = status
        self.bytesSent = bytesSent
        self.bytesReceived = bytesReceived
        self.durationMilliseconds = durationMilliseconds
        self.error = error
    }
}

extension ProcedureContext {
    /// Records one egress decision of this procedure; a failure to record never fails the request.
    public func recordEgress(_ event: EgressEvent) {
        try? session.accessing { db in try Catalog(db: db).recordEgress(event, procedure: procedure) }
    }
}

extension Translator {
    static let egressHistoryColumns: [(String, String, SnowflakeType)] = [
        ("TIME", "time", .timestampLTZ), ("PROCEDURE_NAME", "procedure", .string), ("METHOD", "method", .string),
        ("URL", "url", .string), ("HOST_PORT", "host_port", .string), ("DECISION", "decision", .string),
        ("REASON", "reason", .string), ("MAPPED_TO", "mapped_to", .string), ("HOP", "hop", .integer),
        ("STATUS", "status", .integer), ("BYTES_SENT", "bytes_sent", .integer), ("BYTES_RECEIVED", "bytes_received", .integer),
        ("DURATION_MS", "duration_ms", .integer), ("ERROR", "error", .string),
    ]

    /// `TABLE([db.]INFORMATION_SCHEMA.EGRESS_HISTORY([RESULT_LIMIT => n]))`: ACCOUNTADMIN only.
    func egressHistory(_ call: FunctionCall, alias: TableAlias?, _ scope: Scope) throws -> TypedSQL {
        let qualifier = call.name.dropLast().map(\.name)
        guard qualifier.isEmpty || qualifier.last == "INFORMATION_SCHEMA" else {
            throw SnowflakeError.unknownFunction(call.name.map(\.sql).joined(separator: "."))
        }
        guard try access.activeRoles.contains("ACCOUNTADMIN") else {
            throw SnowflakeError.insufficientPrivileges("account", session.accountName)
        }
        var limit = 100
        for argument in call.arguments {
            guard argument.name == "RESULT_LIMIT" || (argument.name == nil && call.arguments.count == 1) else {
                throw SnowflakeError.invalidArgumentCount(function: "EGRESS_HISTORY", given: call.arguments.count)
            }
            limit = Int.fromDatabaseValue(try constant(argument.value)) ?? limit
        }
        let list = Translator.egressHistoryColumns.enumerated().map { "\($1.1) AS \(quote("c\($0 + 1)"))" }.joined(separator: ", ")
        let sqlAlias = nextAlias()
        let columns = Translator.egressHistoryColumns.enumerated().map { i, column in
            RelationColumn(name: alias.flatMap { i < $0.columns.count ? $0.columns[i].name : nil } ?? column.0,
                           type: column.2, sqlName: "c\(i + 1)")
        }
        scope.relations.append(Relation(name: alias?.name.name ?? "EGRESS_HISTORY", qualifiedParts: [], sqlAlias: sqlAlias,
                                        columns: columns))
        return TypedSQL("(\(Catalog.newestEgressDecisionsQuery(selecting: list))) AS \(sqlAlias)",
                        [min(max(limit, 1), 10_000).databaseValue], type: .boolean)
    }
}
