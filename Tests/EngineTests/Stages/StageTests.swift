// Stages: CREATE / DROP / SHOW / DESCRIBE STAGE with Snowflake's messages (`Stage area S successfully
// created.`), LIST with a case-sensitive path prefix and PATTERN, REMOVE, the files a stage loses
// when it is dropped or replaced (directly or with its database), the errors for missing stages and
// unsupported stage kinds, and the catalog API later issues read stage folders with. Files get onto
// stages through PUT here; PutGetTests covers PUT and GET themselves.

import Foundation
import GRDB
import SnowSQL
import XCTest
@testable import Engine

final class StageTests: EngineTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        try run("create database d")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("stage-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "manifest_version: 1\n".write(to: folder.appendingPathComponent("manifest.yml"), atomically: true, encoding: .utf8)
        try "create schema core;\n".write(to: folder.appendingPathComponent("setup.sql"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
        try super.tearDownWithError()
    }

    /// Puts the two files of the folder under `@stage/path`, uncompressed.
    private func putFolder(_ stage: String) throws {
        try run("PUT 'file://\(folder.path)/*' @\(stage) AUTO_COMPRESS = FALSE")
    }

    private func count(_ table: String) throws -> Int {
        try session.store.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    // MARK: - DDL

    func testCreateMessagesAndModifiers() throws {
        XCTAssertEqual(try status("create stage s"), "Stage area S successfully created.")
        XCTAssertEqual(try status("create stage if not exists s"), "S already exists, statement succeeded.")
        assertError("create stage s", "002002 (42710): SQL compilation error:\nObject 'S' already exists.")
        assertError("create or replace stage if not exists s",
                    "002060 (42601): SQL compilation error:\noptions IF NOT EXISTS and OR REPLACE are incompatible.")
        XCTAssertEqual(try status("create or replace stage s comment = 'again'"), "Stage area S successfully created.")
        // A temporary stage would replace the permanent one: refused (Session+TemporaryObjects.swift).
        assertError("create or replace temporary stage s", "002002 (42710): SQL compilation error:\nObject 'S' already exists.")
        XCTAssertEqual(try status("CREATE STAGE IF NOT EXISTS IDENTIFIER('d.public.artifacts')"),
                       "Stage area ARTIFACTS successfully created.")
        XCTAssertEqual(try status("drop stage s"), "S successfully dropped.")
        XCTAssertEqual(try status("drop stage if exists s"), "Drop statement executed successfully (S already dropped).")
        assertError("drop stage s", "002003 (02000): SQL compilation error:\nStage 'S' does not exist or not authorized.")
    }

    func testStagesAreTheirOwnKindOfSchemaObject() throws {
        try run("create table t (a int)")
        XCTAssertEqual(try status("create stage t"), "Stage area T successfully created.")
        XCTAssertEqual(try status("drop stage t"), "T successfully dropped.")
        XCTAssertEqual(try cells("select count(*) from t"), [["0"]])
    }

    func testPropertiesInAnyOrderAndCase() throws {
        try run("""
            create stage s comment = 'app files' Encryption = (TYPE = 'SNOWFLAKE_SSE') directory = (enable = true)
              file_format = (type = json strip_outer_array = true) copy_options = (on_error = continue)
            """)
        let show = try run("show stages")
        XCTAssertEqual(show.columns.map(\.name), [
            "created_on", "name", "database_name", "schema_name", "url", "has_credentials", "has_encryption_key", "owner",
            "comment", "region", "type", "cloud", "notification_channel", "storage_integration", "endpoint", "owner_role_type",
            "directory_enabled",
        ])
        XCTAssertEqual(show.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [
            ["2026-01-02 03:04:05.678 +0000", "S", "D", "PUBLIC", "", "N", "N", "ACCOUNTADMIN", "app files", "NULL", "INTERNAL",
             "NULL", "NULL", "NULL", "NULL", "ROLE", "Y"],
        ])
        XCTAssertEqual(try cells("desc stage s"), [
            ["STAGE_FILE_FORMAT", "TYPE", "String", "JSON", "CSV"],
            ["STAGE_FILE_FORMAT", "FIELD_DELIMITER", "String", ",", ","],
            ["STAGE_FILE_FORMAT", "SKIP_HEADER", "Integer", "0", "0"],
            ["STAGE_FILE_FORMAT", "COMPRESSION", "String", "AUTO", "AUTO"],
            ["STAGE_COPY_OPTIONS", "ON_ERROR", "String", "CONTINUE", "ABORT_STATEMENT"],
            ["STAGE_COPY_OPTIONS", "PURGE", "Boolean", "false", "false"],
            ["STAGE_LOCATION", "URL", "String", "", ""],
            ["DIRECTORY", "ENABLE", "Boolean", "true", "false"],
            ["DIRECTORY", "AUTO_REFRESH", "Boolean", "false", "false"],
        ])
        XCTAssertEqual(try run("describe stage d.public.s").columns.map(\.name),
                       ["parent_property", "property", "property_type", "property_value", "property_default"])
        assertError("desc stage nope", "002003 (02000): SQL compilation error:\nStage 'NOPE' does not exist or not authorized.")
    }

    func testShowStagesLikeAndIn() throws {
        try script("create stage artifacts;\ncreate stage other;\ncreate schema s2;\ncreate temporary stage in_s2")
        // CREATE SCHEMA made D.S2 the current schema.
        XCTAssertEqual(try cells("show stages").map { [$0[1], $0[3], $0[10]] }, [["IN_S2", "S2", "INTERNAL TEMPORARY"]])
        XCTAssertEqual(try cells("show stages like 'ART%' in schema d.public").map { $0[1] }, ["ARTIFACTS"])
        XCTAssertEqual(try cells("show stages in database d").map { $0[1] }, ["ARTIFACTS", "OTHER", "IN_S2"])
        XCTAssertEqual(try cells("show stages in account starts with 'O'").map { $0[1] }, ["OTHER"])
    }

    func testExternalStagesAndOtherStageKindsAreUnsupported() throws {
        assertError("create stage ext url = 's3://bucket/path/' storage_integration = si",
                    "001003 (42000): SQL compilation error:\nUnsupported feature 'external stage: only internal stages are emulated'.")
        assertError("list @~", "001003 (42000): SQL compilation error:\nUnsupported feature 'user stage @~'.")
        assertError("list @%t/x", "001003 (42000): SQL compilation error:\nUnsupported feature 'table stage @%t'.")
        assertError("create stage s bogus = 1", "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 15 unexpected 'bogus'.")
    }

    func testUnqualifiedNamesNeedACurrentDatabase() throws {
        session = try makeSession()
        assertError("create stage s", "090105 (22000): Cannot perform CREATE STAGE. This session does not have a current database. "
                    + "Call 'USE DATABASE', or use a qualified name.")
        assertError("list @s", "090105 (22000): Cannot perform LIST. This session does not have a current database. "
                    + "Call 'USE DATABASE', or use a qualified name.")
        assertError("create stage nodb.public.s", "002003 (02000): SQL compilation error:\nDatabase 'NODB' does not exist or not authorized.")
    }

    // MARK: - LIST

    func testListNamesStartWithTheLowerCasedStageName() throws {
        try run("create stage Artifacts")
        try putFolder("d.public.artifacts/V_1_0_0")
        let list = try run("list @artifacts")
        XCTAssertEqual(list.columns.map(\.name), ["name", "size", "md5", "last_modified"])
        XCTAssertEqual(list.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [
            ["artifacts/V_1_0_0/manifest.yml", "20", "c8ffecb6aeba6cf89194ada84a02693f", "Fri, 2 Jan 2026 03:04:05 GMT"],
            ["artifacts/V_1_0_0/setup.sql", "20", "7c799580f8ecf018dc394c58cda96f7f", "Fri, 2 Jan 2026 03:04:05 GMT"],
        ])
        XCTAssertEqual(try cells("ls @D.PUBLIC.ARTIFACTS/").count, 2)
        XCTAssertEqual(try cells("list '@artifacts/V_1_0_0/setup.sql'").map { $0[0] }, ["artifacts/V_1_0_0/setup.sql"])
    }

    func testListPrefixIsCaseSensitiveAndPatternMatchesWholeNames() throws {
        try run("create stage s")
        try putFolder("s/V_1_0_0")
        try putFolder("s/V_2_0_0")
        XCTAssertEqual(try cells("list @s/v_1_0_0"), [])
        XCTAssertEqual(try cells("list @s/V_1").map { $0[0] }, ["s/V_1_0_0/manifest.yml", "s/V_1_0_0/setup.sql"])
        XCTAssertEqual(try cells("list @s pattern = '.*[.]yml'").map { $0[0] }, ["s/V_1_0_0/manifest.yml", "s/V_2_0_0/manifest.yml"])
        XCTAssertEqual(try cells("list @s PATTERN='V_2.*'").map { $0[0] }, ["s/V_2_0_0/manifest.yml", "s/V_2_0_0/setup.sql"])
        XCTAssertEqual(try cells("list @s pattern = 'yml'"), [])
        assertError("list @s pattern = '(['", "100048 (2201B): Invalid regular expression: '(['")
    }

    func testMissingStage() throws {
        assertError("list @nope", "002003 (02000): SQL compilation error:\nStage 'D.PUBLIC.NOPE' does not exist or not authorized.")
        assertError("rm @d.public.nope/x", "002003 (02000): SQL compilation error:\nStage 'D.PUBLIC.NOPE' does not exist or not authorized.")
    }

    // MARK: - REMOVE

    func testRemoveByPathAndPattern() throws {
        try run("create stage s")
        try putFolder("s/a")
        try putFolder("s/b")
        let removed = try run("remove @s/a/setup.sql")
        XCTAssertEqual(removed.columns.map(\.name), ["name", "result"])
        XCTAssertEqual(removed.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [["s/a/setup.sql", "removed"]])
        XCTAssertEqual(try cells("rm @s pattern = '.*manifest.*'"), [["s/a/manifest.yml", "removed"], ["s/b/manifest.yml", "removed"]])
        XCTAssertEqual(try cells("list @s").map { $0[0] }, ["s/b/setup.sql"])
        XCTAssertEqual(try cells("remove @s/nothing"), [])
        // Content stays stored while another file holds it, and goes with the last one.
        XCTAssertEqual(try count("sl_blob"), 1)
        try run("rm @s")
        XCTAssertEqual(try count("sl_blob"), 0)
    }

    // MARK: - Files go with their stage

    func testDropAndReplaceDeleteTheFiles() throws {
        try run("create stage s")
        try putFolder("s")
        XCTAssertEqual(try count("sl_stage_file"), 2)
        try run("create or replace stage s")
        XCTAssertEqual(try cells("list @s"), [])
        XCTAssertEqual(try count("sl_stage_file"), 0)
        try putFolder("s")
        try run("drop stage s")
        XCTAssertEqual(try count("sl_stage_file"), 0)
        try run("create stage s")
        try putFolder("s")
        try run("drop database d")
        XCTAssertEqual(try count("sl_stage_file"), 0)
        XCTAssertEqual(try count("sl_blob"), 0)
        try run("create database d")
        try run("create stage s")
        XCTAssertEqual(try cells("list @s"), [])
    }

    func testRolledBackPutLeavesNoFiles() throws {
        try run("create stage s")
        try run("begin")
        try putFolder("s")
        try run("rollback")
        XCTAssertEqual(try cells("list @s"), [])
    }

    // MARK: - Catalog API

    func testStageFilesAndBlobsForLaterReaders() throws {
        try run("create stage artifacts")
        try putFolder("artifacts/V_1_0_0")
        try putFolder("artifacts/V_2_0_0")
        let (files, manifest) = try session.store.queue.read { db -> ([StageFile], Data) in
            let executor = Executor(session: session, db: db)
            let stage = try executor.resolveStage(StageLocation(stage: .named(.parts([Identifier("ARTIFACTS")]))), operation: "LIST")
            let files = try executor.catalog.stageFiles(stage: stage, prefix: "V_1_0_0/")
            return (files, try executor.catalog.blob(md5: files[0].md5))
        }
        XCTAssertEqual(files.map(\.path), ["V_1_0_0/manifest.yml", "V_1_0_0/setup.sql"])
        XCTAssertEqual(files.map(\.size), [20, 20])
        XCTAssertEqual(String(decoding: manifest, as: UTF8.self), "manifest_version: 1\n")
    }
}
