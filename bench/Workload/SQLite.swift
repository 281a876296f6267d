// The SQLite counterparts the benchmark runner (bench/Runner) measures Snowlite against: the direct
// translation of the connector workload for the sqlite3 shell, and an ingestion script that upserts
// issue documents of the same shape (Issues.json) page by page. Both start with the durability
// settings Snowlite's file accounts use (WAL, synchronous=NORMAL).
//
// The translation is direct, as a SQLite user would write it by hand: no index, the JSON parsed
// wherever Snowflake reads a path (`raw:id` → json_extract(raw,'$.id')), and each MERGE as a
// staged source, an UPDATE of the rows whose id is in it and an INSERT of the others, in one
// transaction (the UPDATE … FROM join form re-parses every row of t for each source row: 22 s).
// The four setup statements become the PRAGMAs and the table (a warehouse, a database
// and a schema have no SQLite counterpart), so the script has 5,405 lines too.

enum SQLiteTranslation {
    static let setup = [
        "PRAGMA journal_mode=WAL",
        // Snowlite's durability settings and its page cache (AccountStore.swift), on one line.
        "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768",
        "DROP TABLE IF EXISTS t",
        "CREATE TABLE t(id INTEGER, raw TEXT)",
    ]

    static func insert(_ n: Int) -> String {
        "INSERT INTO t SELECT \(n), json(\(Issues.sqlString(Issues.json(n))))"
    }

    /// One MERGE, as a SQLite user writes it without an index: the source staged once with its
    /// key extracted, the matched rows updated from it, the others inserted, in one transaction.
    /// After the UPDATE the matched rows still match (it keeps their id), so the INSERT adds
    /// exactly the rows the MERGE's NOT MATCHED branch would.
    static func merge(_ source: [(n: Int, version: Int)]) -> String {
        let selects = source.map { row in
            "SELECT \(row.n) AS id, json(\(Issues.sqlString(Issues.json(row.n, version: row.version)))) AS raw"
        }
        return "BEGIN; CREATE TEMP TABLE s AS SELECT id, raw, json_extract(raw,'$.id') AS key FROM ("
            + selects.joined(separator: " UNION ALL ") + "); "
            + "UPDATE t SET raw = (SELECT s.raw FROM s WHERE s.key = json_extract(t.raw,'$.id')) "
            + "WHERE json_extract(t.raw,'$.id') IN (SELECT key FROM s); "
            + "INSERT INTO t(id, raw) SELECT id, raw FROM s WHERE key NOT IN (SELECT json_extract(raw,'$.id') FROM t); "
            + "DROP TABLE s; COMMIT"
    }

    static let aggregateByUser =
        "SELECT json_extract(raw,'$.state'), json_extract(raw,'$.user.login'), COUNT(*), "
        + "SUM(CAST(json_extract(raw,'$.comments') AS INTEGER)) FROM t GROUP BY 1, 2 ORDER BY 3 DESC NULLS LAST LIMIT 20"
    static let aggregateByLabel =
        "SELECT json_extract(raw,'$.labels[0].name'), SUBSTR(json_extract(raw,'$.created_at'), 1, 7), COUNT(*), "
        + "SUM(CAST(json_extract(raw,'$.comments') AS INTEGER)) FROM t GROUP BY 1, 2 ORDER BY 3 DESC NULLS LAST LIMIT 20"
    static let final = "SELECT COUNT(*), COUNT(DISTINCT json_extract(raw,'$.id')), SUM(id) FROM t"

    /// The ingestion counterpart: `issues` documents (Issues.json, version 0, keyed by their GitHub
    /// id) upserted `page` at a time, one transaction and one INSERT … ON CONFLICT per page, as the
    /// connector merges each page it fetches; then the row count.
    static func ingest(issues: Int, page: Int) -> Script {
        var script = Script(capacity: issues * 1_100 + 4_096)
        script.add("PRAGMA journal_mode=WAL")
        script.add("PRAGMA synchronous=NORMAL")
        script.add("DROP TABLE IF EXISTS issues")
        script.add("CREATE TABLE issues(id INTEGER PRIMARY KEY, raw TEXT)")
        var start = 1
        while start <= issues {
            let end = min(issues, start + page - 1)
            let values = (start ... end).map { n in "(\(Issues.issueID(n)), json(\(Issues.sqlString(Issues.json(n)))))" }
            script.add("BEGIN; INSERT INTO issues(id, raw) VALUES " + values.joined(separator: ", ")
                + " ON CONFLICT(id) DO UPDATE SET raw = excluded.raw; COMMIT")
            start = end + 1
        }
        script.add("SELECT COUNT(*) FROM issues")
        return script
    }
}
