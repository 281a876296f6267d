// Executor+Show: SHOW DATABASES | SCHEMAS | TABLES | VIEWS | WAREHOUSES | ROLES with LIKE, IN,
// STARTS WITH and LIMIT, and DESCRIBE TABLE | VIEW | USER, with Snowflake's lower-case columns
// (spec §4.3). Values Snowflake leaves blank print as empty strings, not NULL. SHOW lists only
// what the role can see (Authorization.swift): a database or schema with some privilege on it or
// inside it, an object or warehouse with some privilege on it. `Executor.filter` applies a
// ShowFilter's LIKE, STARTS WITH and LIMIT for the other families' SHOW too.

import Foundation
import GRDB
import SnowSQL

extension Executor {
    func show(_ show: ShowStatement) throws -> ResultSet {
        let result: ResultSet
        switch show.kind {
        case .database: result = try showDatabases()
        case .schema: result = try showSchemas(show.filter.scope)
        case .table, .view: result = try showObjects(show.kind, show.filter.scope)
        case .warehouse: result = try showWarehouses()
        case .role: result = try showRoles()
        case .sequence: result = try showSequences(show.filter.scope)
        case .stage: result = try showStages(show.filter.scope)
        case .procedure: result = try showProcedures(show.filter.scope)
        case .user: result = try showUsers()
        case .streamlit: result = try showStreamlits(show.filter.scope)
        case .object: result = try showTablesAndViews(show.filter.scope, terse: show.terse)
        }
        return Executor.filter(result, show.filter)
    }

    /// SHOW's LIKE (case-insensitive), STARTS WITH and LIMIT on the `name` column. (Its IN was
    /// applied when the rows were gathered.)
    static func filter(_ result: ResultSet, _ filter: ShowFilter) -> ResultSet {
        var result = result
        let nameIndex = result.columns.firstIndex { $0.name == "name" } ?? 0
        result.rows = result.rows.filter { row in
            guard case .string(let name) = row[nameIndex] else { return true }
            if let like = filter.like, !Executor.matchesLike(name, like) { return false }
            if let prefix = filter.startsWith, !name.hasPrefix(prefix) { return false }
            return true
        }
        if let limit = filter.limit { result.rows = Array(result.rows.prefix(limit)) }
        return result
    }

    static func columns(_ names: [String]) -> [ResultColumn] {
        names.map { name in
            switch name {
            case "created_on", "resumed_on", "updated_on": return ResultColumn(name, .timestampLTZ)
            case "rows", "bytes", "retention_time", "min_cluster_count", "max_cluster_count", "started_clusters", "running",
                 "queued", "auto_suspend", "assigned_to_users", "granted_to_roles", "granted_roles":
                return ResultColumn(name, .integer)
            default: return ResultColumn(name, .string)
            }
        }
    }

    private func yesNo(_ b: Bool) -> Value { .string(b ? "Y" : "N") }
    private func text(_ s: String?) -> Value { .string(s ?? "") }

    func showDatabases() throws -> ResultSet {
        let access = try access
        let rows = try catalog.databases().filter { try access.canSee($0) }.map { d -> [Value] in
            [.timestamp(d.createdOn), .string(d.name), yesNo(false), yesNo(d.name == session.currentDatabase), text(""),
             text(d.owner), text(d.comment), text(d.isTransient ? "TRANSIENT" : ""), .integer(Int64(d.retentionTime)),
             .string(d.kind.rawValue), .null, .string("ROLE")]
        }
        return ResultSet(columns: Executor.columns(["created_on", "name", "is_default", "is_current", "origin", "owner", "comment",
                                                    "options", "retention_time", "kind", "budget", "owner_role_type"]), rows: rows)
    }

    /// The databases a SHOW covers: IN DATABASE d, the current one, or the whole account.
    private func databasesInScope(_ scope: ShowFilter.Scope?) throws -> [String] {
        let access = try access
        let visible = { try catalog.databases().filter { try access.canSee($0) }.map(\.name) }
        func named(_ name: String) throws -> [String] {
            guard let record = try catalog.database(name), try access.canSee(record) else {
                throw SnowflakeError.objectDoesNotExistOrCannotBePerformed
            }
            return [name]
        }
        switch scope {
        case .account: return try visible()
        case .database(let name?):
            let parts = try session.nameParts(name)
            guard parts.count == 1 else { throw SnowflakeError.objectDoesNotExistOrCannotBePerformed }
            return try named(parts[0])
        case .database(nil):
            guard let current = session.currentDatabase else { throw SnowflakeError.objectDoesNotExistOrCannotBePerformed }
            return try named(current)
        default:
            if let current = session.currentDatabase { return try named(current) }
            return try visible()
        }
    }

    func showSchemas(_ scope: ShowFilter.Scope?) throws -> ResultSet {
        var rows: [[Value]] = []
        let access = try access
        for database in try databasesInScope(scope) {
            for s in try catalog.schemas(in: database) where try access.canSee(s) {
                rows.append([.timestamp(s.createdOn), .string(s.name), yesNo(false),
                             yesNo(s.database == session.currentDatabase && s.name == session.currentSchema), .string(s.database),
                             text(s.owner), text(s.comment), text(s.isManagedAccess ? "MANAGED ACCESS" : (s.isTransient ? "TRANSIENT" : "")),
                             .integer(1), .string(s.owner.isEmpty ? "" : "ROLE"), .null])
            }
        }
        return ResultSet(columns: Executor.columns(["created_on", "name", "is_default", "is_current", "database_name", "owner",
                                                    "comment", "options", "retention_time", "owner_role_type", "budget"]), rows: rows)
    }

    /// The (database, schema?) pairs SHOW TABLES / VIEWS covers: IN SCHEMA, IN DATABASE, the current schema, or all.
    func schemasInScope(_ scope: ShowFilter.Scope?) throws -> [(String, String?)] {
        let access = try access
        switch scope {
        case .schema(let name):
            let (database, schema): (String, String)
            if let name {
                (database, schema) = try session.qualifySchema(try session.nameParts(name), operation: "SHOW")
            } else {
                guard let d = session.currentDatabase, let s = session.currentSchema else { throw SnowflakeError.objectDoesNotExistOrCannotBePerformed }
                (database, schema) = (d, s)
            }
            guard let record = try catalog.schema(database: database, name: schema), try access.canSee(record) else {
                throw SnowflakeError.objectDoesNotExistOrCannotBePerformed
            }
            return [(database, schema)]
        case .database, .account:
            return try databasesInScope(scope).map { ($0, nil) }
        case nil:
            if let d = session.currentDatabase, let s = session.currentSchema { return [(d, s)] }
            return try databasesInScope(nil).map { ($0, nil) }
        }
    }

    /// SHOW USERS: every user of the account (a short form of Snowflake's columns).
    func showUsers() throws -> ResultSet {
        let rows = try catalog.accountObjects(kind: .user).map { u -> [Value] in
            [.string(u.name), .timestamp(u.createdOn), .string(u.name), .string(u.name), text(u.properties["first_name"]),
             text(u.properties["last_name"]), text(u.properties["email"]), text(u.comment), .string("false"),
             text(u.properties["default_warehouse"]), text(u.properties["default_namespace"]), text(u.properties["default_role"]),
             text(u.owner)]
        }
        return ResultSet(columns: Executor.columns(["name", "created_on", "login_name", "display_name", "first_name", "last_name",
                                                    "email", "comment", "disabled", "default_warehouse", "default_namespace",
                                                    "default_role", "owner"]), rows: rows)
    }

    func showObjects(_ kind: ObjectKind, _ scope: ShowFilter.Scope?) throws -> ResultSet {
        var rows: [[Value]] = []
        let access = try access
        for (database, schema) in try schemasInScope(scope) {
            for object in try catalog.objects(database: database, schema: schema, kinds: [CatalogKind(kind)].compactMap { $0 })
            where access.canSee(object) {
                if kind == .table {
                    // A hybrid table's rows and bytes are NULL, as in Snowflake's SHOW TABLES example.
                    let hybrid = object.properties[HybridTable.property] != nil
                    let count = try Int64.fetchOne(db, sql: "SELECT count(*) FROM \(quote(object.storageName ?? object.qualifiedName))") ?? 0
                    rows.append([.timestamp(object.createdOn), .string(object.name), .string(object.database), .string(object.schema),
                                 .string(object.properties["kind"] ?? "TABLE"), text(object.comment), text(""),
                                 hybrid ? .null : .integer(count), hybrid ? .null : .integer(count * 1024), text(object.owner), .integer(1),
                                 .string("OFF"), .string("OFF"), .string("OFF"), .null, .null, .string("N"), .string("N"), .string("ROLE"),
                                 .string("N"), .null, yesNo(hybrid), .string("N"), .string("N"), .string("N")])
                } else {
                    rows.append([.timestamp(object.createdOn), .string(object.name), text(""), .string(object.database),
                                 .string(object.schema), text(object.owner), text(object.comment),
                                 text(object.properties["text"]),
                                 .string(object.properties["secure"] == "true" ? "true" : "false"), .string("false"), .string("ROLE"),
                                 .string("OFF")])
                }
            }
        }
        if kind == .table {
            return ResultSet(columns: Executor.columns([
                "created_on", "name", "database_name", "schema_name", "kind", "comment", "cluster_by", "rows", "bytes", "owner",
                "retention_time", "automatic_clustering", "change_tracking", "search_optimization", "search_optimization_progress",
                "search_optimization_bytes", "is_external", "enable_schema_evolution", "owner_role_type", "is_event", "budget",
                "is_hybrid", "is_iceberg", "is_dynamic", "is_immutable"]), rows: rows)
        }
        return ResultSet(columns: Executor.columns(["created_on", "name", "reserved", "database_name", "schema_name", "owner",
                                                    "comment", "text", "is_secure", "is_materialized", "owner_role_type",
                                                    "change_tracking"]), rows: rows)
    }

    func showWarehouses() throws -> ResultSet {
        let access = try access
        let rows = try catalog.accountObjects(kind: .warehouse).filter { access.canSee($0) }.map { w -> [Value] in
            let p = w.properties
            return [.string(w.name), .string(p["state"] ?? "STARTED"), .string("STANDARD"), .string(p["size"] ?? "X-Small"),
                    .integer(1), .integer(1), .integer(p["state"] == "SUSPENDED" ? 0 : 1), .integer(0), .integer(0), yesNo(false),
                    yesNo(w.name == session.currentWarehouse), .integer(Int64(p["auto_suspend"] ?? "600") ?? 600),
                    .string(p["auto_resume"] ?? "true"), text(""), text(""), text(""), text(""), .timestamp(w.createdOn),
                    .timestamp(w.createdOn), .timestamp(w.createdOn), text(w.owner), text(w.comment), .string("false"), .string("8"),
                    .null, .string("0"), .string("0"), .string("0"), .string("0"), .string(""), .string("STANDARD"), .null,
                    .string("ROLE")]
        }
        return ResultSet(columns: Executor.columns([
            "name", "state", "type", "size", "min_cluster_count", "max_cluster_count", "started_clusters", "running", "queued",
            "is_default", "is_current", "auto_suspend", "auto_resume", "available", "provisioning", "quiescing", "other",
            "created_on", "resumed_on", "updated_on", "owner", "comment", "enable_query_acceleration",
            "query_acceleration_max_scale_factor", "resource_monitor", "actives", "pendings", "failed", "suspended", "uuid",
            "scaling_policy", "budget", "owner_role_type"]), rows: rows)
    }

    func showRoles() throws -> ResultSet {
        let grants = try catalog.roleGrants()
        func count(_ kind: String, role: String, asGrantee: Bool = false) -> Int64 {
            Int64(grants.filter { grant in
                grant.granteeKind == kind && (asGrantee ? grant.granteeName == role : grant.roleName == role)
            }.count)
        }
        let held = try session.heldRoles(db)
        let rows = try catalog.accountObjects(kind: .role).map { r -> [Value] in
            [.timestamp(r.createdOn), .string(r.name), yesNo(r.name == "ACCOUNTADMIN"), yesNo(r.name == session.currentRole),
             yesNo(held.contains(r.name) && r.name != session.currentRole), .integer(count("USER", role: r.name)),
             .integer(count("ROLE", role: r.name)), .integer(count("ROLE", role: r.name, asGrantee: true)), text(r.owner),
             text(r.comment), .string(r.owner.isEmpty ? "" : "ROLE")]
        }
        return ResultSet(columns: Executor.columns(["created_on", "name", "is_default", "is_current", "is_inherited",
                                                    "assigned_to_users", "granted_to_roles", "granted_roles", "owner", "comment",
                                                    "owner_role_type"]), rows: rows)
    }

    // MARK: - DESCRIBE

    func describe(_ describe: DescribeStatement) throws -> ResultSet {
        if describe.kind == .sequence { return try describeSequence(describe) }
        if describe.kind == .user { return try describeUser(describe) }
        if describe.kind == .stage { return try describeStage(describe) }
        if describe.kind == .procedure { return try describeProcedure(describe) }
        let object: ObjectRecord
        if case .reference(let arguments) = describe.name {
            // Inside an application: the table or view bound to the reference (it carries the privilege).
            object = try translator().referencedTarget(arguments, requiring: [])
        } else {
            let parts = try session.nameParts(describe.name)
            let name = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema,
                                           operation: "DESCRIBE")
            // DESCRIBE TABLE and DESCRIBE VIEW are interchangeable.
            guard let found = try catalog.object(database: name.database, schema: name.schema, name: name.name,
                                                 kinds: [.table, .view]) else {
                throw SnowflakeError.doesNotExist(describe.kind.displayName, parts.joined(separator: "."))
            }
            // Some privilege on the object, and USAGE on its database and schema.
            try access.require(nil, on: found, missing: SnowflakeError.doesNotExist(describe.kind.displayName, parts.joined(separator: ".")))
            object = found
        }
        var columns: [ColumnRecord]
        if object.kind == .view {
            columns = try translator().expandView(object, Scope(parent: nil)).columns.map {
                ColumnRecord(name: $0.name, type: $0.type, isNullable: true)
            }
        } else {
            columns = try catalog.columns(of: object)
        }
        // A hybrid table's keys show: Y under `primary key` and `unique key` (a standard table's, not enforced, do not).
        let hybrid = HybridTable(of: object)
        let uniqueColumns = Set(hybrid?.uniqueKeys.flatMap { $0 } ?? [String]())
        let rows = columns.map { c -> [Value] in
            [.string(c.name), .string(c.type.canonicalName), .string("COLUMN"), yesNo(c.isNullable),
             (c.identity?.description ?? c.defaultText).map(Value.string) ?? .null, yesNo(hybrid?.primaryKey.contains(c.name) ?? false),
             yesNo(uniqueColumns.contains(c.name)), .null, .null, c.comment.map(Value.string) ?? .null, .null, .null]
        }
        return ResultSet(columns: ["name", "type", "kind", "null?", "default", "primary key", "unique key", "check", "expression",
                                   "comment", "policy name", "privacy domain"].map { ResultColumn($0, .string) }, rows: rows)
    }

    /// DESC[RIBE] USER name: one row per property Snowlite keeps — `property`, `value`, `default`,
    /// `description`, all text, unset values as the word `null`, as Snowflake shows them. The
    /// password is never shown: `********` when the user has one. A user may describe themselves;
    /// another user needs OWNERSHIP of them (003001), and one the role has no privilege on is 002003.
    /// https://docs.snowflake.com/en/sql-reference/sql/desc-user
    func describeUser(_ describe: DescribeStatement) throws -> ResultSet {
        let parts = try session.nameParts(describe.name)
        let written = parts.joined(separator: ".")
        let access = try self.access
        let isSelf = parts == [session.user] && !session.runsWithOwnersRights
        guard parts.count == 1, let user = try catalog.accountObject(kind: .user, name: parts[0]),
              isSelf || access.authorizer.holdsAnyPrivilege(on: Authorization.securable(user)) else {
            throw SnowflakeError.doesNotExist("User", written)
        }
        if !isSelf { try access.requireOwnership(Authorization.securable(user), name: user.name) }
        let property = { (name: String) in user.properties[name.lowercased()] }
        func flag(_ name: String) -> String { property(name).flatMap(Conversion.boolean).map { $0 ? "true" : "false" } ?? "false" }
        let rows: [(String, String?, String, String)] = [
            ("NAME", user.name, "null", "Name"),
            ("COMMENT", user.comment, "null", "user comment associated to an object in the dictionary"),
            ("DISPLAY_NAME", property("DISPLAY_NAME") ?? user.name, "null", "Display name of the associated object"),
            ("TYPE", property("TYPE")?.uppercased(), "null",
             "Type of the account, application package, data exchange, data exchange listing, replication group, secret, network rule, or user."),
            ("LOGIN_NAME", property("LOGIN_NAME")?.uppercased() ?? user.name, "null", "Login name of the user"),
            ("FIRST_NAME", property("FIRST_NAME"), "null", "First name of the user"),
            ("MIDDLE_NAME", property("MIDDLE_NAME"), "null", "Middle name of the user"),
            ("LAST_NAME", property("LAST_NAME"), "null", "Last name of the user"),
            ("EMAIL", property("EMAIL"), "null", "Email address of the user"),
            ("PASSWORD", try catalog.passwordHash(user: user.name) == nil ? nil : "********", "null", "Password of the user"),
            ("MUST_CHANGE_PASSWORD", flag("MUST_CHANGE_PASSWORD"), "false", "User must change the password"),
            ("DISABLED", flag("DISABLED"), "false", "Whether the entity is disabled"),
            ("DAYS_TO_EXPIRY", property("DAYS_TO_EXPIRY"), "null", "User record will be treated as expired after specified number of days"),
            ("MINS_TO_UNLOCK", property("MINS_TO_UNLOCK"), "null", "Temporary lock on the user will be removed after specified number of minutes"),
            ("DEFAULT_WAREHOUSE", property("DEFAULT_WAREHOUSE"), "null", "Default warehouse for this user"),
            ("DEFAULT_NAMESPACE", property("DEFAULT_NAMESPACE"), "null", "Default database namespace prefix for this user"),
            ("DEFAULT_ROLE", property("DEFAULT_ROLE"), "null", "Primary principal of user session will be set to this role"),
            ("DEFAULT_SECONDARY_ROLES", property("DEFAULT_SECONDARY_ROLES"), "[ALL]", "The secondary roles will be set to all roles provided here."),
            ("MINS_TO_BYPASS_MFA", property("MINS_TO_BYPASS_MFA"), "null", "Temporary bypass MFA for the user for a specified number of minutes"),
            ("RSA_PUBLIC_KEY", property("RSA_PUBLIC_KEY"), "null", "RSA public key of the user"),
            ("RSA_PUBLIC_KEY_FP", Executor.fingerprint(property("RSA_PUBLIC_KEY")), "null", "Fingerprint of user's RSA public key."),
            ("RSA_PUBLIC_KEY_2", property("RSA_PUBLIC_KEY_2"), "null", "Second RSA public key of the user"),
            ("RSA_PUBLIC_KEY_2_FP", Executor.fingerprint(property("RSA_PUBLIC_KEY_2")), "null", "Fingerprint of user's second RSA public key."),
        ]
        return ResultSet(columns: Executor.columns(["property", "value", "default", "description"]),
                         rows: rows.map { [.string($0.0), .string($0.1 ?? "null"), .string($0.2), .string($0.3)] })
    }

    /// An RSA public key's fingerprint as DESCRIBE USER shows it: `SHA256:` and the base64 of the
    /// SHA-256 of the key's DER bytes (the base64 text the key was given as); nil without a key.
    static func fingerprint(_ key: String?) -> String? {
        guard let key, let der = Data(base64Encoded: key.filter { !$0.isWhitespace }) else { return nil }
        return "SHA256:" + Data(Digests.sha256([UInt8](der))).base64EncodedString()
    }
}
