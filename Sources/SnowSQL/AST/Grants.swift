// Grants: the parts of GRANT, REVOKE and SHOW GRANTS (Parser+Grants.swift). Object kinds and
// privileges stay words here — `EVENT TABLE`, `CREATE TABLE` — upper case with single blanks; the
// engine's Security target knows which privileges each kind has.
// https://docs.snowflake.com/en/sql-reference/sql/grant-privilege

/// What privileges are granted on.
public enum GrantTarget: Equatable, Sendable {
    case account
    /// `ON <kind> <name>`; procedures and functions carry their argument types (`p(VARCHAR, VARIANT)`).
    case object(kind: String, name: ObjectName, arguments: [DataTypeName]?)
    /// `ON ALL <kinds> IN SCHEMA s | IN DATABASE d`: every such object that exists now.
    case all(kind: String, in: GrantContainer)
    /// `ON FUTURE <kinds> IN SCHEMA s | IN DATABASE d`: every such object created later.
    case future(kind: String, in: GrantContainer)
}

public enum GrantContainer: Equatable, Sendable {
    case database(ObjectName)
    case schema(ObjectName)
}

/// Who receives a grant (or loses it).
public enum Grantee: Equatable, Sendable {
    case role(ObjectName)
    case user(ObjectName)
    case application(ObjectName)
    /// `[app.]r`: an application's role.
    case applicationRole(ObjectName)
    case databaseRole(ObjectName)
    case share(ObjectName)
    /// `SHARE IN APPLICATION PACKAGE p`: what the package shares with every application installed from it.
    case applicationPackageShare(ObjectName)
}

/// GRANT { <privilege>, … | ALL [PRIVILEGES] } ON … TO <grantee> [WITH GRANT OPTION]
public struct GrantPrivileges: Equatable, Sendable {
    /// The privileges as written; nil for ALL [PRIVILEGES].
    public var privileges: [String]?
    public var target: GrantTarget
    public var grantee: Grantee
    public var withGrantOption: Bool
    public init(privileges: [String]?, target: GrantTarget, grantee: Grantee, withGrantOption: Bool = false) {
        self.privileges = privileges
        self.target = target
        self.grantee = grantee
        self.withGrantOption = withGrantOption
    }
}

/// REVOKE [GRANT OPTION FOR] { <privilege>, … | ALL [PRIVILEGES] } ON … FROM <grantee> [CASCADE | RESTRICT]
public struct RevokePrivileges: Equatable, Sendable {
    public var grantOptionFor: Bool
    public var privileges: [String]?
    public var target: GrantTarget
    public var grantee: Grantee
    /// nil: not written; true: CASCADE; false: RESTRICT.
    public var cascade: Bool?
    public init(grantOptionFor: Bool = false, privileges: [String]?, target: GrantTarget, grantee: Grantee, cascade: Bool? = nil) {
        self.grantOptionFor = grantOptionFor
        self.privileges = privileges
        self.target = target
        self.grantee = grantee
        self.cascade = cascade
    }
}

/// GRANT { ROLE | APPLICATION ROLE | DATABASE ROLE } r TO <grantee>, and REVOKE … FROM.
public struct GrantRole: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable {
        case role = "ROLE", applicationRole = "APPLICATION ROLE", databaseRole = "DATABASE ROLE"
    }
    public var kind: Kind
    public var role: ObjectName
    public var grantee: Grantee
    public init(kind: Kind = .role, role: ObjectName, grantee: Grantee) {
        self.kind = kind
        self.role = role
        self.grantee = grantee
    }
}

/// GRANT OWNERSHIP ON … TO ROLE r [REVOKE | COPY CURRENT GRANTS]
public struct GrantOwnership: Equatable, Sendable {
    public enum CurrentGrants: String, Equatable, Sendable { case revoke = "REVOKE", copy = "COPY" }
    public var target: GrantTarget
    public var grantee: Grantee
    public var currentGrants: CurrentGrants?
    public init(target: GrantTarget, grantee: Grantee, currentGrants: CurrentGrants? = nil) {
        self.target = target
        self.grantee = grantee
        self.currentGrants = currentGrants
    }
}

/// SHOW GRANTS [ON … | TO … | OF …] and SHOW FUTURE GRANTS IN …
public enum ShowGrants: Equatable, Sendable {
    /// `SHOW GRANTS`: the roles granted to the current user.
    case toCurrentUser
    /// `ON ACCOUNT` or `ON <kind> <name>` (an `.object` or `.account` target).
    case on(GrantTarget)
    case to(Grantee)
    /// `OF ROLE r` / `OF APPLICATION ROLE r` / `OF DATABASE ROLE r`: who holds the role.
    case of(GrantRole.Kind, ObjectName)
    case future(GrantContainer)
}

/// CREATE [OR REPLACE] USER [IF NOT EXISTS] name [PASSWORD = '…' DEFAULT_ROLE = r …]
public typealias CreateUser = CreateNamedObject
