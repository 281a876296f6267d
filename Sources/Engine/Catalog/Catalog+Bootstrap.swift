// Catalog+Bootstrap: what a new account file starts with, written at the first login
// (Session+Login.swift decides what that is): the system roles and the grant of each to its parent,
// a default warehouse, the default privileges (granted by no one, so they are recognised later),
// and the connecting user with ACCOUNTADMIN. Every write is INSERT OR IGNORE or guarded, so a
// login on a file that has them already changes nothing, and `isBootstrapped` says so without
// taking the write lock.

import GRDB
import Security

extension Catalog {
    /// Whether `bootstrap` would change nothing: every system role and its grant to its parent, the
    /// default warehouse, the default privileges and this user are there (by the keys its INSERT OR
    /// IGNOREs would meet).
    func isBootstrapped(roles: [(name: String, grantedTo: String?, comment: String)], warehouse: String, user: String) throws -> Bool {
        func exists(_ sql: String, _ arguments: StatementArguments) throws -> Bool {
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (\(sql))"), arguments: arguments) ?? false
        }
        let object = "SELECT 1 FROM sl_account_object WHERE kind = ? AND name = ?"
        for role in roles {
            guard try exists(object, [CatalogKind.role.rawValue, role.name]) else { return false }
            if let parent = role.grantedTo, try !exists("""
                SELECT 1 FROM sl_role_grant WHERE role_name = ? AND grantee_kind = 'ROLE' AND grantee_name = ?
                """, [role.name, parent]) { return false }
        }
        return try exists(object, [CatalogKind.warehouse.rawValue, warehouse]) && exists(object, [CatalogKind.user.rawValue, user])
            && exists("SELECT 1 FROM sl_grant WHERE granted_by = ''", [])
    }

    /// Writes what is missing of a new account: `roles` (owned by no one) and their grants to
    /// their parents, `warehouse`, `grants` when the account has none of them yet (a later REVOKE
    /// of one stays revoked), and `user` with ACCOUNTADMIN when the user is new.
    func bootstrap(roles: [(name: String, grantedTo: String?, comment: String)], warehouse: String,
                   grants: [(privilege: Privilege, kind: SecurableKind, object: String, role: String)],
                   user: String, now: String) throws {
        for role in roles {
            try db.execute(sql: """
                INSERT OR IGNORE INTO sl_account_object (kind, name, owner, comment, created_on) VALUES (?, ?, '', ?, ?)
                """, arguments: [CatalogKind.role.rawValue, role.name, role.comment, now])
            if let parent = role.grantedTo {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO sl_role_grant (role_name, grantee_kind, grantee_name, granted_by, created_on)
                    VALUES (?, 'ROLE', ?, '', ?)
                    """, arguments: [role.name, parent, now])
            }
        }
        try db.execute(sql: """
            INSERT OR IGNORE INTO sl_account_object (kind, name, owner, comment, created_on, properties)
            VALUES (?, ?, 'ACCOUNTADMIN', NULL, ?, '{"size":"X-Small","state":"STARTED"}')
            """, arguments: [CatalogKind.warehouse.rawValue, warehouse, now])
        // Default privileges go in once: an account that has none of them (created before access
        // control, or new) gets them all; a later REVOKE of one of them stays revoked.
        let hasDefaults = try Int.fetchOne(db, sql: "SELECT count(*) FROM sl_grant WHERE granted_by = ''") ?? 0 > 0
        if !hasDefaults {
            for grant in grants {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO sl_grant (privilege, object_kind, object_name, grantee_kind, grantee_name, grant_option,
                                                    granted_by, created_on) VALUES (?, ?, ?, 'ROLE', ?, 0, '', ?)
                    """, arguments: [grant.privilege.rawValue, grant.kind.rawValue, grant.object, grant.role, now])
            }
        }
        let isNewUser = try Int.fetchOne(db, sql: "SELECT count(*) FROM sl_account_object WHERE kind = ? AND name = ?",
                                         arguments: [CatalogKind.user.rawValue, user]) == 0
        if isNewUser {
            try db.execute(sql: """
                INSERT INTO sl_account_object (kind, name, owner, comment, created_on) VALUES (?, ?, 'ACCOUNTADMIN', NULL, ?)
                """, arguments: [CatalogKind.user.rawValue, user, now])
            try db.execute(sql: """
                INSERT OR IGNORE INTO sl_role_grant (role_name, grantee_kind, grantee_name, granted_by, created_on)
                VALUES ('ACCOUNTADMIN', 'USER', ?, 'ACCOUNTADMIN', ?)
                """, arguments: [user, now])
        }
    }
}
