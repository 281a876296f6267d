// Parser+Loading: file formats (CREATE, ALTER, DROP, SHOW, DESCRIBE FILE FORMAT), COPY INTO a
// table, COPY INTO a stage location, and staged files as a FROM item (`@s (FILE_FORMAT => 'f')`).
// Options are `NAME = value` pairs in any order and any case, each at most once; a name outside
// the statement's set is a syntax error at the name. Which options a TYPE takes, and what their
// values mean, is the engine's to decide (Engine/Loading/FileFormat.swift).
// https://docs.snowflake.com/en/sql-reference/sql/create-file-format, …/alter-file-format,
// …/copy-into-table, …/copy-into-location, https://docs.snowflake.com/en/user-guide/querying-stage

extension Parser {
    /// Every format-type option of every TYPE (CSV, JSON, AVRO, ORC, PARQUET, XML).
    static let formatTypeOptions: Set<String> = [
        "COMPRESSION", "RECORD_DELIMITER", "FIELD_DELIMITER", "MULTI_LINE", "FILE_EXTENSION", "PARSE_HEADER", "SKIP_HEADER",
        "SKIP_BLANK_LINES", "DATE_FORMAT", "TIME_FORMAT", "TIMESTAMP_FORMAT", "BINARY_FORMAT", "ESCAPE",
        "ESCAPE_UNENCLOSED_FIELD", "TRIM_SPACE", "FIELD_OPTIONALLY_ENCLOSED_BY", "NULL_IF", "ERROR_ON_COLUMN_COUNT_MISMATCH",
        "REPLACE_INVALID_CHARACTERS", "EMPTY_FIELD_AS_NULL", "SKIP_BYTE_ORDER_MARK", "ENCODING", "ENABLE_OCTAL",
        "ALLOW_DUPLICATE", "STRIP_OUTER_ARRAY", "STRIP_NULL_VALUES", "IGNORE_UTF8_ERRORS", "SNAPPY_COMPRESSION",
        "BINARY_AS_TEXT", "USE_LOGICAL_TYPE", "USE_VECTORIZED_SCANNER", "PRESERVE_SPACE", "STRIP_OUTER_ELEMENT",
        "DISABLE_AUTO_CONVERT",
    ]
    static let copyIntoTableOptions: Set<String> = [
        "FILES", "PATTERN", "FILE_FORMAT", "ON_ERROR", "SIZE_LIMIT", "PURGE", "RETURN_FAILED_ONLY", "MATCH_BY_COLUMN_NAME",
        "INCLUDE_METADATA", "ENFORCE_LENGTH", "TRUNCATECOLUMNS", "FORCE", "LOAD_UNCERTAIN_FILES", "VALIDATION_MODE",
        "LOAD_MODE",
    ]
    static let copyIntoLocationOptions: Set<String> = [
        "FILE_FORMAT", "OVERWRITE", "SINGLE", "MAX_FILE_SIZE", "INCLUDE_QUERY_ID", "DETAILED_OUTPUT", "HEADER",
        "PARTITION_BY", "VALIDATION_MODE",
    ]

    /// At `FILE FORMAT` (`offset` tokens ahead), or `FILE FORMATS` with `plural`.
    func atFileFormat(_ offset: Int, plural: Bool = false) -> Bool {
        peek(offset).isWord("FILE") && peek(offset + 1).isWord(plural ? "FORMATS" : "FORMAT")
    }

    /// After CREATE [modifiers], at FILE FORMAT: `[IF NOT EXISTS] name [TYPE = …] [options] [COMMENT = '…']`.
    mutating func parseCreateFileFormat(_ modifiers: CreateModifiers) throws(SyntaxError) -> Statement {
        try expect("FILE")
        try expect("FORMAT")
        var modifiers = modifiers
        modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
        let name = try parseObjectName()
        let properties = try parseOnceEachProperties(Parser.formatTypeOptions.union(["TYPE", "COMMENT"]))
        return .loading(.createFileFormat(CreateFileFormat(modifiers: modifiers, name: name, properties: properties)))
    }

    /// ALTER FILE FORMAT [IF EXISTS] name RENAME TO name | SET options [COMMENT = '…']
    mutating func parseAlterFileFormat() throws(SyntaxError) -> Statement {
        try expect("ALTER")
        try expect("FILE")
        try expect("FORMAT")
        let ifExists = match("IF", "EXISTS")
        let name = try parseObjectName()
        if match("RENAME") {
            try expect("TO")
            return .loading(.alterFileFormat(name: name, ifExists: ifExists, change: .rename(try parseObjectName())))
        }
        try expect("SET")
        let properties = try parseOnceEachProperties(Parser.formatTypeOptions.union(["COMMENT"]))
        guard !properties.isEmpty else { throw unexpected() }
        return .loading(.alterFileFormat(name: name, ifExists: ifExists, change: .set(properties)))
    }

    /// DROP FILE FORMAT [IF EXISTS] name
    mutating func parseDropFileFormat() throws(SyntaxError) -> Statement {
        try expect("DROP")
        try expect("FILE")
        try expect("FORMAT")
        let ifExists = match("IF", "EXISTS")
        return .loading(.dropFileFormat(try parseObjectName(), ifExists: ifExists))
    }

    /// DESC[RIBE] FILE FORMAT name
    mutating func parseDescribeFileFormat() throws(SyntaxError) -> Statement {
        advance()
        try expect("FILE")
        try expect("FORMAT")
        return .loading(.describeFileFormat(try parseObjectName()))
    }

    /// COPY INTO <table> [(cols)] FROM <location> | (query) [options], or
    /// COPY INTO <location> FROM <table> | (query) [options].
    mutating func parseCopy() throws(SyntaxError) -> Statement {
        try expect("COPY")
        try expect("INTO")
        if atStageLocation {
            let location = try parseStageLocation()
            try expect("FROM")
            let source: CopyIntoLocation.Source
            if matchSymbol("(") {
                source = .query(try parseQuery())
                try expectSymbol(")")
            } else {
                source = .table(try parseObjectName())
            }
            return .loading(
                .copyIntoLocation(
                    CopyIntoLocation(
                        location: location, source: source,
                        options: try parseOnceEachProperties(Parser.copyIntoLocationOptions))))
        }
        let table = try parseObjectName()
        let columns = checkSymbol("(") ? try parseIdentifierList() : []
        try expect("FROM")
        let source: CopyIntoTable.Source
        if matchSymbol("(") {
            source = .query(try parseQuery())
            try expectSymbol(")")
        } else {
            guard atStageLocation else { throw unexpected() }
            source = .location(try parseStageLocation())
        }
        return .loading(
            .copyIntoTable(
                CopyIntoTable(
                    table: table, columns: columns, source: source,
                    options: try parseOnceEachProperties(Parser.copyIntoTableOptions))))
    }

    /// At `@stage…` or `'@stage…'`.
    var atStageLocation: Bool {
        current.kind == .stageReference || (current.kind == .string && current.value.hasPrefix("@"))
    }

    /// `@stage[/path] [(NAME => 'value', …)] [alias]` in a FROM clause.
    mutating func parseStagedFiles() throws(SyntaxError) -> TableReference {
        let location = try parseStageLocation()
        var options: [Property] = []
        if checkSymbol("("), peek().kind == .word, peek(2).isSymbol("=>") {
            advance()
            repeat {
                guard current.kind == .word else { throw unexpected() }
                let name = current.text.uppercased()
                guard ["FILE_FORMAT", "PATTERN"].contains(name), !options.contains(where: { $0.name == name }) else {
                    throw unexpected()
                }
                advance()
                try expectSymbol("=>")
                options.append(Property(name: name, value: .string(try parseStringLiteral())))
            } while matchSymbol(",")
            try expectSymbol(")")
        }
        return .stagedFiles(location, options: options, alias: try parseTableAlias())
    }

    /// `NAME = value` pairs from `allowed`, each at most once: a repeated name is a syntax error at it.
    mutating func parseOnceEachProperties(_ allowed: Set<String>) throws(SyntaxError) -> [Property] {
        var properties: [Property] = []
        while current.kind == .word, allowed.contains(current.text.uppercased()) {
            let name = current.text.uppercased()
            if properties.contains(where: { $0.name == name }) { throw unexpected() }
            advance()
            _ = matchSymbol("=")
            properties.append(Property(name: name, value: try parsePropertyValue()))
        }
        return properties
    }
}
