// Executor+Applications: CREATE APPLICATION runs the version's setup script as the application
// (spec §5.2–5.6): the application is a database-like container (a `sl_database` row of kind
// APPLICATION) and a principal, `APPLICATION <NAME>`, that owns what its script creates and holds
// what the consumer grants TO APPLICATION. The consumer sees inside only through application
// roles, which are granted to the installing role. The whole script runs in the CREATE's
// transaction: a failing statement fails the CREATE and leaves nothing behind. DROP APPLICATION
// removes the container, its roles and the grants to and of them; the databases the application
// created outside itself (with CREATE DATABASE granted TO APPLICATION) go too with CASCADE, and
// without it the DROP fails naming them.

import Foundation
import GRDB
import Security
import SnowSQL

extension Executor {
    /// The principal an application acts as (the node name grants to APPLICATION use).
    static func principal(_ application: String) -> String { Authorization.node(kind: "APPLICATION", name: application) }

    /// The application a principal names (`APPLICATION APP` → `APP`); nil for a role.
    static func application(ofPrincipal role: String) -> String? {
        let prefix = principal("")
        return role.hasPrefix(prefix) ? String(role.dropFirst(prefix.count)) : nil
    }

    /// How the names of an application's roles begin (`APP.`, `"my app".`), as grants store them.
    static func rolePrefix(_ application: String) -> String { Authorization.canonicalName([application]) + "." }

    /// The roles the application's setup script made.
    func applicationRoles(_ application: String) throws -> [AccountObjectRecord] {
        try catalog.accountObjects(kind: .applicationRole).filter { $0.name.hasPrefix(Executor.rolePrefix(application)) }
    }

    func application(_ statement: ApplicationStatement) throws -> ResultSet {
        switch statement {
        case .create(let create): return try createApplication(create)
        case .executeFrom(let path): return try executeImmediateFrom(path)
        case .alter(let name, let ifExists, let action): return try alterApplication(name, ifExists: ifExists, action)
        case .drop(let name, let ifExists, let cascade): return try dropApplication(name, ifExists: ifExists, cascade: cascade)
        case .show(let like): return try showApplications(like: like)
        case .describe(let name): return try describeApplication(name)
        case .showRoles(let name): return try showApplicationRoles(name)
        case .showPrivileges(let name): return try showApplicationPrivileges(name)
        case .showReferences(let name): return try showReferences(name)
        case .showTelemetryEventDefinitions(let name): return try showTelemetryEventDefinitions(name)
        case .showObjectsOwned(let name): return try showObjectsOwned(by: name)
        case .createRole(let create): return try createApplicationRole(create)
        case .createStreamlit(let create): return try createStreamlit(create)
        }
    }

    // MARK: - CREATE APPLICATION

    func createApplication(_ create: CreateApplication) throws -> ResultSet {
        guard session.runningApplication == nil else { throw SnowflakeError.unsupported("CREATE APPLICATION inside a setup script") }
        try Executor.checkModifiers(create.modifiers)
        try access.requireAccount(.createApplication)
        let parts = try session.nameParts(create.name)
        guard parts.count == 1 else { throw SnowflakeError.compilationError("invalid application name '\(parts.joined(separator: "."))'") }
        let name = parts[0]
        if try catalog.database(name) != nil {
            if create.modifiers.ifNotExists { return Executor.alreadyExists(name) }
            throw SnowflakeError.alreadyExists(name)
        }
        let packageParts = try session.nameParts(create.package)
        let packageMissing = SnowflakeError.doesNotExist("Application package", packageParts.joined(separator: "."))
        guard packageParts.count == 1, let package = try catalog.accountObject(kind: .applicationPackage, name: packageParts[0]) else {
            throw packageMissing
        }
        try requireInstall(from: package, source: create.source, missing: packageMissing)
        // The container and the record of the installation; install() runs the script and fills it in.
        let comment = create.properties.first { $0.name == "COMMENT" }?.value.text
        try catalog.insertDatabase(DatabaseRecord(name: name, kind: .application, owner: Executor.principal(name),
                                                  comment: comment, isTransient: false, retentionTime: 1, createdOn: now))
        let record = AccountObjectRecord(
            kind: .application, name: name, owner: session.currentRole ?? "", comment: comment, createdOn: now,
            properties: ["package": package.name, "debug_mode": try create.properties.first { $0.name == "DEBUG_MODE" }.map { try Executor.debugMode($0.value) } ?? "FALSE"])
        try catalog.insertAccountObject(record)
        try install(record, from: create.source)
        return .status("Application '\(name)' created successfully.")
    }

    /// Who may install from `package`: its owner and ACCOUNTADMIN, or a role granted INSTALL on it,
    /// and DEVELOP too for a development-mode install (USING a stage or a version), as the Snowflake
    /// CLI grants them to an application's own role. A role holding nothing on the package does not
    /// see it (`missing`, 002003); one missing a privilege gets 003001.
    private func requireInstall(from package: AccountObjectRecord, source: CreateApplication.Source, missing: SnowflakeError) throws {
        let access = try access
        let securable = Authorization.securable(package)
        if access.authorizer.owns(securable) || access.activeRoles.contains("ACCOUNTADMIN") { return }
        guard access.authorizer.holdsAnyPrivilege(on: securable) else { throw missing }
        var needed = [Privilege("INSTALL")]
        if case .releaseDirective = source {} else { needed.append(Privilege("DEVELOP")) }
        guard needed.allSatisfy({ access.authorizer.holds($0, on: securable) }) else {
            throw access.insufficient(securable, name: package.name)
        }
    }

    /// Runs the setup script of `source` as the application `record` names, grants its application
    /// roles to the application's owner, and records the version, patch and versioned schemas.
    func install(_ record: AccountObjectRecord, from source: CreateApplication.Source) throws {
        let name = record.name, package = record.package ?? ""
        if try catalog.accountObject(kind: .applicationPackage, name: package)?.isDeclarativePackage == true {
            return try installDeclarative(record, from: source)
        }
        let (version, patch, content) = try installSource(source, package: package)
        let reader = ManifestParser()
        let manifest = try reader.read(content.manifest)
        try manifest.requireRunnableCallbacks()
        let running = RunningApplication(name: name, package: package, version: version, patch: patch ?? 0,
                                         files: Dictionary(content.files.map { ($0.path, $0.md5) }, uniquingKeysWith: { a, _ in a }))
        guard let scriptPath = running.file(manifest.setupScript) else {
            throw SnowflakeError.compilationError("The setup script '\(manifest.setupScript)' is not in version '\(version)'.")
        }
        let versioned = try runSetupScript(at: scriptPath, as: running)
        try runVersionInitializer(manifest, as: running)

        for role in try applicationRoles(name) {
            try catalog.insertRoleGrant(role: role.name, kind: "APPLICATION_ROLE", to: ("ROLE", record.owner),
                                        grantedBy: Executor.principal(name), createdOn: now)
        }
        var updated = record
        updated.properties["version"] = version
        updated.properties["patch"] = patch.map(String.init) ?? ""
        updated.properties["log_level"] = manifest.logLevel ?? ""
        updated.properties["manifest"] = content.manifest
        updated.properties["versioned_schemas"] = versioned.sorted().joined(separator: ",")
        Executor.markInstalled(&updated, from: source)
        try catalog.updateAccountObject(updated)
    }

    /// How the application was installed, and no failed upgrade pending (DESCRIBE's upgrade_* rows).
    static func markInstalled(_ record: inout AccountObjectRecord, from source: CreateApplication.Source) {
        record.properties["installed_from"] = Executor.installationSource(source).rawValue
        for key in ["upgrade_target_version", "upgrade_target_patch", "upgrade_attempt", "upgrade_failure_type", "upgrade_failure_reason"] {
            record.properties[key] = nil
        }
        record.properties["upgrade_state"] = "COMPLETE"
    }

    /// How `source` installs, as the application records it (ReleaseDirectives.swift).
    static func installationSource(_ source: CreateApplication.Source) -> InstallationSource {
        switch source {
        case .stage: return .stage
        case .version: return .version
        case .releaseDirective: return .releaseDirective
        }
    }

    /// What to install: a version's patch (named, or the release directive that applies to this
    /// account: a custom one that targets it, else the default), or in
    /// development mode the staged folder itself (version UNVERSIONED, no patch).
    private func installSource(_ source: CreateApplication.Source, package: String)
        throws -> (version: String, patch: Int?, content: ApplicationVersionContent) {
        let (version, patch): (String, Int)
        switch source {
        case .stage(let location):
            let folder = try stagedFolder(location, operation: "CREATE APPLICATION")
            guard let manifest = folder.files.first(where: { $0.path == "manifest.yml" }) else {
                throw SnowflakeError.manifestNotFound(folder.written)
            }
            let text = String(decoding: try catalog.blob(md5: manifest.md5), as: UTF8.self)
            return ("UNVERSIONED", nil, ApplicationVersionContent(manifest: text, files: folder.files))
        case .version(let v, let p):
            version = v.name
            patch = try p ?? catalog.latestPatch(package: package, version: v.name)
        case .releaseDirective:
            guard let directive = try catalog.accountObject(kind: .applicationPackage, name: package)?
                .releaseDirective(for: session.directiveAccount) else {
                throw SnowflakeError.compilationError("Application package '\(package)' has no default release directive; name a version with USING VERSION.")
            }
            (version, patch) = directive
        }
        guard let content = try catalog.applicationVersion(package: package, version: version, patch: patch) else {
            throw SnowflakeError.compilationError("Version '\(version)' (patch \(patch)) does not exist in application package '\(package)'.")
        }
        return (version, patch, content)
    }

    // MARK: - DROP, SHOW

    func dropApplication(_ written: ObjectName, ifExists: Bool, cascade: Bool) throws -> ResultSet {
        let record: AccountObjectRecord
        do {
            record = try visibleApplication(written)
        } catch let error as SnowflakeError where ifExists && error.code == "002003" {
            return Executor.alreadyDropped(try session.nameParts(written).last ?? "")
        }
        let name = record.name
        let principal = Executor.principal(name)
        let created = try catalog.databases().filter { $0.owner == principal && $0.name != name }
        if !created.isEmpty && !cascade {
            throw SnowflakeError.applicationOwnsObjectsOutside(name, databases: created.map(\.name))
        }
        for database in created { try catalog.dropDatabase(database.name) }
        try catalog.dropDatabase(name)
        for role in try applicationRoles(name) {
            try catalog.dropAccountObject(kind: .applicationRole, name: role.name)
        }
        try catalog.dropGrants(ofApplication: name, rolePrefix: Executor.rolePrefix(name))
        try catalog.deleteReferenceBindings(application: name)
        try catalog.dropAccountObject(kind: .application, name: name)
        if session.currentDatabase == name {
            session.currentDatabase = nil
            session.currentSchema = nil
        }
        return Executor.dropped(name)
    }

    func showApplications(like: String?) throws -> ResultSet {
        let active = try access.activeRoles
        let rows = try catalog.accountObjects(kind: .application).filter { app in
            active.contains(app.owner) && (like.map { Executor.matchesLike(app.name, $0) } ?? true)
        }.map { app -> [Value] in
            let p = app.properties
            return [.timestamp(app.createdOn), .string(app.name), .string("N"), .string(app.name == session.currentDatabase ? "Y" : "N"),
                    .string("APPLICATION PACKAGE"), .string(p["package"] ?? ""), .string(app.owner), .string(app.comment ?? ""),
                    .string(p["version"] ?? ""), .string(p["label"] ?? ""), p["patch"].flatMap { Int64($0) }.map(Value.integer) ?? .null, .string(""),
                    .integer(1), .string(p["upgrade_state"] ?? "COMPLETE")]
        }
        let names = ["created_on", "name", "is_default", "is_current", "source_type", "source", "owner", "comment", "version",
                     "label", "patch", "options", "retention_time", "upgrade_state"]
        return ResultSet(columns: names.map { name in
            ResultColumn(name, name == "created_on" ? .timestampLTZ : (name == "patch" || name == "retention_time" ? .integer : .string))
        }, rows: rows)
    }

    // MARK: - Inside a setup script

    /// CREATE APPLICATION ROLE r: only the application's own script makes them.
    func createApplicationRole(_ create: CreateNamedObject) throws -> ResultSet {
        guard let application = session.runningApplication else {
            throw SnowflakeError.compilationError("Application roles can only be created by an application's setup script.")
        }
        let parts = try session.nameParts(create.name)
        guard let role = parts.last, parts.count == 1 || (parts.count == 2 && parts[0] == application.name) else {
            throw SnowflakeError.compilationError("invalid application role name '\(parts.joined(separator: "."))'")
        }
        let qualified = Authorization.canonicalName([application.name, role])
        if try catalog.accountObject(kind: .applicationRole, name: qualified) != nil {
            if create.modifiers.ifNotExists { return Executor.alreadyExists(role) }
            guard create.modifiers.orReplace else { throw SnowflakeError.alreadyExists(role) }
            return .success
        }
        try catalog.insertAccountObject(AccountObjectRecord(kind: .applicationRole, name: qualified,
                                                            owner: Executor.principal(application.name),
                                                            comment: create.properties.first { $0.name == "COMMENT" }?.value.text,
                                                            createdOn: now, properties: [:]))
        return Executor.created("Application role", role)
    }

    /// CREATE STREAMLIT name FROM '<dir>' MAIN_FILE = '<file>': in an application the main file
    /// must be in the version (FROM '/' is the version's root).
    func createStreamlit(_ create: CreateStreamlit) throws -> ResultSet {
        try Executor.checkModifiers(create.modifiers)
        let name = try newObjectName(create.name, kind: .streamlit)
        try access.requireCreate(.streamlit, database: name.database, schema: name.schema)
        let mainFile = create.properties.first { $0.name == "MAIN_FILE" }?.value.text ?? ""
        if let application = session.runningApplication {
            try application.requireFile((create.root.hasSuffix("/") ? create.root : create.root + "/") + mainFile)
        }
        let existing = try catalog.object(database: name.database, schema: name.schema, name: name.name, kinds: [.streamlit])
        if let done = try prepareCreate(existing: existing, name: name, modifiers: create.modifiers) { return done }
        var properties: [String: String] = ["root": create.root]
        for property in create.properties where property.name != "COMMENT" { properties[property.name.lowercased()] = property.value.text }
        let record = ObjectRecord(database: name.database, schema: name.schema, name: name.name, kind: .streamlit,
                                  owner: session.currentRole ?? "", comment: create.properties.first { $0.name == "COMMENT" }?.value.text,
                                  createdOn: now, storageName: nil, definition: nil, properties: properties)
        try catalog.insertObject(record)
        try applyFutureGrants(to: record)
        return Executor.created("Streamlit", name.name)
    }
}
