// StageTransfers: PUT and GET from a driver client (driver-protocol.md §9). The client moves the
// bytes itself, as it does against Snowflake on Google Cloud: the server answers the statement
// with a description of the transfer whose `presignedUrl` (or `presignedUrls`, one per file for a
// GET) points back at this server, `/stage-bucket/<grant>/…`, and the client then PUTs each file
// there (HEAD first for 5.x) or GETs it. A grant is a random token standing for one checked PUT
// or GET of one session; it is valid for an hour, and every upload and download is checked again
// against the stage's privileges as the session's role holds them then. Connector 4.x and 5.x
// both work this way (4.x asks again per file for a URL with the destination name; 5.x uses the
// one URL, which therefore already names the compressed file).

import DriverWire
import Engine
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
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

// MARK: - The stage bucket

// The stage bucket: the URLs handed out above, answered as the Google Cloud Storage objects the
// clients take them for. PUT stores an upload (412 when the file exists and may not be replaced:
// `x-goog-if-generation-match: 0`, or a PUT without OVERWRITE), HEAD says whether it exists, GET
// returns a file a GET fetches. A URL made for a pattern (`put file:///d/*.csv`) takes no upload:
// 400, which makes connector 5.x ask for one per file. These are plain HTTP answers, not the
// protocol's JSON: the clients' storage code reads the status.

extension DriverServer {
    func upload(_ request: Request, grant token: String, name: String) async -> Response {
        guard let grant = transfers.grant(token), case .upload(let upload) = grant.transfer else { return DriverServer.status(.forbidden) }
        // The URL of a PUT of several files (a pattern): 400 makes the 5.x client ask for a URL of
        // the file's own, re-running the PUT with that file (as 4.x always does).
        if StageTransfers.isPattern(name) { return DriverServer.status(.badRequest, text: "one URL per file: ask again for this file") }
        do {
            let body = try await request.body.collect(upTo: DriverServer.maximumBody)
            let content = Array(body.readableBytesView)
            let createOnly = request.headers[HTTPField.Name("x-goog-if-generation-match")!] == "0" || !upload.overwrite
            let stored = try await grant.session.perform { engine in
                try engine.storeUpload(upload, name: name, content: content, overwrite: !createOnly)
            }
            return DriverServer.status(stored ? .ok : .preconditionFailed)
        } catch {
            return DriverServer.status(.forbidden, text: "\(QueryExecution.snowflakeError(error))")
        }
    }

    func uploadHead(grant token: String, name: String) async -> Response {
        guard let grant = transfers.grant(token), case .upload(let upload) = grant.transfer else { return DriverServer.status(.forbidden) }
        let exists = (try? await grant.session.perform { engine in try engine.uploadExists(upload, name: name) }) ?? false
        return DriverServer.status(exists ? .ok : .notFound)
    }

    func download(grant token: String, index: String) async -> Response {
        guard let grant = transfers.grant(token), case .download(let location, let files) = grant.transfer,
              let i = Int(index), files.indices.contains(i) else { return DriverServer.status(.forbidden) }
        let path = files[i].path
        do {
            guard let content = try await grant.session.perform({ engine in try engine.downloadContent(location, path: path) }) else {
                return DriverServer.status(.notFound)
            }
            return Response(status: .ok, headers: [.contentType: "application/octet-stream"],
                            body: .init(byteBuffer: ByteBuffer(bytes: content)))
        } catch {
            return DriverServer.status(.forbidden, text: "\(QueryExecution.snowflakeError(error))")
        }
    }

    static func status(_ status: HTTPResponse.Status, text: String = "") -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
