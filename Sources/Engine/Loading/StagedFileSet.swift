// StagedFileSet: the staged files a COPY or a staged-file query reads — the files under the
// location's path, narrowed by FILES (names relative to the location) or PATTERN (a regular
// expression the whole path must match) — and their content, decompressed as COMPRESSION says
// (AUTO: gzip when the bytes say so; GZIP; NONE). Other compressions are refused by name. Only
// Snowlite's internal stages hold files; reading needs READ on the stage.
// https://docs.snowflake.com/en/sql-reference/sql/copy-into-table#optional-parameters

import Foundation
import SnowSQL

/// One staged file to read: where it is, and the names COPY and METADATA$FILENAME give it.
struct LoadFile {
    var stage: ObjectRecord
    var file: StageFile
    /// COPY's `file` column: the lower-cased stage name and the path (`my_stage/data/a.csv.gz`).
    var listedName: String
    /// METADATA$FILENAME: the path relative to the stage (`data/a.csv.gz`).
    var path: String { file.path }
}

/// A file FILES names that the stage does not hold.
struct MissingStagedFile {
    var shownName: String
}

extension Executor {
    /// The files of `location` that FILES or PATTERN pick, in path order, and the FILES names not found.
    func stagedFiles(
        _ stage: ObjectRecord, _ location: StageLocation, files: [String]?,
        pattern: String?
    ) throws -> (found: [LoadFile], missing: [MissingStagedFile]) {
        let found: [StageFile]
        var missing: [MissingStagedFile] = []
        if let files {
            var picked: [StageFile] = []
            for name in files {
                let path = Executor.stagePath(location.path, name)
                if let file = try catalog.stageFile(stage: stage, path: path) {
                    if !picked.contains(file) { picked.append(file) }
                } else {
                    missing.append(MissingStagedFile(shownName: "@" + stage.name + "/" + path))
                }
            }
            found = picked
        } else {
            found = try selectFiles(stage, location, pattern: pattern)
        }
        return (found.map { LoadFile(stage: stage, file: $0, listedName: Executor.listedName(stage, $0.path)) }, missing)
    }

    /// The bytes of `file`, decompressed as `format`'s COMPRESSION says.
    func stagedContent(_ file: LoadFile, format: FileFormat) throws -> [UInt8] {
        let stored = [UInt8](try catalog.blob(md5: file.file.md5))
        let compression = format.text("COMPRESSION").uppercased()
        let gzipped = stored.starts(with: [0x1F, 0x8B])
        switch compression {
        case "AUTO" where gzipped, "GZIP":
            do { return try Gzip.decompress(stored) } catch {
                throw SnowflakeError.badCompressedFile(file.listedName, compression: "GZIP")
            }
        case "AUTO", "NONE": return stored
        default: throw SnowflakeError.unsupported("COMPRESSION = \(compression)")
        }
    }

    /// Refuses a format Snowlite cannot read (PARQUET: no Parquet reader is available to Swift here).
    static func requireReadable(_ format: FileFormat) throws {
        guard FileFormat.readableTypes.contains(format.type) else {
            throw SnowflakeError.unsupported("reading \(format.type) files (Snowlite reads CSV and JSON)")
        }
    }

    /// The line of text that starts at `offset`, as written (REJECTED_RECORD).
    static func lineText(at offset: Int, in bytes: [UInt8]) -> String {
        let start = min(max(offset, 0), bytes.count)
        var end = start
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        var text = String(decoding: bytes[start..<end], as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        return text
    }
}

/// Lines and characters of byte offsets in one file, for errors: offsets asked in increasing order
/// (as a file's errors come) cost only the bytes between them.
struct PlaceFinder {
    let bytes: [UInt8]
    private var scanned = 0
    private var line = 1
    private var lineStart = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The line (from 1) and character (from 1) of byte `offset`.
    mutating func place(of offset: Int) -> (line: Int, character: Int) {
        let end = min(max(offset, 0), bytes.count)
        if end < scanned { (scanned, line, lineStart) = (0, 1, 0) }
        for i in scanned..<end where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        scanned = end
        return (line, String(decoding: bytes[lineStart..<end], as: UTF8.self).count + 1)
    }
}
