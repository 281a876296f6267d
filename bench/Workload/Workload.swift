// The statement scripts: the connector-shaped workload (bench/README.md, workload-shape.md), in
// Snowflake's dialect or translated for the sqlite3 shell (SQLiteTranslation, below), and the MERGE scaling
// script. Each statement is one line ending in `;`.

struct Script {
    private(set) var text = ""
    private(set) var count = 0

    init(capacity: Int = 7 << 20) { text.reserveCapacity(capacity) }

    /// Adds `statement` and its `;`. Only the bulk loads may span lines (`multiline`).
    mutating func add(_ statement: String, multiline: Bool = false) {
        precondition(multiline || !statement.contains("\n"), "a statement spans lines")
        text += statement
        text += ";\n"
        count += 1
    }
}

/// Which SQL the workload is written in.
enum Dialect: String {
    /// Snowflake's, for snowsql (Snowlite).
    case snowflake
    /// The direct SQLite translation, for the sqlite3 shell (SQLiteTranslation).
    case sqlite
}

enum Workload {
    static let inserts = 5_000
    static let merges = 200
    static let matchedPerMerge = 3
    static let newPerMerge = 2
    static let aggregates = 200

    /// The rows the workload ends with at `scale` (1 = the full workload: 5,000 inserts, 400 new
    /// rows from the merges); SUM(id) is then rows × (rows + 1) / 2.
    static func finalRows(scale: Int = 1) -> Int { inserts / scale + merges / scale * newPerMerge }

    static let setup = [
        "USE WAREHOUSE COMPUTE_WH",
        "CREATE OR REPLACE DATABASE BENCH_DB",
        "USE SCHEMA BENCH_DB.PUBLIC",
        "CREATE OR REPLACE TABLE t(id int, raw variant)",
    ]

    static let aggregateByUser =
        "SELECT raw:state::string, raw:user.login::string, COUNT(*), SUM(raw:comments::int) FROM t "
        + "GROUP BY 1, 2 ORDER BY 3 DESC NULLS LAST LIMIT 20"
    static let aggregateByLabel =
        "SELECT raw:labels[0].name::string, SUBSTR(raw:created_at::string, 1, 7), COUNT(*), SUM(raw:comments::int) FROM t "
        + "GROUP BY 1, 2 ORDER BY 3 DESC NULLS LAST LIMIT 20"
    static let final = "SELECT COUNT(*), COUNT(DISTINCT raw:id), SUM(id) FROM t"

    /// The 5,405 statements: 4 setup (the shape's 3 plus the `USE WAREHOUSE` a connector session
    /// starts with, which makes the count 5,405), 5,000 inserts, 200 merges (3 matched + 2 new rows each),
    /// 200 aggregates alternating between the two shapes, and the final check. Rows end at 5,400.
    /// `scale` divides the counts of inserts, merges and aggregates (a smoke test's small workload);
    /// the sqlite dialect writes the same statements translated, line for line.
    static func script(scale: Int = 1, dialect: Dialect = .snowflake) -> Script {
        precondition(scale >= 1 && inserts / scale >= matchedPerMerge, "scale too large")
        let (inserts, merges, aggregates) = (Self.inserts / scale, Self.merges / scale, Self.aggregates / scale)
        let sqlite = dialect == .sqlite
        var script = Script()
        for statement in sqlite ? SQLiteTranslation.setup : setup { script.add(statement) }
        for n in 1 ... inserts {
            script.add(sqlite ? SQLiteTranslation.insert(n)
                : "INSERT INTO t SELECT \(n), PARSE_JSON(\(Issues.sqlString(Issues.json(n))))")
        }
        var rng = SplitMix64(seed: Issues.seed, 0xDEC0DE)
        var versions = [Int](repeating: 0, count: inserts + merges * newPerMerge + 1)
        var rows = inserts
        for _ in 0 ..< merges {
            let matched = rng.distinct(matchedPerMerge, below: rows).map { $0 + 1 }
            let new = (1 ... newPerMerge).map { rows + $0 }
            rows += newPerMerge
            var source: [(n: Int, version: Int)] = []
            for n in matched { versions[n] += 1; source.append((n, versions[n])) }
            for n in new { source.append((n, 0)) }
            shuffle(&source, &rng)
            script.add(sqlite ? SQLiteTranslation.merge(source) : merge(source))
        }
        for index in 0 ..< aggregates {
            if sqlite {
                script.add(index % 2 == 0 ? SQLiteTranslation.aggregateByUser : SQLiteTranslation.aggregateByLabel)
            } else {
                script.add(index % 2 == 0 ? aggregateByUser : aggregateByLabel)
            }
        }
        script.add(sqlite ? SQLiteTranslation.final : final)
        precondition(script.count == setup.count + inserts + merges + aggregates + 1 && rows == finalRows(scale: scale))
        return script
    }

    /// `MERGE INTO t USING (SELECT n AS id, PARSE_JSON('…') AS raw UNION ALL …) s ON t.raw:id = s.raw:id …`
    static func merge(_ source: [(n: Int, version: Int)]) -> String {
        let selects = source.map { row in
            "SELECT \(row.n) AS id, PARSE_JSON(\(Issues.sqlString(Issues.json(row.n, version: row.version)))) AS raw"
        }
        return "MERGE INTO t USING (" + selects.joined(separator: " UNION ALL ")
            + ") s ON t.raw:id = s.raw:id WHEN MATCHED THEN UPDATE SET raw = s.raw "
            + "WHEN NOT MATCHED THEN INSERT (id, raw) VALUES (s.id, s.raw)"
    }

    /// Fisher–Yates with the generator's stream.
    static func shuffle<T>(_ items: inout [T], _ rng: inout SplitMix64) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, rng.below(i + 1))
        }
    }
}

enum MergeScaling {
    /// Setup: the database, the table, and `rows` issues loaded `chunk` rows per statement.
    static func setup(rows: Int, chunk: Int) -> Script {
        var script = Script()
        for statement in Workload.setup.dropFirst() { script.add(statement) }
        var start = 1
        while start <= rows {
            let end = min(rows, start + chunk - 1)
            let values = (start ... end).map { n in "(\(n), \(Issues.sqlString(Issues.json(n))))" }
            // One VALUES row per line: Snowlite's lexer computes each token's column by scanning its
            // line from the start, so a 1 MB one-line statement lexes in quadratic time.
            script.add("INSERT INTO t SELECT column1, PARSE_JSON(column2) FROM VALUES\n" + values.joined(separator: ",\n"),
                       multiline: true)
            start = end + 1
        }
        script.add("SELECT COUNT(*) FROM t")
        return script
    }

    /// `merges` MERGE statements of `page` source rows each, 60% matching existing ids (distinct
    /// within a page) and 40% new, against a table that starts with `rows` rows.
    /// `values` writes the page as `SELECT column1 AS id, PARSE_JSON(column2) AS raw FROM VALUES …`
    /// instead of the workload's `UNION ALL` of one-row SELECTs.
    static func merges(rows initial: Int, merges: Int, page: Int, values: Bool = false) -> Script {
        var script = Script()
        script.add("USE SCHEMA BENCH_DB.PUBLIC")
        var rng = SplitMix64(seed: Issues.seed, 0x5CA1E, UInt64(initial))
        let matchedPerPage = page * 3 / 5
        var rows = initial
        for round in 0 ..< merges {
            let matched = rng.distinct(matchedPerPage, below: rows).map { $0 + 1 }
            let new = (0 ..< page - matchedPerPage).map { rows + 1 + $0 }
            rows += new.count
            var source = matched.map { (n: $0, version: round + 1) } + new.map { (n: $0, version: 0) }
            Workload.shuffle(&source, &rng)
            script.add(values ? valuesMerge(source) : Workload.merge(source))
        }
        script.add("SELECT COUNT(*), COUNT(DISTINCT raw:id), SUM(id) FROM t")
        return script
    }

    static func valuesMerge(_ source: [(n: Int, version: Int)]) -> String {
        let rows = source.map { "(\($0.n), \(Issues.sqlString(Issues.json($0.n, version: $0.version))))" }
        return "MERGE INTO t USING (SELECT column1 AS id, PARSE_JSON(column2) AS raw FROM VALUES "
            + rows.joined(separator: ", ")
            + ") s ON t.raw:id = s.raw:id WHEN MATCHED THEN UPDATE SET raw = s.raw "
            + "WHEN NOT MATCHED THEN INSERT (id, raw) VALUES (s.id, s.raw)"
    }
}

// MARK: - The SQLite translation
//
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
