// Executor+ShowGrants: SHOW GRANTS in its forms (spec §11), over the grants, role grants and
// owners of the catalog (Catalog+Grants.swift; each owner holds OWNERSHIP, listed with grant_option true and
// granted by the owner itself). Columns:
//   ON …, TO ROLE / APPLICATION / APPLICATION ROLE: created_on, privilege, granted_on, name,
//     granted_to, grantee_name, grant_option, granted_by (+ granted_by_role_type for ON);
//   TO USER and plain SHOW GRANTS (2025_01 bundle): created_on, privilege, granted_on, name, role,
//     granted_to, grantee_name, grant_option, granted_by;
//   OF ROLE: created_on, role, granted_to, grantee_name, granted_by;
//   SHOW FUTURE GRANTS IN …: created_on, privilege, grant_on, name, grant_to, grantee_name, grant_option.
// Rows are ordered by privilege, kind, name and grantee [?: Snowflake's order is not documented].
// https://docs.snowflake.com/en/sql-reference/sql/show-grants

import Foundation
import GRDB
import Security
import SnowSQL

/// One row of SHOW GRANTS before it is shaped into a form's columns.
private struct GrantRow {
    var createdOn: String
    var privilege: String
    var grantedOn: String
    var name: String
    var grantedTo: String
    var granteeName: String
    var grantOption: Bool
    var grantedBy: String

    var sortKey: [String] { [privilege, grantedOn, name, grantedTo, granteeName] }
}

extension Executor {
    func showGrants(_ form: ShowGrants) throws -> ResultSet {
        switch form {
        case .toCurrentUser: return try grantsToUser(session.user)
        case .on(let target):
            let rows = try grantsOn(target)
            return result(["created_on", "privilege", "granted_on", "name", "granted_to", "grantee_name", "grant_option", "granted_by",
                           "granted_by_role_type"], rows.map { standardCells($0) + [.string($0.grantedBy.isEmpty ? "" : "ROLE")] })
        case .to(let grantee):
            let (kind, name) = try resolveGrantee(grantee)
            if kind == "USER" { return try grantsToUser(name) }
            return result(["created_on", "privilege", "granted_on", "name", "granted_to", "grantee_name", "grant_option", "granted_by"],
                          try grantsTo(kind: kind, name: name).map(standardCells))
        case .of(let kind, let name):
            let parts = try session.nameParts(name)
            let roleKind = kind == .role ? "ROLE" : (kind == .applicationRole ? "APPLICATION_ROLE" : "DATABASE_ROLE")
            let roleName = kind == .role ? parts.joined(separator: ".") : Authorization.canonicalName(parts)
            if kind == .role, try catalog.accountObject(kind: .role, name: roleName) == nil {
                throw SnowflakeError.doesNotExist("Role", roleName)
            }
            let grants = try catalog.roleGrants(of: roleName, kind: roleKind)
            return result(["created_on", "role", "granted_to", "grantee_name", "granted_by"], grants.map { grant in
                [.timestamp(grant.createdOn), .string(grant.roleName), .string(grant.granteeKind), .string(grant.granteeName),
                 .string(grant.grantedBy)]
            })
        case .future(let container):
            let access = try access
            let object: GrantableObject
            switch container {
            case .database(let name): object = try grantableObject(kind: "DATABASE", name: name, arguments: nil, access: access)
            case .schema(let name): object = try grantableObject(kind: "SCHEMA", name: name, arguments: nil, access: access)
            }
            let grants = try catalog.futureGrants(in: (object.securable.kind.rawValue, object.securable.name))
            return result(["created_on", "privilege", "grant_on", "name", "grant_to", "grantee_name", "grant_option"], grants.map { grant in
                [.timestamp(grant.createdOn), .string(grant.privilege), .string(grant.objectKind),
                 .string(object.securable.name + ".<\(grant.objectKind)>"), .string(grant.granteeKind), .string(grant.granteeName),
                 .string(grant.grantOption ? "true" : "false")]
            })
        }
    }

    private func result(_ names: [String], _ rows: [[Value]]) -> ResultSet {
        ResultSet(columns: names.map { ResultColumn($0, $0 == "created_on" ? .timestampLTZ : .string) }, rows: rows)
    }

    private func standardCells(_ row: GrantRow) -> [Value] {
        [.timestamp(row.createdOn), .string(row.privilege), .string(row.grantedOn), .string(row.name), .string(row.grantedTo),
         .string(row.granteeName), .string(row.grantOption ? "true" : "false"), .string(row.grantedBy)]
    }

    private func sorted(_ rows: [GrantRow]) -> [GrantRow] { rows.sorted { $0.sortKey.lexicographicallyPrecedes($1.sortKey) } }

    private func grantRows(_ grants: [GrantRecord]) -> [GrantRow] {
        grants.map { grant in
            GrantRow(createdOn: grant.createdOn, privilege: grant.privilege, grantedOn: grant.objectKind, name: grant.objectName,
                     grantedTo: grant.granteeKind, granteeName: grant.granteeName, grantOption: grant.grantOption,
                     grantedBy: grant.grantedBy)
        }
    }

    /// SHOW GRANTS ON ACCOUNT | ON <kind> <name>: the owner's OWNERSHIP, then every grant on it.
    private func grantsOn(_ target: GrantTarget) throws -> [GrantRow] {
        guard let object = try grantTargets(target, access: try access).first else { return [] }
        let securable = object.securable
        var rows = grantRows(try catalog.grants(on: securable))
        if securable.kind != .account, !securable.owner.isEmpty {
            rows.append(GrantRow(createdOn: try createdOn(object.record), privilege: "OWNERSHIP", grantedOn: securable.kind.rawValue,
                                 name: securable.name, grantedTo: "ROLE", granteeName: securable.owner, grantOption: true,
                                 grantedBy: securable.owner))
        }
        return sorted(rows)
    }

    private func createdOn(_ record: GrantableObject.Record) throws -> String {
        switch record {
        case .account: return now
        case .database(let name): return try catalog.database(name)?.createdOn ?? now
        case .schema(let database, let name): return try catalog.schema(database: database, name: name)?.createdOn ?? now
        case .object(let o): return o.createdOn
        case .accountObject(let kind, let name): return try catalog.accountObject(kind: kind, name: name)?.createdOn ?? now
        }
    }

    /// SHOW GRANTS TO ROLE | APPLICATION | APPLICATION ROLE: privileges granted to it, objects it
    /// owns, and the roles granted to it (USAGE on ROLE).
    private func grantsTo(kind: String, name: String) throws -> [GrantRow] {
        var rows = grantRows(try catalog.grants(to: (kind, name)))
        for grant in try catalog.roleGrants(to: (kind, name)) {
            rows.append(GrantRow(createdOn: grant.createdOn, privilege: "USAGE", grantedOn: grant.roleKind,
                                 name: grant.roleName, grantedTo: kind, granteeName: name, grantOption: false,
                                 grantedBy: grant.grantedBy))
        }
        if kind == "ROLE" {
            for (grantedOn, objectName, createdOn) in try ownedObjects(by: name) {
                rows.append(GrantRow(createdOn: createdOn, privilege: "OWNERSHIP", grantedOn: grantedOn, name: objectName,
                                     grantedTo: "ROLE", granteeName: name, grantOption: true, grantedBy: name))
            }
        }
        return sorted(rows)
    }

    /// Every object the role owns: (granted_on, canonical name, created_on).
    private func ownedObjects(by role: String) throws -> [(String, String, String)] {
        var owned: [(String, String, String)] = []
        for database in try catalog.databases(ownedBy: role) {
            owned.append((database.kind == .application ? "APPLICATION" : "DATABASE", Authorization.canonicalName([database.name]),
                          database.createdOn))
        }
        for schema in try catalog.schemas(ownedBy: role) {
            owned.append(("SCHEMA", Authorization.canonicalName([schema.database, schema.name]), schema.createdOn))
        }
        for object in try catalog.objects(ownedBy: role) {
            let target = grantable(object)
            owned.append((target.securable.kind.rawValue, target.securable.name, object.createdOn))
        }
        for object in try catalog.accountObjects(ownedBy: role) {
            owned.append((Authorization.securableKind(objectKind: object.kind).rawValue, Authorization.canonicalName([object.name]),
                          object.createdOn))
        }
        return owned
    }

    /// SHOW GRANTS TO USER u (and SHOW GRANTS): the roles granted to the user.
    private func grantsToUser(_ user: String) throws -> ResultSet {
        let grants = try catalog.roleGrants(toUser: user)
        return result(["created_on", "privilege", "granted_on", "name", "role", "granted_to", "grantee_name", "grant_option",
                       "granted_by"], grants.map { grant in
            [.timestamp(grant.createdOn), .string("USAGE"), .string("ROLE"), .string(grant.roleName), .string(grant.roleName),
             .string("USER"), .string(user), .string("false"), .string(grant.grantedBy)]
        })
    }
}
