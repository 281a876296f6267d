// Executor+Stages: internal stages (CREATE STAGE, SHOW STAGES, DESCRIBE STAGE; DROP STAGE goes
// through Executor+DDL's DROP of schema objects) and the file-transfer commands PUT, LIST, GET and
// REMOVE (spec §4.4). A stage is a schema object in sl_object, kind STAGE; its files live in
// sl_stage_file and sl_blob (Catalog+StageFiles.swift). Snowflake runs PUT and GET in the client, which
// reads and writes local files; Snowlite runs in-process, so the engine does, relative paths
// resolving against the process's working directory. Errors the client would raise keep the
// Python connector's codes and wording (253005, 253006), without a SQLSTATE.
// https://docs.snowflake.com/en/sql-reference/sql/put, …/list, …/get, …/remove, …/create-stage

import Foundation
import GRDB
import Security
import SnowSQL

extension Executor {
    // MARK: - CREATE STAGE

    /// CREATE [OR REPLACE] [TEMPORARY] STAGE [IF NOT EXISTS] name [properties]. OR REPLACE drops the
    /// old stage's files. A TEMPORARY stage is its session's: dropped, files and all, when the
    /// session ends (Session+TemporaryObjects.swift).
    func createStage(_ create: CreateStage) throws -> ResultSet {
        try Executor.checkModifiers(create.modifiers, allowsTemporary: true)
        if create.properties.contains(where: { ["URL", "STORAGE_INTEGRATION", "CREDENTIALS"].contains($0.name) }) {
            throw SnowflakeError.unsupported("external stage: only internal stages are emulated")
        }
        let name = try newObjectName(create.name, kind: .stage)
        try access.requireCreate(.stage, database: name.database, schema: name.schema)
        try requireNotPermanent(name, kinds: [.stage], temporary: create.modifiers.temporary)
        let existing = try catalog.object(database: name.database, schema: name.schema, name: name.name, kinds: [.stage])
        if let done = try prepareCreate(existing: existing, name: name, modifiers: create.modifiers) { return done }
        try requireNameFree(name, kinds: [.stage])
        var properties: [String: String] = [:]
        if create.modifiers.temporary { properties = temporaryProperties(["temporary": "true"]) }
        for property in create.properties {
            // A stage's FILE_FORMAT is checked as CREATE FILE FORMAT checks one, and kept whole for
            // the COPYs and queries that read the stage (Executor+FileFormats.stageFileFormat).
            if property.name == "FILE_FORMAT", case .properties(let nested) = property.value,
               !nested.contains(where: { $0.name == "FORMAT_NAME" }) {
                let format = try FileFormat.make(type: nested.first { $0.name == "TYPE" }?.value.text ?? "CSV", properties: nested)
                properties["file_format.options"] = format.storedOptions
            }
            switch property.value {
            case .properties(let nested):
                for option in nested { properties[property.name.lowercased() + "." + option.name] = option.value.text }
            default:
                properties[property.name.lowercased()] = property.value.text
            }
        }
        let record = ObjectRecord(database: name.database, schema: name.schema, name: name.name,
                                  kind: .stage, owner: session.currentRole ?? "",
                                  comment: properties.removeValue(forKey: "comment"), createdOn: now,
                                  storageName: nil, definition: nil, properties: properties)
        try catalog.insertObject(record)
        try applyFutureGrants(to: record)
        return Executor.created("Stage area", name.name)
    }

    /// The stage a location names. `@~` and `@%table` are not emulated; a missing stage is 002003
    /// with its qualified name [?: Snowflake's exact name form here not verified].
    /// `privilege` (READ for LIST and GET, WRITE for PUT and REMOVE) is checked: a stage the role
    /// cannot see is missing, one it sees without the privilege is 003001.
    func resolveStage(_ location: StageLocation, operation: String, privilege: Privilege? = nil) throws -> ObjectRecord {
        switch location.stage {
        case .user: throw SnowflakeError.unsupported("user stage @~")
        case .table(let table): throw SnowflakeError.unsupported("table stage @\(table)")
        case .packageVersion(let package, let version): return try packageVersionStage(package, version: version)
        case .named(let written):
            let name = try session.qualify(try session.nameParts(written), database: session.currentDatabase,
                                           schema: session.currentSchema, operation: operation)
            let missing = SnowflakeError.doesNotExist("Stage", name.description)
            guard let stage = try catalog.object(database: name.database, schema: name.schema, name: name.name,
                                                 kinds: [.stage]) else { throw missing }
            try access.require(privilege, on: stage, missing: missing)
            return stage
        }
    }

    // MARK: - PUT

    private static let putColumns: [ResultColumn] = [
        ResultColumn("source", .string), ResultColumn("target", .string), ResultColumn("source_size", .integer),
        ResultColumn("target_size", .integer), ResultColumn("source_compression", .string),
        ResultColumn("target_compression", .string), ResultColumn("status", .string), ResultColumn("message", .string),
    ]

    /// PUT: one row per local file, by file name. A file already on the stage is SKIPPED (target
    /// size 0) unless OVERWRITE = TRUE, whatever its content, as the Python connector does.
    func put(_ put: Put) throws -> ResultSet {
        let stage = try resolveStage(put.stage, operation: "PUT", privilege: .write)
        let options = try PutOptions(put.options)
        let written = LocalFiles.path(of: put.fileURL)
        let lastModified = Executor.lastModified(session.statementTime)
        var rows: [[Value]] = []
        for file in try LocalFiles.matching(written) {
            let content = try LocalFiles.read(file)
            let sourceName = (file as NSString).lastPathComponent
            let sourceCompression = options.sourceCompression(of: sourceName, content)
            var (target, targetName, targetCompression) = (content, sourceName, sourceCompression)
            if sourceCompression == "NONE" && options.autoCompress {
                target = try Gzip.compress(content)
                targetName += ".gz"
                targetCompression = "GZIP"
            }
            let path = Executor.stagePath(put.stage.path, targetName)
            var status = "UPLOADED"
            if !options.overwrite, try catalog.stageFile(stage: stage, path: path) != nil {
                status = "SKIPPED"
            } else {
                try catalog.putStageFile(stage: stage, path: path, content: target, lastModified: lastModified)
            }
            rows.append([.string(sourceName), .string(targetName), .integer(Int64(content.count)),
                         .integer(status == "SKIPPED" ? 0 : Int64(target.count)), .string(sourceCompression),
                         .string(targetCompression), .string(status), .string("")])
        }
        return ResultSet(columns: Executor.putColumns, rows: rows)
    }

    /// `prefix` + `/` + `name` with empty segments dropped: `V_1_0_0` + `a.yml` → `V_1_0_0/a.yml`.
    static func stagePath(_ prefix: String, _ name: String) -> String {
        (prefix.split(separator: "/").map(String.init) + [name]).joined(separator: "/")
    }

    // MARK: - LIST, GET, REMOVE

    /// The files under the location's path whose name (as LIST prints it, or relative to the stage)
    /// the whole of `pattern` matches.
    func selectFiles(_ stage: ObjectRecord, _ location: StageLocation, pattern: String?) throws -> [StageFile] {
        let files = try catalog.stageFiles(stage: stage, prefix: location.path)
        guard let pattern else { return files }
        // The regular-expression functions' own linear-time engine, anchored at both ends.
        let regex = try RegularExpression.compiled(pattern, flags: RegexFlags(dotMatchesNewline: true), wholeText: true)
        return files.filter { regex.matchesWhole(Executor.listedName(stage, $0.path)) || regex.matchesWhole($0.path) }
    }

    /// LIST's `name`: the lower-cased stage name, then the path (`artifacts/V_1_0_0/manifest.yml`).
    /// A declarative package's version files are listed as `/versions/live/manifest.yml`.
    static func listedName(_ stage: ObjectRecord, _ path: String) -> String {
        (stage.schema == packageVersionsSchema ? "/versions/" : "") + stage.name.lowercased() + "/" + path
    }

    /// LIST | LS @stage[/path] [PATTERN = '…']: name, size, md5, last_modified, by path.
    func list(_ location: StageLocation, pattern: String?) throws -> ResultSet {
        let stage = try resolveStage(location, operation: "LIST", privilege: .read)
        let rows = try selectFiles(stage, location, pattern: pattern).map { file -> [Value] in
            [.string(Executor.listedName(stage, file.path)), .integer(file.size), .string(file.md5), .string(file.lastModified)]
        }
        return ResultSet(columns: [ResultColumn("name", .string), ResultColumn("size", .integer), ResultColumn("md5", .string),
                                   ResultColumn("last_modified", .string)], rows: rows)
    }

    /// GET @stage[/path] file://dir [PATTERN = '…']: writes each file into the directory under its
    /// base name (the directory structure is not kept, as in Snowflake) and creates the directory.
    func get(_ get: GetFiles) throws -> ResultSet {
        let stage = try resolveStage(get.stage, operation: "GET", privilege: .read)
        let pattern = get.options.first { $0.name == "PATTERN" }.map { $0.value.text }
        let files = try selectFiles(stage, get.stage, pattern: pattern)
        let directory = LocalFiles.absolute(LocalFiles.path(of: get.directoryURL))
        try LocalFiles.makeDirectory(directory)
        var rows: [[Value]] = []
        for file in files {
            let name = (file.path as NSString).lastPathComponent
            try LocalFiles.write(try catalog.blob(md5: file.md5), to: (directory as NSString).appendingPathComponent(name))
            rows.append([.string(name), .integer(file.size), .string("DOWNLOADED"), .string("")])
        }
        rows.sort { ($0[0].displayText() ?? "") < ($1[0].displayText() ?? "") }
        return ResultSet(columns: [ResultColumn("file", .string), ResultColumn("size", .integer), ResultColumn("status", .string),
                                   ResultColumn("message", .string)], rows: rows)
    }

    /// REMOVE | RM @stage[/path] [PATTERN = '…']: name (as LIST shows it), result `removed`.
    func remove(_ location: StageLocation, pattern: String?) throws -> ResultSet {
        let stage = try resolveStage(location, operation: "REMOVE", privilege: .write)
        var rows: [[Value]] = []
        for file in try selectFiles(stage, location, pattern: pattern) {
            try catalog.removeStageFile(stage: stage, path: file.path)
            rows.append([.string(Executor.listedName(stage, file.path)), .string("removed")])
        }
        return ResultSet(columns: [ResultColumn("name", .string), ResultColumn("result", .string)], rows: rows)
    }

    /// `Mon, 8 May 2023 12:13:47 GMT` (RFC 1123 with a day of one or two digits), in UTC.
    static func lastModified(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return String(format: "%@, %d %@ %04d %02d:%02d:%02d GMT", days[(c.weekday ?? 1) - 1], c.day ?? 1,
                      months[(c.month ?? 1) - 1], c.year ?? 1970, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    // MARK: - SHOW STAGES, DESCRIBE STAGE

    /// SHOW STAGES [LIKE …] [IN …]: LIKE, STARTS WITH and LIMIT are applied by `show`.
    func showStages(_ scope: ShowFilter.Scope?) throws -> ResultSet {
        var rows: [[Value]] = []
        for (database, schema) in try schemasInScope(scope) {
            for stage in try catalog.objects(database: database, schema: schema, kinds: [.stage]) where try access.canSee(stage) {
                rows.append([.timestamp(stage.createdOn), .string(stage.name), .string(stage.database), .string(stage.schema),
                             .string(""), .string("N"), .string("N"), .string(stage.owner), .string(stage.comment ?? ""), .null,
                             .string(stage.properties["temporary"] == "true" ? "INTERNAL TEMPORARY" : "INTERNAL"), .null, .null,
                             .null, .null, .string(stage.owner.isEmpty ? "" : "ROLE"),
                             .string(stage.properties["directory.ENABLE"] == "TRUE" ? "Y" : "N")])
            }
        }
        let names = ["created_on", "name", "database_name", "schema_name", "url", "has_credentials", "has_encryption_key",
                     "owner", "comment", "region", "type", "cloud", "notification_channel", "storage_integration", "endpoint",
                     "owner_role_type", "directory_enabled"]
        return ResultSet(columns: names.map { ResultColumn($0, $0 == "created_on" ? .timestampLTZ : .string) }, rows: rows)
    }

    /// DESC[RIBE] STAGE name: a representative subset of Snowflake's rows (file format, copy
    /// options, location, directory table), with the values CREATE STAGE set.
    func describeStage(_ describe: DescribeStatement) throws -> ResultSet {
        let parts = try session.nameParts(describe.name)
        let name = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema, operation: "DESCRIBE")
        let missing = SnowflakeError.doesNotExist("Stage", parts.joined(separator: "."))
        guard let stage = try catalog.object(database: name.database, schema: name.schema, name: name.name,
                                             kinds: [.stage]) else { throw missing }
        try access.require(nil, on: stage, missing: missing)
        let defaults: [(parent: String, property: String, type: String, key: String, value: String)] = [
            ("STAGE_FILE_FORMAT", "TYPE", "String", "file_format.TYPE", "CSV"),
            ("STAGE_FILE_FORMAT", "FIELD_DELIMITER", "String", "file_format.FIELD_DELIMITER", ","),
            ("STAGE_FILE_FORMAT", "SKIP_HEADER", "Integer", "file_format.SKIP_HEADER", "0"),
            ("STAGE_FILE_FORMAT", "COMPRESSION", "String", "file_format.COMPRESSION", "AUTO"),
            ("STAGE_COPY_OPTIONS", "ON_ERROR", "String", "copy_options.ON_ERROR", "ABORT_STATEMENT"),
            ("STAGE_COPY_OPTIONS", "PURGE", "Boolean", "copy_options.PURGE", "false"),
            ("STAGE_LOCATION", "URL", "String", "url", ""),
            ("DIRECTORY", "ENABLE", "Boolean", "directory.ENABLE", "false"),
            ("DIRECTORY", "AUTO_REFRESH", "Boolean", "directory.AUTO_REFRESH", "false"),
        ]
        let rows = defaults.map { row -> [Value] in
            var value = stage.properties[row.key] ?? row.value
            if row.type == "Boolean" { value = value.lowercased() }
            return [.string(row.parent), .string(row.property), .string(row.type), .string(value), .string(row.value)]
        }
        return ResultSet(columns: ["parent_property", "property", "property_type", "property_value", "property_default"]
                            .map { ResultColumn($0, .string) }, rows: rows)
    }
}

// MARK: - PUT options

/// AUTO_COMPRESS (default TRUE), OVERWRITE (default FALSE), SOURCE_COMPRESSION (default AUTO_DETECT).
/// PARALLEL is accepted and has no effect.
struct PutOptions {
    var autoCompress = true
    var overwrite = false
    var sourceCompression = "AUTO_DETECT"

    static let compressions: Set<String> = ["AUTO_DETECT", "GZIP", "BZ2", "BROTLI", "ZSTD", "DEFLATE", "RAW_DEFLATE", "NONE"]

    init(_ options: [Property]) throws {
        for option in options {
            let value = option.value.text.uppercased()
            switch option.name {
            case "AUTO_COMPRESS": autoCompress = try PutOptions.boolean(value, option.name)
            case "OVERWRITE": overwrite = try PutOptions.boolean(value, option.name)
            case "SOURCE_COMPRESSION":
                guard PutOptions.compressions.contains(value) else { throw PutOptions.invalid(value, option.name) }
                sourceCompression = value
            default: break
            }
        }
    }

    private static func boolean(_ value: String, _ name: String) throws -> Bool {
        switch value {
        case "TRUE": return true
        case "FALSE": return false
        default: throw invalid(value, name)
        }
    }

    /// [?: wording chosen] Snowflake's text for a bad option value was not found.
    private static func invalid(_ value: String, _ name: String) -> SnowflakeError {
        SnowflakeError.compilationError("invalid value [\(value)] for parameter '\(name)'")
    }

    /// The compression of a source file: as SOURCE_COMPRESSION says, or detected from its
    /// extension (and the Parquet/ORC magic bytes), as the Python connector does.
    func sourceCompression(of name: String, _ content: [UInt8]) -> String {
        guard sourceCompression == "AUTO_DETECT" else { return sourceCompression }
        let byExtension = ["gz": "GZIP", "bz2": "BZ2", "br": "BROTLI", "zst": "ZSTD", "deflate": "DEFLATE",
                           "raw_deflate": "RAW_DEFLATE"]
        if let compression = byExtension[(name as NSString).pathExtension.lowercased()] { return compression }
        if content.starts(with: Array("PAR1".utf8)) { return "PARQUET" }
        if content.starts(with: Array("ORC".utf8)) { return "ORC" }
        return "NONE"
    }
}

// MARK: - Local files

/// The client side of PUT and GET: file URLs, globs, reading and writing.
enum LocalFiles {
    /// The path of a `file://` URL as written: `file:///tmp/x` → `/tmp/x`, `file://sf_build/*` → `sf_build/*`.
    static func path(of url: String) -> String {
        url.lowercased().hasPrefix("file://") ? String(url.dropFirst(7)) : url
    }

    /// An absolute path: `~` expanded, relative paths against the working directory.
    static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        return (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(expanded)
    }

    /// The files a path names: itself, or with `*` and `?` in its last component, every match in
    /// that directory (hidden files only when the pattern starts with `.`), sorted by name.
    /// No match is the connector's 253006; a directory is its `Not a file but a directory`.
    static func matching(_ written: String) throws -> [String] {
        let path = absolute(written)
        let directory = (path as NSString).deletingLastPathComponent
        let pattern = (path as NSString).lastPathComponent
        var candidates: [String]
        if pattern.contains("*") || pattern.contains("?") {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            candidates = names.filter { (!$0.hasPrefix(".") || pattern.hasPrefix(".")) && wildcardMatch(Array($0), Array(pattern)) }
                .sorted().map { (directory as NSString).appendingPathComponent($0) }
        } else {
            candidates = FileManager.default.fileExists(atPath: path) ? [path] : []
        }
        guard !candidates.isEmpty else {
            throw SnowflakeError.localFilesNotFound(written)
        }
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue {
                throw SnowflakeError.localFileIsDirectory(candidate)
            }
        }
        return candidates
    }

    /// `*` any run of characters, `?` one character, everything else itself.
    static func wildcardMatch(_ name: [Character], _ pattern: [Character]) -> Bool {
        var (n, p) = (0, 0)
        var star: (pattern: Int, name: Int)?
        while n < name.count {
            if p < pattern.count && (pattern[p] == "?" || pattern[p] == name[n]) {
                n += 1
                p += 1
            } else if p < pattern.count && pattern[p] == "*" {
                star = (p, n)
                p += 1
            } else if let s = star {
                p = s.pattern + 1
                n = s.name + 1
                star = (s.pattern, s.name + 1)
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SnowflakeError.localFileNotFound(path)
        }
        return Array(data)
    }

    /// Creates the directory (and its parents) unless it exists; a file in its place is 253005.
    static func makeDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return }
        } else if (try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)) != nil {
            return
        }
        throw SnowflakeError.localPathNotDirectory(path)
    }

    static func write(_ data: Data, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw SnowflakeError.localFileNotWritten(path)
        }
    }
}
