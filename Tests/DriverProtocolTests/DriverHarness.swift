// DriverHarness: drives DriverServer's routes in-process (HummingbirdTesting's `.router`: no
// socket) over an account file in a temporary directory, as a driver client would: a login, then
// requests with its session token. Answers are read back as JSON objects; the clock is a value
// the test moves, so token expiry is deterministic.

import DriverProtocol
import Engine
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import XCTest

final class TestClock: Sendable {
    private let now = Mutex(Date(timeIntervalSince1970: 1_767_225_600))  // 2026-01-01
    var date: Date { now.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { now.withLock { $0 += seconds } }
}

struct DriverHarness {
    let client: any TestClientProtocol
    let clock: TestClock

    /// Runs `body` against a fresh server whose accounts live in a new temporary directory.
    static func run(sessionValidity: TimeInterval = 3600,
                    _ body: @escaping @Sendable (DriverHarness) async throws -> Void) async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("driver-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let clock = TestClock()
        let server = DriverServer(openSession: { login in
            let store = try Session.openAccount(path: home + "/" + login.account.lowercased() + ".sqlite")
            let user = try Session.authenticate(store: store, user: login.user, password: login.password, now: clock.date)
            let session = Session(store: store, user: user, account: login.account, clock: { clock.date })
            try session.login(role: login.role, warehouse: login.warehouse, database: login.database, schema: login.schema)
            return session
        }, sessionValidity: sessionValidity, clock: { clock.date })
        let router = Router()
        server.addRoutes(to: router)
        try await Application(router: router).test(.router) { client in
            try await body(DriverHarness(client: client, clock: clock))
        }
    }

    /// POSTs a JSON body (gzipped when asked) and returns the answer's JSON object.
    func post(_ uri: String, _ body: [String: Any], token: String? = nil, gzip: Bool = false) async throws -> [String: Any] {
        var bytes = Array(try JSONSerialization.data(withJSONObject: body))
        var headers: HTTPFields = [.contentType: "application/json"]
        if gzip {
            bytes = try Gzip.compress(bytes)
            headers[.contentEncoding] = "gzip"
        }
        headers[.authorization] = "Snowflake Token=\"\(token ?? "None")\""
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
        XCTAssertEqual(response.status, .ok)
        return try Self.object(response)
    }

    func get(_ uri: String, token: String) async throws -> [String: Any] {
        let response = try await client.execute(uri: uri, method: .get, headers: [.authorization: "Snowflake Token=\"\(token)\""])
        XCTAssertEqual(response.status, .ok)
        return try Self.object(response)
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        return object
    }

    /// Logs in and returns the answer's `data`.
    func login(account: String = "test", user: String = "snowlite", password: String = "snowlite", query: String = "",
               parameters: [String: Any] = ["PYTHON_CONNECTOR_QUERY_RESULT_FORMAT": "JSON"]) async throws -> [String: Any] {
        let answer = try await post("/session/v1/login-request?request_id=1" + query, ["data": [
            "ACCOUNT_NAME": account, "LOGIN_NAME": user, "PASSWORD": password, "CLIENT_APP_ID": "PythonConnector",
            "SESSION_PARAMETERS": parameters,
        ]])
        return answer
    }

    /// Logs in as the default user and returns the session token.
    func token(account: String = "test") async throws -> String {
        let answer = try await login(account: account)
        return try XCTUnwrap((answer["data"] as? [String: Any])?["token"] as? String)
    }

    /// Runs one statement; returns the whole answer.
    func query(_ sql: String, token: String, extra: [String: Any] = [:]) async throws -> [String: Any] {
        var body: [String: Any] = ["sqlText": sql, "sequenceId": 1, "querySubmissionTime": 0]
        body.merge(extra) { $1 }
        return try await post("/queries/v1/query-request?requestId=\(UUID().uuidString)", body, token: token)
    }
}

extension Dictionary where Key == String, Value == Any {
    var data: [String: Any] { self["data"] as? [String: Any] ?? [:] }
    var rowset: [[String?]] {
        (data["rowset"] as? [[Any]] ?? []).map { $0.map { $0 as? String } }
    }
}
