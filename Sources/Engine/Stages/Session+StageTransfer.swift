// Session+StageTransfer: PUT and GET as a driver client runs them (`snowlite serve`). Snowflake's
// clients move the bytes themselves: the server only checks the statement and describes the
// transfer, then the client uploads each file to (or downloads it from) a URL the server gave.
// These are the engine's halves of that: checking a PUT or GET as executing it would (the stage
// exists, the role may write or read it, the options are valid), storing an uploaded file, and
// listing and reading the files a GET fetches. Each is one transaction; the privilege is checked
// again at every upload and download, since the grant may have changed in between.

import Foundation
import GRDB
import SnowSQL

/// What a PUT asks for, once checked.
public struct StageUpload: Sendable, Equatable {
    public var location: StageLocation
    public var overwrite: Bool
    public var autoCompress: Bool
    /// SOURCE_COMPRESSION as written (AUTO_DETECT, GZIP, NONE, …).
    public var sourceCompression: String
}

/// A staged file a GET fetches: its path on the stage and its size.
public struct StagedFile: Sendable, Equatable {
    public var path: String
    public var size: Int64
    /// The file name a client writes it under.
    public var name: String { (path as NSString).lastPathComponent }
}

extension Session {
    /// Checks a PUT (stage, WRITE privilege, options) without reading any local file.
    public func prepareUpload(_ put: Put) throws -> StageUpload {
        let options = try PutOptions(put.options)
        _ = try store.queue.read { db in try Executor(session: self, db: db).resolveStage(put.stage, operation: "PUT", privilege: .write) }
        return StageUpload(location: put.stage, overwrite: options.overwrite, autoCompress: options.autoCompress,
                           sourceCompression: options.sourceCompression)
    }

    /// Stores an uploaded file as `name` under the PUT's location. Returns false, storing nothing,
    /// when the file exists and `overwrite` is not set.
    public func storeUpload(_ upload: StageUpload, name: String, content: [UInt8], overwrite: Bool) throws -> Bool {
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
            throw SnowflakeError.unsupported("an uploaded file name with '/'")
        }
        return try store.queue.write { db in
            let executor = Executor(session: self, db: db)
            let stage = try executor.resolveStage(upload.location, operation: "PUT", privilege: .write)
            let path = Executor.stagePath(upload.location.path, name)
            if !overwrite, try executor.catalog.stageFile(stage: stage, path: path) != nil { return false }
            try executor.catalog.putStageFile(stage: stage, path: path, content: content,
                                              lastModified: Executor.lastModified(clock()))
            return true
        }
    }

    /// True when a file `name` exists under the PUT's location.
    public func uploadExists(_ upload: StageUpload, name: String) throws -> Bool {
        try store.queue.read { db in
            let executor = Executor(session: self, db: db)
            let stage = try executor.resolveStage(upload.location, operation: "PUT", privilege: .write)
            return try executor.catalog.stageFile(stage: stage, path: Executor.stagePath(upload.location.path, name)) != nil
        }
    }

    /// The files a GET fetches (stage, READ privilege, PATTERN), by path.
    public func prepareDownload(_ get: GetFiles) throws -> [StagedFile] {
        try store.queue.read { db in
            let executor = Executor(session: self, db: db)
            let stage = try executor.resolveStage(get.stage, operation: "GET", privilege: .read)
            let pattern = get.options.first { $0.name == "PATTERN" }.map { $0.value.text }
            return try executor.selectFiles(stage, get.stage, pattern: pattern).map { StagedFile(path: $0.path, size: $0.size) }
        }
    }

    /// A staged file's bytes, for a download of a GET at `location`; nil when it is gone.
    public func downloadContent(_ location: StageLocation, path: String) throws -> [UInt8]? {
        try store.queue.read { db in
            let executor = Executor(session: self, db: db)
            let stage = try executor.resolveStage(location, operation: "GET", privilege: .read)
            guard let file = try executor.catalog.stageFile(stage: stage, path: path) else { return nil }
            return Array(try executor.catalog.blob(md5: file.md5))
        }
    }
}
