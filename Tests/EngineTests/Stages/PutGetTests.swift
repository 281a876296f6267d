// PUT and GET against local files: the quickstart's relative `'file://sf_build/*'` (resolved against
// the working directory, which each test restores), absolute and unquoted `file:///…` URLs, `*` and
// `?` globs in the last component, AUTO_COMPRESS (the stored `.gz` must gunzip to the original),
// SOURCE_COMPRESSION, OVERWRITE and SKIPPED, the connector's errors for missing files and
// directories, and GET writing files into a directory it creates.

import Foundation
import GRDB
import XCTest
@testable import Engine

final class PutGetTests: EngineTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("create database d;\ncreate stage s")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("put-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sf_build"), withIntermediateDirectories: true)
        try write("sf_build/manifest.yml", "manifest_version: 1\n")
        try write("sf_build/setup.sql", "create schema core;\n")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
        try super.tearDownWithError()
    }

    private func write(_ relative: String, _ text: String) throws {
        try text.write(to: folder.appendingPathComponent(relative), atomically: true, encoding: .utf8)
    }

    private var build: String { folder.appendingPathComponent("sf_build").path }

    /// The stored bytes of a staged file.
    private func stored(_ path: String) throws -> [UInt8] {
        try session.store.queue.read { db in
            let md5 = try String.fetchOne(db, sql: "SELECT md5 FROM sl_stage_file WHERE stage_name = 'S' AND path = ?",
                                          arguments: [path]) ?? ""
            return Array(try Catalog(db: db).blob(md5: md5))
        }
    }

    // MARK: - PUT

    func testRelativeURLAsTheQuickstartSendsIt() throws {
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(folder.path)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let put = try run("PUT 'file://sf_build/*' @d.public.s/V_1_0_0 AUTO_COMPRESS = FALSE overwrite=true")
        XCTAssertEqual(put.columns.map(\.name), ["source", "target", "source_size", "target_size", "source_compression",
                                                 "target_compression", "status", "message"])
        XCTAssertEqual(put.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [
            ["manifest.yml", "manifest.yml", "20", "20", "NONE", "NONE", "UPLOADED", ""],
            ["setup.sql", "setup.sql", "20", "20", "NONE", "NONE", "UPLOADED", ""],
        ])
        XCTAssertEqual(put.producedRowCount, 2)
        XCTAssertEqual(try cells("list @s").map { $0[0] }, ["s/V_1_0_0/manifest.yml", "s/V_1_0_0/setup.sql"])
        XCTAssertEqual(String(decoding: try stored("V_1_0_0/setup.sql"), as: UTF8.self), "create schema core;\n")
    }

    func testUnquotedAbsoluteURLAndAutoCompressByDefault() throws {
        let put = try cells("put file://\(build)/manifest.yml @s")
        XCTAssertEqual(put.count, 1)
        XCTAssertEqual([put[0][0], put[0][1], put[0][2], put[0][4], put[0][5], put[0][6]],
                       ["manifest.yml", "manifest.yml.gz", "20", "NONE", "GZIP", "UPLOADED"])
        let gzip = try stored("manifest.yml.gz")
        XCTAssertEqual(put[0][3], String(gzip.count))
        XCTAssertEqual(Array(gzip.prefix(2)), [0x1f, 0x8b])
        XCTAssertEqual(String(decoding: try Gzip.decompress(gzip), as: UTF8.self), "manifest_version: 1\n")
        let list = try cells("list @s")
        XCTAssertEqual(list.map { [$0[0], $0[1]] }, [["s/manifest.yml.gz", String(gzip.count)]])
        XCTAssertEqual(list[0][2], Digests.hex(Digests.md5(gzip)))
        // The real gunzip agrees: the container is standard gzip.
        try run("get @s/manifest.yml.gz file://\(folder.path)/out")
        let gunzip = Process()
        gunzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gunzip.arguments = ["gunzip", folder.appendingPathComponent("out/manifest.yml.gz").path]
        try gunzip.run()
        gunzip.waitUntilExit()
        XCTAssertEqual(gunzip.terminationStatus, 0)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("out/manifest.yml"), encoding: .utf8), "manifest_version: 1\n")
    }

    func testAlreadyCompressedSourcesAreNotCompressedAgain() throws {
        let gzip = try Gzip.compress(Array("a,1\n".utf8))
        try Data(gzip).write(to: folder.appendingPathComponent("sf_build/data.csv.gz"))
        XCTAssertEqual(try cells("put 'file://\(build)/data.csv.gz' @s").map { [$0[1], $0[4], $0[5]] }, [["data.csv.gz", "GZIP", "GZIP"]])
        XCTAssertEqual(try stored("data.csv.gz"), gzip)
        XCTAssertEqual(try cells("put 'file://\(build)/setup.sql' @s source_compression = gzip").map { [$0[1], $0[4], $0[5]] },
                       [["setup.sql", "GZIP", "GZIP"]])
        XCTAssertEqual(try cells("put 'file://\(build)/setup.sql' @s/x SOURCE_COMPRESSION = NONE PARALLEL = 4").map { [$0[1], $0[5]] },
                       [["setup.sql.gz", "GZIP"]])
        assertError("put 'file://\(build)/setup.sql' @s source_compression = lzma",
                    "001007 (22023): SQL compilation error:\ninvalid value [LZMA] for parameter 'SOURCE_COMPRESSION'")
        assertError("put 'file://\(build)/setup.sql' @s overwrite = maybe",
                    "001007 (22023): SQL compilation error:\ninvalid value [MAYBE] for parameter 'OVERWRITE'")
    }

    func testExistingFilesAreSkippedUnlessOverwrite() throws {
        let put = "put 'file://\(build)/*' @s auto_compress = false"
        try run(put)
        // Identical content: skipped, target size 0.
        XCTAssertEqual(try cells(put).map { [$0[0], $0[3], $0[6]] }, [["manifest.yml", "0", "SKIPPED"], ["setup.sql", "0", "SKIPPED"]])
        // Changed content without OVERWRITE: skipped too, the staged file keeps its content.
        try write("sf_build/manifest.yml", "manifest_version: 2\n")
        XCTAssertEqual(try cells(put).map { $0[6] }, ["SKIPPED", "SKIPPED"])
        XCTAssertEqual(try cells("list @s/manifest").map { $0[2] }, ["c8ffecb6aeba6cf89194ada84a02693f"])
        // OVERWRITE = TRUE replaces every file, changed or not.
        XCTAssertEqual(try cells(put + " OVERWRITE = TRUE").map { [$0[0], $0[3], $0[6]] },
                       [["manifest.yml", "20", "UPLOADED"], ["setup.sql", "20", "UPLOADED"]])
        XCTAssertEqual(try cells("list @s/manifest").map { $0[2] }, ["0fd5d5732100d6fc96bda1654d174be2"])
        // The replaced content is no longer stored.
        XCTAssertEqual(try session.store.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sl_blob") }, 2)
    }

    func testGlobsMatchInTheLastComponentOnly() throws {
        try write("sf_build/a1.csv", "a,1\n")
        try write("sf_build/a2.csv", "a,2\n")
        try write("sf_build/b10.csv", "b,10\n")
        try write("sf_build/.hidden", "h\n")
        XCTAssertEqual(try cells("put 'file://\(build)/a?.csv' @s auto_compress=false").map { $0[0] }, ["a1.csv", "a2.csv"])
        XCTAssertEqual(try cells("put 'file://\(build)/*.csv' @s/all auto_compress=false").map { $0[0] }, ["a1.csv", "a2.csv", "b10.csv"])
        XCTAssertEqual(try cells("put 'file://\(build)/*' @s/every auto_compress=false").map { $0[0] },
                       ["a1.csv", "a2.csv", "b10.csv", "manifest.yml", "setup.sql"])
        XCTAssertEqual(try cells("put 'file://\(build)/.h*' @s auto_compress=false").map { $0[0] }, [".hidden"])
    }

    func testMissingFilesAndDirectoriesAreClientErrors() throws {
        assertError("put 'file://\(build)/nothing*' @s", "253006: File doesn't exist: ['\(build)/nothing*']")
        assertError("put file://no_such_dir/x.csv @s", "253006: File doesn't exist: ['no_such_dir/x.csv']")
        assertError("put 'file://\(folder.path)/*' @s", "253006: Not a file but a directory: \(build)")
        assertError("put 'file://\(build)/*' @nope",
                    "002003 (02000): SQL compilation error:\nStage 'D.PUBLIC.NOPE' does not exist or not authorized.")
        assertError("put '/tmp/x' @s", "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 4 unexpected '/tmp/x'.")
        assertError("put 'file:///tmp/x' @~", "001003 (42000): SQL compilation error:\nUnsupported feature 'user stage @~'.")
        XCTAssertEqual(try cells("list @s"), [])
    }

    // MARK: - GET

    func testGetWritesFilesIntoADirectoryItCreates() throws {
        try run("put 'file://\(build)/*' @s/V_1_0_0 auto_compress = false")
        try run("put 'file://\(build)/setup.sql' @s/other auto_compress = false")
        let target = folder.appendingPathComponent("downloads/v1")
        let get = try run("GET @s/V_1_0_0 'file://\(target.path)/'")
        XCTAssertEqual(get.columns.map(\.name), ["file", "size", "status", "message"])
        XCTAssertEqual(get.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [
            ["manifest.yml", "20", "DOWNLOADED", ""],
            ["setup.sql", "20", "DOWNLOADED", ""],
        ])
        XCTAssertEqual(try String(contentsOf: target.appendingPathComponent("manifest.yml"), encoding: .utf8), "manifest_version: 1\n")
        XCTAssertEqual(try String(contentsOf: target.appendingPathComponent("setup.sql"), encoding: .utf8), "create schema core;\n")
        XCTAssertEqual(try cells("get @s file://\(target.path) pattern = '.*other.*'").map { $0[0] }, ["setup.sql"])
        XCTAssertEqual(try cells("get @s/nothing file://\(target.path)"), [])
        assertError("get @s 'file://\(build)/setup.sql'", "253005: The local path is not a directory: \(build)/setup.sql")
    }

    func testGetResolvesRelativeDirectoriesAgainstTheWorkingDirectory() throws {
        try run("put 'file://\(build)/manifest.yml' @s auto_compress = false")
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(folder.path)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        XCTAssertEqual(try cells("get @s file://fetched").map { $0[2] }, ["DOWNLOADED"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("fetched/manifest.yml").path))
    }

    // MARK: - Helpers

    func testWildcardMatching() {
        XCTAssertTrue(LocalFiles.wildcardMatch(Array("manifest.yml"), Array("*")))
        XCTAssertTrue(LocalFiles.wildcardMatch(Array("manifest.yml"), Array("*.y?l")))
        XCTAssertTrue(LocalFiles.wildcardMatch(Array("aXbXc"), Array("a*b*c")))
        XCTAssertFalse(LocalFiles.wildcardMatch(Array("abc"), Array("a?")))
        XCTAssertFalse(LocalFiles.wildcardMatch(Array("abc"), Array("*d")))
        XCTAssertTrue(LocalFiles.wildcardMatch(Array(""), Array("*")))
    }

    func testLastModifiedFormat() {
        XCTAssertEqual(Executor.lastModified(EngineTestCase.fixedDate), "Fri, 2 Jan 2026 03:04:05 GMT")
        XCTAssertEqual(Executor.lastModified(Date(timeIntervalSince1970: 1_683_548_027)), "Mon, 8 May 2023 12:13:47 GMT")
        XCTAssertEqual(Executor.stagePath("/V_1_0_0//", "a.yml"), "V_1_0_0/a.yml")
        XCTAssertEqual(Executor.stagePath("", "a.yml"), "a.yml")
    }
}
