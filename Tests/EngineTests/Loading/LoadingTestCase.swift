// LoadingTestCase: the base of the loading tests — a database D with a stage S, and files written
// into a temporary folder and PUT onto the stage (gzipped, as PUT does by default, or as written).

import Foundation
import XCTest

@testable import Engine

class LoadingTestCase: EngineTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("create database d;\ncreate stage s")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("loading-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
        try super.tearDownWithError()
    }

    /// Writes `bytes` as `name` and PUTs it onto `@s[/path]` (gzipped unless `compress` is false).
    func stage(_ name: String, _ bytes: [UInt8], path: String = "", compress: Bool = true) throws {
        let file = folder.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        try run("put 'file://\(file.path)' @s\(path.isEmpty ? "" : "/" + path) auto_compress = \(compress) overwrite = true")
    }

    func stage(_ name: String, _ text: String, path: String = "", compress: Bool = true) throws {
        try stage(name, Array(text.utf8), path: path, compress: compress)
    }

    /// A COPY's result rows, without the columns after `first_error_column_name`.
    func copied(_ sql: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[String]] {
        let result = try run(sql, file: file, line: line)
        XCTAssertEqual(
            result.columns.map(\.name),
            [
                "file", "status", "rows_parsed", "rows_loaded", "error_limit", "errors_seen",
                "first_error", "first_error_line", "first_error_character",
                "first_error_column_name",
            ], file: file, line: line)
        return result.rows.map { $0.map { $0.displayText() ?? "NULL" } }
    }
}
