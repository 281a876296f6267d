// KillDuringTaskTests: the kill-during-task recovery (issue 17, item 21), with the built programs and
// real processes. A task whose body blocks (it polls a table until a row appears) is claimed by a
// real `snowlite` process — a client running its EXECUTE TASK, or `snowlite serve` (whose worker
// process, running the body, ends with it) — which is then killed with SIGKILL mid-run. Its run must not stay EXECUTING for the task's timeout (an hour):
// `snowlite tasks wait` frees it at once (FAILED, 000603, naming the dead pid) and returns, the next
// scheduler does the same at its first tick, and a new run of the task proceeds.

import Foundation
import SnowliteTesting
import XCTest

final class KillDuringTaskTests: XCTestCase {
    private var home: URL!
    private var snowsql: BuiltProgram!
    private var snowlite: BuiltProgram!

    /// Waits in the task's body until d.public.stop has a row, then logs 'done'.
    static let blockingBody = """
        execute immediate $$declare n int default 0; begin
          while (n = 0) do select count(*) into :n from d.public.stop; end while;
          insert into d.public.log values ('done');
        end$$
        """

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("snowlite-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        snowsql = try BuiltProgram.locate("snowsql")
        snowlite = try BuiltProgram.locate("snowlite")
        XCTAssertEqual(try sql("create database d; create table d.public.log (msg string); create table d.public.stop (x int)").status, 0)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: home)
    }

    private func sql(_ text: String) throws -> BuiltProgram.Output {
        try snowsql.run(["-o", "friendly=false", "-o", "output_format=csv", "-o", "header=false", "-o", "timing=false", "-q", text],
                        home: home)
    }

    /// The runs of BLOCKER that are not SCHEDULED: state, error code and message, oldest first.
    private func runs() throws -> [String] {
        try sql("""
            select state, error_code, error_message from table(d.information_schema.task_history(task_name => 'BLOCKER'))
            where state <> 'SCHEDULED' order by run_id
            """).stdout.split(separator: "\n").map(String.init)
    }

    /// Waits until BLOCKER has an EXECUTING run (its process is inside the body), at most 10 s.
    private func waitUntilExecuting() throws -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if try runs().contains(where: { $0.hasPrefix("EXECUTING") }) { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    /// SIGKILL, and the process reaped (a zombie would still hold its pid).
    private func kill9(_ program: RunningProgram) -> Int32 {
        let pid = program.process.processIdentifier
        kill(pid, SIGKILL)
        program.process.waitUntilExit()
        return pid
    }

    /// Whether `pid` runs: it exists and is no zombie (an orphan nobody has reaped yet).
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return kill(pid, 0) == 0 }
        let state = stat.components(separatedBy: ") ").last?.first
        return state != "Z" && state != "X"
    }

    private func endedMessage(_ pid: Int32) -> String {
        "FAILED,000603,SQL execution internal error: the process running this task run (pid \(pid) on host "
    }

    func testTasksWaitFreesTheRunOfAKilledClientAndTheNextRunProceeds() throws {
        XCTAssertEqual(try sql("create task d.public.blocker as \(Self.blockingBody)").status, 0)
        let client = try RunningProgram(snowlite, ["-o", "friendly=false", "-q", "execute task d.public.blocker"], home: home)
        XCTAssertTrue(try waitUntilExecuting(), "the client never started the run")
        let pid = kill9(client)
        XCTAssertEqual(client.process.terminationReason, .uncaughtSignal)

        let started = Date()
        let waited = try snowlite.run(["tasks", "wait", "d.public.blocker", "--timeout", "30"], home: home)
        let seconds = Date().timeIntervalSince(started)
        XCTAssertEqual([waited.stdout, waited.stderr], ["", ""])
        XCTAssertEqual(waited.status, 0)
        XCTAssertLessThan(seconds, 5, "tasks wait must free the dead run at once, not wait for a timeout")
        let freed = try runs()
        XCTAssertEqual(freed.count, 1, freed.joined(separator: "\n"))
        XCTAssertTrue(freed[0].hasPrefix(endedMessage(pid)), freed[0])
        XCTAssertTrue(freed[0].hasSuffix(") ended before the run did."), freed[0])

        // A new run is not held up by the dead one.
        XCTAssertEqual(try sql("insert into d.public.stop values (1); execute task d.public.blocker").status, 0)
        XCTAssertEqual(try snowlite.run(["tasks", "wait", "d.public.blocker", "--timeout", "30"], home: home).status, 0)
        XCTAssertEqual(try runs().map { $0.components(separatedBy: ",")[0] }, ["FAILED", "SUCCEEDED"])
        XCTAssertEqual(try sql("select msg from d.public.log").stdout, "done\n")
    }

    func testTheNextSchedulerFreesTheRunOfAKilledServeAndRunsTheTaskAgain() throws {
        XCTAssertEqual(try sql("""
            create task d.public.blocker schedule = '1 minute' as \(Self.blockingBody);
            alter task d.public.blocker resume
            """).status, 0)
        let serve = try RunningProgram(snowlite, ["serve", "--time-scale", "60", "--poll-interval", "0.1", "--no-dashboard"], home: home)
        XCTAssertTrue(try waitUntilExecuting(), serve.text)
        _ = kill9(serve)

        let next = try RunningProgram(snowlite, ["serve", "--time-scale", "60", "--poll-interval", "0.1", "--no-dashboard"], home: home)
        let started = Date()
        let freedLine = "D.PUBLIC.BLOCKER FAILED (run "
        XCTAssertTrue(next.wait(timeout: 10) { $0.contains(freedLine) }, next.text)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, next.text)
        let line = next.text.split(separator: "\n").first { $0.hasPrefix(freedLine) }.map(String.init) ?? ""
        // The run was its worker process's, which ended with serve: the pid named is gone.
        let named = line.components(separatedBy: "(pid ").dropFirst().first?.split(separator: " ").first.flatMap { Int32($0) }
        XCTAssertTrue(line.contains(", SCHEDULE): 000603: SQL execution internal error: the process running this task run (pid "), line)
        XCTAssertTrue(line.hasSuffix(") ended before the run did."), line)
        XCTAssertEqual(named.map(Self.isRunning), false, line)
        // The next scheduled run starts (the dead one no longer makes it SKIPPED) and, let go, succeeds.
        XCTAssertTrue(try waitUntilExecuting(), next.text)
        XCTAssertEqual(try sql("insert into d.public.stop values (1)").status, 0)
        XCTAssertTrue(next.wait(timeout: 10) { $0.contains("D.PUBLIC.BLOCKER SUCCEEDED (run ") }, next.text)
        XCTAssertEqual(next.terminate(timeout: 10), 0)
        XCTAssertEqual(try runs().first.map { $0.components(separatedBy: ",")[0] }, "FAILED")
        XCTAssertTrue(try runs().contains { $0.hasPrefix("SUCCEEDED") })
        XCTAssertFalse(next.text.contains("SKIPPED"), next.text)
    }
}
