// Parser+ApplicationPackages: application packages and their versions (spec §5.1) — CREATE, DROP and ALTER
// APPLICATION PACKAGE, SHOW APPLICATION PACKAGES and SHOW VERSIONS IN APPLICATION PACKAGE. The
// dispatchers in Parser+Statements.swift and Parser+DDL.swift look two words ahead, so statements
// on applications themselves go to Parser+Applications.swift. A version's files
// are named by a stage location, bare (`@db.sch.stage/V_1_0_0`, as deploy.sql writes it) or quoted
// (`'@db.sch.stage/v1'`, as the docs do), read by `parseStageLocation` (Parser+Stages.swift).
// https://docs.snowflake.com/en/sql-reference/sql/create-application-package, …/alter-application-package-version

extension Parser {
    static let applicationPackageProperties: Set<String> = [
        "COMMENT", "DISTRIBUTION", "MULTIPLE_INSTANCES", "ENABLE_RELEASE_CHANNELS", "DATA_RETENTION_TIME_IN_DAYS",
        "MAX_DATA_EXTENSION_TIME_IN_DAYS", "DEFAULT_DDL_COLLATION", "TYPE",
    ]

    /// True at `APPLICATION PACKAGE` (after CREATE, DROP, ALTER).
    var atApplicationPackage: Bool { check("APPLICATION") && peek().isWord("PACKAGE") }

    /// CREATE … APPLICATION PACKAGE [IF NOT EXISTS] name [COMMENT = '…'] [DISTRIBUTION = INTERNAL | EXTERNAL]
    ///   [MULTIPLE_INSTANCES = TRUE | FALSE] [ENABLE_RELEASE_CHANNELS = TRUE | FALSE] — from `APPLICATION`.
    mutating func parseCreateApplicationPackage(_ modifiers: CreateModifiers) throws(SyntaxError) -> Statement {
        try expect("APPLICATION")
        try expect("PACKAGE")
        var modifiers = modifiers
        modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
        let name = try parseObjectName()
        let properties = try parseProperties(Parser.applicationPackageProperties)
        return .applicationPackage(.create(CreateNamedObject(modifiers: modifiers, name: name, properties: properties)))
    }

    /// DROP APPLICATION PACKAGE [IF EXISTS] name
    mutating func parseDropApplicationPackage() throws(SyntaxError) -> Statement {
        try expect("DROP")
        try expect("APPLICATION")
        try expect("PACKAGE")
        let ifExists = match("IF", "EXISTS")
        return .applicationPackage(.drop(try parseObjectName(), ifExists: ifExists))
    }

    /// ALTER APPLICATION PACKAGE name
    ///   ADD VERSION [v] USING <stage path> [LABEL = '…']
    /// | ADD PATCH [n] FOR VERSION v USING <stage path> [LABEL = '…']
    /// | DROP VERSION v
    /// | SET DEFAULT RELEASE DIRECTIVE VERSION = v PATCH = n
    /// | SET | MODIFY | UNSET RELEASE DIRECTIVE d … (parseReleaseDirectiveAction, below)
    mutating func parseAlterApplicationPackage() throws(SyntaxError) -> Statement {
        try expect("ALTER")
        try expect("APPLICATION")
        try expect("PACKAGE")
        let name = try parseObjectName()
        let action: AlterApplicationPackage.Action
        if match("ADD", "LIVE") {
            try expect("VERSION")
            action = .addLiveVersion
        } else if match("ADD", "VERSION", "FROM") {
            action = .addLiveVersionFrom(try parseStageLocation())
        } else if match("BUILD") {
            action = .build
        } else if match("COMMIT") {
            action = .commit
        } else if match("RELEASE") {
            let live = match("LIVE")
            if live { try expect("VERSION") }
            action = .release(liveVersion: live)
        } else if match("ABORT", "LIVE") {
            try expect("VERSION")
            action = .abortLiveVersion
        } else if match("ADD", "VERSION") {
            let version = check("USING") ? nil : try parseIdentifier()
            try expect("USING")
            let location = try parseStageLocation()
            action = .addVersion(version, using: location, label: try parseVersionLabel())
        } else if match("ADD", "PATCH") {
            let patch = current.kind == .number ? try parseInteger() : nil
            try expect("FOR")
            try expect("VERSION")
            let version = try parseIdentifier()
            try expect("USING")
            let location = try parseStageLocation()
            action = .addPatch(patch, version: version, using: location, label: try parseVersionLabel())
        } else if match("DROP", "VERSION") {
            action = .dropVersion(try parseIdentifier())
        } else if match("SET", "DEFAULT", "RELEASE") {
            try expect("DIRECTIVE")
            try expect("VERSION")
            _ = matchSymbol("=")
            let version = try parseIdentifier()
            try expect("PATCH")
            _ = matchSymbol("=")
            action = .setDefaultReleaseDirective(version: version, patch: try parseInteger())
        } else if let directive = try parseReleaseDirectiveAction() {
            action = .releaseDirective(directive)
        } else {
            throw unexpected()
        }
        return .applicationPackage(.alter(AlterApplicationPackage(name: name, action: action)))
    }

    /// `[LABEL = '…']`
    private mutating func parseVersionLabel() throws(SyntaxError) -> String? {
        guard match("LABEL") else { return nil }
        _ = matchSymbol("=")
        return try parseStringLiteral()
    }

    /// SHOW APPLICATION PACKAGES [LIKE '…'] [STARTS WITH '…'] [LIMIT n]
    /// | SHOW VERSIONS [LIKE '…'] IN APPLICATION PACKAGE name
    mutating func parseShowApplicationPackages() throws(SyntaxError) -> Statement {
        try expect("SHOW")
        if match("SHARED", "CONTENT") {
            try expect("IN")
            try expect("APPLICATION")
            try expect("PACKAGE")
            let name = try parseObjectName()
            let version = match("FOR", "VERSION") ? try parseIdentifier() : nil
            return .applicationPackage(.showSharedContent(name, version: version))
        }
        if match("VERSIONS") {
            let like = match("LIKE") ? try parseStringLiteral() : nil
            try expect("IN")
            try expect("APPLICATION")
            try expect("PACKAGE")
            return .applicationPackage(.showVersions(try parseObjectName(), like: like))
        }
        try expect("APPLICATION")
        try expect("PACKAGES")
        let like = match("LIKE") ? try parseStringLiteral() : nil
        let startsWith = match("STARTS", "WITH") ? try parseStringLiteral() : nil
        let limit = match("LIMIT") ? try parseInteger() : nil
        return .applicationPackage(.show(like: like, startsWith: startsWith, limit: limit))
    }
}

// MARK: - Release directives (legacy, without release channels): SET, MODIFY, UNSET RELEASE DIRECTIVE and SHOW
// RELEASE DIRECTIVES. The Snowflake CLI writes `accounts = (org.acct,org.acct2)` without blanks; UPGRADE_AFTER and
// the release-channel forms (ADD | REMOVE ACCOUNTS, MODIFY RELEASE CHANNEL) are not read: they are syntax errors.
// https://docs.snowflake.com/en/sql-reference/sql/alter-application-package-release-directive

extension Parser {
    /// After `ALTER APPLICATION PACKAGE name`:
    ///   SET RELEASE DIRECTIVE d ACCOUNTS = ( org.acct [, …] ) VERSION = v PATCH = n
    /// | MODIFY RELEASE DIRECTIVE d VERSION = v PATCH = n
    /// | UNSET RELEASE DIRECTIVE d
    /// nil (nothing consumed) at anything else.
    mutating func parseReleaseDirectiveAction() throws(SyntaxError) -> ReleaseDirectiveAction? {
        if match("SET", "RELEASE", "DIRECTIVE") {
            let name = try parseIdentifier()
            try expect("ACCOUNTS")
            _ = matchSymbol("=")
            try expectSymbol("(")
            var accounts: [DirectiveAccount] = []
            repeat {
                let organization = try parseIdentifier()
                try expectSymbol(".")
                accounts.append(DirectiveAccount(organization: organization, account: try parseIdentifier()))
            } while matchSymbol(",")
            try expectSymbol(")")
            let (version, patch) = try parseDirectiveVersion()
            return .set(name, accounts: accounts, version: version, patch: patch)
        }
        if match("MODIFY", "RELEASE", "DIRECTIVE") {
            let name = try parseIdentifier()
            let (version, patch) = try parseDirectiveVersion()
            return .modify(name, version: version, patch: patch)
        }
        if match("UNSET", "RELEASE", "DIRECTIVE") {
            return .unset(try parseIdentifier())
        }
        return nil
    }

    /// `VERSION = v PATCH = n`
    private mutating func parseDirectiveVersion() throws(SyntaxError) -> (Identifier, Int) {
        try expect("VERSION")
        _ = matchSymbol("=")
        let version = try parseIdentifier()
        try expect("PATCH")
        _ = matchSymbol("=")
        return (version, try parseInteger())
    }

    /// SHOW RELEASE DIRECTIVES [LIKE '…'] IN APPLICATION PACKAGE name — from `SHOW`.
    mutating func parseShowReleaseDirectives() throws(SyntaxError) -> Statement {
        try expect("SHOW")
        try expect("RELEASE")
        try expect("DIRECTIVES")
        let like = match("LIKE") ? try parseStringLiteral() : nil
        try expect("IN")
        try expect("APPLICATION")
        try expect("PACKAGE")
        return .applicationPackage(.showReleaseDirectives(try parseObjectName(), like: like))
    }
}
