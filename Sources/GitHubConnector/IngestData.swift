// IngestData: INGEST_DATA(resource_id STRING) RETURNS VARIANT — the quickstart's ingestion. It
// reads the token through the alias `token`, then page by page: GET the issues, MERGE the page
// into the sink table by RAW:id (changed rows updated, new rows inserted) and append a RUNNING
// state with the ingestion's table, row count and page links — the page and its state in one
// transaction, so the table never holds half a page. At the end it appends DONE — with the last
// ingestion object, so the dashboard's newest row shows the row count, and the newest `updated_at`
// stored, the next incremental run's starting point — and returns the last ingestion object; on
// any failure it appends FAILED with the reason and raises. While a page is merged the next one
// is already on its way (PageLookahead, on the run's one lookahead thread), so at most two pages
// are in memory at a time.
//
// The next-page links are GitHub's to give, so they are not trusted to end (issue 17, item 9): a
// link back to a page this run already fetched, or one past `max_pages` pages, is not followed.
// The page in hand is merged, then the run fails (FAILED, naming the reason) — a loop costs one
// request and one state row per page up to then, and the client returns. The pages fetched are
// kept compactly (FetchedPages), so a long run's check costs next to nothing per page.

import Egress
import Engine
import Foundation
import ProcedureEgress
import Security

struct IngestData: ProcedureHandler {
    let environment: ConnectorEnvironment

    func call(_ context: ProcedureContext) throws -> ScriptOutcome {
        let resource = try context.text("resource_id")
        let state = KeyValueTable.appState
        context.log("info", "Starting ingestion for \(resource)")
        guard let config = try KeyValueTable.appConfiguration.value("config", in: context),
              let database = config["destination_database"] as? String, ResourceNames.isIdentifier(database, parts: 1...1) else {
            let message = "Missing destination database in configuration"
            try state.merge(resource, ["state": "FAILED", "reason": message], in: context)
            context.log("error", message)
            throw context.failure(ConnectorError(message))
        }
        do {
            _ = try ResourceNames.resource(resource)
            let options = IngestionOptions(config: config)
            // Incremental runs start from the newest update a finished run had stored: pages a failed
            // run merged do not move it, so what that run missed is asked for again.
            let since = options.incremental ? try state.latest(resource, state: "DONE", in: context)?["watermark"] as? String : nil
            let ingestion = try ingest(resource, into: database, since: since, options: options, context: context)
            var done: [String: Any] = ["state": "DONE", "ingestion": ingestion]
            let table = ResourceNames.sinkTable(database: database, resource: resource)
            if let watermark = try context.sql("SELECT MAX(RAW:updated_at::STRING) FROM \(table)").rows.first?.first,
               !watermark.isNull, let text = watermark.displayText(pretty: false) {
                done["watermark"] = text
            }
            try state.merge(resource, done, in: context)
            context.log("info", "Ingestion done for \(resource)")
            let json = String(decoding: try JSONSerialization.data(withJSONObject: ingestion, options: [.sortedKeys]), as: UTF8.self)
            return .value(.variant(json), .variant)
        } catch {
            let reason = (error as? ConnectorError)?.message ?? (error as? SnowflakeError)?.message ?? "\(error)"
            context.log("error", "Ingestion failed for \(resource), Reason: \(reason)")
            try? state.merge(resource, ["state": "FAILED", "reason": reason], in: context)
            throw (error as? ConnectorError).map(context.failure) ?? error
        }
    }

    /// Every page, merged; returns the last page's ingestion object.
    private func ingest(_ resource: String, into database: String, since: String?, options: IngestionOptions,
                        context: ProcedureContext) throws -> [String: Any] {
        let token = try context.genericString("token")
        let table = ResourceNames.sinkTable(database: database, resource: resource)
        let client = EgressClient(policy: context.egressPolicy, transport: environment.transport, map: environment.map,
                                  clock: environment.clock, log: ProcedureEgressLog(context: context))
        let api = GitHubIssuesAPI(client: client, token: token, options: options, environment: environment, context: context)
        var url: String? = api.firstPageURL(resource, since: since)
        var ingestion: [String: Any] = [:]
        // The table's row count: counted after the first page's MERGE, then kept by adding each
        // page's inserted rows (a COUNT(*) per page made ingestion quadratic in the table's size).
        var rowsCount: Int?
        let worker = LookaheadWorker()
        var lookahead: PageLookahead?
        // A page sent ahead is waited for, and logged, even when this one fails.
        defer { _ = lookahead?.answer() }
        var fetched = FetchedPages()
        while let current = url {
            let started = environment.clock()
            let page = try api.page(current, lookahead: lookahead)
            fetched.insert(Self.normalized(current))
            let stop = Self.stopReason(next: page.nextPageLink, fetched: fetched, maxPages: options.maxPages)
            lookahead = stop == nil ? page.nextPageLink.map { PageLookahead($0, api: api, on: worker) } : nil
            // A page is a JSON array; PARSE_JSON checks the rest of it, without a second parse here.
            let malformed = ConnectorError("GitHub returned malformed JSON for \(current)")
            guard page.body.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) == UInt8(ascii: "[") else { throw malformed }
            var merged = 0
            _ = try context.sql("BEGIN")
            do {
                let result: ResultSet
                do {
                    result = try context.sql("""
                        MERGE INTO \(table) AS t
                        USING (SELECT value AS raw FROM TABLE(FLATTEN(INPUT => PARSE_JSON(:page)))) AS s ON t.raw:id = s.raw:id
                        WHEN MATCHED AND t.raw <> s.raw THEN UPDATE SET raw = s.raw
                        WHEN NOT MATCHED THEN INSERT (raw) VALUES (s.raw)
                        """, bindings: ["PAGE": .string(String(decoding: page.body, as: UTF8.self))])
                } catch let error as SnowflakeError where error.code == "100069" {
                    throw malformed
                }
                let counts = result.rows.first?.map { Int($0.displayText(pretty: false) ?? "") ?? 0 } ?? []
                merged = counts.reduce(0, +)
                if let known = rowsCount {
                    rowsCount = known + (counts.first ?? 0)  // "number of rows inserted"
                } else {
                    rowsCount = Int(try context.sql("SELECT COUNT(*) FROM \(table)").rows.first?.first?.displayText(pretty: false) ?? "") ?? 0
                }
                var extras: [String: Any] = ["current_page_link": current]
                extras["next_page_link"] = page.nextPageLink ?? NSNull()
                ingestion = ["table_name": ResourceNames.sinkTableName(database: database, resource: resource),
                             "rows_count": rowsCount ?? 0, "extras": extras]
                try KeyValueTable.appState.merge(resource, ["state": "RUNNING", "ingestion": ingestion], in: context)
                _ = try context.sql("COMMIT")
            } catch {
                _ = try? context.sql("ROLLBACK")
                throw error
            }
            let elapsed = environment.clock().timeIntervalSince(started)
            context.log("info", "Batch fetched for \(resource): \(merged) issues new or changed in \(Int(elapsed * 1000)) ms")
            if let stop { throw ConnectorError(stop) }
            url = page.nextPageLink
        }
        return ingestion
    }

    /// Why the run must not follow `next` after the pages in `fetched`, or nil to go on.
    static func stopReason(next: String?, fetched: FetchedPages, maxPages: Int) -> String? {
        guard let next else { return nil }
        let pages = "\(fetched.count) page\(fetched.count == 1 ? "" : "s")"
        if fetched.contains(normalized(next)) {
            return "GitHub's next-page link points back to \(next), a page this run already fetched; stopped after \(pages)"
        }
        if fetched.count >= maxPages {
            return "GitHub's next-page links go on past \(maxPages) pages (max_pages); stopped after \(pages), before \(next)"
        }
        return nil
    }

    /// A page URL as the egress client reads it (host case, default port, fragment aside), so that
    /// two spellings of one page are one page.
    static func normalized(_ url: String) -> String {
        (try? EgressURL.parse(url))?.description ?? url
    }
}
