// ClientCommandPlacementTests: PUT and GET move files on the client's machine, so only a client's
// own statement runs them (issue 17, item 2): inside a block, EXECUTE IMMEDIATE, a procedure (of
// either rights) or a task they fail with Snowflake's 090236, and nothing is staged or written.

import Foundation
import XCTest
@testable import Engine

final class ClientCommandPlacementTests: EngineTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("placement-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "secret\n".write(to: folder.appendingPathComponent("local.txt"), atomically: true, encoding: .utf8)
        try script("""
            create database d;
            create stage st
            """)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
        try super.tearDownWithError()
    }

    private var put: String { "put 'file://\(folder.path)/local.txt' @st auto_compress = false" }
    private var get: String { "get @st 'file://\(folder.path)/out/'" }
    private let putRefused = "090236 (42601): Stored procedure execution error: Unsupported statement type 'PUT_FILES'"
    private let getRefused = "090236 (42601): Stored procedure execution error: Unsupported statement type 'GET_FILES'"

    func testPutAndGetRunAsAClientsOwnStatements() throws {
        XCTAssertEqual(try cells(put).map { $0[0] }, ["local.txt"])
        XCTAssertEqual(try cells(get).map { $0[0] }, ["local.txt"])
    }

    func testExecuteImmediateRefusesThem() throws {
        assertError("execute immediate $$\(put)$$", putRefused)
        assertError("execute immediate $$\(get)$$", getRefused)
        XCTAssertEqual(try cells("list @st"), [])
    }

    func testBlocksAndProceduresRefuseThem() throws {
        let uncaught = "090236 (42601): Uncaught exception of type 'STATEMENT_ERROR' on line 1 at position 6 : "
            + "Stored procedure execution error: Unsupported statement type 'PUT_FILES'"
        assertError("execute immediate $$begin \(put); end$$", uncaught)
        for rights in ["owner", "caller"] {
            try run("create or replace procedure p() returns string language sql execute as \(rights) as $$begin \(put); return 'x'; end$$")
            assertError("call p()", uncaught)
        }
        XCTAssertEqual(try cells("list @st"), [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }
}
