// DriverSession: one client's session on the driver protocol — an Engine session of its own
// (its own connection to the account file, as each snowsql process has), the tokens that name it,
// and the answers of its recent queries by query id. `Session` is not thread-safe, so all of its
// work runs on one serial dispatch queue, one statement at a time, in the order requests came;
// a thread of its own rather than the cooperative pool, because a statement may run for long and
// must not hold a thread the HTTP server needs. Everything else here is behind a lock.

import Dispatch
import DriverWire
import Engine
import SnowSQL
import Foundation

final class DriverSession: QueryHost, @unchecked Sendable {
    /// The `sessionId` of the login answer (the Engine session's id).
    let id: Int64
    let user: String
    private let engine: Session
    private let queue: DispatchQueue
    private let lock = NSLock()
    private var queries: [String: StoredQuery] = [:]
    private var order: [String] = []
    /// How many finished answers are kept for `GET /queries/{id}/result` (running ones always are).
    static let keptAnswers = 64
    /// The result format queries get unless the session sets PYTHON_CONNECTOR_QUERY_RESULT_FORMAT:
    /// Arrow, or what the login's session parameters asked for.
    let resultFormat: WireResultFormat

    /// The server's PUT and GET grants (StageTransfers.swift).
    let transfers: StageGrants

    init(engine: Session, resultFormat: WireResultFormat, transfers: StageGrants) {
        self.engine = engine
        self.transfers = transfers
        self.id = engine.sessionID
        self.user = engine.user
        self.resultFormat = resultFormat
        queue = DispatchQueue(label: "snowlite.driver.session.\(engine.sessionID)")
    }

    /// Runs `work` on the session's queue and returns what it returns.
    func perform<T: Sendable>(_ work: @escaping @Sendable (Session) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try work(self.engine) })
            }
        }
    }

    /// Queues `work` for query `queryID` and returns at once; the query is RUNNING until it ends.
    func submit(_ queryID: String, _ work: @escaping @Sendable (Session) -> StoredQuery) {
        record(queryID, StoredQuery(status: .running))
        queue.async {
            self.record(queryID, work(self.engine))
        }
    }

    /// Keeps a query's answer (the oldest finished ones are let go past `keptAnswers`).
    func record(_ queryID: String, _ stored: StoredQuery) {
        lock.withLock {
            if queries.updateValue(stored, forKey: queryID) == nil { order.append(queryID) }
            while order.count > DriverSession.keptAnswers,
                  let index = order.firstIndex(where: { queries[$0]?.status != .running }) {
                queries[order.remove(at: index)] = nil
            }
        }
    }

    func query(_ queryID: String) -> StoredQuery? {
        lock.withLock { queries[queryID] }
    }

    /// Stops the statement running now, if any (an abort request, SYSTEM$CANCEL_ALL_QUERIES).
    @discardableResult
    func cancelRunningStatement() -> Bool {
        engine.cancelRunningStatement()
    }

    /// PUT and GET are described, not run: the client moves the files (StageTransfers.swift).
    func fileTransfer(_ statement: Statement, request: QueryRequest, queryID: String, engine: Session) throws -> WireJSON? {
        switch statement {
        case .put(let put):
            let upload = try engine.prepareUpload(put)
            let grant = transfers.issue(.upload(upload), for: self)
            return StageTransfers.uploadData(put, upload: upload, grant: grant, base: request.baseURL, queryID: queryID, session: engine)
        case .get(let get):
            let files = try engine.prepareDownload(get)
            let grant = transfers.issue(.download(get.stage, files), for: self)
            return StageTransfers.downloadData(get, files: files, grant: grant, base: request.baseURL, queryID: queryID, session: engine)
        default:
            return nil
        }
    }
}
