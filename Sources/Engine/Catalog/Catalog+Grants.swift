// Catalog+Grants: how access control is stored. Privileges are rows of sl_grant, one per privilege
// (ALL is stored expanded), with object names in canonical form (Authorization.canonicalName);
// role grants are rows of sl_role_grant; future grants rows of sl_future_grant; ownership is the
// `owner` column of the object's own catalog row. A grantee is its kind as stored (`ROLE`, `USER`,
// `APPLICATION`, `APPLICATION_ROLE`, `DATABASE_ROLE`) and its name. The executor decides who may
// grant what (Executor+Grants.swift); these functions only read and write the rows.
//
// Grants die with their object. Dropping (or replacing) an object removes the privileges granted on
// it, a schema or database also the future grants it held, and a dropped role or user the
// privileges and roles granted to it — a new object of the same name starts with none, as in
// Snowflake.

import GRDB
import Security

/// A privilege granted on an object (a row of sl_grant).
struct GrantRecord {
    var privilege: String
    /// The securable kind as stored (`TABLE`, `EVENT_TABLE`, `ACCOUNT`…).
    var objectKind: String
    var objectName: String
    var granteeKind: String
    var granteeName: String
    var grantOption: Bool
    /// Empty for the privileges a new account starts with.
    var grantedBy: String
    var createdOn: String
}

/// A role granted to a role, user or application (a row of sl_role_grant).
struct RoleGrantRecord {
    var roleName: String
    /// `ROLE`, `APPLICATION_ROLE` or `DATABASE_ROLE`.
    var roleKind: String
    var granteeKind: String
    var granteeName: String
    var grantedBy: String
    var createdOn: String
}

/// A privilege every object of a kind created later in a schema or database receives (a row of sl_future_grant).
struct FutureGrantRecord {
    var privilege: String
    var objectKind: String
    /// `SCHEMA` or `DATABASE`, and its canonical name.
    var containerKind: String
    var containerName: String
    var granteeKind: String
    var granteeName: String
    var grantOption: Bool
    var grantedBy: String
    var createdOn: String
}

extension Catalog {
    // MARK: - Privileges

    /// Grants `privilege`; granting it again keeps the grant and adds the grant option if asked.
    func insertGrant(_ privilege: Privilege, on securable: Securable, to grantee: (kind: String, name: String),
                     grantOption: Bool, grantedBy: String, createdOn: String) throws {
        try db.execute(sql: """
            INSERT INTO sl_grant (privilege, object_kind, object_name, grantee_kind, grantee_name, grant_option, granted_by, created_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO UPDATE SET grant_option = max(grant_option, excluded.grant_option)
            """, arguments: [privilege.rawValue, securable.kind.rawValue, securable.name, grantee.kind, grantee.name, grantOption,
                             grantedBy, createdOn])
    }

    /// Revokes `privilege` (only its grant option when `grantOptionOnly`), under either kind an
    /// event table may be recorded as.
    func revokeGrant(_ privilege: Privilege, on securable: Securable, from grantee: (kind: String, name: String),
                     grantOptionOnly: Bool) throws {
        try db.execute(sql: """
            \(grantOptionOnly ? "UPDATE sl_grant SET grant_option = 0" : "DELETE FROM sl_grant")
            WHERE privilege = ? AND object_kind IN (?, ?) AND object_name = ? AND grantee_kind = ? AND grantee_name = ?
            """, arguments: [privilege.rawValue, securable.kind.rawValue, Executor.grantKindAlias(securable.kind),
                             securable.name, grantee.kind, grantee.name])
    }

    /// Removes every privilege granted on the object (GRANT OWNERSHIP … REVOKE CURRENT GRANTS).
    func deleteGrants(on securable: Securable) throws {
        try db.execute(sql: "DELETE FROM sl_grant WHERE object_kind IN (?, ?) AND object_name = ?",
                       arguments: [securable.kind.rawValue, Executor.grantKindAlias(securable.kind), securable.name])
    }

    /// The privileges granted on the object, under either kind an event table may be recorded as.
    func grants(on securable: Securable) throws -> [GrantRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM sl_grant WHERE object_kind IN (?, ?) AND object_name = ?",
                         arguments: [securable.kind.rawValue, Executor.grantKindAlias(securable.kind), securable.name])
            .map(Catalog.grantRecord)
    }

    /// The privileges granted to one grantee.
    func grants(to grantee: (kind: String, name: String)) throws -> [GrantRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM sl_grant WHERE grantee_kind = ? AND grantee_name = ?",
                         arguments: [grantee.kind, grantee.name]).map(Catalog.grantRecord)
    }

    /// The privileges granted to roles named `roles`, and to every grantee that is not an account
    /// role (applications, application and database roles): what an authorizer is loaded from.
    func grants(toRolesAmong roles: [String]) throws -> [GrantRecord] {
        try db.cachedRows("""
            SELECT * FROM sl_grant WHERE grantee_name IN (\(Catalog.placeholders(roles.count))) OR grantee_kind <> 'ROLE'
            """, StatementArguments(values: roles.map { $0.databaseValue })).map(Catalog.grantRecord)
    }

    private static func grantRecord(_ row: Row) -> GrantRecord {
        GrantRecord(privilege: row["privilege"], objectKind: row["object_kind"], objectName: row["object_name"],
                    granteeKind: row["grantee_kind"], granteeName: row["grantee_name"], grantOption: row["grant_option"],
                    grantedBy: row["granted_by"], createdOn: row["created_on"])
    }

    /// `?,?,…` for `count` arguments. GRDB's databaseQuestionMarks joins a lazy collection of "?",
    /// whose first use costs a client's login a scan of the program's conformances.
    static func placeholders(_ count: Int) -> String {
        count == 0 ? "" : "?" + String(repeating: ",?", count: count - 1)
    }

    /// The random number every change to grants, role grants or account objects replaces
    /// (CatalogSchema.swift, v10): a session keeps what it loaded while it is unchanged.
    func grantStamp() throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT stamp FROM sl_grant_stamp"))
    }

    // MARK: - Role grants

    /// Grants a role (`kind` ROLE, APPLICATION_ROLE or DATABASE_ROLE); a grant that exists is kept as it is.
    func insertRoleGrant(role: String, kind: String, to grantee: (kind: String, name: String), grantedBy: String,
                         createdOn: String) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO sl_role_grant (role_name, role_kind, grantee_kind, grantee_name, granted_by, created_on)
            VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [role, kind, grantee.kind, grantee.name, grantedBy, createdOn])
    }

    func deleteRoleGrant(role: String, kind: String, from grantee: (kind: String, name: String)) throws {
        try db.execute(sql: "DELETE FROM sl_role_grant WHERE role_name = ? AND role_kind = ? AND grantee_kind = ? AND grantee_name = ?",
                       arguments: [role, kind, grantee.kind, grantee.name])
    }

    /// Every role grant of the account (the role graph).
    func roleGrants() throws -> [RoleGrantRecord] {
        try db.cachedRows("SELECT * FROM sl_role_grant").map(Catalog.roleGrantRecord)
    }

    /// The grants of one role, by grantee (SHOW GRANTS OF ROLE).
    func roleGrants(of role: String, kind: String) throws -> [RoleGrantRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM sl_role_grant WHERE role_name = ? AND role_kind = ? ORDER BY grantee_kind, grantee_name",
                         arguments: [role, kind]).map(Catalog.roleGrantRecord)
    }

    /// The roles granted to one grantee.
    func roleGrants(to grantee: (kind: String, name: String)) throws -> [RoleGrantRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM sl_role_grant WHERE grantee_kind = ? AND grantee_name = ?",
                         arguments: [grantee.kind, grantee.name]).map(Catalog.roleGrantRecord)
    }

    /// The roles granted to a user, by role name.
    func roleGrants(toUser user: String) throws -> [RoleGrantRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM sl_role_grant WHERE grantee_kind = 'USER' AND grantee_name = ? ORDER BY role_name",
                         arguments: [user]).map(Catalog.roleGrantRecord)
    }

    private static func roleGrantRecord(_ row: Row) -> RoleGrantRecord {
        RoleGrantRecord(roleName: row["role_name"], roleKind: row["role_kind"], granteeKind: row["grantee_kind"],
                        granteeName: row["grantee_name"], grantedBy: row["granted_by"], createdOn: row["created_on"])
    }

    // MARK: - Future grants

    /// Records a future grant; recording it again adds the grant option if asked.
    func insertFutureGrant(_ privilege: Privilege, of kind: SecurableKind, in container: (kind: String, name: String),
                           to grantee: (kind: String, name: String), grantOption: Bool, grantedBy: String, createdOn: String) throws {
        try db.execute(sql: """
            INSERT INTO sl_future_grant (privilege, object_kind, container_kind, container_name, grantee_kind, grantee_name,
                                         grant_option, granted_by, created_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO UPDATE SET grant_option = max(grant_option, excluded.grant_option)
            """, arguments: [privilege.rawValue, kind.rawValue, container.kind, container.name, grantee.kind, grantee.name,
                             grantOption, grantedBy, createdOn])
    }

    /// Revokes a future grant (only its grant option when `grantOptionOnly`).
    func revokeFutureGrant(_ privilege: Privilege, of kind: SecurableKind, in container: (kind: String, name: String),
                           from grantee: (kind: String, name: String), grantOptionOnly: Bool) throws {
        try db.execute(sql: """
            \(grantOptionOnly ? "UPDATE sl_future_grant SET grant_option = 0" : "DELETE FROM sl_future_grant")
            WHERE privilege = ? AND object_kind = ? AND container_kind = ? AND container_name = ? AND grantee_kind = ? AND grantee_name = ?
            """, arguments: [privilege.rawValue, kind.rawValue, container.kind, container.name, grantee.kind, grantee.name])
    }

    /// GRANT OWNERSHIP ON FUTURE …: the role that will own each new object of the kind.
    func setFutureOwner(of kind: SecurableKind, in container: (kind: String, name: String), to role: String,
                        grantedBy: String, createdOn: String) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO sl_future_grant (privilege, object_kind, container_kind, container_name, grantee_kind,
                                                    grantee_name, grant_option, granted_by, created_on)
            VALUES ('OWNERSHIP', ?, ?, ?, 'ROLE', ?, 0, ?, ?)
            """, arguments: [kind.rawValue, container.kind, container.name, role, grantedBy, createdOn])
    }

    /// The future grants a container holds for new objects of `kind`.
    func futureGrants(of kind: SecurableKind, in container: (kind: String, name: String)) throws -> [FutureGrantRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM sl_future_grant WHERE object_kind = ? AND container_kind = ? AND container_name = ?",
                         arguments: [kind.rawValue, container.kind, container.name]).map(Catalog.futureGrantRecord)
    }

    /// Every future grant a container holds, by privilege, kind and grantee (SHOW FUTURE GRANTS).
    func futureGrants(in container: (kind: String, name: String)) throws -> [FutureGrantRecord] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM sl_future_grant WHERE container_kind = ? AND container_name = ?
            ORDER BY privilege, object_kind, grantee_kind, grantee_name
            """, arguments: [container.kind, container.name]).map(Catalog.futureGrantRecord)
    }

    private static func futureGrantRecord(_ row: Row) -> FutureGrantRecord {
        FutureGrantRecord(privilege: row["privilege"], objectKind: row["object_kind"], containerKind: row["container_kind"],
                          containerName: row["container_name"], granteeKind: row["grantee_kind"], granteeName: row["grantee_name"],
                          grantOption: row["grant_option"], grantedBy: row["granted_by"], createdOn: row["created_on"])
    }

    // MARK: - Ownership

    func setOwner(ofDatabase name: String, to owner: String) throws {
        try db.execute(sql: "UPDATE sl_database SET owner = ? WHERE name = ?", arguments: [owner, name])
    }

    func setOwner(ofSchema name: String, database: String, to owner: String) throws {
        try db.execute(sql: "UPDATE sl_schema SET owner = ? WHERE database_name = ? AND name = ?", arguments: [owner, database, name])
    }

    func setOwner(of object: ObjectRecord, to owner: String) throws {
        try db.execute(sql: "UPDATE sl_object SET owner = ? WHERE database_name = ? AND schema_name = ? AND name = ? AND kind = ?",
                       arguments: [owner, object.database, object.schema, object.name, object.kind.rawValue])
    }

    func setOwner(ofAccountObject name: String, kind: CatalogKind, to owner: String) throws {
        try db.execute(sql: "UPDATE sl_account_object SET owner = ? WHERE kind = ? AND name = ?", arguments: [owner, kind.rawValue, name])
    }

    func databases(ownedBy role: String) throws -> [DatabaseRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM sl_database WHERE owner = ?", arguments: [role]).map(Catalog.databaseRecord)
    }

    func schemas(ownedBy role: String) throws -> [SchemaRecord] {
        try Row.fetchAll(db, sql: "SELECT \(Catalog.schemaColumns) FROM sl_schema WHERE owner = ?", arguments: [role]).map(Catalog.schemaRecord)
    }

    func objects(ownedBy role: String) throws -> [ObjectRecord] {
        try Row.fetchAll(db, sql: "SELECT \(Catalog.objectColumns) FROM sl_object WHERE owner = ?", arguments: [role]).map(Catalog.objectRecord)
    }

    func accountObjects(ownedBy role: String) throws -> [AccountObjectRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM sl_account_object WHERE owner = ?", arguments: [role]).map(Catalog.accountObjectRecord)
    }

    /// Whether one of `roles` owns a schema object in the database (in `schema` when given) or,
    /// for a whole database, a schema of it.
    func ownsSomething(database: String, schema: String?, roles: [String]) throws -> Bool {
        let marks = Catalog.placeholders(roles.count)
        var sql = "SELECT 1 FROM sl_object WHERE database_name = ?" + (schema == nil ? "" : " AND schema_name = ?")
            + " AND owner IN (\(marks))"
        if schema == nil { sql += " UNION ALL SELECT 1 FROM sl_schema WHERE database_name = ? AND owner IN (\(marks))" }
        var arguments: [String] = [database] + (schema.map { [$0] } ?? []) + roles
        if schema == nil { arguments += [database] + roles }
        return try Int.fetchOne(db, sql: sql + " LIMIT 1", arguments: StatementArguments(arguments)) != nil
    }

    // MARK: - Dropping

    /// Removes grants on the object named by `parts` (a procedure's signatures included), and,
    /// when `grantee` is `ROLE` or `USER`, the grants made to it.
    /// Drops every grant on the procedure or function whose grants name it `routineName`.
    func dropGrants(on kind: SecurableKind, routineName: String) throws {
        try db.execute(sql: "DELETE FROM sl_grant WHERE object_kind IN (?, ?) AND object_name = ?",
                       arguments: [kind.rawValue, Executor.grantKindAlias(kind), routineName])
    }

    func dropGrants(on kind: SecurableKind, _ parts: [String], grantee: String? = nil) throws {
        let name = Authorization.canonicalName(parts)
        try db.execute(sql: """
            DELETE FROM sl_grant WHERE object_kind IN (?, ?) AND (object_name = ? OR substr(object_name, 1, length(?) + 1) = ? || '(')
            """, arguments: [kind.rawValue, Executor.grantKindAlias(kind), name, name, name])
        if kind == .schema || kind == .database {
            try db.execute(sql: "DELETE FROM sl_future_grant WHERE container_kind = ? AND container_name = ?",
                           arguments: [kind.rawValue, name])
        }
        if let grantee, let granteeName = parts.first {
            try db.execute(sql: "DELETE FROM sl_grant WHERE grantee_kind = ? AND grantee_name = ?", arguments: [grantee, granteeName])
            try db.execute(sql: "DELETE FROM sl_future_grant WHERE grantee_kind = ? AND grantee_name = ?", arguments: [grantee, granteeName])
            try db.execute(sql: "DELETE FROM sl_role_grant WHERE grantee_kind = ? AND grantee_name = ?", arguments: [grantee, granteeName])
        }
    }

    /// Removes what a dropped application held: its application roles' grants to others, and the
    /// privileges granted to it or to its roles (`rolePrefix`: `APP.`).
    func dropGrants(ofApplication application: String, rolePrefix prefix: String) throws {
        try db.execute(sql: "DELETE FROM sl_role_grant WHERE role_kind = 'APPLICATION_ROLE' AND substr(role_name, 1, length(?)) = ?",
                       arguments: [prefix, prefix])
        try db.execute(sql: """
            DELETE FROM sl_grant WHERE (grantee_kind = 'APPLICATION' AND grantee_name = ?)
                OR (grantee_kind = 'APPLICATION_ROLE' AND substr(grantee_name, 1, length(?)) = ?)
            """, arguments: [application, prefix, prefix])
    }
}
