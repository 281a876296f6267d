// QueryExecution: one `POST /queries/v1/query-request`, run on the session's queue. The text is
// one statement, or several when the client says how many (MULTI_STATEMENT_COUNT; 0 = any): each
// child then runs in order under a query id of its own, its answer kept for the client to fetch
// (`GET /queries/{child}/result`), and the first failure ends the request with its error.
// `describeOnly` answers the columns without running anything; `bindings` bind placeholders, one
// set of values or (array binding) one per row.

import Engine
import Foundation
import SnowSQL

package struct QueryRequest: Sendable {
    package var sqlText: String
    package var asyncExec: Bool
    package var describeOnly: Bool
    package var bindings: WireBindings.Bound?
    /// MULTI_STATEMENT_COUNT: how many statements the text must hold; 0 for any number.
    package var statementCount: Int
    /// `http://host:port` as the client reached the server: where PUT and GET URLs point.
    package var baseURL = ""

    package init(_ body: WireObject) throws {
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

/// What a query runs for: a driver client's session under `snowlite serve`, or a Python
/// procedure's Snowpark session relayed over its worker's channel. It keeps answers by query id,
/// says the result format, and moves PUT and GET files (or refuses them).
package protocol QueryHost: AnyObject {
    var resultFormat: WireResultFormat { get }
    /// Keeps a query's answer (a multi-statement request's children are fetched by id).
    func record(_ queryID: String, _ stored: StoredQuery)
    /// PUT and GET are described, not run; nil for any other statement.
    func fileTransfer(_ statement: Statement, request: QueryRequest, queryID: String, engine: Session) throws -> WireJSON?
}

/// Where a query stands, by the names `GET /monitoring/queries/{id}` answers with.
package enum QueryStatus: String, Sendable {
    case running = "RUNNING", success = "SUCCESS", failed = "FAILED_WITH_ERROR"
}

/// A query's answer as its session keeps it.
package struct StoredQuery: Sendable {
    package var status: QueryStatus
    /// The answer's `data` object once the query succeeded.
    package var data: WireJSON?
    /// Its error once it failed.
    package var error: SnowflakeError?
    /// Its statementTypeId once it succeeded (a multi-statement parent lists its children's).
    package var statementType = StatementType.unknown

    package init(status: QueryStatus, data: WireJSON? = nil, error: SnowflakeError? = nil, statementType: Int64 = StatementType.unknown) {
        self.status = status
        self.data = data
        self.error = error
        self.statementType = statementType
    }
}

package enum QueryExecution {
    /// Runs the request as query `queryID` and returns its answer (children are recorded in `driver`).
    package static func run(_ request: QueryRequest, queryID: String, engine: Session, driver: some QueryHost) -> StoredQuery {
        do {
            let parsed: ParsedStatement
            do { parsed = try Parser.parseOne(request.sqlText) } catch { throw SnowflakeError.syntax(error) }
            if parsed.followedByMore {
                return try runMany(request, queryID: queryID, engine: engine, driver: driver)
            }
            let type = StatementType.id(of: parsed.statement)
            if !request.describeOnly, let transfer = try driver.fileTransfer(parsed.statement, request: request, queryID: queryID,
                                                                              engine: engine) {
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

    /// Several statements in one request: each is a child query; the parent lists them.
    private static func runMany(_ request: QueryRequest, queryID: String, engine: Session, driver: some QueryHost) throws -> StoredQuery {
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
    package static func resultFormat(_ engine: Session, driver: some QueryHost) -> WireResultFormat {
        engine.parameters["PYTHON_CONNECTOR_QUERY_RESULT_FORMAT"].flatMap { WireResultFormat(rawValue: $0.lowercased()) }
            ?? driver.resultFormat
    }

    /// How many placeholders (`?`, `:n`) the text has, as a describe-only answer reports.
    package static func bindCount(_ sql: String) -> Int {
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
    package static func snowflakeError(_ error: Error) -> SnowflakeError {
        (error as? SnowflakeError) ?? SnowflakeError.internalError("\(error)")
    }
}

extension QueryRequest {
    /// A child of a multi-statement request.
    package init(sqlText: String, statementCount: Int) {
        self.sqlText = sqlText
        asyncExec = false
        describeOnly = false
        bindings = nil
        self.statementCount = statementCount
    }
}
