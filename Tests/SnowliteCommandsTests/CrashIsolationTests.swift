// CrashIsolationTests: `snowlite serve` survives whatever a task body does (issue 17, item 20). Each
// run executes in a worker process; here the worker running a blocked task is killed with SIGILL —
// what a Swift runtime trap (an overflow, a force unwrap, a stack overflow's SIGSEGV alike) does to
// the process it happens in, injected from outside so that no crashing code ships in the program.
// The run is FAILED with the signal, the scheduler goes on with the other tasks (one succeeding,
// one failing with its SQL error), and the dashboard still answers. `--in-process` starts no worker.

import Foundation
import SnowliteTesting
import XCTest

final class CrashIsolationTests: XCTestCase {
    private var home: URL!
    private var snowsql: BuiltProgram!
    private var snowlite: BuiltProgram!

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("snowlite-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        snowsql = try BuiltProgram.locate("snowsql")
        snowlite = try BuiltProgram.locate("snowlite")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: home)
    }

    private func sql(_ text: String) throws -> BuiltProgram.Output {
        try snowsql.run(["-o", "friendly=false", "-o", "output_format=csv", "-o", "header=false", "-o", "timing=false", "-q", text],
                        home: home)
    }

    /// The children of `parent` whose command line holds `word`.
    static func children(of parent: Int32, running word: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let fields = stat.components(separatedBy: ") ").last?.split(separator: " "), fields.count > 1,
                  Int32(fields[1]) == parent,
                  let command = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8) else { return false }
            return command.contains(word)
        }
    }

    func testAWorkerKilledByATrapSignalFailsItsRunAndServeGoesOn() throws {
        XCTAssertEqual(try sql("""
            create database d; create table d.public.log (msg string); create table d.public.stop (x int);
            create task d.public.crasher schedule = '1 minute' as \(KillDuringTaskTests.blockingBody);
            create task d.public.tick schedule = '1 minute' as insert into d.public.log values ('tick');
            create task d.public.bad schedule = '1 minute' as insert into d.public.log select * from d.public.nope;
            alter task d.public.crasher resume; alter task d.public.tick resume; alter task d.public.bad resume
            """).status, 0)
        let serve = try RunningProgram(snowlite, ["serve", "--time-scale", "60", "--poll-interval", "0.1", "--dashboard-port", "0"],
                                       home: home)
        // The crasher's run is executing in a worker: find it, and crash it.
        var workers: [Int32] = []
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let executing = try sql("""
                select count(*) from table(d.information_schema.task_history(task_name => 'CRASHER')) where state = 'EXECUTING'
                """).stdout
            workers = Self.children(of: serve.process.processIdentifier, running: "run-claimed")
            if executing == "1\n", workers.count == 1 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertEqual(workers.count, 1, serve.text)
        let worker = try XCTUnwrap(workers.first)
        kill(worker, SIGILL)
        let crashed = """
            SCHEDULE): 000603: SQL execution internal error: the worker process running this task run (pid \(worker)) was killed by \
            signal 4 (SIGILL).
            """
        XCTAssertTrue(serve.wait(timeout: 10) { $0.contains(crashed) }, serve.text)
        XCTAssertTrue(serve.text.contains("D.PUBLIC.CRASHER FAILED (run "), serve.text)

        // The scheduler goes on: the other tasks run, the crasher too once let go.
        XCTAssertEqual(try sql("insert into d.public.stop values (1)").status, 0)
        let after = { (text: String) in text.components(separatedBy: crashed).dropFirst().joined() }
        XCTAssertTrue(serve.wait(timeout: 15) {
            let later = after($0)
            return later.contains("D.PUBLIC.TICK SUCCEEDED") && later.contains("D.PUBLIC.CRASHER SUCCEEDED")
                && later.contains("D.PUBLIC.BAD FAILED (run ")
        }, serve.text)
        XCTAssertTrue(after(serve.text).contains(
            ", SCHEDULE): 002003: SQL compilation error: Object 'D.PUBLIC.NOPE' does not exist or not authorized."), serve.text)

        // And the dashboard still answers.
        let dashboard = serve.text.split(separator: "\n").first { $0.hasPrefix("Dashboard: http://127.0.0.1:") }
        let port = dashboard.flatMap { $0.split(separator: ":").last?.split(separator: "/").first }.map(String.init) ?? "0"
        let page = try BuiltProgram(url: URL(fileURLWithPath: "/bin/bash")).run(["-c", """
            exec 3<>/dev/tcp/127.0.0.1/\(port) && printf 'GET /style.css HTTP/1.0\\r\\nHost: 127.0.0.1:\(port)\\r\\n\\r\\n' >&3 && head -c 15 <&3
            """], home: home)
        XCTAssertEqual(page.stdout, "HTTP/1.1 200 OK", page.stderr)
        XCTAssertEqual(serve.terminate(timeout: 10), 0)
        XCTAssertEqual(try sql("""
            select state, error_code from table(d.information_schema.task_history(task_name => 'CRASHER'))
            where state not in ('SCHEDULED', 'SKIPPED') order by run_id limit 1
            """).stdout, "FAILED,000603\n")
    }

    /// `--in-process` keeps runs on the scheduler's thread: no worker is started.
    func testInProcessServeRunsTasksWithoutWorkers() throws {
        XCTAssertEqual(try sql("""
            create database d; create table d.public.log (msg string);
            create task d.public.tick schedule = '1 minute' as insert into d.public.log values ('tick');
            alter task d.public.tick resume
            """).status, 0)
        let serve = try RunningProgram(snowlite, ["serve", "--in-process", "--time-scale", "60", "--poll-interval", "0.05", "--no-dashboard"],
                                       home: home)
        var workers: [Int32] = []
        let ran = serve.wait(timeout: 8) { text in
            workers += Self.children(of: serve.process.processIdentifier, running: "run-claimed")
            return text.contains("D.PUBLIC.TICK SUCCEEDED (run ")
        }
        XCTAssertTrue(ran, serve.text)
        XCTAssertEqual(workers, [])
        XCTAssertEqual(serve.terminate(timeout: 10), 0)
    }
}
