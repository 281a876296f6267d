// ApplicationPackages: the native-app statements on application packages and their versions (spec §5.1),
// one `Statement.applicationPackage` case holding what was written. Parsed by
// Parser+ApplicationPackages.swift, run by Engine/Executor+ApplicationPackages.swift.
// https://docs.snowflake.com/en/sql-reference/sql/create-application-package,
// …/alter-application-package-version, …/show-application-packages, …/show-versions

public enum ApplicationPackageStatement: Equatable, Sendable {
    /// CREATE APPLICATION PACKAGE [IF NOT EXISTS] name [COMMENT = '…'] [DISTRIBUTION = …] [MULTIPLE_INSTANCES = …] …
    case create(CreateNamedObject)
    /// DROP APPLICATION PACKAGE [IF EXISTS] name
    case drop(ObjectName, ifExists: Bool)
    /// ALTER APPLICATION PACKAGE name <action>
    case alter(AlterApplicationPackage)
    /// SHOW APPLICATION PACKAGES [LIKE '…'] [STARTS WITH '…'] [LIMIT n]
    case show(like: String?, startsWith: String?, limit: Int?)
    /// SHOW VERSIONS [LIKE '…'] IN APPLICATION PACKAGE name
    case showVersions(ObjectName, like: String?)
    /// SHOW SHARED CONTENT IN APPLICATION PACKAGE name [FOR VERSION v] (a declarative, TYPE = DATA package)
    case showSharedContent(ObjectName, version: Identifier?)
    /// SHOW RELEASE DIRECTIVES [LIKE '…'] IN APPLICATION PACKAGE name
    case showReleaseDirectives(ObjectName, like: String?)
    /// DESC[RIBE] APPLICATION PACKAGE name
    case describe(ObjectName)
}

/// ALTER APPLICATION PACKAGE name ADD VERSION … | ADD PATCH … | DROP VERSION … | SET DEFAULT RELEASE DIRECTIVE …
public struct AlterApplicationPackage: Equatable, Sendable {
    public enum Action: Equatable, Sendable {
        /// ADD VERSION [v] USING <stage path> [LABEL = '…']; nil: the manifest's `version.name`.
        case addVersion(Identifier?, using: StageLocation, label: String?)
        /// ADD PATCH [n] FOR VERSION v USING <stage path> [LABEL = '…']; nil: the next patch number.
        case addPatch(Int?, version: Identifier, using: StageLocation, label: String?)
        /// DROP VERSION v
        case dropVersion(Identifier)
        /// SET DEFAULT RELEASE DIRECTIVE VERSION = v PATCH = n (the legacy form, without release channels).
        case setDefaultReleaseDirective(version: Identifier, patch: Int)
        // A declarative (TYPE = DATA) package's live version:
        /// ADD LIVE VERSION
        case addLiveVersion
        /// ADD VERSION FROM <stage path>: the live version's files replaced by the folder's.
        case addLiveVersionFrom(StageLocation)
        /// BUILD: checks the live version's manifest and what it names.
        case build
        /// COMMIT: the live version becomes the next immutable version (VERSION$n).
        case commit
        /// RELEASE: the last committed version is released. RELEASE LIVE VERSION builds, commits and releases.
        case release(liveVersion: Bool)
        /// ABORT LIVE VERSION: the live version's edits are dropped; it is the last committed version again.
        case abortLiveVersion
        /// SET | MODIFY | UNSET RELEASE DIRECTIVE d … (AST/ReleaseDirectives.swift)
        case releaseDirective(ReleaseDirectiveAction)
    }

    public var name: ObjectName
    public var action: Action
    public init(name: ObjectName, action: Action) {
        self.name = name
        self.action = action
    }
}
