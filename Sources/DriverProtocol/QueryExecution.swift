// QueryExecution: one `POST /queries/v1/query-request`, run on the session's queue. The text is
// one statement, or several when the client says how many (MULTI_STATEMENT_COUNT; 0 = any): each
// child then runs in order under a query id of its own, its answer kept for the client to fetch
// (`GET /queries/{child}/result`), and the first failure ends the request with its error.
// `describeOnly` answers the columns without running anything; `bindings` bind placeholders, one
// set of values or (array binding) one per row.

import Engine
import Foundation
import SnowSQL

struct QueryRequest: Sendable {
    var sqlText: String
    var asyncExec: Bool
    var describeOnly: Bool
    var bindings: WireBindings.Bound?
    /// MULTI_STATEMENT_COUNT: how many statements the text must hold; 0 for any number.
    var statementCount: Int
    /// `http://host:port` as the client reached the server: where PUT and GET URLs point.
    var baseURL = ""

    init(_ body: WireObject) throws {
        guard let sqlText = body.string("sqlText") else { throw SnowflakeError.badDriverRequest("the query has no sqlText") }
        self.sqlText = sqlText
        asyncExec = body.bool("asyncExec")
        describeOnly = body.bool("describeOnly")
        if let bindings = body.members["bindings"] as? [String: Any], !bindings.isEmpty {
            self.bindings = try WireBindings.decode(bindings)
        }
        statementCount = body.object("parameters")?.int("MULTI_STATEMENT_COUNT") ?? 1
    }
}

enum QueryExecution {
    /// Runs the request as query `queryID` and returns its answer (children are recorded in `driver`).
    static func run(_ request: QueryRequest, queryID: String, engine: Session, driver: DriverSession) -> StoredQuery {
        do {
            let parsed: ParsedStatement
            do { parsed = try Parser.parseOne(request.sqlText) } catch { throw SnowflakeError.syntax(error) }
            if parsed.followedByMore {
                return try runMany(request, queryID: queryID, engine: engine, driver: driver)
            }
            let type = StatementType.id(of: parsed.statement)
            if !request.describeOnly, let transfer = try fileTransfer(parsed.statement, request: request, queryID: queryID,
                                                                       engine: engine, driver: driver) {
                return StoredQuery(status: .success, data: transfer, statementType: type)
            }
            if request.describeOnly {
                let columns = try engine.describe(request.sqlText)
                return StoredQuery(status: .success, data: QueryAnswers.describeData(
                    columns, statementType: type, queryID: queryID, bindCount: bindCount(request.sqlText), session: engine),
                                   statementType: type)
            }
            let result: ResultSet
            switch request.bindings {
            case .single(let values)?:
                result = try engine.execute(parsed.statement, text: request.sqlText, bindings: values, queryID: queryID)
            case .rows(let rows)?:
                result = try engine.execute(parsed.statement, text: request.sqlText, bindingRows: rows, queryID: queryID)
            case nil:
                result = try engine.execute(parsed.statement, text: request.sqlText, queryID: queryID)
            }
            return StoredQuery(status: .success, data: try QueryAnswers.data(
                result, statementType: type, queryID: queryID, session: engine, format: resultFormat(engine, driver: driver)),
                               statementType: type)
        } catch {
            return StoredQuery(status: .failed, error: snowflakeError(error))
        }
    }

    /// PUT and GET are described, not run: the client moves the files (StageTransfers.swift).
    private static func fileTransfer(_ statement: Statement, request: QueryRequest, queryID: String, engine: Session,
                                     driver: DriverSession) throws -> WireJSON? {
        switch statement {
        case .put(let put):
            let upload = try engine.prepareUpload(put)
            let grant = driver.transfers.issue(.upload(upload), for: driver)
            return StageTransfers.uploadData(put, upload: upload, grant: grant, base: request.baseURL, queryID: queryID, session: engine)
        case .get(let get):
            let files = try engine.prepareDownload(get)
            let grant = driver.transfers.issue(.download(get.stage, files), for: driver)
            return StageTransfers.downloadData(get, files: files, grant: grant, base: request.baseURL, queryID: queryID, session: engine)
        default:
            return nil
        }
    }

    /// Several statements in one request: each is a child query; the parent lists them.
    private static func runMany(_ request: QueryRequest, queryID: String, engine: Session, driver: DriverSession) throws -> StoredQuery {
        let pieces = StatementSplitter.split(request.sqlText).map(\.text)
        if request.statementCount != 0 && pieces.count != request.statementCount {
            throw SnowflakeError.statementCountMismatch(actual: pieces.count, desired: request.statementCount)
        }
        if request.describeOnly || request.bindings != nil {
            throw SnowflakeError.unsupported("bindings or describe-only with several statements")
        }
        var children: [(queryID: String, statementType: Int64)] = []
        for piece in pieces {
            let childID = QueryAnswers.newQueryID()
            var child = QueryRequest(sqlText: piece, statementCount: 1)
            child.baseURL = request.baseURL
            let answer = run(child, queryID: childID, engine: engine, driver: driver)
            driver.record(childID, answer)
            if let error = answer.error { throw error }
            children.append((childID, answer.statementType))
        }
        return StoredQuery(status: .success, data: QueryAnswers.multiStatementData(children: children, queryID: queryID, session: engine))
    }

    /// JSON or Arrow: PYTHON_CONNECTOR_QUERY_RESULT_FORMAT as the session last set it, else the login's choice.
    static func resultFormat(_ engine: Session, driver: DriverSession) -> WireResultFormat {
        engine.parameters["PYTHON_CONNECTOR_QUERY_RESULT_FORMAT"].flatMap { WireResultFormat(rawValue: $0.lowercased()) }
            ?? driver.resultFormat
    }

    /// How many placeholders (`?`, `:n`) the text has, as a describe-only answer reports.
    static func bindCount(_ sql: String) -> Int {
        guard let tokens = try? Lexer.tokenize(sql) else { return 0 }
        var questionMarks = 0, highest = 0
        for (i, token) in tokens.enumerated() where token.kind == .symbol {
            if token.text == "?" { questionMarks += 1 }
            if token.text == ":", i + 1 < tokens.count, tokens[i + 1].isBindNumber, let n = Int(tokens[i + 1].text) {
                highest = max(highest, n)
            }
        }
        return max(questionMarks, highest)
    }

    /// What the client is told: a SnowflakeError as it is, anything else as an internal error.
    static func snowflakeError(_ error: Error) -> SnowflakeError {
        (error as? SnowflakeError) ?? SnowflakeError.internalError("\(error)")
    }
}

extension QueryRequest {
    /// A child of a multi-statement request.
    init(sqlText: String, statementCount: Int) {
        self.sqlText = sqlText
        asyncExec = false
        describeOnly = false
        bindings = nil
        self.statementCount = statementCount
    }
}
