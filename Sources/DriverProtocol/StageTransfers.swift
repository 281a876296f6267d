// StageTransfers: PUT and GET from a driver client (driver-protocol.md §9). The client moves the
// bytes itself, as it does against Snowflake on Google Cloud: the server answers the statement
// with a description of the transfer whose `presignedUrl` (or `presignedUrls`, one per file for a
// GET) points back at this server, `/stage-bucket/<grant>/…`, and the client then PUTs each file
// there (HEAD first for 5.x) or GETs it. A grant is a random token standing for one checked PUT
// or GET of one session; it is valid for an hour, and every upload and download is checked again
// against the stage's privileges as the session's role holds them then. Connector 4.x and 5.x
// both work this way (4.x asks again per file for a URL with the destination name; 5.x uses the
// one URL, which therefore already names the compressed file).

import Engine
import Foundation
import SnowSQL

final class StageGrants: @unchecked Sendable {
    enum Transfer {
        case upload(StageUpload)
        case download(StageLocation, [StagedFile])
    }

    struct Grant {
        var session: DriverSession
        var transfer: Transfer
        var issued: Date
    }

    static let validity: TimeInterval = 3600
    private let lock = NSLock()
    private var grants: [String: Grant] = [:]
    private let clock: @Sendable () -> Date

    init(clock: @escaping @Sendable () -> Date) {
        self.clock = clock
    }

    func issue(_ transfer: Transfer, for session: DriverSession) -> String {
        let token = DriverSessions.newToken()
        let now = clock()
        lock.withLock {
            grants = grants.filter { now.timeIntervalSince($0.value.issued) < StageGrants.validity }
            grants[token] = Grant(session: session, transfer: transfer, issued: now)
        }
        return token
    }

    func grant(_ token: String) -> Grant? {
        lock.withLock {
            guard let grant = grants[token], clock().timeIntervalSince(grant.issued) < StageGrants.validity else { return nil }
            return grant
        }
    }
}

enum StageTransfers {
    static let signedHeaders = "host%3Bx-goog-if-generation-match%3Bx-goog-meta-sfc-digest"

    /// `http://host:port/stage-bucket/<grant>/<path>?…`: a URL the 5.x client accepts as presigned.
    static func url(base: String, grant: String, path: String) -> String {
        let escaped = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#"))) ?? path
        return "\(base)/stage-bucket/\(grant)/\(escaped)?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-SignedHeaders=\(signedHeaders)&X-Goog-Signature=\(grant)"
    }

    /// The local path of `file:///tmp/x.csv` (or `file://x.csv`) as the client reads it.
    static func localPath(_ url: String) -> String {
        var path = url
        if path.lowercased().hasPrefix("file://") { path = String(path.dropFirst(7)) }
        return path
    }

    /// The name a file is stored under: compressed with gzip (`.gz`) unless it already is, or
    /// AUTO_COMPRESS is off.
    static func targetName(_ source: String, _ upload: StageUpload) -> String {
        let name = (source as NSString).lastPathComponent
        let compressed = [".gz", ".bz2", ".br", ".zst", ".deflate", ".raw_deflate"].contains { name.lowercased().hasSuffix($0) }
        let uncompressed = upload.sourceCompression == "NONE" || (upload.sourceCompression == "AUTO_DETECT" && !compressed)
        return upload.autoCompress && uncompressed ? name + ".gz" : name
    }

    /// True for a local file name that is a pattern (`*.csv`, `data?.txt`).
    static func isPattern(_ name: String) -> Bool { name.contains("*") || name.contains("?") }

    static func stageInfo(url: String, grant: String) -> WireJSON {
        .object([
            ("locationType", .string("GCS")), ("location", .string("snowlite-stage/\(grant)/")), ("path", .string("\(grant)/")),
            ("region", .string("US-CENTRAL1")), ("storageAccount", .null), ("isClientSideEncrypted", .bool(false)),
            ("creds", .object([])), ("presignedUrl", .string(url)), ("endPoint", .null),
            ("useRegionalUrl", .bool(false)), ("useVirtualUrl", .bool(false)),
        ])
    }

    /// The answer to a PUT: what to upload and where.
    static func uploadData(_ put: Put, upload: StageUpload, grant: String, base: String, queryID: String, session: Session) -> WireJSON {
        let source = localPath(put.fileURL)
        let url = self.url(base: base, grant: grant, path: targetName(source, upload))
        return .object([
            ("queryId", .string(queryID)), ("statementTypeId", .int(StatementType.put)), ("command", .string("UPLOAD")),
            ("src_locations", .array([.string(source)])), ("parallel", .int(4)), ("autoCompress", .bool(upload.autoCompress)),
            ("sourceCompression", .string(upload.sourceCompression.lowercased())), ("overwrite", .bool(upload.overwrite)),
            ("threshold", .int(200 * 1024 * 1024)), ("encryptionMaterial", .null), ("stageInfo", stageInfo(url: url, grant: grant)),
            ("presignedUrls", .array([])), ("rowtype", .array([])), ("rowset", .array([])), ("total", .int(0)),
        ] + QueryAnswers.context(session))
    }

    /// The answer to a GET: which files, their URLs, and the local directory.
    static func downloadData(_ get: GetFiles, files: [StagedFile], grant: String, base: String, queryID: String, session: Session) -> WireJSON {
        let urls = files.enumerated().map { index, file in WireJSON.string(url(base: base, grant: grant, path: "\(index)/\(file.name)")) }
        return .object([
            ("queryId", .string(queryID)), ("statementTypeId", .int(StatementType.get)), ("command", .string("DOWNLOAD")),
            ("src_locations", .array(files.map { .string($0.path) })), ("localLocation", .string(localPath(get.directoryURL))),
            ("parallel", .int(4)), ("encryptionMaterial", .array([])), ("stageInfo", stageInfo(url: "", grant: grant)),
            ("presignedUrls", .array(urls)), ("rowtype", .array([])), ("rowset", .array([])), ("total", .int(0)),
        ] + QueryAnswers.context(session))
    }
}
