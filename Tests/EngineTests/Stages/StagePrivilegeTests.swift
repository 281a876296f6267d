// Stage privileges: CREATE STAGE on the schema to create, READ to LIST and GET, WRITE to PUT and
// REMOVE, OWNERSHIP to DROP or replace; a stage the role holds nothing on is invisible (002003)
// and missing from SHOW STAGES.

import Foundation
import XCTest
@testable import Engine

final class StagePrivilegeTests: AccessControlTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("""
            create database d;
            create stage artifacts;
            grant usage on database d to role analyst;
            grant usage on schema d.public to role analyst
            """)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("stage-privileges-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: folder.appendingPathComponent("a.txt"))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testPrivilegesGateEveryStageStatement() throws {
        asAnalyst()
        try run("use schema d.public")
        assertError("list @artifacts", "002003 (02000): SQL compilation error:\nStage 'D.PUBLIC.ARTIFACTS' does not exist or not authorized.")
        XCTAssertEqual(try run("show stages").rows.count, 0)
        assertError("create stage mine", insufficient("schema", "PUBLIC"))

        asAdmin()
        try run("grant read on stage d.public.artifacts to role analyst")
        asAnalyst()
        XCTAssertEqual(try run("list @artifacts").rows.count, 0)
        XCTAssertEqual(try run("show stages").column("name"), [.string("ARTIFACTS")])
        assertError("put 'file://\(folder.path)/a.txt' @artifacts auto_compress = false", insufficient("stage", "ARTIFACTS"))
        assertError("drop stage artifacts", insufficient("stage", "ARTIFACTS"))

        asAdmin()
        try run("grant write on stage d.public.artifacts to role analyst")
        try run("grant create stage on schema d.public to role analyst")
        asAnalyst()
        XCTAssertEqual(try run("put 'file://\(folder.path)/a.txt' @artifacts auto_compress = false").column("status"), [.string("UPLOADED")])
        XCTAssertEqual(try status("create stage mine"), "Stage area MINE successfully created.")
        XCTAssertEqual(try status("drop stage mine"), "MINE successfully dropped.")
    }
}
