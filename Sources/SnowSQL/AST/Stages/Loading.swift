// Loading: the statements that load and unload data through stages — file formats (a schema
// object holding a TYPE and its options), COPY INTO <table> (from staged files, or from a query
// over them) and COPY INTO <location> (unloading). One `Statement.loading` case holds what was
// written; option values are kept as written, so the engine decides what a bad value means.
// Parsed by Parser+Loading.swift; run by Engine/Loading.
// https://docs.snowflake.com/en/sql-reference/sql/create-file-format, …/copy-into-table,
// …/copy-into-location

public enum LoadingStatement: Equatable, Sendable {
    case createFileFormat(CreateFileFormat)
    /// ALTER FILE FORMAT [IF EXISTS] name SET … | RENAME TO name
    case alterFileFormat(name: ObjectName, ifExists: Bool, change: FileFormatChange)
    /// DROP FILE FORMAT [IF EXISTS] name
    case dropFileFormat(ObjectName, ifExists: Bool)
    /// SHOW FILE FORMATS [LIKE '…'] [IN …] [STARTS WITH '…'] [LIMIT n]
    case showFileFormats(ShowFilter)
    /// DESC[RIBE] FILE FORMAT name
    case describeFileFormat(ObjectName)
    case copyIntoTable(CopyIntoTable)
    case copyIntoLocation(CopyIntoLocation)
}

/// CREATE [OR REPLACE] [TEMPORARY] FILE FORMAT [IF NOT EXISTS] name [TYPE = …] [options] [COMMENT = '…']
public struct CreateFileFormat: Equatable, Sendable {
    public var modifiers: CreateModifiers
    public var name: ObjectName
    /// TYPE, the format's options and COMMENT, in the order written.
    public var properties: [Property]
    public init(modifiers: CreateModifiers, name: ObjectName, properties: [Property] = []) {
        self.modifiers = modifiers
        self.name = name
        self.properties = properties
    }
}

/// What ALTER FILE FORMAT changes.
public enum FileFormatChange: Equatable, Sendable {
    /// SET TYPE = … | option = … | COMMENT = '…'
    case set([Property])
    case rename(ObjectName)
}

/// COPY INTO <table> [(columns)] FROM <stage location> | (SELECT … FROM <stage location>) [options]
public struct CopyIntoTable: Equatable, Sendable {
    public enum Source: Equatable, Sendable {
        case location(StageLocation)
        /// The transforming form: a query whose FROM clause reads staged files.
        case query(Query)
    }
    public var table: ObjectName
    public var columns: [Identifier]
    public var source: Source
    /// FILES, PATTERN, FILE_FORMAT, ON_ERROR, FORCE, PURGE, MATCH_BY_COLUMN_NAME, VALIDATION_MODE…
    public var options: [Property]
    public init(table: ObjectName, columns: [Identifier] = [], source: Source, options: [Property] = []) {
        self.table = table
        self.columns = columns
        self.source = source
        self.options = options
    }
}

/// COPY INTO <stage location> FROM <table> | (query) [options]
public struct CopyIntoLocation: Equatable, Sendable {
    public enum Source: Equatable, Sendable {
        case table(ObjectName)
        case query(Query)
    }
    public var location: StageLocation
    public var source: Source
    /// FILE_FORMAT, HEADER, SINGLE, MAX_FILE_SIZE, OVERWRITE…
    public var options: [Property]
    public init(location: StageLocation, source: Source, options: [Property] = []) {
        self.location = location
        self.source = source
        self.options = options
    }
}
