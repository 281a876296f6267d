// Applications: installing and removing applications (spec §5.2), and the objects only an
// application's setup script makes — application roles and Streamlit apps (§5.4–5.6). Versioned
// schemas are CREATE SCHEMA with `versioned` set (DDL.swift).

public enum ApplicationStatement: Equatable, Sendable {
    /// CREATE APPLICATION name FROM APPLICATION PACKAGE pkg [USING VERSION v [PATCH n] | USING '@stage/path'] …
    case create(CreateApplication)
    /// ALTER APPLICATION [IF EXISTS] name { SET DEBUG_MODE = … COMMENT = … | UPGRADE [USING …] }
    case alter(ObjectName, ifExists: Bool, AlterApplication)
    /// EXECUTE IMMEDIATE FROM '<path>': another file of the version, from a setup script.
    case executeFrom(String)
    /// DROP APPLICATION [IF EXISTS] name [CASCADE]
    case drop(ObjectName, ifExists: Bool, cascade: Bool)
    /// SHOW APPLICATIONS [LIKE '…']
    case show(like: String?)
    /// DESC[RIBE] APPLICATION name
    case describe(ObjectName)
    /// SHOW APPLICATION ROLES IN APPLICATION name
    case showRoles(ObjectName)
    /// SHOW PRIVILEGES IN APPLICATION name: the manifest's requested account privileges.
    case showPrivileges(ObjectName)
    /// SHOW REFERENCES IN APPLICATION name: the manifest's references and what is bound to them.
    case showReferences(ObjectName)
    /// SHOW TELEMETRY EVENT DEFINITIONS IN APPLICATION name: the manifest's event definitions.
    case showTelemetryEventDefinitions(ObjectName)
    /// SHOW OBJECTS OWNED BY APPLICATION name: what the application owns outside itself.
    case showObjectsOwned(ObjectName)
    /// CREATE APPLICATION ROLE [IF NOT EXISTS] name [COMMENT = '…']
    case createRole(CreateNamedObject)
    /// CREATE [OR REPLACE] STREAMLIT [IF NOT EXISTS] name FROM '<dir>' MAIN_FILE = '<file>' …
    case createStreamlit(CreateStreamlit)
}

public struct CreateApplication: Equatable, Sendable {
    public enum Source: Equatable, Sendable {
        /// No USING: the package's default release directive.
        case releaseDirective
        case version(Identifier, patch: Int?)
        /// USING '@stage/path': development mode, straight from staged files.
        case stage(StageLocation)
    }
    public var modifiers: CreateModifiers
    public var name: ObjectName
    public var package: ObjectName
    public var source: Source
    /// DEBUG_MODE, COMMENT.
    public var properties: [Property]
    public init(modifiers: CreateModifiers, name: ObjectName, package: ObjectName, source: Source, properties: [Property] = []) {
        self.modifiers = modifiers
        self.name = name
        self.package = package
        self.source = source
        self.properties = properties
    }
}

public enum AlterApplication: Equatable, Sendable {
    /// DEBUG_MODE, COMMENT.
    case set([Property])
    /// Plain UPGRADE (`.releaseDirective`), USING VERSION v [PATCH n], or USING '@stage/path'.
    case upgrade(CreateApplication.Source)
    /// UNSET REFERENCES [('ref' [, 'alias'])]: every binding, those of one reference, or one.
    case unsetReferences(name: String?, alias: String?)
}

public struct CreateStreamlit: Equatable, Sendable {
    public var modifiers: CreateModifiers
    public var name: ObjectName
    /// The folder (`'/'` is the application's root) and the main file in it.
    public var root: String
    public var properties: [Property]
    public init(modifiers: CreateModifiers, name: ObjectName, root: String, properties: [Property]) {
        self.modifiers = modifiers
        self.name = name
        self.root = root
        self.properties = properties
    }
}
