// Executor+Grants: GRANT and REVOKE of privileges, roles and ownership (spec §11), CREATE USER,
// and future grants applied to new objects; how they are stored is Catalog+Grants.swift's.
// Granting is itself checked: the object's owner, a role with MANAGE GRANTS, or a role holding the
// privilege WITH GRANT OPTION may grant it.
// https://docs.snowflake.com/en/sql-reference/sql/grant-privilege, …/grant-ownership, …/grant-role

import Foundation
import GRDB
import Security
import SnowSQL

/// An object a GRANT names: how the authorizer sees it, and where its owner is recorded.
struct GrantableObject {
    enum Record {
        case account
        case database(String)
        case schema(database: String, name: String)
        case object(ObjectRecord)
        case accountObject(kind: CatalogKind, name: String)
    }
    var securable: Securable
    /// The unqualified name 003001 quotes.
    var name: String
    var record: Record
}

extension Executor {
    // MARK: - GRANT / REVOKE privileges

    func grant(_ grant: GrantPrivileges) throws -> ResultSet {
        let grantee = try resolveGrantee(grant.grantee)
        let access = try access
        if grantee.kind == Catalog.packageShareGrantee { try requireShareable(grant, package: grantee.name) }
        if case .future(let word, let container) = grant.target {
            let (kind, containerKind, containerName) = try futureTarget(word, container, access: access)
            let privileges = try privilegeList(grant.privileges, kind: kind)
            for privilege in privileges {
                try catalog.insertFutureGrant(privilege, of: kind, in: (containerKind, containerName), to: grantee,
                                              grantOption: grant.withGrantOption, grantedBy: access.role, createdOn: now)
            }
            return .success
        }
        for object in try grantTargets(grant.target, access: access) {
            var privileges = try privilegeList(grant.privileges, kind: object.securable.kind)
            // ALL grants what the grantor may grant; named privileges must each be grantable.
            if grant.privileges == nil { privileges = privileges.filter { access.authorizer.mayGrant($0, on: object.securable) } }
            guard !privileges.isEmpty else { throw access.insufficient(object.securable, name: object.name) }
            for privilege in privileges {
                guard access.authorizer.mayGrant(privilege, on: object.securable) else {
                    throw access.insufficient(object.securable, name: object.name)
                }
                if grantee.kind == Catalog.packageShareGrantee { try requireShareable(privilege, on: object, package: grantee.name) }
                try catalog.insertGrant(privilege, on: object.securable, to: grantee, grantOption: grant.withGrantOption,
                                        grantedBy: access.authorizer.grantor(of: privilege, on: object.securable), createdOn: now)
            }
        }
        return .success
    }

    func revoke(_ revoke: RevokePrivileges) throws -> ResultSet {
        let grantee = try resolveGrantee(revoke.grantee)
        let access = try access
        if case .future(let word, let container) = revoke.target {
            let (kind, containerKind, containerName) = try futureTarget(word, container, access: access)
            for privilege in try privilegeList(revoke.privileges, kind: kind) {
                try catalog.revokeFutureGrant(privilege, of: kind, in: (containerKind, containerName), from: grantee,
                                              grantOptionOnly: revoke.grantOptionFor)
            }
            return .success
        }
        for object in try grantTargets(revoke.target, access: access) {
            for privilege in try privilegeList(revoke.privileges, kind: object.securable.kind) {
                guard access.authorizer.mayGrant(privilege, on: object.securable) else {
                    throw access.insufficient(object.securable, name: object.name)
                }
                try catalog.revokeGrant(privilege, on: object.securable, from: grantee, grantOptionOnly: revoke.grantOptionFor)
            }
        }
        return .success
    }

    /// `ON TABLE` names event tables too: a grant may be recorded under either kind.
    static func grantKindAlias(_ kind: SecurableKind) -> String {
        switch kind {
        case .table: return SecurableKind.eventTable.rawValue
        case .eventTable: return SecurableKind.table.rawValue
        default: return kind.rawValue
        }
    }

    /// The privileges a statement names, checked against the kind; nil (ALL) is every privilege of the kind.
    func privilegeList(_ written: [String]?, kind: SecurableKind) throws -> [Privilege] {
        guard let written else { return kind.privileges }
        return try written.map { word in
            let privilege = Privilege(word)
            // [?: wording chosen] Snowflake's text for a privilege the object type does not have was not found.
            guard kind.privileges.contains(privilege) else {
                throw SnowflakeError.compilationError("Invalid privilege \(word) for object type \(kind.word).")
            }
            return privilege
        }
    }

    // MARK: - Roles

    func grantRole(_ grant: GrantRole) throws -> ResultSet {
        let (roleKind, roleName, node) = try resolveGrantedRole(grant)
        let grantee = try resolveGrantee(grant.grantee)
        guard grantee.kind != "SHARE" else { throw SnowflakeError.unsupported("GRANT … TO SHARE") }
        if grantee.kind != "USER" {
            let granteeNode = Authorization.node(kind: grantee.kind, name: grantee.name)
            if try Authorization.roleGraph(catalog).wouldCreateCycle(granting: node, to: granteeNode) {
                // [?: wording chosen] Snowflake's exact text for a cyclic role grant was not found.
                throw SnowflakeError.compilationError("Granting role '\(roleName)' to '\(grantee.name)' would create a cycle in the role hierarchy.")
            }
        }
        try catalog.insertRoleGrant(role: roleName, kind: roleKind, to: grantee, grantedBy: try access.role, createdOn: now)
        return .success
    }

    func revokeRole(_ revoke: GrantRole) throws -> ResultSet {
        let (roleKind, roleName, _) = try resolveGrantedRole(revoke)
        let grantee = try resolveGrantee(revoke.grantee)
        try catalog.deleteRoleGrant(role: roleName, kind: roleKind, from: grantee)
        return .success
    }

    /// The role a GRANT ROLE hands on, checked: it exists, and the grantor owns it or has MANAGE GRANTS.
    private func resolveGrantedRole(_ grant: GrantRole) throws -> (kind: String, name: String, node: String) {
        let access = try access
        let parts = try session.nameParts(grant.role)
        switch grant.kind {
        case .role:
            guard parts.count == 1, let role = try catalog.accountObject(kind: .role, name: parts[0]) else {
                throw SnowflakeError.doesNotExist("Role", parts.joined(separator: "."))
            }
            let securable = Authorization.securable(role)
            guard access.authorizer.owns(securable) || access.authorizer.canManageGrants else {
                throw access.insufficient(securable, name: role.name)
            }
            return ("ROLE", role.name, role.name)
        case .applicationRole, .databaseRole:
            let kind = grant.kind == .applicationRole ? "APPLICATION_ROLE" : "DATABASE_ROLE"
            let name = try qualifiedRoleName(parts)
            // The application (or database) owner grants its roles; applications arrive with a later issue.
            let container = try catalog.database(name.container)
            let ownsContainer = container.map { access.authorizer.owns(Authorization.securable($0)) } ?? false
            guard ownsContainer || access.authorizer.canManageGrants else {
                throw SnowflakeError.insufficientPrivileges(grant.kind == .applicationRole ? "application role" : "database role",
                                                            name.text)
            }
            return (kind, name.text, Authorization.node(kind: kind, name: name.text))
        }
    }

    /// `app.r` or `r` (in the current database, as inside an application's setup script).
    private func qualifiedRoleName(_ parts: [String]) throws -> (container: String, text: String) {
        switch parts.count {
        case 2: return (parts[0], Authorization.canonicalName(parts))
        case 1:
            guard let database = session.currentDatabase else { throw SnowflakeError.noCurrentDatabase(operation: "GRANT") }
            return (database, Authorization.canonicalName([database, parts[0]]))
        default: throw SnowflakeError.compilationError("invalid role name '\(parts.joined(separator: "."))'")
        }
    }

    /// The grantee as stored: its kind (`ROLE`, `USER`, `APPLICATION`, `APPLICATION_ROLE`,
    /// `DATABASE_ROLE`) and name. Roles and users must exist; applications and their roles are
    /// stored as named (applications arrive with a later issue).
    func resolveGrantee(_ grantee: Grantee) throws -> (kind: String, name: String) {
        switch grantee {
        case .role(let name):
            let parts = try session.nameParts(name)
            guard parts.count == 1, try catalog.accountObject(kind: .role, name: parts[0]) != nil else {
                throw SnowflakeError.doesNotExist("Role", parts.joined(separator: "."))
            }
            return ("ROLE", parts[0])
        case .user(let name):
            let parts = try session.nameParts(name)
            guard parts.count == 1, try catalog.accountObject(kind: .user, name: parts[0]) != nil else {
                throw SnowflakeError.doesNotExist("User", parts.joined(separator: "."))
            }
            return ("USER", parts[0])
        case .application(let name):
            let parts = try session.nameParts(name)
            guard parts.count == 1 else { throw SnowflakeError.compilationError("invalid application name '\(parts.joined(separator: "."))'") }
            return ("APPLICATION", parts[0])
        case .applicationRole(let name):
            return ("APPLICATION_ROLE", try qualifiedRoleName(try session.nameParts(name)).text)
        case .databaseRole(let name):
            return ("DATABASE_ROLE", try qualifiedRoleName(try session.nameParts(name)).text)
        case .share:
            throw SnowflakeError.unsupported("GRANT … TO SHARE")
        case .applicationPackageShare(let name):
            return (Catalog.packageShareGrantee, try sharingPackage(name).name)
        }
    }

    // MARK: - Ownership

    func grantOwnership(_ grant: GrantOwnership) throws -> ResultSet {
        guard case .role(let roleName) = grant.grantee else { throw SnowflakeError.unsupported("GRANT OWNERSHIP to anything but a role") }
        let newOwner = try resolveGrantee(.role(roleName)).name
        let access = try access
        if case .future(let word, let container) = grant.target {
            let (kind, containerKind, containerName) = try futureTarget(word, container, access: access)
            try catalog.setFutureOwner(of: kind, in: (containerKind, containerName), to: newOwner, grantedBy: access.role, createdOn: now)
            return .success
        }
        for object in try grantTargets(grant.target, access: access) {
            guard object.securable.kind != .account else { throw SnowflakeError.unsupported("GRANT OWNERSHIP ON ACCOUNT") }
            guard access.authorizer.owns(object.securable) || access.authorizer.canManageGrants(on: object.securable) else {
                throw access.insufficient(object.securable, name: object.name)
            }
            try setOwner(of: object.record, to: newOwner)
            if grant.currentGrants == .revoke { try catalog.deleteGrants(on: object.securable) }
        }
        return .success
    }

    func setOwner(of record: GrantableObject.Record, to owner: String) throws {
        switch record {
        case .account: break
        case .database(let name): try catalog.setOwner(ofDatabase: name, to: owner)
        case .schema(let database, let name): try catalog.setOwner(ofSchema: name, database: database, to: owner)
        case .object(let o): try catalog.setOwner(of: o, to: owner)
        case .accountObject(let kind, let name): try catalog.setOwner(ofAccountObject: name, kind: kind, to: owner)
        }
    }

    // MARK: - Future grants

    /// A FUTURE target: the kind, and its schema or database, which the grantor must own (or hold
    /// MANAGE GRANTS). Returns the container as future grants record it.
    private func futureTarget(_ word: String, _ container: GrantContainer,
                              access: Authorization) throws -> (SecurableKind, String, String) {
        guard let kind = SecurableKind(word: word) else { throw SnowflakeError.unsupported("FUTURE \(word)S") }
        let containerObject: GrantableObject
        switch container {
        case .database(let name): containerObject = try grantableObject(kind: "DATABASE", name: name, arguments: nil, access: access)
        case .schema(let name): containerObject = try grantableObject(kind: "SCHEMA", name: name, arguments: nil, access: access)
        }
        guard access.authorizer.owns(containerObject.securable) || access.authorizer.canManageGrants else {
            throw access.insufficient(containerObject.securable, name: containerObject.name)
        }
        return (kind, containerObject.securable.kind.rawValue, containerObject.securable.name)
    }

    /// Gives a new object the future grants of its schema or, when the schema has none for its
    /// kind, of its database (schema-level future grants take precedence, as in Snowflake).
    /// Called by every CREATE of a schema or schema object; other families call it too.
    func applyFutureGrants(to record: GrantableObject.Record, _ securable: Securable, database: String, schema: String?) throws {
        let containers: [(String, String)] = (schema.map { [("SCHEMA", Authorization.canonicalName([database, $0]))] } ?? [])
            + [("DATABASE", Authorization.canonicalName([database]))]
        for container in containers {
            let grants = try catalog.futureGrants(of: securable.kind, in: container)
            guard !grants.isEmpty else { continue }
            for grant in grants {
                let privilege = Privilege(grant.privilege)
                if privilege == .ownership {
                    try setOwner(of: record, to: grant.granteeName)
                } else {
                    try catalog.insertGrant(privilege, on: securable, to: (grant.granteeKind, grant.granteeName),
                                            grantOption: grant.grantOption, grantedBy: grant.grantedBy, createdOn: now)
                }
            }
            return
        }
    }

    /// Future grants for a new schema object.
    func applyFutureGrants(to object: ObjectRecord) throws {
        try applyFutureGrants(to: .object(object), Authorization.securable(object), database: object.database, schema: object.schema)
    }

    // MARK: - Users

    /// CREATE [OR REPLACE] USER [IF NOT EXISTS] name [DEFAULT_ROLE = r …]: needs CREATE USER on the account.
    func createUser(_ create: CreateUser) throws -> ResultSet {
        try Executor.checkModifiers(create.modifiers)
        try access.requireAccount(.createUser)
        let parts = try session.nameParts(create.name)
        guard parts.count == 1 else { throw SnowflakeError.compilationError("invalid user name '\(parts.joined(separator: "."))'") }
        let name = parts[0]
        if let existing = try catalog.accountObject(kind: .user, name: name) {
            if create.modifiers.ifNotExists { return Executor.alreadyExists(name) }
            guard create.modifiers.orReplace else { throw SnowflakeError.alreadyExists(name) }
            try access.requireOwnership(Authorization.securable(existing), name: name,
                                        missing: SnowflakeError.alreadyExists(name))
            try catalog.dropAccountObject(kind: .user, name: name)
        }
        var properties: [String: String] = [:]
        for property in create.properties where property.name != "PASSWORD" {
            properties[property.name.lowercased()] = property.name == "DEFAULT_ROLE" ? Session.normalizeName(property.value.text)
                : property.value.text
        }
        try catalog.insertAccountObject(AccountObjectRecord(kind: .user, name: name, owner: try access.role,
                                                            comment: create.properties.first { $0.name == "COMMENT" }?.value.text,
                                                            createdOn: now, properties: properties))
        if let password = create.properties.first(where: { $0.name == "PASSWORD" }) {
            try catalog.setPasswordHash(try PasswordHash.make(password: password.value.text), user: name)
        }
        return Executor.created("User", name)
    }
}
