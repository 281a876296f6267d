// TaskRunFailureTests: whatever a task body does, its run ends with its error and the scheduler
// goes on (issue 17, item 20). Every way a body can throw — a SQL error, a Snowflake Scripting
// RAISE, a Swift procedure throwing an error of its own, a request the egress policy denies — ends
// the run FAILED with that error in TASK_HISTORY, tick after tick, while a healthy task beside them
// keeps succeeding. And what no `catch` can stop, a trap, is taken out of the scheduler's process:
// a worker process (TaskRunExecutor) that dies, exits early or never starts leaves the run FAILED
// with 000603 naming why, and the next run proceeds.

import Egress
import Foundation
import Security
import XCTest
@testable import Engine

final class TaskRunFailureTests: XCTestCase {
    /// A Swift error that is not a SnowflakeError.
    struct Boom: Error, CustomStringConvertible {
        var description: String { "the handler blew up" }
    }

    struct Throwing: ProcedureHandler {
        func call(_ context: ProcedureContext) throws -> ScriptOutcome { throw Boom() }
    }

    /// A transport that must never be reached: the request below is denied first.
    final class NoNetwork: HTTPTransport, @unchecked Sendable {
        private(set) var sent = 0
        func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
            sent += 1
            return HTTPResponse(status: 200, url: request.url)
        }
    }

    /// Asks for a host no network rule allows, and throws the egress error as it comes.
    struct Reaching: ProcedureHandler {
        let transport: NoNetwork
        func call(_ context: ProcedureContext) throws -> ScriptOutcome {
            let client = EgressClient(policy: context.egressPolicy, transport: transport, log: DiscardingEgressLog())
            _ = try client.send(HTTPRequest(.get, "https://api.github.com/repos/o/r/issues"))
            return .value(.string("reached"), .string)
        }
    }

    /// A worker that ends as told without recording anything.
    struct Worker: TaskRunExecutor {
        let end: TaskRunWorkerEnd
        func execute(runID: Int64, now: Date, control: TaskRunControl?) -> TaskRunWorkerEnd { end }
    }

    let network = NoNetwork()
    var folder: URL!
    var session: Session!
    var t0: Date { Date(timeIntervalSince1970: 1_767_348_000) }  // 2026-01-02 10:00 UTC
    func minutes(_ n: Int) -> Date { t0.addingTimeInterval(TimeInterval(n * 60)) }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("failures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try Session.openAccount(path: folder.appendingPathComponent("account.sqlite").path)
        let t0 = self.t0
        session = Session(store: store, user: "tester", clock: { t0 }, sessionID: 1)
        session.procedureRegistry.register("tests.boom", Throwing())
        session.procedureRegistry.register("tests.reach", Reaching(transport: network))
        try session.login(role: nil, warehouse: nil, database: nil, schema: nil)
        for statement in ["create database app", "create schema core", "use schema app.core", "create table core.log (msg string)",
                          "create procedure core.boom() returns string language python runtime_version = '3.11' handler = 'tests.boom'",
                          "create procedure core.reach() returns string language python runtime_version = '3.11' handler = 'tests.reach'"] {
            _ = try session.execute(statement)
        }
    }

    override func tearDownWithError() throws {
        session = nil
        try? FileManager.default.removeItem(at: folder)
    }

    func task(_ name: String, _ body: String) throws {
        _ = try session.execute("create task \(name) schedule = '1 minute' as \(body)")
        _ = try session.execute("alter task \(name) resume")
    }

    /// TASK_HISTORY's name, state, error code and message of the runs that ran, by name then time.
    func history() throws -> [[String]] {
        try session.execute("""
            select name, state, error_code, error_message from table(app.information_schema.task_history())
            where state <> 'SCHEDULED' order by name, scheduled_time
            """).rows.map { $0.map { $0.displayText() ?? "NULL" } }
    }

    func testEveryErrorOfABodyFailsItsRunAndTheSchedulerGoesOn() throws {
        try task("a_sql", "insert into core.log select * from core.nope")
        try task("b_raise", "execute immediate $$declare e exception (-20001, 'the body gave up'); begin raise e; end$$")
        try task("c_swift", "call core.boom()")
        try task("d_egress", "call core.reach()")
        try task("e_tick", "insert into core.log values ('tick')")
        for minute in 1...2 {
            XCTAssertEqual(try session.runDueTasks(now: minutes(minute)).map(\.state), ["FAILED", "FAILED", "FAILED", "FAILED", "SUCCEEDED"])
        }
        let sql = ["A_SQL", "FAILED", "002003", "SQL compilation error:\nObject 'CORE.NOPE' does not exist or not authorized."]
        let raise = ["B_RAISE", "FAILED", "-20001", "Uncaught exception of type 'E' on line 1 at position 56 : the body gave up"]
        let swift = ["C_SWIFT", "FAILED", "100000", "the handler blew up"]
        let egress = ["D_EGRESS", "FAILED", "100000", "Request to api.github.com:443 denied: no network rule of the integrations bound to "
                      + "procedure 'APP.CORE.REACH' allows it (the procedure has no external access integration)."]
        let tick = ["E_TICK", "SUCCEEDED", "NULL", "NULL"]
        XCTAssertEqual(try history(), [sql, sql, raise, raise, swift, swift, egress, egress, tick, tick])
        XCTAssertEqual(network.sent, 0)
        XCTAssertEqual(try session.execute("select count(*) from core.log").rows[0][0].displayText(), "2")
    }

    func testAWorkerThatDiesLeavesItsRunFailedWithWhyAndTheNextRunProceeds() throws {
        try task("t", "insert into core.log values ('t')")
        let ends: [(TaskRunWorkerEnd, String)] = [
            (.signal(pid: 4242, number: SIGILL), "the worker process running this task run (pid 4242) was killed by signal 4 (SIGILL)."),
            (.signal(pid: 4243, number: SIGSEGV), "the worker process running this task run (pid 4243) was killed by signal 11 (SIGSEGV)."),
            (.exited(pid: 4244, status: 3), "the worker process running this task run (pid 4244) exited with status 3 before the run ended."),
            (.recorded(pid: 4245), "the worker process running this task run (pid 4245) exited with status 0 before the run ended."),
            (.notStarted("no such file"), "no worker process could be started for this task run: no such file"),
        ]
        for (index, (end, message)) in ends.enumerated() {
            let runs = try session.runDueTasks(now: minutes(index + 1), executor: Worker(end: end))
            XCTAssertEqual(runs.map(\.state), ["FAILED"])
            XCTAssertEqual(runs.first?.errorCode, "000603")
            XCTAssertEqual(runs.first?.errorMessage, "SQL execution internal error: " + message)
        }
        // In process, the next run succeeds: the failures held nothing up.
        XCTAssertEqual(try session.runDueTasks(now: minutes(6)).map(\.state), ["SUCCEEDED"])
        XCTAssertEqual(try history().map { $0[1] }, ["FAILED", "FAILED", "FAILED", "FAILED", "FAILED", "SUCCEEDED"])
    }
}
