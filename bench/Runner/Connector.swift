// Sections 3 and 4: the quickstart's GitHub connector, from `make deploy` to ingested rows, with
// the GitHub fixture server (`snowlite fixtures github`) on 127.0.0.1 standing in for
// api.github.com. These are scripts/demo.sh's steps, run as processes:
//
// - a fresh account (its own SNOWLITE_HOME) and a snowsql config whose `egress_map` sends the
//   connector's https://api.github.com requests to the fixture's port;
// - `make deploy` and `make install`'s scripts (sql/deploy.sql, sql/install.sql) run by snowsql
//   with the Makefile's variables, from the repository (PUT reads sf_build/, which `make sf_build`
//   writes first);
// - ingestion: the grants, the warehouse reference and PROVISION_CONNECTOR (incremental off), then
//   the measured process, `call …enable_resource('Bench/issues')`, whose EXECUTE TASK run fetches
//   every page (100 issues), merges it and records its state before the process exits; the SQLite
//   counterpart upserts the same number of issue documents of the workload's shape in pages of 100
//   (`snowlite-workload sqlite-ingest`); section 6 (Scale.swift) ingests its account the same way;
// - quickstart: deploy, install, sql/configure.sql (the Streamlit page's grants, reference,
//   provisioning and enabling of Snowflake-Labs/sfquickstarts, 250 issues) and `snowlite tasks
//   wait`, timed end to end, as `make demo` times it.

import Foundation
import Glibc

/// `snowlite fixtures github` on a free port of 127.0.0.1.
struct Fixture {
    /// The requests an hour the fixture allows unless told otherwise: GitHub's.
    static let githubRateLimit = 5_000

    let child: Child
    let port: Int

    /// The `--rate-limit` an ingestion of `issues` needs, nil when GitHub's own suffices. The
    /// connector makes one request a page of 100 issues and a few besides; the margin (a tenth, and
    /// 100) keeps a near miss from ending a long run with a 403. 1,000,000 issues: 11,100.
    static func rateLimit(forIssues issues: Int) -> Int? {
        let pages = (issues + 99) / 100
        let requests = pages + pages / 10 + 100
        return requests > githubRateLimit ? requests : nil
    }

    /// Starts the server with `repositories` (`owner/name=N`; none: the defaults, sfquickstarts with
    /// 250 issues) and `rateLimit` requests an hour (nil: GitHub's 5,000), and waits until it has
    /// written its port. The watchdog stops it after `timeout` seconds.
    static func start(_ context: Context, folder: String, repositories: [String] = [], rateLimit: Int? = nil,
                      timeout: Double = 3_600) throws -> Fixture {
        let portFile = "\(folder)/github.port"
        var arguments = ["fixtures", "github", "--port", "0", "--port-file", portFile]
        for repository in repositories { arguments += ["--repository", repository] }
        if let rateLimit { arguments += ["--rate-limit", "\(rateLimit)"] }
        let child = try spawn(Command(executable: context.program("snowlite"), arguments: arguments,
                                      environment: context.environment(home: folder),
                                      stdout: "\(folder)/github.log", stderr: "\(folder)/github.log", timeout: timeout,
                                      measured: false))
        var port = 0
        let ready = poll(timeout: 30) {
            port = Int(((try? String(contentsOfFile: portFile, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            return port > 0
        }
        guard ready else {
            child.signal(SIGKILL)
            child.wait()
            throw SpawnError(description: "the GitHub fixture did not start (log in \(folder)/github.log)")
        }
        return Fixture(child: child, port: port)
    }

    func stop() {
        child.signal(SIGTERM)
        child.wait()
    }
}

/// A fresh account in `home` reaching the fixture, with the quickstart's snowsql steps.
struct ConnectorAccount {
    static let app = "EXAMPLE_GITHUB_PYTHON_CONNECTOR"
    static let version = "V_1_0_0"
    let context: Context
    let home: String
    let config: String

    init(_ context: Context, home: String, port: Int) throws {
        self.context = context
        self.home = home
        config = "\(home)/config"
        let text = """
            [connections.bench]
            accountname = snowlite
            [options]
            variable_substitution = True
            exit_on_error = True
            friendly = False
            timing = False
            egress_map = https://api.github.com=http://127.0.0.1:\(port)

            """
        try text.write(toFile: config, atomically: true, encoding: .utf8)
    }

    /// `snowsql --config … -c bench ARGUMENTS`, its output in `name`.out.
    func snowsql(_ arguments: [String], _ name: String, timeout: Double = 600) -> Command {
        Command(executable: context.program("snowsql"), arguments: ["--config", config, "-c", "bench"] + arguments,
                environment: context.environment(home: home), stdout: "\(home)/\(name).out", stderr: "\(home)/\(name).out",
                timeout: timeout)
    }

    /// `make deploy`'s script with the Makefile's default variables.
    @discardableResult
    func deploy() throws -> Usage {
        try runChecked(snowsql(["-f", "sql/deploy.sql", "-D", "APP_NAME=\(Self.app)", "-D", "STAGE_DB=\(Self.app)_STAGE",
                                "-D", "STAGE_NAME=\(Self.app)_STAGE.PUBLIC.ARTIFACTS", "-D", "APP_VERSION=\(Self.version)"],
                               "deploy"), what: "deploy (sql/deploy.sql)")
    }

    /// `make install`'s script with the Makefile's default variables and the fixture's token.
    @discardableResult
    func install(token: String) throws -> Usage {
        try runChecked(snowsql(["-f", "sql/install.sql", "-D", "APP_NAME=\(Self.app)", "-D", "APP_VERSION=\(Self.version)",
                                "-D", "WAREHOUSE=XS", "-D", "token=\(token)"], "install"), what: "install (sql/install.sql)")
    }

    /// One query's single CSV value (no header).
    func value(_ query: String) throws -> String {
        let command = snowsql(["-o", "output_format=csv", "-o", "header=false", "-q", query], "value")
        try runChecked(command, what: query)
        return Throughput.lastLine((try? String(contentsOfFile: command.stdout!, encoding: .utf8)) ?? "")
            .replacingOccurrences(of: "\"", with: "")
    }
}

/// What both sections need once: sf_build/ staged and the fixture's token.
enum ConnectorSetup {
    static func prepare(_ context: Context) throws -> String {
        guard let make = which("make") else { throw SpawnError(description: "no make on PATH (for `make sf_build`)") }
        let folder = try context.folder("connector")
        try runChecked(Command(executable: make, arguments: ["--no-print-directory", "sf_build"],
                               environment: context.environment(home: folder), stdout: "\(folder)/sf_build.out",
                               stderr: "\(folder)/sf_build.out", timeout: 120), what: "make sf_build")
        return try capture(Command(executable: context.program("snowlite"), arguments: ["fixtures", "github", "--print-token"],
                                   environment: context.environment(home: folder), timeout: 60),
                           scratch: "\(folder)/token.out")
    }
}

enum Ingestion {
    static func run(_ context: Context) -> Section {
        let runs = context.runs(default: 3)
        var section = Section(number: 3, title: "Ingestion",
                              description: "INGEST_DATA from the GitHub fixture server on 127.0.0.1, issues of about 1 KB at "
                                  + "100 per page: on a fresh file account with the connector deployed, installed and "
                                  + "provisioned (incremental off), the measured process is one `snowsql -q \"call "
                                  + "…enable_resource('Bench/issues')\"`, whose task run fetches, merges and records every "
                                  + "page before it exits (the fixture server's work is in its wall time, not in its CPU "
                                  + "or RSS). SQLite: one sqlite3 shell upserting as many JSON issue documents of the "
                                  + "workload's shape (`snowlite-workload sqlite-ingest`) in pages of 100, one transaction "
                                  + "and one `INSERT … ON CONFLICT(id) DO UPDATE SET raw = excluded.raw` per page, into "
                                  + "`issues(id INTEGER PRIMARY KEY, raw TEXT)` on a WAL file with synchronous=NORMAL. "
                                  + "Runs alternate between the two. For issues/s a ratio below 1 means Snowlite is slower.",
                              runs: runs)
        let largest = context.sizes.max()!
        func targets(_ rate: Double?, _ peak: Double?) -> [Target] {
            [Target("ingestion ≥ 50,000 issues/s at 100,000 issues", value: largest == 100_000 ? rate : nil,
                    unit: .issuesPerSecond, atLeast: 50_000),
             Target("peak memory ≤ 60 MB at 100,000 issues", value: largest == 100_000 ? peak : nil,
                    unit: .megabytes, atMost: 60)]
        }
        section.targets = targets(nil, nil)
        do {
            let token = try ConnectorSetup.prepare(context)
            var medians: [Int: (snowlite: Double, sqlite: Double)] = [:]
            for size in context.sizes {
                let folder = try context.folder("ingest-\(size)")
                let script = "\(folder)/ingest-sqlite.sql"
                progress("ingestion: \(grouped(size)) issues, generating the SQLite script…")
                try runChecked(Command(executable: context.program("snowlite-workload"),
                                       arguments: ["sqlite-ingest", "--issues", "\(size)", "--page", "100", "--output", script],
                                       environment: context.environment(home: folder), timeout: 600),
                               what: "snowlite-workload sqlite-ingest")
                var snowliteRuns: [Usage] = [], sqliteRuns: [Usage] = []
                for index in 1 ... runs {
                    progress("ingestion: \(grouped(size)) issues, run \(index)/\(runs), Snowlite…")
                    do {
                        snowliteRuns.append(try snowlite(context, size: size, token: token,
                                                         home: try context.folder("ingest-\(size)/snowlite-\(index)")))
                    } catch {
                        // One more try on a fresh account, said in the report: an ingestion that stops
                        // half-way (the fixture refusing a connection) is a finding, not a figure.
                        progress("ingestion: \(grouped(size)) issues, run \(index) failed, once more on a fresh account: \(error)")
                        section.notes.append("\(grouped(size)) issues, run \(index): \(error); run again on a fresh account")
                        snowliteRuns.append(try snowlite(context, size: size, token: token,
                                                         home: try context.folder("ingest-\(size)/snowlite-\(index)-again")))
                    }
                    progress("ingestion: \(grouped(size)) issues, run \(index)/\(runs), SQLite…")
                    let database = try context.folder("ingest-\(size)/sqlite-\(index)")
                    let shell = Command(executable: context.sqlite3, arguments: ["\(database)/ingest.sqlite"],
                                        environment: context.environment(home: database), stdin: script,
                                        stdout: "\(database)/out", stderr: "\(database)/out", timeout: 900)
                    let usage = try runChecked(shell, what: "sqlite3 ingestion of \(size) issues")
                    let count = Throughput.lastLine((try? String(contentsOfFile: "\(database)/out", encoding: .utf8)) ?? "")
                    guard count == "\(size)" else {
                        throw SpawnError(description: "the SQLite ingestion of \(size) issues ends with '\(count)' (output in \(database)/out)")
                    }
                    sqliteRuns.append(usage)
                    // 100,000 issues leave ~150 MB per account: keep the disk small.
                    try? FileManager.default.removeItem(atPath: database)
                }
                let label = "\(grouped(size)) issues"
                let wall = Summary(snowliteRuns.map(\.wall)), sqliteWall = Summary(sqliteRuns.map(\.wall))
                let rate = Summary(snowliteRuns.map { Double(size) / $0.wall })
                let peak = Summary(snowliteRuns.map(\.peakMB))
                section.figures += [
                    Figure(measure: "\(label), wall time", unit: .seconds, snowlite: wall, sqlite: sqliteWall),
                    Figure(measure: "\(label), issues/s", unit: .issuesPerSecond, snowlite: rate,
                           sqlite: Summary(sqliteRuns.map { Double(size) / $0.wall })),
                    Figure(measure: "\(label), CPU of the process (user + system)", unit: .seconds,
                           snowlite: Summary(snowliteRuns.map(\.cpu)), sqlite: Summary(sqliteRuns.map(\.cpu))),
                    Figure(measure: "\(label), peak RSS", unit: .megabytes, snowlite: peak, sqlite: Summary(sqliteRuns.map(\.peakMB))),
                ]
                medians[size] = (wall.median, sqliteWall.median)
                section.ingestionTimes[size] = wall.median
                if size == largest { section.targets = targets(rate.median, peak.median) }
            }
            section.notes.append("check: every Snowlite run ingested exactly its size in rows (BENCH_DB.PUBLIC.BENCH_ISSUES), "
                + "every SQLite run ended with that COUNT(*) — OK")
            let smallest = context.sizes.min()!
            if largest > smallest, let small = medians[smallest], let large = medians[largest] {
                section.notes.append(String(format: "scaling: the %@-issue time over the %@-issue time (medians) is %.1f for "
                    + "Snowlite and %.1f for SQLite (linear scaling: %@)", grouped(largest), grouped(smallest),
                    large.snowlite / small.snowlite, large.sqlite / small.sqlite, grouped(largest / smallest)))
            }
        } catch {
            section.failure = "\(error)"
        }
        return section
    }

    /// One Snowlite ingestion of `size` issues on a fresh account: the measured ENABLE_RESOURCE process.
    /// The account's file is deleted afterwards unless `keepAccount` (the scale section queries it).
    static func snowlite(_ context: Context, size: Int, token: String, home: String, keepAccount: Bool = false,
                         timeout: Double = 1_800) throws -> Usage {
        // GitHub's 5,000 requests an hour cover section 3's sizes; 1,000,000 issues are 10,000 pages, so
        // past about 450,000 the fixture is told to allow what the pages need. It must also outlive the
        // ingestion's timeout (the deploy and install come first).
        let fixture = try Fixture.start(context, folder: home, repositories: ["Bench/issues=\(size)"],
                                        rateLimit: Fixture.rateLimit(forIssues: size), timeout: max(3_600, timeout + 600))
        defer { fixture.stop() }
        let account = try ConnectorAccount(context, home: home, port: fixture.port)
        try account.deploy()
        try account.install(token: token)
        let app = "\(ConnectorAccount.app)_INSTANCE"
        try runChecked(account.snowsql(["-q", """
            grant create database on account to application \(app);
            grant execute task on account to application \(app);
            call \(app).public.register_reference('warehouse_reference', 'ADD', system$reference('warehouse', 'compute_wh', 'persistent', 'usage'));
            call \(app).public.provision_connector(parse_json('{"destination_database": "BENCH_DB", "incremental": false,
              "secret_name": "\(ConnectorAccount.app)_SECRETS.PUBLIC.GITHUB_TOKEN", "external_access_integration_name": "GITHUB_INTEGRATION"}'))
            """], "provision"), what: "grants and PROVISION_CONNECTOR")
        let usage = try runChecked(account.snowsql(["-q", "call \(app).public.enable_resource('Bench/issues')"], "enable", timeout: timeout),
                                   what: "ENABLE_RESOURCE (the ingestion)")
        let rows = try account.value("select count(*) from bench_db.public.bench_issues")
        guard rows == "\(size)" else {
            // The connector's newest state says why (FAILED and its reason).
            let state = (try? account.value("""
                alter application \(app) set debug_mode = true;
                select value:state::string || ': ' || coalesce(value:reason::string, '') from \(app).state.app_state order by timestamp desc limit 1
                """)) ?? "unknown"
            throw SpawnError(description: "Snowlite ingested \(rows) rows of \(size), the connector's last state is '\(state)' "
                + "(account in \(home))")
        }
        if keepAccount { return usage }
        // 100,000 issues leave ~150 MB per account: keep the disk small.
        for file in ["snowlite.sqlite", "snowlite.sqlite-wal", "snowlite.sqlite-shm"] { try? FileManager.default.removeItem(atPath: "\(home)/\(file)") }
        return usage
    }
}

enum Quickstart {
    static func run(_ context: Context) -> Section {
        let runs = context.runs(default: 3)
        var section = Section(number: 4, title: "Quickstart",
                              description: "What `make demo` times, on a fresh account against the GitHub fixture: `make deploy` "
                                  + "and `make install`'s scripts, sql/configure.sql (the grants, the warehouse reference, "
                                  + "PROVISION_CONNECTOR, ENABLE_RESOURCE of Snowflake-Labs/sfquickstarts and its ingestion of "
                                  + "250 issues) and `snowlite tasks wait`, each a snowsql or snowlite process, end to end. "
                                  + "No SQLite counterpart.",
                              runs: runs)
        let target = { (value: Double?) in Target("quickstart ≤ 1 s", value: value, unit: .seconds, atMost: 1) }
        section.targets = [target(nil)]
        do {
            let token = try ConnectorSetup.prepare(context)
            var totals: [Double] = [], steps: [[Double]] = []
            for index in 1 ... runs {
                progress("quickstart: run \(index)/\(runs)…")
                let home = try context.folder("quickstart-\(index)")
                let fixture = try Fixture.start(context, folder: home)
                defer { fixture.stop() }
                let account = try ConnectorAccount(context, home: home, port: fixture.port)
                let started = now()
                let deploy = try account.deploy()
                let install = try account.install(token: token)
                let configure = try runChecked(account.snowsql(["-f", "sql/configure.sql", "-D", "APP_NAME=\(ConnectorAccount.app)",
                                                                "-D", "WAREHOUSE=XS", "-D", "DESTINATION_DB=GITHUB_ISSUES",
                                                                "-D", "REPOSITORY=Snowflake-Labs/sfquickstarts"], "configure"),
                                               what: "sql/configure.sql")
                let wait = try runChecked(Command(executable: context.program("snowlite"),
                                                  arguments: ["tasks", "wait", "--timeout", "120", "--config", account.config, "-c", "bench"],
                                                  environment: context.environment(home: home), stdout: "\(home)/wait.out",
                                                  stderr: "\(home)/wait.out", timeout: 180), what: "snowlite tasks wait")
                totals.append(now() - started)
                steps.append([deploy.wall, install.wall, configure.wall, wait.wall])
                let rows = try account.value("select count(*) from github_issues.public.snowflake_labs_sfquickstarts")
                guard rows == "250" else { throw SpawnError(description: "the quickstart ingested \(rows) rows of 250 (account in \(home))") }
            }
            let total = Summary(totals)
            section.figures = [Figure(measure: "deploy to ingested rows, wall time", unit: .seconds, snowlite: total)]
            for (index, name) in ["`make deploy`'s script", "`make install`'s script", "sql/configure.sql (with the ingestion)",
                                  "`snowlite tasks wait`"].enumerated() {
                section.figures.append(Figure(measure: "… \(name)", unit: .seconds, snowlite: Summary(steps.map { $0[index] })))
            }
            section.notes = ["check: every run ingested 250 rows into GITHUB_ISSUES.PUBLIC.SNOWFLAKE_LABS_SFQUICKSTARTS — OK"]
            section.targets = [target(total.median)]
        } catch {
            section.failure = "\(error)"
        }
        return section
    }
}
