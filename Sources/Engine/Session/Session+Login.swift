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
    /// database and schema. A role the user does not hold refuses the login (250001). An account
    /// already set up for this user, with no temporary object of an ended process left, is only read,
    /// in one read transaction (a client's start-up pays for each one it opens).
    public func login(role: String?, warehouse: String?, database: String?, schema: String?) throws {
        let context = (role: role, warehouse: warehouse, database: database, schema: schema)
        if try store.read({ db in try applyLogin(db, context, checkingAccount: true) }) { return }
        try Session.bootstrap(store, user: user, now: clock())
        // Temporary objects left by processes that ended without closing their sessions.
        try dropTemporaryObjectsOfEndedProcesses()
        _ = try store.read { db in try applyLogin(db, context, checkingAccount: false) }
    }

    /// Sets the role and the context the role may use (what it may not is left unset, as Snowflake's
    /// login does). With `checkingAccount`, first answers false, changing nothing, when the account
    /// needs a write before the login: it is not set up for this user, or holds temporary objects of
    /// processes that have ended.
    private func applyLogin(_ db: Database, _ context: (role: String?, warehouse: String?, database: String?, schema: String?),
                            checkingAccount: Bool) throws -> Bool {
        let catalog = Catalog(db: db)
        if checkingAccount {
            guard try catalog.isBootstrapped(roles: Session.systemRoles, warehouse: Session.defaultWarehouse, user: user),
                  try endedTemporaryObjects(catalog).isEmpty else { return false }
        }
        let held = try heldRoles(db)
        let wantedRole = try context.role.map(Session.normalizeName) ?? defaultRole(held: held, catalog: catalog)
        guard held.contains(wantedRole) else {
            throw SnowflakeError.roleNotGrantedAtLogin(wantedRole)
        }
        currentRole = wantedRole
        let access = Authorization(authorizer: try Authorization.load(role: wantedRole, db: db), catalog: catalog,
                                   accountName: accountName)
        let wantedWarehouse = context.warehouse.map(Session.normalizeName) ?? Session.defaultWarehouse
        if let record = try catalog.accountObject(kind: .warehouse, name: wantedWarehouse),
           access.authorizer.holds(.usage, on: Authorization.securable(record)) {
            currentWarehouse = wantedWarehouse
        }
        if let database = context.database, let record = try catalog.database(Session.normalizeName(database)), access.canUse(record) {
            currentDatabase = record.name
            let schemaName = context.schema.map(Session.normalizeName) ?? "PUBLIC"
            if let schemaRecord = try catalog.schema(database: record.name, name: schemaName), try access.canUse(schemaRecord) {
                currentSchema = schemaName
            }
        }
        return true
    }

    /// Writes what a new account lacks (roles, warehouse, default grants) and `user`, ACCOUNTADMIN,
    /// if missing. An account already set up for this user is only read: no write lock.
    static func bootstrap(_ store: AccountStore, user: String, now: Date) throws {
        if try !store.read({ db in
            try Catalog(db: db).isBootstrapped(roles: Session.systemRoles, warehouse: Session.defaultWarehouse, user: user)
        }) {
            try store.queue.write { db in
                try Catalog(db: db).bootstrap(roles: Session.systemRoles, warehouse: Session.defaultWarehouse,
                                              grants: Session.defaultGrants, user: user, now: Timestamps.catalog(now))
            }
        }
    }

    /// The role a login without one gets: the user's DEFAULT_ROLE when held, else ACCOUNTADMIN
    /// when held (the account's creator), else PUBLIC.
    private func defaultRole(held: Set<String>, catalog: Catalog) throws -> String {
        let properties = try catalog.accountObject(kind: .user, name: user)?.properties
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

    func accountObjectExists(kind: CatalogKind, name: String) throws -> Bool {
        try store.read { db in try Catalog(db: db).accountObject(kind: kind, name: name) != nil }
    }

    func databaseExists(_ name: String) throws -> Bool {
        try store.read { db in try Catalog(db: db).database(name) != nil }
    }

    func schemaExists(database: String, schema: String) throws -> Bool {
        try store.read { db in try Catalog(db: db).schema(database: database, name: schema) != nil }
    }

    /// Every role the user can activate: granted roles, the roles they inherit, and PUBLIC.
    func heldRoles() throws -> Set<String> {
        try store.read { db in try heldRoles(db) }
    }

    func heldRoles(_ db: Database) throws -> Set<String> {
        try Authorization.roleGraph(Catalog(db: db)).roles(heldBy: .user(user))
    }
}
