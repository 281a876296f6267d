// DriverRelay: the driver protocol for one CALL's Snowpark session. The worker's relay hands each
// HTTP request over the channel; this answers it with DriverWire, as `snowlite serve` answers a
// client, but in the CALL's own engine session: every statement runs as the procedure's owner, in
// the procedure's database and schema, inside the CALL (its time limit, its events, its depth). The
// login must present the CALL's one-time token as its password and gets a session token of its own;
// both die with the CALL. The context a login asks for is ignored: the CALL's is the session's.

import DriverWire
import Engine
import Foundation
import SnowSQL

final class DriverRelay: QueryHost {
    private let context: ProcedureContext
    private let callToken: String
    private var sessionToken: String?
    private var answers: [String: StoredQuery] = [:]
    let resultFormat = WireResultFormat.arrow

    init(context: ProcedureContext, callToken: String) {
        self.context = context
        self.callToken = callToken
    }

    /// The answer to one relayed request: its HTTP status and JSON body.
    func answer(method: String, path: String, query: String, body: String, authorization: String?) -> (Int, String) {
        let json: WireJSON
        do {
            json = try route(method: method, path: path, query: query, body: body, authorization: authorization)
        } catch {
            json = QueryAnswers.failure(QueryExecution.snowflakeError(error))
        }
        return (200, String(decoding: json.bytes, as: UTF8.self))
    }

    private func route(method: String, path: String, query: String, body: String, authorization: String?) throws -> WireJSON {
        if path == "/session/v1/login-request" { return try login(body) }
        guard let sessionToken, authorization == "Snowflake Token=\"\(sessionToken)\"" else { throw SnowflakeError.mustLoginAgain }
        let parts = path.split(separator: "/").map(String.init)
        switch (method, parts.first) {
        case ("POST", "queries") where path == "/queries/v1/query-request":
            guard let object = WireObject(body: Array(body.utf8)) else { throw SnowflakeError.badDriverRequest("the query is not JSON") }
            let request = try QueryRequest(object)
            guard !request.asyncExec else { throw SnowflakeError.unsupported("asynchronous queries inside a procedure") }
            let queryID = QueryAnswers.newQueryID()
            let stored = QueryExecution.run(request, queryID: queryID, engine: context.engine, driver: self)
            record(queryID, stored)
            return QueryAnswers.answer(stored, queryID: queryID)
        case ("GET", "queries") where parts.count == 3 && parts[2] == "result":
            guard let stored = answers[parts[1]] else { throw SnowflakeError.queryNotFound(parts[1]) }
            return QueryAnswers.answer(stored, queryID: parts[1])
        case (_, "session"), (_, "telemetry"):
            // Heartbeats, telemetry, the session's delete and token renewals: nothing to do inside a CALL.
            return QueryAnswers.success(.null)
        default:
            throw SnowflakeError.badDriverRequest("\(method) \(path) is not part of a procedure's session")
        }
    }

    /// The login of the worker's Snowpark session: the CALL's token as its password, once.
    private func login(_ body: String) throws -> WireJSON {
        let data = WireObject(body: Array(body.utf8))?.object("data")
        guard sessionToken == nil, let password = data?.string("PASSWORD"), password == callToken else {
            throw SnowflakeError.incorrectCredentials
        }
        let token = PythonWorkerRuntime.newToken()
        sessionToken = token
        let engine = context.engine
        let info: [(String, WireJSON)] = [
            ("databaseName", engine.currentDatabase.map(WireJSON.string) ?? .null),
            ("schemaName", engine.currentSchema.map(WireJSON.string) ?? .null),
            ("warehouseName", engine.currentWarehouse.map(WireJSON.string) ?? .null),
            ("roleName", engine.currentRole.map(WireJSON.string) ?? .null),
        ]
        return QueryAnswers.success(
            .object([
                ("token", .string(token)), ("validityInSeconds", .int(3600)),
                ("masterToken", .string(PythonWorkerRuntime.newToken())), ("masterValidityInSeconds", .int(14400)),
                ("sessionId", .int(engine.sessionID)), ("serverVersion", .string(Session.snowflakeVersion)),
                ("displayUserName", .string(engine.user)), ("firstLogin", .bool(false)), ("healthCheckInterval", .int(45)),
                ("idToken", .null), ("mfaToken", .null),
                ("parameters", .array(QueryAnswers.loginParameters.map { QueryAnswers.parameter($0.0, $0.1) })),
                ("sessionInfo", .object(info)),
            ]))
    }

    func record(_ queryID: String, _ stored: StoredQuery) {
        answers[queryID] = stored
    }

    /// PUT and GET run only as a client's own statement, never inside a procedure.
    func fileTransfer(_ statement: Statement, request: QueryRequest, queryID: String, engine: Session) throws -> WireJSON? {
        switch statement {
        case .put, .get: _ = try engine.execute(statement, text: request.sqlText)
        default: break
        }
        return nil
    }
}
