// QueryAnswers: the JSON the driver protocol answers a query with (driver-protocol.md §7, §8):
// the `data` of a result (its rowtype, rowset and total, the statement type the clients take DML
// row counts from, and the session's context after the statement, which the clients adopt), of a
// describe-only request, of a multi-statement parent, and the envelope around each — errors
// included, which go out as HTTP 200 with `success: false` and Snowflake's code, SQLSTATE and
// message, so that the client raises what it raises against Snowflake.

import Engine
import Foundation

/// How a query's rows travel: JSON cells or an Arrow IPC stream (base64).
package enum WireResultFormat: String, Sendable {
    case json, arrow
}

package enum QueryAnswers {
    /// `{"data": …, "code": null, "message": null, "success": true}`.
    package static func success(_ data: WireJSON, code: String? = nil, message: String? = nil) -> WireJSON {
        .object([("data", data), ("code", code.map(WireJSON.string) ?? .null), ("message", message.map(WireJSON.string) ?? .null),
                 ("success", .bool(true))])
    }

    /// An error as the clients read it: `code` is the six-digit string (only "100072" becomes an
    /// IntegrityError), `data.sqlState` the SQLSTATE, `data.queryId` the sfqid.
    package static func failure(_ error: SnowflakeError, queryID: String? = nil) -> WireJSON {
        var data: [(String, WireJSON)] = [("errorCode", .string(error.code)), ("sqlState", .string(error.sqlState))]
        if let queryID { data.append(("queryId", .string(queryID))) }
        data += [("internalError", .bool(false)), ("line", .int(-1)), ("pos", .int(-1))]
        return .object([("data", .object(data)), ("code", .string(error.code)), ("message", .string(error.message)),
                        ("success", .bool(false))])
    }

    /// The session's context after a statement, and the parameters the clients follow.
    package static func context(_ session: Session) -> [(String, WireJSON)] {
        [
            ("finalDatabaseName", session.currentDatabase.map(WireJSON.string) ?? .null),
            ("finalSchemaName", session.currentSchema.map(WireJSON.string) ?? .null),
            ("finalWarehouseName", session.currentWarehouse.map(WireJSON.string) ?? .null),
            ("finalRoleName", session.currentRole.map(WireJSON.string) ?? .null),
            ("parameters", .array([parameter("TIMEZONE", .string(session.parameters["TIMEZONE"] ?? "UTC"))])),
        ]
    }

    package static func parameter(_ name: String, _ value: WireJSON) -> WireJSON {
        .object([("name", .string(name)), ("value", value)])
    }

    /// A statement's result. DML counts always go as JSON, as Snowflake sends them.
    package static func data(_ result: ResultSet, statementType: Int64, queryID: String, session: Session,
                     format: WireResultFormat) throws -> WireJSON {
        var members: [(String, WireJSON)] = [
            ("queryId", .string(queryID)),
            ("statementTypeId", .int(statementType)),
            ("sqlState", .string("00000")),
            ("rowtype", .array(result.columns.map(WireCells.rowType))),
        ]
        if format == .arrow && result.kind == .query && !StatementType.isDML(statementType) {
            members += try ArrowResults.members(result)
        } else {
            members += [("queryResultFormat", .string("json")), ("rowset", .raw(try WireCells.rowset(result.rows, columns: result.columns)))]
        }
        members += [("total", .int(Int64(result.rows.count))), ("returned", .int(Int64(result.rows.count)))]
        members += context(session)
        return .object(members)
    }

    /// A describe-only answer: the columns, no rows, and what `executemany` needs to know.
    package static func describeData(_ columns: [ResultColumn], statementType: Int64, queryID: String, bindCount: Int,
                             session: Session) -> WireJSON {
        .object([
            ("queryId", .string(queryID)),
            ("statementTypeId", .int(statementType)),
            ("sqlState", .string("00000")),
            ("rowtype", .array(columns.map(WireCells.rowType))),
            ("queryResultFormat", .string("json")),
            ("rowset", .array([])),
            ("total", .int(0)), ("returned", .int(0)),
            ("numberOfBinds", .int(Int64(bindCount))),
            ("arrayBindSupported", .bool(StatementType.isDML(statementType))),
        ] + context(session))
    }

    /// The parent of a multi-statement request: one row, and its children's ids and types.
    package static func multiStatementData(children: [(queryID: String, statementType: Int64)], queryID: String,
                                   session: Session) -> WireJSON {
        .object([
            ("queryId", .string(queryID)),
            ("statementTypeId", .int(StatementType.multiStatement)),
            ("sqlState", .string("00000")),
            ("rowtype", .array([WireCells.rowType(ResultColumn("multiple statement execution", .string, nullable: false))])),
            ("queryResultFormat", .string("json")),
            ("rowset", .array([.array([.string("Multiple statements executed successfully.")])])),
            ("total", .int(1)), ("returned", .int(1)),
            ("resultIds", .string(children.map(\.queryID).joined(separator: ","))),
            ("resultTypes", .string(children.map { String($0.statementType) }.joined(separator: ","))),
        ] + context(session))
    }

    /// The answer to an asynchronous request: the query id to poll (code 333334).
    package static func asyncAccepted(queryID: String) -> WireJSON {
        success(.object([
            ("queryId", .string(queryID)),
            ("getResultUrl", .string("/queries/\(queryID)/result")),
            ("queryAbortsAfterSecs", .int(300)),
            ("progressDesc", .null),
        ]), code: "333334", message: "Asynchronous execution in progress. Use provided query id to perform query monitoring and management.")
    }

    /// A query still running when its result is asked for: the client polls again (code 333333).
    package static func stillRunning(queryID: String) -> WireJSON {
        success(.object([("queryId", .string(queryID)), ("getResultUrl", .string("/queries/\(queryID)/result"))]),
                code: "333333", message: "Query execution in progress. Query will be available for result fetching.")
    }

    /// A new query id: a random UUID, which is what the clients check a query id against.
    package static func newQueryID() -> String { UUID().uuidString.lowercased() }

    /// The parameters a login answers with: CLIENT_STAGE_ARRAY_BINDING_THRESHOLD is required by
    /// connector 4.x's executemany (0 keeps array bindings in the request), TIMEZONE renders
    /// TIMESTAMP_LTZ, and the output formats are snowsql's.
    package static let loginParameters: [(String, WireJSON)] = [
        ("AUTOCOMMIT", .bool(true)),
        ("CLIENT_STAGE_ARRAY_BINDING_THRESHOLD", .int(0)),
        ("CLIENT_SESSION_KEEP_ALIVE", .bool(false)),
        ("CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY", .int(3600)),
        ("CLIENT_PREFETCH_THREADS", .int(4)),
        ("CLIENT_RESULT_CHUNK_SIZE", .int(160)),
        ("CLIENT_TELEMETRY_ENABLED", .bool(false)),
        ("QUERY_CONTEXT_CACHE_SIZE", .int(5)),
        ("TIMEZONE", .string("UTC")),
        ("TIMESTAMP_OUTPUT_FORMAT", .string("YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM")),
        ("TIMESTAMP_NTZ_OUTPUT_FORMAT", .string("YYYY-MM-DD HH24:MI:SS.FF3")),
        ("TIMESTAMP_LTZ_OUTPUT_FORMAT", .string("")),
        ("TIMESTAMP_TZ_OUTPUT_FORMAT", .string("")),
        ("DATE_OUTPUT_FORMAT", .string("YYYY-MM-DD")),
        ("TIME_OUTPUT_FORMAT", .string("HH24:MI:SS")),
        ("BINARY_OUTPUT_FORMAT", .string("HEX")),
    ]

    /// A kept answer as the client is told it.
    package static func answer(_ stored: StoredQuery, queryID: String) -> WireJSON {
        switch stored.status {
        case .success: return QueryAnswers.success(stored.data ?? .null)
        case .failed: return QueryAnswers.failure(stored.error ?? SnowflakeError.internalError("no error kept"), queryID: queryID)
        case .running: return QueryAnswers.stillRunning(queryID: queryID)
        }
    }

}
