// PythonRuntimeTests: the Python runtime without Snowpark — values both ways, where the interpreter
// comes from, the driver relay's login and token rules (run inside a real CALL, through a Swift
// handler that hands its context to the relay), and a worker that starts, talks over its channel
// and reports that its Python cannot import Snowpark (the machine's python3 has none).

import Egress
import Engine
import Foundation
import XCTest

@testable import PythonProcedures

final class PythonRuntimeTests: XCTestCase {
    private var session: Session!

    override func setUpWithError() throws {
        session = Session(
            store: try Session.openAccount(path: ":memory:"), user: "tester",
            clock: { Date(timeIntervalSince1970: 1_767_323_045) }, sessionID: 5)
        try session.login(role: nil, warehouse: nil, database: nil, schema: nil)
        for statement in ["create database d", "create table t (id int)", "insert into t values (1), (2)"] {
            _ = try session.execute(statement)
        }
    }

    func testArgumentsAreTaggedWhereJSONHasNoType() throws {
        XCTAssertEqual(CallValues.argument(.decimal("1.50")) as? [String: String], ["$type": "decimal", "$value": "1.50"])
        XCTAssertEqual(CallValues.argument(.date("2026-01-02")) as? [String: String], ["$type": "date", "$value": "2026-01-02"])
        XCTAssertEqual(CallValues.argument(.variant(#"{"a":1}"#)) as? [String: String], ["$type": "variant", "$value": #"{"a":1}"#])
        XCTAssertEqual(CallValues.argument(.string("x")) as? String, "x")
        XCTAssertTrue(CallValues.argument(.null) is NSNull)
    }

    func testResultsKeepTheirTypeUntilCALLCastsThem() throws {
        func result(_ json: String) throws -> (Value, SnowflakeType) {
            let object = try JSONSerialization.jsonObject(with: Data(#"{"v":\#(json)}"#.utf8)) as! [String: Any]
            return try CallValues.result(object["v"])
        }
        XCTAssertEqual(try result("42").0, .integer(42))
        XCTAssertEqual(try result("2.5").0, .double(2.5))
        XCTAssertEqual(try result("true").0, .boolean(true))
        XCTAssertEqual(try result("null").0, .null)
        XCTAssertEqual(try result(#""text""#).0, .string("text"))
        XCTAssertEqual(try result(#"{"$type":"decimal","$value":"1.250"}"#).1, .number(precision: 38, scale: 3))
        XCTAssertEqual(try result(#"{"$type":"variant","$value":"{\"b\":1,\"a\":[true,null]}"}"#).0, .variant(#"{"a":[true,null],"b":1}"#))
        XCTAssertThrowsError(try result(#"{"a":1}"#))
        XCTAssertThrowsError(try result("[1]"))
    }

    func testTheInterpreterIsSNOWLITE_PYTHONElseTheInstalledOne() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("snowlite-python-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        func interpreter(_ environment: [String: String]) -> String {
            switch PythonWorkerRuntime(environment: environment, transport: NoTransport(), map: EgressMap(), clock: { Date() }).interpreter() {
            case .success(let path): return path
            case .failure(let failure): return "no: " + failure.reason
            }
        }
        XCTAssertEqual(
            interpreter(["SNOWLITE_PYTHON": "/nonexistent/python"]),
            "no: SNOWLITE_PYTHON names /nonexistent/python, which is not an executable file")
        XCTAssertEqual(
            interpreter(["SNOWLITE_HOME": home.path]),
            "no: SNOWLITE_PYTHON is not set and \(home.path)/python/bin/python does not exist")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("python/bin"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: home.path + "/python/bin/python", withDestinationPath: "/bin/sh")
        XCTAssertEqual(interpreter(["SNOWLITE_HOME": home.path]), home.path + "/python/bin/python")
        XCTAssertEqual(interpreter(["SNOWLITE_HOME": home.path, "SNOWLITE_PYTHON": "/bin/sh"]), "/bin/sh")
    }

    /// Runs `body` with the context of a CALL of a Swift handler.
    private func insideCall(_ body: @escaping @Sendable (ProcedureContext) throws -> Void) throws {
        struct Handler: ProcedureHandler {
            let body: @Sendable (ProcedureContext) throws -> Void
            func call(_ context: ProcedureContext) throws -> ScriptOutcome {
                try body(context)
                return .none
            }
        }
        session.procedureRegistry.register("tests.inside", Handler(body: body))
        _ = try session.execute(
            "create or replace procedure inside() returns string language python runtime_version = '3.11' handler = 'tests.inside'")
        _ = try session.execute("call inside()")
    }

    func testTheRelayTakesOneLoginWithTheCallsTokenThenItsSessionToken() throws {
        try insideCall { context in
            let relay = DriverRelay(context: context, callToken: "call-token")
            func post(_ path: String, _ body: String, token: String? = nil) -> [String: Any] {
                let (status, text) = relay.answer(
                    method: "POST", path: path, query: "", body: body,
                    authorization: token.map { #"Snowflake Token="\#($0)""# })
                XCTAssertEqual(status, 200)
                return (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
            }
            let query = #"{"sqlText": "select count(*) from t", "sequenceId": 1}"#
            XCTAssertEqual(post("/queries/v1/query-request", query)["code"] as? String, "390104")
            let wrong = post("/session/v1/login-request", #"{"data": {"PASSWORD": "guess"}}"#)
            XCTAssertEqual(wrong["code"] as? String, "390100")
            let login = post("/session/v1/login-request", #"{"data": {"PASSWORD": "call-token"}}"#)
            let data = login["data"] as? [String: Any]
            let token = try XCTUnwrap(data?["token"] as? String)
            XCTAssertEqual((data?["sessionInfo"] as? [String: Any])?["databaseName"] as? String, "D")
            XCTAssertEqual(post("/session/v1/login-request", #"{"data": {"PASSWORD": "call-token"}}"#)["code"] as? String, "390100")
            let answer = post("/queries/v1/query-request", #"{"sqlText": "select count(*) from t", "sequenceId": 2}"#, token: token)
            XCTAssertEqual(answer["success"] as? Bool, true)
            XCTAssertEqual(post("/queries/v1/query-request", query, token: "another")["code"] as? String, "390104")
            let put = post("/queries/v1/query-request", #"{"sqlText": "put file:///etc/hostname @~"}"#, token: token)
            XCTAssertEqual(put["message"] as? String, "Stored procedure execution error: Unsupported statement type 'PUT_FILES'")
        }
    }

    func testAWorkerWithoutSnowparkSaysSo() throws {
        let python = "/usr/bin/python3"
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: python), "the tests need the machine's python3")
        session.pythonRuntime = PythonWorkerRuntime(
            environment: ["SNOWLITE_PYTHON": python], transport: NoTransport(), map: EgressMap(),
            clock: { Date() })
        _ = try session.execute(
            """
            create procedure hello() returns string language python runtime_version = '3.11' handler = 'run'
            as 'def run(session): return 1'
            """)
        XCTAssertThrowsError(try session.execute("call hello()")) { error in
            XCTAssertEqual(
                (error as? SnowflakeError)?.message,
                """
                Python Interpreter Error:
                The Python worker failed: \(python) cannot import Snowpark (No module named 'snowflake'): install snowflake-snowpark-python
                 in function HELLO with handler run
                """)
        }
    }
}

/// A transport that must not be used: these tests send nothing.
struct NoTransport: HTTPTransport {
    func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        throw HTTPTransportError(.other, "no network in these tests")
    }
}
