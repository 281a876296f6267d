// Events of two sessions in one process, as `snowlite serve` runs them (the scheduler, task
// workers and the dashboard, each with its own session and connection): each event lands under
// the executable and role of the session that logged it, even when the other session finishes a
// statement, and writes its own events, while the first is still running.

import Foundation
import XCTest
import Engine

final class EventBufferTests: XCTestCase {
    private var folder: URL!
    private var path: String { folder.appendingPathComponent("account.sqlite").path }

    /// A procedure handler that logs, then waits until the other session has run a whole statement.
    struct LogAndWait: ProcedureHandler {
        let logged: DispatchSemaphore
        let proceed: DispatchSemaphore

        func call(_ context: ProcedureContext) throws -> ScriptOutcome {
            context.log("info", "from the procedure")
            logged.signal()
            guard proceed.wait(timeout: .now() + 30) == .success else { throw SnowflakeError.internalError("no go-ahead") }
            return .value(.string("done"), .string)
        }
    }

    /// Errors raised on the test's threads.
    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var recorded: [String] = []
        var all: [String] { lock.withLock { recorded } }
        func add(_ error: Error) { lock.withLock { recorded.append("\(error)") } }
    }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("event-buffer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let admin = try Self.session(path: path, id: 1)
        for statement in [
            "create database logs",
            "create event table logs.public.events",
            "alter account set event_table = logs.public.events",
            "alter account set log_level = info",
            "create procedure logs.public.log_and_wait() returns string language python runtime_version = '3.11' handler = 'app.log_and_wait'",
        ] {
            _ = try admin.execute(statement)
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    static func session(path: String, id: Int64, role: String? = nil) throws -> Session {
        let session = Session(store: try Session.openAccount(path: path), user: "tester",
                              clock: { Date(timeIntervalSince1970: 1_767_323_045) }, sessionID: id)
        try session.login(role: role, warehouse: nil, database: nil, schema: nil)
        return session
    }

    private func onThread(_ group: DispatchGroup, _ failures: Failures, _ body: @escaping @Sendable () throws -> Void) {
        group.enter()
        let thread = Thread {
            defer { group.leave() }
            do { try body() } catch { failures.add(error) }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    func testEachEventIsRecordedUnderTheSessionThatLoggedIt() throws {
        let logged = DispatchSemaphore(value: 0), proceed = DispatchSemaphore(value: 0)
        let group = DispatchGroup(), failures = Failures()
        let path = self.path
        // Thread A: ACCOUNTADMIN calls the procedure, which logs and then waits mid-statement.
        onThread(group, failures) {
            let session = try Self.session(path: path, id: 11)
            session.procedureRegistry.register("app.log_and_wait", LogAndWait(logged: logged, proceed: proceed))
            _ = try session.execute("call logs.public.log_and_wait()")
        }
        // Thread B: SYSADMIN logs from a plain query, start to finish, while A's call is running.
        onThread(group, failures) {
            defer { proceed.signal() }
            let session = try Self.session(path: path, id: 12, role: "SYSADMIN")
            guard logged.wait(timeout: .now() + 30) == .success else { throw SnowflakeError.internalError("the procedure never logged") }
            _ = try session.execute("select system$log('info', 'from the query')")
        }
        XCTAssertEqual(group.wait(timeout: .now() + 60), .success)
        XCTAssertEqual(failures.all, [])

        let reader = try Self.session(path: path, id: 13)
        let rows = try reader.execute("""
            select value::string, resource_attributes:"snow.executable.name"::string,
                   resource_attributes:"snow.executable.type"::string, resource_attributes:"snow.session.role.primary.name"::string
            from logs.public.events order by value
            """).rows.map { $0.map { $0.displayText() ?? "NULL" } }
        XCTAssertEqual(rows, [
            ["from the procedure", "LOG_AND_WAIT", "procedure", "ACCOUNTADMIN"],
            ["from the query", "", "query", "SYSADMIN"],
        ])
    }
}
