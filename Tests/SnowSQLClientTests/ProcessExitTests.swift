// ProcessExitTests: the built snowsql closes its account's connection and exits without tearing
// down the rest (ClientLauncher's exitWithoutTeardown). What a process committed is there for the
// next one, what it left uncommitted is not, the log is in the file, its output is whole, and its
// exit code is the script's.

import Foundation
import SnowliteTesting
import XCTest

final class ProcessExitTests: XCTestCase {
    func testCommittedWorkOutlivesTheProcessAndUncommittedWorkDoesNot() throws {
        let snowsql = try BuiltProgram.locate("snowsql")
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("exit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let options = ["-o", "friendly=false", "-o", "timing=false", "-o", "output_format=csv", "-o", "header=false"]

        let write = try snowsql.run(options + ["-q", """
            create database d; create table d.public.t (n int); insert into d.public.t values (1), (2);
            begin; insert into d.public.t values (3); select count(*) from d.public.t
            """], home: home)
        XCTAssertEqual(write.status, 0, write.stderr)
        XCTAssertTrue(write.stdout.hasSuffix("3\n"), write.stdout)
        // The connection was closed before the exit: the log is in the file, and the next start has no log to read.
        let file = home.appendingPathComponent("snowlite.sqlite").path
        let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        XCTAssertGreaterThan(size, 100_000)
        let log = (try? FileManager.default.attributesOfItem(atPath: file + "-wal")[.size] as? Int) ?? 0
        XCTAssertEqual(log, 0, "the log is removed as SQLite closes the file's last connection")

        let read = try snowsql.run(options + ["-q", "select listagg(n, ',') within group (order by n) from d.public.t"], home: home)
        XCTAssertEqual(read.status, 0, read.stderr)
        XCTAssertEqual(read.stdout, "\"1,2\"\n")

        let failing = try snowsql.run(options + ["-o", "exit_on_error=true", "-q", "select * from d.public.nowhere"], home: home)
        XCTAssertNotEqual(failing.status, 0)
        XCTAssertTrue(failing.stderr.contains("002003") || failing.stdout.contains("002003"), failing.stdout + failing.stderr)
    }
}
