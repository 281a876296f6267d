// Session+Login: what happens when a client connects. A new account file gets Snowflake's system
// roles and their hierarchy, a default warehouse, and the connecting user (granted ACCOUNTADMIN, as
// the only person on this laptop's account is its administrator). Then the requested context is
// applied the way Snowflake's login does.

import Foundation
import GRDB
import Security

extension Session {
    /// System roles and the role each is granted to (spec §11).
    static let systemRoles: [(name: String, grantedTo: String?, comment: String)] = [
        ("ACCOUNTADMIN", nil, "Account administrator can manage all aspects of the account."),
        ("SECURITYADMIN", "ACCOUNTADMIN", "Security administrator can manage security aspects of the account."),
        ("USERADMIN", "SECURITYADMIN", "User administrator can create and manage users and roles"),
        ("SYSADMIN", "ACCOUNTADMIN", "System administrator can create and manage databases and warehouses."),
        ("PUBLIC", nil, "Public role is automatically available to every user in the account."),
    ]
    static let defaultWarehouse = "COMPUTE_WH"

    /// Connects: bootstraps the account if new, registers the user, then sets role, warehouse,
    /// database and schema. A role the user does not hold refuses the login (250001).
    public func login(role: String?, warehouse: String?, database: String?, schema: String?) throws {
        try store.queue.write { db in try self.bootstrap(db) }
        let wantedRole = role.map(Session.normalizeName) ?? "ACCOUNTADMIN"
        let held = try heldRoles()
        guard held.contains(wantedRole) else {
            throw SnowflakeError(code: "250001", sqlState: "08001",
                                 message: "Role '\(wantedRole)' specified in the connect string is not granted to this user. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.")
        }
        currentRole = wantedRole
        let wantedWarehouse = warehouse.map(Session.normalizeName) ?? Session.defaultWarehouse
        if try accountObjectExists(kind: "WAREHOUSE", name: wantedWarehouse) { currentWarehouse = wantedWarehouse }
        if let database {
            let name = Session.normalizeName(database)
            if try databaseExists(name) {
                currentDatabase = name
                let schemaName = schema.map(Session.normalizeName) ?? "PUBLIC"
                if try schemaExists(database: name, schema: schemaName) { currentSchema = schemaName }
            }
        }
    }

    /// Unquoted names fold to upper case; a name given in double quotes keeps its case.
    static func normalizeName(_ raw: String) -> String {
        if raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") {
            return String(raw.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        }
        return raw.uppercased()
    }

    private func bootstrap(_ db: Database) throws {
        let now = Timestamps.catalog(clock())
        for role in Session.systemRoles {
            try db.execute(sql: """
                INSERT OR IGNORE INTO sl_account_object (kind, name, owner, comment, created_on) VALUES ('ROLE', ?, '', ?, ?)
                """, arguments: [role.name, role.comment, now])
            if let parent = role.grantedTo {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO sl_role_grant (role_name, grantee_kind, grantee_name, granted_by, created_on)
                    VALUES (?, 'ROLE', ?, '', ?)
                    """, arguments: [role.name, parent, now])
            }
        }
        try db.execute(sql: """
            INSERT OR IGNORE INTO sl_account_object (kind, name, owner, comment, created_on, properties)
            VALUES ('WAREHOUSE', ?, 'ACCOUNTADMIN', NULL, ?, '{"size":"X-Small","state":"STARTED"}')
            """, arguments: [Session.defaultWarehouse, now])
        let isNewUser = try Int.fetchOne(db, sql: "SELECT count(*) FROM sl_account_object WHERE kind = 'USER' AND name = ?",
                                         arguments: [user]) == 0
        if isNewUser {
            try db.execute(sql: """
                INSERT INTO sl_account_object (kind, name, owner, comment, created_on) VALUES ('USER', ?, 'ACCOUNTADMIN', NULL, ?)
                """, arguments: [user, now])
            try db.execute(sql: """
                INSERT OR IGNORE INTO sl_role_grant (role_name, grantee_kind, grantee_name, granted_by, created_on)
                VALUES ('ACCOUNTADMIN', 'USER', ?, 'ACCOUNTADMIN', ?)
                """, arguments: [user, now])
        }
    }

    func accountObjectExists(kind: String, name: String) throws -> Bool {
        try store.queue.read { db in try Catalog(db: db).accountObject(kind: kind, name: name) != nil }
    }

    func databaseExists(_ name: String) throws -> Bool {
        try store.queue.read { db in try Catalog(db: db).database(name) != nil }
    }

    func schemaExists(database: String, schema: String) throws -> Bool {
        try store.queue.read { db in try Catalog(db: db).schema(database: database, name: schema) != nil }
    }

    /// Every role the user can activate: granted roles, the roles they inherit, and PUBLIC.
    func heldRoles() throws -> Set<String> {
        try store.queue.read { db in try heldRoles(db) }
    }

    func heldRoles(_ db: Database) throws -> Set<String> {
        let grants = try Row.fetchAll(db, sql: "SELECT role_name, grantee_kind, grantee_name FROM sl_role_grant").map { row in
            let name: String = row["grantee_name"]
            let kind: String = row["grantee_kind"]
            return RoleGrant(role: row["role_name"], grantee: kind == "USER" ? .user(name) : .role(name))
        }
        return RoleGraph(grants).roles(heldBy: .user(user))
    }
}
