// Authorization: the engine side of access control. It loads what the pure `Authorizer`
// (Security/Authorizer.swift) decides on — the session role's inherited roles and their privileges,
// read through Catalog+Grants — and words the outcome as Snowflake does:
//   - an object the role holds no privilege on, nor on anything inside it, is invisible:
//     `002003 … '<name>' does not exist or not authorized.` (the caller supplies that error, since
//     its kind and name are worded per statement);
//   - a visible object without the needed privilege: `003001 (42501): SQL access control error:
//     Insufficient privileges to operate on <kind> '<NAME>'` (account privileges: `account '<ACCOUNT>'`).
// Working on a schema object needs USAGE on its database and schema (or ownership of them).
//
// Statements call the checks through `Executor.access` / `Translator.access`; other families
// (stages, tasks, procedures) call the same `require…` functions with their own records.

import Foundation
import GRDB
import Security
import SnowSQL

struct Authorization {
    let authorizer: Authorizer
    let catalog: Catalog
    let accountName: String

    var role: String { authorizer.role }
    var activeRoles: Set<String> { authorizer.activeRoles }

    // MARK: - Loading

    /// The authorizer for `role`: its inherited roles and their privileges, read now.
    static func load(role: String, db: Database) throws -> Authorizer {
        let catalog = Catalog(db: db)
        let graph = try roleGraph(catalog)
        var active = graph.roles(heldBy: .role(role))
        let applications = try catalog.accountObjects(kind: .application)
        // The owner of an application in debug mode acts with the application's privileges too.
        for application in applications where application.isInDebugMode && active.contains(application.owner) {
            active.formUnion(graph.roles(heldBy: .role(node(kind: "APPLICATION", name: application.name))))
        }
        // An application holds its package's share (Executor+SharedContent), and with it USAGE on the package.
        var sharedPackages: [String] = []
        for application in applications where active.contains(node(kind: "APPLICATION", name: application.name)) {
            guard let package = application.package else { continue }
            active.insert(node(kind: Catalog.packageShareGrantee, name: package))
            sharedPackages.append(package)
        }
        var privileges = try catalog.grants(toRolesAmong: Array(active)).compactMap { grant -> HeldPrivilege? in
            guard active.contains(node(kind: grant.granteeKind, name: grant.granteeName)),
                  let kind = SecurableKind(rawValue: grant.objectKind) else { return nil }
            return HeldPrivilege(Privilege(grant.privilege), on: kind, grant.objectName, grantOption: grant.grantOption)
        }
        privileges += sharedPackages.map { HeldPrivilege(.usage, on: .database, canonicalName([$0])) }
        return Authorizer(role: role, activeRoles: active, privileges: privileges)
    }

    /// Every role grant in the account as a graph. Application and database roles are nodes named
    /// `APPLICATION_ROLE APP.R`, so they never meet an account role's name.
    static func roleGraph(_ catalog: Catalog) throws -> RoleGraph {
        RoleGraph(try catalog.roleGrants().map { grant in
            RoleGrant(role: node(kind: grant.roleKind, name: grant.roleName),
                      grantee: grant.granteeKind == "USER" ? .user(grant.granteeName)
                          : .role(node(kind: grant.granteeKind, name: grant.granteeName)))
        })
    }

    /// The graph node of a role or application role.
    static func node(kind: String, name: String) -> String { kind == "ROLE" ? name : "\(kind) \(name)" }

    // MARK: - Names

    /// The name grants record for an object: its parts, quoted where needed, joined by dots
    /// (`DB.PUBLIC.T`, `DB."my schema".T`).
    static func canonicalName(_ parts: [String]) -> String {
        parts.map { Identifier($0, quoted: true).sql }.joinedText(separator: ".")
    }

    static func securable(_ d: DatabaseRecord) -> Securable {
        Securable(d.kind == .application ? .application : .database, canonicalName([d.name]), owner: d.owner)
    }

    static func securable(_ s: SchemaRecord) -> Securable { Securable(.schema, canonicalName([s.database, s.name]), owner: s.owner) }

    static func securable(_ o: ObjectRecord) -> Securable {
        // Procedures are known by name and argument types (`DB.S.P(VARCHAR)`), as grants name them.
        Securable(securableKind(objectKind: o.kind), o.properties["routine_name"] ?? canonicalName([o.database, o.schema, o.name]),
                  owner: o.owner)
    }

    static func securable(_ a: AccountObjectRecord) -> Securable {
        Securable(securableKind(objectKind: a.kind), canonicalName([a.name]), owner: a.owner)
    }

    /// Catalog kinds (`TABLE`, `STAGE`, `NETWORK RULE`…) as securable kinds.
    static func securableKind(objectKind: CatalogKind) -> SecurableKind {
        SecurableKind(word: objectKind.rawValue) ?? SecurableKind(rawValue: objectKind.rawValue) ?? .table
    }

    // MARK: - Visibility

    /// The database shows at all: some privilege on it, or on (or ownership of) something inside.
    /// A database an application created outside itself is visible to the consumer's ACCOUNTADMIN.
    func canSee(_ database: DatabaseRecord) throws -> Bool {
        let securable = Authorization.securable(database)
        if authorizer.holdsAnyPrivilege(on: securable) || authorizer.holdsGrantInside(securable) { return true }
        if database.kind != .application && database.owner.hasPrefix("APPLICATION ") && activeRoles.contains("ACCOUNTADMIN") {
            return true
        }
        return try ownsSomething(database: database.name, schema: nil)
    }

    func canSee(_ schema: SchemaRecord) throws -> Bool {
        if schema.name == "INFORMATION_SCHEMA" { return try catalog.database(schema.database).map(canUse) ?? false }
        let securable = Authorization.securable(schema)
        if authorizer.holdsAnyPrivilege(on: securable) || authorizer.holdsGrantInside(securable) { return true }
        return try ownsSomething(database: schema.database, schema: schema.name)
    }

    func canSee(_ object: ObjectRecord) -> Bool { authorizer.holdsAnyPrivilege(on: Authorization.securable(object)) }

    func canSee(_ object: AccountObjectRecord) -> Bool { authorizer.holdsAnyPrivilege(on: Authorization.securable(object)) }

    /// USAGE on the database (owning it is enough).
    /// An application is used through its application roles: holding one is enough. An application
    /// package's database is used with DEVELOP, INSTALL or MANAGE VERSIONS on the package, the
    /// grants the Snowflake CLI gives an application's role to install from the package's stage.
    func canUse(_ database: DatabaseRecord) -> Bool {
        if database.kind == .application {
            let prefix = Authorization.node(kind: "APPLICATION_ROLE", name: Executor.rolePrefix(database.name))
            if activeRoles.contains(where: { $0.hasPrefix(prefix) }) { return true }
        }
        if database.kind == .applicationPackage,
           let package = try? catalog.accountObject(kind: .applicationPackage, name: database.name),
           authorizer.holdsAny(of: ["DEVELOP", "INSTALL", "MANAGE VERSIONS"].map { Privilege($0) }, on: Authorization.securable(package)) {
            return true
        }
        return authorizer.holds(.usage, on: Authorization.securable(database))
    }

    /// USAGE on the schema and its database. INFORMATION_SCHEMA goes with its database.
    func canUse(_ schema: SchemaRecord) throws -> Bool {
        guard let database = try catalog.database(schema.database), canUse(database) else { return false }
        return schema.name == "INFORMATION_SCHEMA" || authorizer.holds(.usage, on: Authorization.securable(schema))
    }

    /// The schema objects among `objects` the role may see listed (INFORMATION_SCHEMA): some
    /// privilege on the object (ownership included) and USAGE on its database and schema, the
    /// rule SHOW and TASK_HISTORY follow. Inside an application that means only what the
    /// application granted to an application role the consumer holds.
    func visible(_ objects: [ObjectRecord]) throws -> [ObjectRecord] {
        var usable: [String: Bool] = [:]  // by "database.schema"
        return try objects.filter { object in
            let key = "\(object.database).\(object.schema)"
            if usable[key] == nil {
                usable[key] = try catalog.schema(database: object.database, name: object.schema).map(canUse) ?? false
            }
            return usable[key] == true && canSee(object)
        }
    }

    /// One of the active roles owns a schema or a schema object in the database (or schema).
    private func ownsSomething(database: String, schema: String?) throws -> Bool {
        try catalog.ownsSomething(database: database, schema: schema, roles: Array(activeRoles))
    }

    // MARK: - Requirements

    /// 003001 for a privilege on an object: `Insufficient privileges to operate on <kind> '<NAME>'`.
    func insufficient(_ securable: Securable, name: String) -> SnowflakeError {
        securable.kind == .account ? .insufficientPrivileges("account", accountName)
            : .insufficientPrivileges(securable.kind.messageWord, name)
    }

    /// An account privilege (CREATE DATABASE, CREATE ROLE…); ACCOUNTADMIN holds them all.
    func requireAccount(_ privilege: Privilege) throws {
        guard authorizer.holds(privilege, on: .account) else { throw insufficient(.account, name: accountName) }
    }

    /// The database shows (else `missing`) and is usable (else 003001 on the database).
    func requireUsage(_ database: DatabaseRecord, missing: SnowflakeError) throws {
        guard try canSee(database) else { throw missing }
        guard canUse(database) else { throw insufficient(Authorization.securable(database), name: database.name) }
    }

    /// Reaching a schema object: USAGE on its database and schema, else it is `missing`.
    func requireReach(database: String, schema: String, missing: SnowflakeError) throws {
        guard let schemaRecord = try catalog.schema(database: database, name: schema), try canUse(schemaRecord) else { throw missing }
    }

    /// `privilege` on a schema object: reachable and visible (else `missing`), then held (else 003001).
    /// nil asks for any privilege at all (DESCRIBE).
    func require(_ privilege: Privilege?, on object: ObjectRecord, missing: SnowflakeError) throws {
        try requireReach(database: object.database, schema: object.schema, missing: missing)
        try require(privilege, on: Authorization.securable(object), name: object.name, missing: missing)
    }

    /// `privilege` on any object: visible (else `missing`), then held (else 003001 naming `name`).
    func require(_ privilege: Privilege?, on securable: Securable, name: String, missing: SnowflakeError) throws {
        guard authorizer.holdsAnyPrivilege(on: securable) else { throw missing }
        if let privilege, !authorizer.holds(privilege, on: securable) { throw insufficient(securable, name: name) }
    }

    /// OWNERSHIP of an object (DROP, CREATE OR REPLACE): visible (else `missing`), owned (else 003001).
    func requireOwnership(_ securable: Securable, name: String, missing: SnowflakeError) throws {
        try require(.ownership, on: securable, name: name, missing: missing)
    }

    /// OWNERSHIP of an object being replaced (CREATE OR REPLACE): else 003001.
    func requireOwnership(_ securable: Securable, name: String) throws {
        guard authorizer.owns(securable) else { throw insufficient(securable, name: name) }
    }

    /// Creating a `kind` object in a schema: the database visible (else 002003 Database) and usable
    /// (else 003001 on it), the schema visible (else 002003 Schema) and CREATE <KIND> held on it
    /// (else 003001 on the schema). Owning the schema is enough.
    func requireCreate(_ kind: SecurableKind, database: String, schema: String) throws {
        guard let databaseRecord = try catalog.database(database), try canSee(databaseRecord) else {
            throw SnowflakeError.doesNotExist("Database", database)
        }
        guard canUse(databaseRecord) else { throw insufficient(Authorization.securable(databaseRecord), name: database) }
        guard let schemaRecord = try catalog.schema(database: database, name: schema), try canSee(schemaRecord) else {
            throw SnowflakeError.doesNotExist("Schema", "\(database).\(schema)")
        }
        guard authorizer.holds(.create(kind), on: Authorization.securable(schemaRecord)) else {
            throw insufficient(Authorization.securable(schemaRecord), name: schema)
        }
    }
}

// MARK: - Access from the executor and the translator

extension Session {
    /// The authorizer for `role` (the session's role by default), loaded again only when the
    /// account's grant stamp (Catalog+Grants.swift) has changed since it was loaded: by
    /// this session, another session, or another process on the same account file.
    func authorizer(_ db: Database, role: String? = nil) throws -> Authorizer {
        let role = role ?? currentRole ?? RoleGraph.publicRole
        let stamp = try Catalog(db: db).grantStamp()
        if stamp != authorizerStamp {
            authorizers = [:]
            authorizerStamp = stamp
        }
        if let cached = authorizers[role] { return cached }
        let loaded = try Authorization.load(role: role, db: db)
        authorizers[role] = loaded
        return loaded
    }
}

extension Executor {
    /// The session role's privileges, for checks.
    var access: Authorization {
        get throws {
            Authorization(authorizer: try session.authorizer(db), catalog: catalog, accountName: session.accountName)
        }
    }
}
