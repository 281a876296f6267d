// Catalog+StageFiles: the files on internal stages, in the catalog. A file is a row of `sl_stage_file`
// (stage, case-sensitive path, size, md5, last_modified); its bytes live once per distinct content
// in `sl_blob`, keyed by md5, shared with application versions (`sl_app_version_file`). A blob is
// deleted when no stage file or version file names it any more.
//
// The API later issues use (ADD VERSION snapshots a stage folder):
//   `executor.resolveStage(location)` → the stage's ObjectRecord (Executor+Stages.swift),
//   `catalog.stageFiles(stage:prefix:)` → [StageFile] ordered by path,
//   `catalog.blob(md5:)` → the bytes.

import Foundation
import GRDB

/// One file on a stage: `path` is relative to the stage (`V_1_0_0/manifest.yml`), `md5` is the
/// lower-case hex digest of the stored bytes, `lastModified` as LIST prints it.
struct StageFile: Equatable {
    var path: String
    var size: Int64
    var md5: String
    var lastModified: String
}

extension Catalog {
    /// The files of `stage` whose path starts with `prefix` (case-sensitive; "" for all), ordered by path.
    func stageFiles(stage: ObjectRecord, prefix: String = "") throws -> [StageFile] {
        try Row.fetchAll(db, sql: """
            SELECT path, size, md5, last_modified FROM sl_stage_file
            WHERE database_name = ? AND schema_name = ? AND stage_name = ? AND substr(path, 1, length(?)) = ?
            ORDER BY path
            """, arguments: [stage.database, stage.schema, stage.name, prefix, prefix]).map(Catalog.stageFile)
    }

    /// The file at exactly `path` on `stage`, if any.
    func stageFile(stage: ObjectRecord, path: String) throws -> StageFile? {
        try Row.fetchOne(db, sql: """
            SELECT path, size, md5, last_modified FROM sl_stage_file
            WHERE database_name = ? AND schema_name = ? AND stage_name = ? AND path = ?
            """, arguments: [stage.database, stage.schema, stage.name, path]).map(Catalog.stageFile)
    }

    private static func stageFile(_ row: Row) -> StageFile {
        StageFile(path: row["path"], size: row["size"], md5: row["md5"], lastModified: row["last_modified"])
    }

    /// The bytes stored under `md5`. Throws an internal error when no blob has that digest, which
    /// only a damaged account file can cause.
    func blob(md5: String) throws -> Data {
        guard let content = try Data.fetchOne(db, sql: "SELECT content FROM sl_blob WHERE md5 = ?", arguments: [md5]) else {
            throw SnowflakeError.internalError("no stored content for md5 \(md5)")
        }
        return content
    }

    /// Stores `content` (once per distinct content) and returns its md5.
    @discardableResult
    func storeBlob(_ content: [UInt8]) throws -> String {
        let md5 = Digests.hex(Digests.md5(content))
        try db.execute(sql: "INSERT OR IGNORE INTO sl_blob (md5, content) VALUES (?, ?)", arguments: [md5, Data(content)])
        return md5
    }

    /// Writes (or replaces) the file at `path` on `stage`.
    func putStageFile(stage: ObjectRecord, path: String, content: [UInt8], lastModified: String) throws {
        let previous = try stageFile(stage: stage, path: path)
        let md5 = try storeBlob(content)
        try db.execute(sql: """
            INSERT OR REPLACE INTO sl_stage_file (database_name, schema_name, stage_name, path, size, md5, last_modified)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [stage.database, stage.schema, stage.name, path, content.count, md5, lastModified])
        if let previous, previous.md5 != md5 { try deleteUnusedBlob(previous.md5) }
    }

    /// Deletes the file at `path` on `stage`.
    func removeStageFile(stage: ObjectRecord, path: String) throws {
        guard let file = try stageFile(stage: stage, path: path) else { return }
        try db.execute(sql: "DELETE FROM sl_stage_file WHERE database_name = ? AND schema_name = ? AND stage_name = ? AND path = ?",
                       arguments: [stage.database, stage.schema, stage.name, path])
        try deleteUnusedBlob(file.md5)
    }

    /// Deletes every file of a stage (DROP STAGE, CREATE OR REPLACE STAGE, and drops of its schema or database).
    func removeAllStageFiles(of stage: ObjectRecord) throws {
        for file in try stageFiles(stage: stage) { try removeStageFile(stage: stage, path: file.path) }
    }

    private func deleteUnusedBlob(_ md5: String) throws {
        try db.execute(sql: """
            DELETE FROM sl_blob WHERE md5 = ?
              AND NOT EXISTS (SELECT 1 FROM sl_stage_file WHERE md5 = ?)
              AND NOT EXISTS (SELECT 1 FROM sl_app_version_file WHERE md5 = ?)
            """, arguments: [md5, md5, md5])
    }
}
