// Parser+Stages: CREATE STAGE and the file-transfer commands PUT, LIST (LS), GET and REMOVE (RM).
// A stage location is one lexer token (`@db.sch.stage/path`) or a quoted string starting with `@`
// (for paths with blanks); a local file is `'file://…'` or an unquoted `file://…` token. Options
// are `NAME = value` pairs in any order and any case (`overwrite=true`, spec §14 point 16).
// https://docs.snowflake.com/en/sql-reference/sql/create-stage, …/put, …/list, …/get, …/remove

extension Parser {
    static let stageProperties: Set<String> = [
        "URL", "STORAGE_INTEGRATION", "CREDENTIALS", "ENCRYPTION", "DIRECTORY", "FILE_FORMAT", "COPY_OPTIONS", "COMMENT",
    ]
    static let putOptions: Set<String> = ["AUTO_COMPRESS", "OVERWRITE", "SOURCE_COMPRESSION", "PARALLEL"]
    static let getOptions: Set<String> = ["PARALLEL", "PATTERN"]

    /// CREATE [OR REPLACE] [TEMPORARY] STAGE [IF NOT EXISTS] name [URL = '…'] [DIRECTORY = (…)]
    ///   [ENCRYPTION = (…)] [FILE_FORMAT = (…)] [COPY_OPTIONS = (…)] [COMMENT = '…'] — after `STAGE`.
    mutating func parseCreateStageBody(_ modifiers: CreateModifiers) throws(SyntaxError) -> CreateStage {
        var modifiers = modifiers
        modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
        let name = try parseObjectName()
        return CreateStage(modifiers: modifiers, name: name, properties: try parseProperties(Parser.stageProperties))
    }

    /// PUT <file URL> <stage location> [AUTO_COMPRESS = …] [OVERWRITE = …] [SOURCE_COMPRESSION = …] [PARALLEL = n]
    mutating func parsePut() throws(SyntaxError) -> Statement {
        try expect("PUT")
        let fileURL = try parseFileURL()
        let stage = try parseStageLocation()
        return .put(Put(fileURL: fileURL, stage: stage, options: try parseProperties(Parser.putOptions)))
    }

    /// LIST | LS <stage location> [PATTERN = '…']
    mutating func parseList() throws(SyntaxError) -> Statement {
        advance()
        let stage = try parseStageLocation()
        return .list(stage, pattern: try parsePattern())
    }

    /// GET <stage location> <directory URL> [PARALLEL = n] [PATTERN = '…']
    mutating func parseGet() throws(SyntaxError) -> Statement {
        try expect("GET")
        let stage = try parseStageLocation()
        let directory = try parseFileURL()
        return .get(GetFiles(stage: stage, directoryURL: directory, options: try parseProperties(Parser.getOptions)))
    }

    /// REMOVE | RM <stage location> [PATTERN = '…']
    mutating func parseRemove() throws(SyntaxError) -> Statement {
        advance()
        let stage = try parseStageLocation()
        return .remove(stage, pattern: try parsePattern())
    }

    /// `[PATTERN = '…']`
    private mutating func parsePattern() throws(SyntaxError) -> String? {
        guard match("PATTERN") else { return nil }
        _ = matchSymbol("=")
        return try parseStringLiteral()
    }

    /// `file://…` unquoted, or a string literal that starts with `file://` (any case).
    mutating func parseFileURL() throws(SyntaxError) -> String {
        switch current.kind {
        case .fileURL: return advance().text
        case .string where current.value.lowercased().hasPrefix("file://"): return advance().value
        default: throw unexpected()
        }
    }

    /// `@name[/path]`, `@~[/path]`, `@ns.%table[/path]`, or the same in single quotes.
    mutating func parseStageLocation() throws(SyntaxError) -> StageLocation {
        let token = current
        let text: String
        switch token.kind {
        case .stageReference: text = token.value
        case .string where token.value.hasPrefix("@"): text = String(token.value.dropFirst())
        case .string where token.value.lowercased().hasPrefix("snow://"): text = token.value
        default: throw unexpected()
        }
        guard let location = Parser.stageLocation(text) else { throw unexpected() }
        advance()
        return location
    }

    /// Splits the text after `@` at the first `/` outside double quotes into a stage and a path.
    public static func stageLocation(_ text: String) -> StageLocation? {
        if text.lowercased().hasPrefix("snow://") { return packageLocation(text) }
        var nameEnd = text.endIndex
        var quoted = false
        for index in text.indices {
            if text[index] == "\"" { quoted.toggle() }
            if text[index] == "/" && !quoted {
                nameEnd = index
                break
            }
        }
        let name = String(text[..<nameEnd])
        let path = nameEnd < text.endIndex ? String(text[text.index(after: nameEnd)...]) : ""
        if name == "~" { return StageLocation(stage: .user, path: path) }
        if name.split(separator: ".").last?.hasPrefix("%") == true { return StageLocation(stage: .table(name), path: path) }
        guard !name.isEmpty, let parts = try? Parser.parseQualifiedName(name) else { return nil }
        return StageLocation(stage: .named(.parts(parts)), path: path)
    }

    /// `snow://package/<package>/versions/<version>[/path]`; nil for any other `snow://` form.
    static func packageLocation(_ text: String) -> StageLocation? {
        let segments = text.dropFirst("snow://".count).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard segments.count >= 4, segments[0].lowercased() == "package", segments[2].lowercased() == "versions",
              !segments[3].isEmpty, let package = try? Parser.parseQualifiedName(segments[1]), package.count == 1 else { return nil }
        return StageLocation(stage: .packageVersion(package: package[0], version: segments[3].uppercased()),
                             path: segments.dropFirst(4).joined(separator: "/"))
    }
}
