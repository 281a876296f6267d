// TaskCommandTests: tasks through the built programs, as a user runs them — `snowsql` creates a
// task and runs EXECUTE TASK (which returns at once; the client runs the queued run before it
// exits), `snowlite tasks wait` waits, and TASK_HISTORY shows SUCCEEDED with the row inserted; a
// task owner — a role, or an installed application whose ENABLE_RESOURCE creates, resumes and
// executes its task — without EXECUTE TASK cannot RESUME (091089); `snowlite serve` with its clock sped up
// (`--time-scale 60`) runs a one-minute task twice in about two seconds and stops on SIGTERM;
// a run still going after `--grace` is CANCELLED while `tasks wait` times out; `snowlite` without a
// subcommand is still snowsql.

import Foundation
import SnowliteTesting
import XCTest

/// A built program left running in the background (`snowlite serve`), its output gathered as it comes.
final class RunningProgram: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var output = ""

    init(_ program: BuiltProgram, _ arguments: [String], home: URL) throws {
        process.executableURL = program.url
        process.arguments = arguments
        process.currentDirectoryURL = home
        process.environment = ["HOME": home.path, "SNOWLITE_HOME": home.path, "PATH": "/usr/bin:/bin"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            self?.lock.withLock { self?.output += text }
        }
        try process.run()
    }

    var text: String { lock.withLock { output } }

    /// Waits until `predicate` holds for the output so far, at most `timeout` seconds.
    func wait(timeout: TimeInterval, until predicate: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if predicate(text) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return predicate(text)
    }

    /// Sends SIGTERM and waits for the exit status, at most `timeout` seconds (nil: still running).
    func terminate(timeout: TimeInterval) -> Int32? {
        process.terminate()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            return nil
        }
        Thread.sleep(forTimeInterval: 0.1)  // the last output
        return process.terminationStatus
    }
}

final class TaskCommandTests: XCTestCase {
    private var home: URL!
    private var snowsql: BuiltProgram!
    private var snowlite: BuiltProgram!

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("snowlite-tasks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        snowsql = try BuiltProgram.locate("snowsql")
        snowlite = try BuiltProgram.locate("snowlite")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: home)
    }

    /// snowsql with plain output: CSV without header, footer or banner.
    private func sql(_ text: String) throws -> BuiltProgram.Output {
        try snowsql.run(["-o", "friendly=false", "-o", "output_format=csv", "-o", "header=false", "-o", "timing=false", "-q", text],
                        home: home)
    }

    private func setUpLog() throws {
        XCTAssertEqual(try sql("create database d; create table d.public.log (msg string)").status, 0)
    }

    func testExecuteTaskThenWaitShowsTheRunSucceeded() throws {
        try setUpLog()
        let created = try sql("""
            create task d.public.hello warehouse = compute_wh as insert into d.public.log values ('hello');
            execute task d.public.hello
            """)
        XCTAssertEqual(created.stdout, "Task HELLO successfully created.\nStatement executed successfully.\n")
        XCTAssertEqual(created.status, 0)
        let waited = try snowlite.run(["tasks", "wait", "d.public.hello", "--timeout", "10"], home: home)
        XCTAssertEqual([waited.stdout, waited.stderr], ["", ""])
        XCTAssertEqual(waited.status, 0)
        let checked = try sql("""
            select msg from d.public.log;
            select name, state, scheduled_from, error_code from table(d.information_schema.task_history())
            """)
        XCTAssertEqual(checked.stdout, "hello\nHELLO,SUCCEEDED,EXECUTE_TASK,NULL\n")
        // Nothing is left to run.
        XCTAssertEqual(try snowlite.run(["tasks", "run-due"], home: home).stdout, "0 task run(s).\n")
    }

    func testResumeNeedsExecuteTaskForTheOwner() throws {
        try setUpLog()
        let output = try sql("""
            create role worker; grant usage on database d to role worker; grant usage on schema d.public to role worker;
            grant create task on schema d.public to role worker; grant role worker to user snowlite; use role worker;
            create task d.public.w schedule = '1 minute' as select 1;
            alter task d.public.w resume
            """)
        XCTAssertTrue(output.stdout.hasSuffix("""
            Task W successfully created.
            091089 (23001): Cannot execute task , EXECUTE TASK privilege must be granted to owner role

            """), output.stdout)
    }

    /// An application whose ENABLE_RESOURCE, like the connector's, creates a task on the consumer's
    /// bound warehouse, resumes it and runs EXECUTE TASK.
    static let manifest = """
        manifest_version: 1
        artifacts:
          setup_script: setup.sql
        privileges:
          - EXECUTE TASK:
              description: "Runs the ingestion task"
        references:
          - warehouse_reference:
              label: "Warehouse"
              description: "Runs the ingestion task"
              privileges: [USAGE]
              object_type: WAREHOUSE
              register_callback: public.register_reference
        """
    static let setup = """
        create or alter versioned schema public;
        create schema if not exists tasks;
        create table if not exists tasks.log (msg string);
        create application role app_user;
        grant usage on schema public to application role app_user;
        create procedure public.register_reference(ref_name string, operation string, ref_or_alias string)
          returns string language sql as 'select system$set_reference(:ref_name, :ref_or_alias)';
        create procedure public.enable_resource()
          returns string language sql as $$
          begin
            create or replace task tasks.ingest warehouse = reference('warehouse_reference') schedule = '30 minutes'
              as insert into tasks.log values ('ingested');
            alter task tasks.ingest resume;
            execute task tasks.ingest;
            return 'enabled';
          end;
          $$;
        create procedure public.ingested() returns string language sql as 'select count(*)::string from tasks.log';
        grant usage on procedure public.register_reference(string, string, string) to application role app_user;
        grant usage on procedure public.enable_resource() to application role app_user;
        grant usage on procedure public.ingested() to application role app_user;
        """

    func testAnApplicationWithoutExecuteTaskCannotResumeItsTask() throws {
        for (name, text) in ["manifest.yml": Self.manifest, "setup.sql": Self.setup] {
            try text.write(to: home.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try """
            create warehouse xs;
            create database stage_db;
            create stage stage_db.public.artifacts;
            put 'file://manifest.yml' @stage_db.public.artifacts/v1 auto_compress = false;
            put 'file://setup.sql' @stage_db.public.artifacts/v1 auto_compress = false;
            create application package pkg;
            alter application package pkg add version v1 using @stage_db.public.artifacts/v1;
            create application app from application package pkg using version v1;
            call app.public.register_reference('warehouse_reference', 'ADD', system$reference('warehouse', 'xs', 'persistent', 'usage'));
            call app.public.enable_resource();
            grant execute task on account to application app;
            call app.public.enable_resource();
            """.write(to: home.appendingPathComponent("install.sql"), atomically: true, encoding: .utf8)
        let install = try snowsql.run(["-o", "friendly=false", "-o", "output_format=csv", "-o", "header=false", "-o", "timing=false",
                                       "-f", "install.sql"], home: home)
        XCTAssertTrue(install.stdout.hasSuffix("""
            091089 (23001): Uncaught exception of type 'STATEMENT_ERROR' on line 5 at position 4 : Cannot execute task , EXECUTE TASK privilege must be granted to owner role
            Statement executed successfully.
            enabled

            """), install.stdout)
        XCTAssertEqual(try snowlite.run(["tasks", "wait", "--timeout", "10"], home: home).status, 0)
        XCTAssertEqual(try sql("call app.public.ingested()").stdout, "1\n")
    }

    func testServeRunsAOneMinuteTaskTwiceAndStopsOnSIGTERM() throws {
        try setUpLog()
        XCTAssertEqual(try sql("""
            create task d.public.every schedule = '1 minute' as insert into d.public.log values ('tick');
            alter task d.public.every resume
            """).status, 0)
        let serve = try RunningProgram(snowlite, ["serve", "--time-scale", "60", "--poll-interval", "0.1", "--dashboard-port", "0"],
                                       home: home)
        let ranTwice = serve.wait(timeout: 8) {
            $0.components(separatedBy: "D.PUBLIC.EVERY SUCCEEDED (run ").count - 1 >= 2 && $0.contains("Dashboard: http://")
        }
        // The dashboard serves beside the scheduler, on loopback.
        let dashboard = serve.text.split(separator: "\n").first { $0.hasPrefix("Dashboard: http://127.0.0.1:") }
        let port = dashboard.flatMap { $0.split(separator: ":").last?.split(separator: "/").first }.map(String.init) ?? "0"
        let page = try BuiltProgram(url: URL(fileURLWithPath: "/bin/bash")).run(["-c", """
            exec 3<>/dev/tcp/127.0.0.1/\(port) && printf 'GET / HTTP/1.0\\r\\nHost: 127.0.0.1:\(port)\\r\\n\\r\\n' >&3 && head -c 15 <&3
            """], home: home)
        XCTAssertEqual(page.stdout, "HTTP/1.1 200 OK", page.stderr)
        XCTAssertEqual(serve.terminate(timeout: 5), 0)
        XCTAssertTrue(ranTwice, serve.text)
        let lines = serve.text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("Dashboard: ") && !$0.hasPrefix("Driver: ") }
        XCTAssertEqual(lines.first, "Scheduler started for account SNOWLITE (\(home.path)/snowlite.sqlite).")
        XCTAssertEqual(lines.last, "Scheduler stopped.")
        XCTAssertTrue(lines.dropFirst().dropLast().allSatisfy { $0.hasPrefix("D.PUBLIC.EVERY SUCCEEDED (run ") && $0.hasSuffix(", SCHEDULE)") },
                      serve.text)
        let succeeded = lines.count - 2
        XCTAssertEqual(try sql("""
            select count(*) from d.public.log;
            select count(*) from table(d.information_schema.task_history(task_name => 'EVERY')) where state = 'SUCCEEDED'
            """).stdout, "\(succeeded)\n\(succeeded)\n")
    }

    func testARunPastTheGraceIsCancelledAndWaitTimesOut() throws {
        try setUpLog()
        XCTAssertEqual(try sql("""
            create task d.public.long schedule = '1 second'
            as execute immediate $$begin for i in 1 to 1000000 do insert into d.public.log values ('x'); end for; end$$;
            alter task d.public.long resume
            """).status, 0)
        let serve = try RunningProgram(snowlite, ["serve", "--poll-interval", "0.1", "--grace", "0.2", "--no-dashboard"], home: home)
        // The run has started once wait, with a short timeout, gives up on it.
        var waited = try snowlite.run(["tasks", "wait", "d.public.long", "--timeout", "0.2"], home: home)
        let deadline = Date().addingTimeInterval(8)
        while waited.status == 0 && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            waited = try snowlite.run(["tasks", "wait", "d.public.long", "--timeout", "0.2"], home: home)
        }
        XCTAssertEqual(waited.status, 1)
        XCTAssertEqual(waited.stderr, "Timed out after 0.2 s waiting for the runs of D.PUBLIC.LONG.\n")
        XCTAssertEqual(serve.terminate(timeout: 8), 0)
        XCTAssertTrue(serve.text.contains("D.PUBLIC.LONG CANCELLED (run "), serve.text)
        XCTAssertTrue(serve.text.hasSuffix(", SCHEDULE): 000604: SQL execution canceled\nScheduler stopped.\n"), serve.text)
        XCTAssertEqual(try sql("""
            select state, error_code, error_message from table(d.information_schema.task_history(task_name => 'LONG'))
            where state <> 'SCHEDULED'
            """).stdout, "CANCELLED,000604,SQL execution canceled\n")
        XCTAssertEqual(try snowlite.run(["tasks", "wait", "--timeout", "5"], home: home).status, 0)
    }

    func testSnowliteWithoutASubcommandIsSnowsql() throws {
        XCTAssertEqual(try snowlite.run(["-o", "friendly=false", "-q", "!print ok"], home: home).stdout, "ok\n")
        let help = try snowlite.run(["tasks", "--help"], home: home)
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("run-due") && help.stdout.contains("wait"), help.stdout)
        let missing = try snowlite.run(["tasks", "wait", "d.public.nope"], home: home)
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "002003 (02000): SQL compilation error:\nTask 'D.PUBLIC.NOPE' does not exist or not authorized.\n")
    }
}
