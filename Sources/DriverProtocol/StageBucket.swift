// StageBucket: the URLs a PUT's or GET's answer hands out (StageTransfers.swift), answered as the
// Google Cloud Storage objects the clients take them for: PUT stores an upload (412 when the file
// exists and may not be replaced: `x-goog-if-generation-match: 0`, or a PUT without OVERWRITE),
// HEAD says whether it exists, GET returns a file a GET fetches. A URL made for a pattern
// (`put file:///d/*.csv`) takes no upload: 400, which makes connector 5.x ask for one per file. These are plain HTTP answers, not
// the protocol's JSON: the clients' storage code reads the status.

import Engine
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

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
