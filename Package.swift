// swift-tools-version: 6.0
// Snowlite: Snowflake's native-app world on one laptop, on SQLite.
import PackageDescription

// A release build by the Makefile or a bench script sets SNOWLITE_STATIC_LIBS to a folder of static
// archives (scripts/static-libs.sh). SQLite, readline, zlib and libstdc++ are then linked in rather than
// bound by the dynamic loader at every start, and snowsql, a short-lived client (never a server), is linked
// at a fixed address: as a position-independent executable of 130 MB it applied 100,000 relocations and
// copied 300 pages at every start. The Swift runtime is linked in too (--static-swift-stdlib), so no
// shared library's protected symbols meet the fixed address. bench/results.md, start-up.
let staticLibraries = Context.environment["SNOWLITE_STATIC_LIBS"]

// Such a build is also compiled with -function-sections (the Makefile's RELEASE_FLAGS) and linked by
// lld, which places the functions a client's start runs, and the sections of the data it touches,
// first and together, in the order of scripts/start-up-order.txt (scripts/start-up-order.sh writes
// it): the code a start runs then lies in a few dozen 64 KB windows of the text, not two hundred,
// each a page fault.
let startUpOrder = Context.packageDirectory + "/scripts/start-up-order.txt"

func releaseLinking(fixedAddress: Bool = false) -> [LinkerSetting] {
    guard let folder = staticLibraries, !folder.isEmpty else { return [] }
    let release = BuildSettingCondition.when(platforms: [.linux], configuration: .release)
    let ordering = ["-use-ld=lld", "-Xlinker", "--symbol-ordering-file=" + startUpOrder, "-Xlinker", "--no-warn-symbol-ordering"]
    return [
        // Without the Swift toolchain's --export-dynamic: the runtime's start-up dladdr no longer
        // searches 20,000 exported symbols, and nothing looks the program's own symbols up.
        // libgcc too (its unwinder, beside libstdc++'s archive): one shared library less to find,
        // map and relocate at every start.
        .unsafeFlags(["-L", folder, "-Xlinker", "--no-export-dynamic", "-Xclang-linker", "-static-libgcc"] + ordering
                     + (fixedAddress ? ["-Xclang-linker", "-no-pie"] : []), release),
        .linkedLibrary("tinfo", release),
    ]
}

let package = Package(
    name: "Snowlite",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "snowsql", targets: ["snowsql"]),
        .executable(name: "snowlite", targets: ["snowlite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Loggers for the servers `snowlite serve` and `fixtures github` run.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // HTTP servers on loopback: the egress tests' server and GitHubFixture (a mock GitHub API).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Hummingbird's own service runner: stops those servers gracefully (and on SIGINT).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // The dashboard's HTML templates.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // Users' password hashes (scrypt) and random session tokens.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // SQL front-end: lexer, parser, AST, printer, statement splitter. Imports nothing.
        .target(name: "SnowSQL"),
        // Pure policy: principals, privileges, secret values that never print.
        .target(name: "Security", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "CryptoExtras", package: "swift-crypto"),
        ]),
        // Arrow IPC streams for the driver protocol's results: our own writer (no Swift Arrow package here). Imports nothing.
        .target(name: "ArrowIPC"),
        // Everything that executes Snowflake SQL, one folder per concept (docs/ARCHITECTURE.md): the
        // account file and catalog (GRDB), translation, functions, execution, sessions, access control,
        // stages, procedures, the Scripting interpreter, external access, applications (manifests
        // through Yams), tasks and events.
        .target(name: "Engine", dependencies: [
            "SnowSQL", "Security", "CZlib",
            .product(name: "GRDB", package: "GRDB.swift"),
            // SQLite's C API, imported by exactly one file (Engine/Catalog/SQLiteCAPI.swift): `->`, sf_convert, checkpoints.
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Yams", package: "Yams"),
        ]),
        // zlib, imported by exactly one file (Engine/Gzip.swift): PUT's AUTO_COMPRESS.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // Composition root: opens an account and wires the engine.
        .target(name: "Snowlite", dependencies: ["Engine", "Egress", "GitHubConnector", "PythonProcedures"]),
        // readline, imported by exactly one file (SnowSQLClient/Interactive/LineEditor.swift).
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        // libcurl, imported by exactly one file (Egress/CurlTransport.swift).
        .systemLibrary(name: "CCurl", path: "Sources/CCurl"),
        // The only way out to the network: policy-checked client over a libcurl transport.
        .target(name: "Egress", dependencies: ["Security", "CCurl"]),
        // The quickstart's connector as Swift procedure handlers, reaching GitHub through Egress.
        .target(name: "GitHubConnector", dependencies: ["Engine", "Egress", "ProcedureEgress"]),
        // A procedure's egress decisions into EGRESS_HISTORY, for every procedure runtime.
        .target(name: "ProcedureEgress", dependencies: ["Engine", "Egress"]),
        // Python procedures' own code, run in a worker process per CALL (Sources/PythonProcedures):
        // its Snowpark session relayed through DriverWire, its secrets and egress decided here.
        .target(name: "PythonProcedures", dependencies: ["Engine", "Egress", "ProcedureEgress", "DriverWire", "SnowSQL"]),
        // The snowsql-compatible client: options, config, variables, formatters, REPL. It links no web
        // server: the `snowsql` executable is this target alone.
        .target(name: "SnowSQLClient", dependencies: [
            "Snowlite", "Engine", "SnowSQL", "CReadline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The `snowlite` program's own commands: serve (scheduler and dashboard), tasks, fixtures.
        .target(name: "SnowliteCommands", dependencies: [
            "SnowSQLClient", "Snowlite", "Engine", "Dashboard", "DriverProtocol", "GitHubFixture",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // A mock of api.github.com's issue endpoints (pagination, auth, rate limits, faults) for
        // the GitHub issues connector and its benchmarks. Nothing else in Snowlite imports it.
        .target(name: "GitHubFixture", dependencies: [
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // The connector's Streamlit page as a web page (`snowlite serve`): Hummingbird routes over the Engine.
        .target(name: "Dashboard", dependencies: [
            "Engine", "SnowSQL", "GitHubConnector",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Snowflake's driver REST protocol (`snowlite serve`): the real Python connector, Snowpark,
        // the snow CLI and SQLAlchemy connect to Snowlite. Routes over the Engine, served beside the dashboard.
        .target(name: "DriverProtocol", dependencies: [
            "Engine", "SnowSQL", "DriverWire",
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        // The driver protocol's answers without a server: requests and answers as JSON, result cells,
        // Arrow results, bindings, statement types, running a query-request. DriverProtocol serves them
        // over HTTP; PythonProcedures relays a Python worker's Snowpark session through them.
        .target(name: "DriverWire", dependencies: ["Engine", "SnowSQL", "ArrowIPC"]),
        .executableTarget(name: "snowsql", dependencies: ["SnowSQLClient"], linkerSettings: releaseLinking(fixedAddress: true)),
        .executableTarget(name: "snowlite", dependencies: ["SnowliteCommands"], linkerSettings: releaseLinking()),
        // The fuzz harness (Sources/Fuzzing): mutated SQL through the engine, in workers it survives.
        .target(name: "Fuzzing", dependencies: ["Snowlite", "Engine", "Egress", "SnowSQL"]),
        .executableTarget(name: "snowlite-fuzz", dependencies: [
            "Fuzzing", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "snowlite-workload", path: "bench/Workload"),
        // The benchmark runner `make bench` calls (bench/README.md): drives the built programs, writes bench/results.md.
        .executableTarget(name: "snowlite-bench", dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "bench/Runner"),
        // Its measuring parent, in C and linked statically (1.4 MB resident), so that a child's ru_maxrss
        // is the child's and not the runner's (bench/Spawn/main.c). The linker warns that the static Swift
        // runtime it pulls in could call dlopen; this program never does.
        .executableTarget(name: "snowlite-bench-spawn", path: "bench/Spawn",
                          linkerSettings: [.unsafeFlags(["-static-executable"])]),
        .testTarget(name: "SnowSQLTests", dependencies: ["SnowSQL"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Security", "Egress", "GitHubConnector", "GitHubFixture", "Snowlite", "SnowSQL", .product(name: "GRDB", package: "GRDB.swift")],
                    exclude: ["Scripting/Scripts", "Snowpark/snowpark-sql-corpus.sql", "Applications/IssueDesk", "Applications/Apps"]),
        // Helpers the test targets share (Tests/Support): no XCTest, no assertions.
        .target(name: "SnowliteTesting", path: "Tests/Support"),
        .testTarget(name: "SnowSQLClientTests", dependencies: ["SnowSQLClient", "Snowlite", "Engine", "GitHubFixture", "SnowliteTesting"],
                    exclude: ["Scenarios"]),
        .testTarget(name: "SnowliteCommandsTests", dependencies: ["SnowliteCommands", "GitHubFixture", "SnowliteTesting"]),
        .testTarget(name: "SecurityTests", dependencies: ["Security"]),
        .testTarget(name: "PythonProceduresTests", dependencies: ["PythonProcedures", "Engine", "Egress"]),
        // verify_with_pyarrow.py reads the same streams with pyarrow and the Snowflake connector (a development tool).
        .testTarget(name: "DriverProtocolTests", dependencies: [
            "DriverProtocol", "DriverWire", "Engine",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "ArrowIPCTests", dependencies: ["ArrowIPC"], exclude: ["verify_with_pyarrow.py"]),
        .testTarget(name: "FuzzTests", dependencies: ["Fuzzing", "SnowliteTesting"], exclude: ["Corpus"]),
        .testTarget(name: "EgressTests", dependencies: [
            "Egress", "Security",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .testTarget(name: "GitHubFixtureTests", dependencies: [
            "GitHubFixture", "SnowliteTesting",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "DashboardTests", dependencies: [
            "Dashboard", "Engine", "Snowlite", "GitHubConnector", "GitHubFixture", "Egress",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)

// Generic types' metadata is reached through accessor calls, not mangled names the runtime demangles
// and looks up on first use: a fifth of a `snowsql -q 'select 1'` went to that demangling (issue 24).
// Release only; the code is a little larger.
for target in package.targets where target.type == .regular || target.type == .executable {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"], .when(configuration: .release)),
    ]
}
