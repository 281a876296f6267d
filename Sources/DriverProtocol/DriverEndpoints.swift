// DriverEndpoints: what each route of DriverServer does (the file's routes are listed there).

import DriverWire
import Engine
import Foundation
import Hummingbird
import SnowSQL

extension DriverServer {
    // MARK: - Login

    /// A password login: checks the account name, opens the account file and the user's session
    /// (DriverSessionOpener: the password check, then the context the query string asks for),
    /// and answers the tokens, the session id, the parameters the clients need and the context.
    func login(_ request: Request) async throws -> WireJSON {
        let body = try await DriverServer.body(request)
        guard let data = body.object("data") else { throw SnowflakeError.badDriverRequest("the login has no data") }
        let account = data.string("ACCOUNT_NAME") ?? ""
        guard DriverServer.isAccountName(account) else { throw SnowflakeError.invalidAccountName(account) }
        let query = request.uri.queryParameters
        func parameter(_ name: String) -> String? { query[name[...]].map(String.init).flatMap { $0.isEmpty ? nil : $0 } }
        let login = DriverLogin(account: account, user: data.string("LOGIN_NAME") ?? "", password: data.string("PASSWORD") ?? "",
                                role: parameter("roleName"), warehouse: parameter("warehouse"),
                                database: parameter("databaseName"), schema: parameter("schemaName"))
        let (opener, transfers) = (openSession, self.transfers)
        let format = (data.object("SESSION_PARAMETERS")?.string("PYTHON_CONNECTOR_QUERY_RESULT_FORMAT")?.lowercased())
            .flatMap(WireResultFormat.init(rawValue:)) ?? .arrow
        let requested = DriverServer.sessionParameters(data.object("SESSION_PARAMETERS"))
        let session = try await DriverServer.blocking {
            let engine = try opener(login)
            // The session parameters the client asked for, set as ALTER SESSION sets them.
            if !requested.isEmpty {
                let alter = AlterParameters(target: .session, set: requested.map { Property(name: $0.0, value: $0.1) })
                _ = try engine.execute(.alterParameters(alter), text: "ALTER SESSION SET …")
            }
            return DriverSession(engine: engine, resultFormat: format, transfers: transfers)
        }
        let tokens = sessions.open(session)
        let context = try await session.perform { engine in
            [("databaseName", engine.currentDatabase), ("schemaName", engine.currentSchema),
             ("warehouseName", engine.currentWarehouse), ("roleName", engine.currentRole)]
        }
        return QueryAnswers.success(.object([
            ("token", .string(tokens.sessionToken)),
            ("validityInSeconds", .int(Int64(sessions.validity.session))),
            ("masterToken", .string(tokens.masterToken)),
            ("masterValidityInSeconds", .int(Int64(sessions.validity.master))),
            ("sessionId", .int(session.id)),
            ("serverVersion", .string(Session.snowflakeVersion)),
            ("displayUserName", .string(session.user)),
            ("firstLogin", .bool(false)),
            ("healthCheckInterval", .int(45)),
            ("idToken", .null), ("mfaToken", .null),
            ("parameters", .array(QueryAnswers.loginParameters.map { QueryAnswers.parameter($0.0, $0.1) })),
            ("sessionInfo", .object(context.map { ($0.0, $0.1.map(WireJSON.string) ?? .null) })),
        ]))
    }

    /// A login's SESSION_PARAMETERS that the session takes: not the clients' own (CLIENT_…, the
    /// result format), names of letters, digits and `_`, values that are strings, numbers or booleans.
    static func sessionParameters(_ object: WireObject?) -> [(String, PropertyValue)] {
        guard let object else { return [] }
        return object.members.keys.sorted().compactMap { key -> (String, PropertyValue)? in
            let name = key.uppercased()
            guard !name.hasPrefix("CLIENT_"), name != "PYTHON_CONNECTOR_QUERY_RESULT_FORMAT", !name.isEmpty,
                  name.unicodeScalars.allSatisfy({ ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "_" }) else { return nil }
            switch object.members[key] {
            case let text as String: return (name, .string(text))
            case let flag as Bool: return (name, .word(flag ? "TRUE" : "FALSE"))
            case let number as NSNumber: return (name, .number(number.stringValue))
            default: return nil
            }
        }
    }

    /// Letters, digits, `_` and `-`: a name that is also a safe file name.
    static func isAccountName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 255
            && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-") }
    }

    // MARK: - Queries

    /// Runs a query (or queues it, for `asyncExec`) and answers it.
    func query(_ request: Request) async throws -> WireJSON {
        let session = try session(request)
        var parsed = try QueryRequest(try await DriverServer.body(request))
        parsed.baseURL = "http://" + (request.head.authority ?? "127.0.0.1")
        let query = parsed
        let queryID = QueryAnswers.newQueryID()
        if query.asyncExec {
            session.submit(queryID) { engine in QueryExecution.run(query, queryID: queryID, engine: engine, driver: session) }
            return QueryAnswers.asyncAccepted(queryID: queryID)
        }
        let answer = try await session.perform { engine in QueryExecution.run(query, queryID: queryID, engine: engine, driver: session) }
        session.record(queryID, answer)
        return QueryAnswers.answer(answer, queryID: queryID)
    }

    /// A kept answer; a query still running is waited for a while, then the client is told to poll.
    func result(_ request: Request, queryID: String) async throws -> WireJSON {
        let session = try session(request)
        for _ in 0..<1500 {
            guard let stored = session.query(queryID) else { throw SnowflakeError.queryNotFound(queryID) }
            if stored.status != .running { return QueryAnswers.answer(stored, queryID: queryID) }
            try await Task.sleep(for: .milliseconds(20))
        }
        return QueryAnswers.stillRunning(queryID: queryID)
    }

    /// `GET /monitoring/queries/{id}` (5.x writes `//{id}`): the query's status, or no query.
    func monitoring(_ request: Request) throws -> WireJSON {
        let session = try session(request)
        let parts = request.uri.path.split(separator: "/").map(String.init)
        guard parts.count == 3, parts[1] == "queries" else { throw SnowflakeError.badDriverRequest("unknown monitoring path") }
        guard let stored = session.query(parts[2]) else { return QueryAnswers.success(.object([("queries", .array([]))])) }
        var entry: [(String, WireJSON)] = [("id", .string(parts[2])), ("status", .string(stored.status.rawValue))]
        if let error = stored.error {
            entry += [("errorCode", .string(error.code)), ("errorMessage", .string(error.message))]
        }
        return QueryAnswers.success(.object([("queries", .array([.object(entry)]))]))
    }

    func abort(_ request: Request) throws -> WireJSON {
        try session(request).cancelRunningStatement()
        return QueryAnswers.success(.null)
    }

    // MARK: - Session

    /// `POST /session?delete=true`: forgets the session, stops what it runs, and closes its engine
    /// session (its open transaction rolled back, its temporary objects dropped). An unknown token
    /// is no error (4.x ignores the answer).
    func closeSession(_ request: Request) async throws -> WireJSON {
        guard request.uri.queryParameters["delete"] == "true" else { throw SnowflakeError.badDriverRequest("POST /session without delete=true") }
        if let token = DriverServer.token(request), let session = sessions.close(token: token) {
            session.cancelRunningStatement()
            try? await session.perform { engine in try engine.close() }
        }
        return QueryAnswers.success(.null)
    }

    func heartbeat(_ request: Request) throws -> WireJSON {
        _ = try session(request)
        return QueryAnswers.success(.null)
    }

    /// A session-token renewal with the master token (after a 390112).
    func renew(_ request: Request) async throws -> WireJSON {
        let body = try await DriverServer.body(request)
        let master = DriverServer.token(request) ?? ""
        guard let (session, token) = sessions.renew(masterToken: master, oldSessionToken: body.string("oldSessionToken") ?? "") else {
            throw sessions.masterExpired(master) ? SnowflakeError.masterTokenExpired : SnowflakeError.mustLoginAgain
        }
        return QueryAnswers.success(.object([
            ("sessionToken", .string(token)),
            ("validityInSecondsST", .int(Int64(sessions.validity.session))),
            ("masterToken", .string(master)),
            ("validityInSecondsMT", .int(Int64(sessions.validity.master))),
            ("sessionId", .int(session.id)),
        ]))
    }
}
