// Session+Login: what happens when a client connects. A new account file gets Snowflake's system
// roles and their hierarchy, their account privileges, a default warehouse, and the connecting user
// (granted ACCOUNTADMIN, as the only person on this laptop's account is its administrator). Then the
// requested context is applied the way Snowflake's login does: the user's default role (or the one
// asked for), and the warehouse, database and schema when that role may use them.

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

    /// The account privileges each system role holds in a new account (ACCOUNTADMIN holds every
    /// account privilege anyway, and inherits SYSADMIN's and SECURITYADMIN's), and USAGE on the
    /// default warehouse for PUBLIC [?: as in trial accounts, from memory].
    static let defaultGrants: [(privilege: Privilege, kind: SecurableKind, object: String, role: String)] = [
        (.createDatabase, .account, "", "SYSADMIN"), (.createWarehouse, .account, "", "SYSADMIN"),
        (.manageGrants, .account, "", "SECURITYADMIN"),
        (.createRole, .account, "", "USERADMIN"), (.createUser, .account, "", "USERADMIN"),
        (.createIntegration, .account, "", "ACCOUNTADMIN"), (.createApplicationPackage, .account, "", "ACCOUNTADMIN"),
        (.createApplication, .account, "", "ACCOUNTADMIN"), (.executeTask, .account, "", "ACCOUNTADMIN"),
        (.executeManagedTask, .account, "", "ACCOUNTADMIN"), (.modifyLogLevel, .account, "", "ACCOUNTADMIN"),
        (.usage, .warehouse, defaultWarehouse, "PUBLIC"),
    ]

    /// Connects: bootstraps the account if new, registers the user, then sets role, warehouse,
    /// database and schema. A role the user does not hold refuses the login (250001).
    public func login(role: String?, warehouse: String?, database: String?, schema: String?) throws {
        // An account already set up for this user is only read: a login takes no write lock.
        if try !store.queue.read({ db in try self.isBootstrapped(db) }) {
            try store.queue.write { db in try self.bootstrap(db) }
        }
        let held = try heldRoles()
        let wantedRole = try role.map(Session.normalizeName) ?? defaultRole(held: held)
        guard held.contains(wantedRole) else {
            throw SnowflakeError(code: "250001", sqlState: "08001",
                                 message: "Role '\(wantedRole)' specified in the connect string is not granted to this user. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.")
        }
        currentRole = wantedRole
        // Context the role may not use is left unset, as Snowflake's login does.
        try store.queue.read { db in
            let catalog = Catalog(db: db)
            let access = Authorization(authorizer: try Authorization.load(role: wantedRole, db: db), catalog: catalog,
                                       accountName: accountName)
            let wantedWarehouse = warehouse.map(Session.normalizeName) ?? Session.defaultWarehouse
            if let record = try catalog.accountObject(kind: .warehouse, name: wantedWarehouse),
               access.authorizer.holds(.usage, on: Authorization.securable(record)) {
                currentWarehouse = wantedWarehouse
            }
            if let database, let record = try catalog.database(Session.normalizeName(database)), access.canUse(record) {
                currentDatabase = record.name
                let schemaName = schema.map(Session.normalizeName) ?? "PUBLIC"
                if let schemaRecord = try catalog.schema(database: record.name, name: schemaName), try access.canUse(schemaRecord) {
                    currentSchema = schemaName
                }
            }
        }
    }

    /// The role a login without one gets: the user's DEFAULT_ROLE when held, else ACCOUNTADMIN
    /// when held (the account's creator), else PUBLIC.
    private func defaultRole(held: Set<String>) throws -> String {
        let properties = try store.queue.read { db in try Catalog(db: db).accountObject(kind: .user, name: user)?.properties }
        if let role = properties?["default_role"], held.contains(role) { return role }
        return held.contains("ACCOUNTADMIN") ? "ACCOUNTADMIN" : RoleGraph.publicRole
    }

    /// Unquoted names fold to upper case; a name given in double quotes keeps its case.
    static func normalizeName(_ raw: String) -> String {
        if raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") {
            return String(raw.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        }
        return raw.uppercased()
    }

    /// Whether `bootstrap` would change nothing: every system role and its grant to its parent, the
    /// default warehouse, the default privileges and this user are there (by the keys its INSERT OR
    /// IGNOREs would meet).
    private func isBootstrapped(_ db: Database) throws -> Bool {
        func exists(_ sql: String, _ arguments: StatementArguments) throws -> Bool {
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (\(sql))"), arguments: arguments) ?? false
        }
        let object = "SELECT 1 FROM sl_account_object WHERE kind = ? AND name = ?"
        for role in Session.systemRoles {
            guard try exists(object, ["ROLE", role.name]) else { return false }
            if let parent = role.grantedTo, try !exists("""
                SELECT 1 FROM sl_role_grant WHERE role_name = ? AND grantee_kind = 'ROLE' AND grantee_name = ?
                """, [role.name, parent]) { return false }
        }
        return try exists(object, ["WAREHOUSE", Session.defaultWarehouse]) && exists(object, ["USER", user])
            && exists("SELECT 1 FROM sl_grant WHERE granted_by = ''", [])
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
        // Default privileges go in once: an account that has none of them (created before access
        // control, or new) gets them all; a later REVOKE of one of them stays revoked.
        let hasDefaults = try Int.fetchOne(db, sql: "SELECT count(*) FROM sl_grant WHERE granted_by = ''") ?? 0 > 0
        if !hasDefaults {
            for grant in Session.defaultGrants {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO sl_grant (privilege, object_kind, object_name, grantee_kind, grantee_name, grant_option,
                                                    granted_by, created_on) VALUES (?, ?, ?, 'ROLE', ?, 0, '', ?)
                    """, arguments: [grant.privilege.rawValue, grant.kind.rawValue, grant.object, grant.role, now])
            }
        }
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

    func accountObjectExists(kind: CatalogKind, name: String) throws -> Bool {
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
        try Authorization.roleGraph(db).roles(heldBy: .user(user))
    }
}
