// Stages: CREATE STAGE, stage locations (`@stage/path`, `@~`, `@%table`) and the file-transfer
// commands PUT and GET; LIST and REMOVE carry a location and a pattern in their `Statement` cases.
// Parsed by Parser+Stages.swift.

/// CREATE [OR REPLACE] [TEMPORARY] STAGE [IF NOT EXISTS] name [properties]: an internal stage,
/// unless a `URL` property makes it external.
public struct CreateStage: Equatable, Sendable {
    public var modifiers: CreateModifiers
    public var name: ObjectName
    public var properties: [Property]
    public init(modifiers: CreateModifiers, name: ObjectName, properties: [Property] = []) {
        self.modifiers = modifiers
        self.name = name
        self.properties = properties
    }
}

/// `@[db.][schema.]stage[/path]`, `@~[/path]` (the user's stage) or `@[namespace.]%table[/path]`
/// (a table's stage), as written after PUT, LIST, GET, REMOVE or in quotes (`'@s/a b'`).
public struct StageLocation: Equatable, Sendable, CustomStringConvertible {
    public enum Stage: Equatable, Sendable {
        case named(ObjectName)
        case user
        /// The text between `@` and the first `/`, such as `db.sch.%t`.
        case table(String)
        /// `snow://package/<package>/versions/<version>`: a version's files in an application package
        /// (the LIVE version of a declarative, TYPE = DATA package).
        case packageVersion(package: Identifier, version: String)
    }
    public var stage: Stage
    /// The path after the stage, without its leading `/`: case-sensitive, empty for the whole stage.
    public var path: String
    public init(stage: Stage, path: String = "") {
        self.stage = stage
        self.path = path
    }

    public var description: String {
        var text = "@"
        switch stage {
        case .named(let name): text += name.description
        case .user: text += "~"
        case .table(let name): text += name
        case .packageVersion(let package, let version): text = "snow://package/\(package.sql)/versions/\(version)"
        }
        return path.isEmpty ? text : text + "/" + path
    }
}

/// PUT 'file://<path or glob>' @stage[/path] [AUTO_COMPRESS = …] [OVERWRITE = …] [SOURCE_COMPRESSION = …] [PARALLEL = n]
public struct Put: Equatable, Sendable {
    /// The local file URL as written, `file://` included.
    public var fileURL: String
    public var stage: StageLocation
    public var options: [Property]
    public init(fileURL: String, stage: StageLocation, options: [Property] = []) {
        self.fileURL = fileURL
        self.stage = stage
        self.options = options
    }
}

/// GET @stage[/path] 'file://<directory>' [PARALLEL = n] [PATTERN = '…']
public struct GetFiles: Equatable, Sendable {
    public var stage: StageLocation
    /// The local directory URL as written, `file://` included.
    public var directoryURL: String
    public var options: [Property]
    public init(stage: StageLocation, directoryURL: String, options: [Property] = []) {
        self.stage = stage
        self.directoryURL = directoryURL
        self.options = options
    }
}
