// Executor+DeclarativeInstall: an application installed from a declarative (TYPE = DATA) package
// (Executor+DeclarativePackages). Its content is what the version's manifest shares, as
// `<app>.<schema>.<object>`: for each shared schema a schema of the application, and for each
// shared table or view a view of the application over the provider's object, made as a setup
// script would make them (as the application, so they belong to it) from SQL generated out of the
// manifest. The application reads the provider's objects through the package's share, to which the
// manifest's objects are granted here (with USAGE on their databases and schemas), in the
// provider's name. The manifest's roles become application roles: a schema's roles get USAGE on
// it, an object's roles SELECT (an object without `roles` has its schema's; `roles: []` leaves it to
// the owner). The owner holds every application role and, as Snowflake's app owner does, every
// shared object. An upgrade (a RELEASE, or UPGRADE [USING VERSION LIVE]) replaces the content and
// drops the roles the new manifest no longer names; what the consumer granted on the roles stays.
//
// A shared table shows as a VIEW in the application (SHOW VIEWS, not SHOW TABLES) [gap: Snowflake
// lists it as a table].
// https://docs.snowflake.com/en/developer-guide/declarative-sharing/consumer/access-app-content,
// …/declarative-sharing/app-roles

import Foundation
import Security
import SnowSQL

extension Executor {
    /// Installs or upgrades `record` from its declarative package: the released version
    /// (`.releaseDirective`), a committed VERSION$n, or LIVE (built first).
    func installDeclarative(_ record: AccountObjectRecord, from source: CreateApplication.Source) throws {
        let name = record.name, packageName = record.package ?? ""
        guard let package = try catalog.accountObject(kind: .applicationPackage, name: packageName) else {
            throw Executor.missingPackage(packageName)
        }
        let (version, text) = try declarativeVersion(source, of: package)
        let manifest = try DeclarativeManifest.read(text)
        try grantToShare(manifest, package: package)

        for schema in try catalog.schemas(in: name) where schema.name != "INFORMATION_SCHEMA" {
            try catalog.dropSchema(database: name, name: schema.name)
        }
        let wanted = Set(manifest.roles.map { Authorization.canonicalName([name, $0.name]) })
        for role in try applicationRoles(name) where !wanted.contains(role.name) {
            try catalog.dropAccountObject(kind: .applicationRole, name: role.name)
        }
        let statements: [Statement]
        do {
            statements = try Parser.parseScript(Executor.sharedContentScript(manifest))
        } catch {
            throw SnowflakeError.syntax(error)
        }
        let running = RunningApplication(name: name, package: packageName, version: version, patch: 0, files: [:])
        _ = try runningAs(running) {
            for statement in statements { _ = try execute(statement) }
        }
        try grantToOwner(manifest, of: record)

        var updated = try catalog.accountObject(kind: .application, name: name) ?? record
        updated.properties["version"] = version
        updated.properties["patch"] = "0"
        updated.properties["manifest"] = text
        // A data-only package's applications all follow its releases, whatever installed them.
        Executor.markInstalled(&updated, from: .releaseDirective)
        try catalog.updateAccountObject(updated)
    }

    /// The version a source names and its manifest's text.
    private func declarativeVersion(_ source: CreateApplication.Source, of package: AccountObjectRecord) throws -> (String, String) {
        switch source {
        case .stage:
            throw SnowflakeError.compilationError(
                "Application package '\(package.name)' is of TYPE = DATA: install a released version, or USING VERSION LIVE.")
        case .version(let version, _) where version.name == "LIVE":
            return ("LIVE", try buildLiveVersion(of: package).text)
        case .version(let version, _):
            guard let content = try catalog.applicationVersion(package: package.name, version: version.name, patch: 0) else {
                throw SnowflakeError.versionNotFound(version.name, package: package.name)
            }
            return (version.name, content.manifest)
        case .releaseDirective:
            guard let released = try catalog.defaultReleaseDirective(package: package.name),
                let content = try catalog.applicationVersion(package: package.name, version: released.version, patch: 0)
            else {
                throw SnowflakeError.compilationError("Application package '\(package.name)' has no released version.")
            }
            return (released.version, content.manifest)
        }
    }

    /// The statements that make the application's content, names quoted as stored.
    static func sharedContentScript(_ manifest: DeclarativeManifest) -> String {
        func q(_ parts: String...) -> String { parts.map { Identifier($0, quoted: true).sql }.joined(separator: ".") }
        var lines: [String] = manifest.roles.map { role in
            "CREATE APPLICATION ROLE IF NOT EXISTS \(q(role.name))" + (role.comment.map { " COMMENT = " + SQLPrinter.quoteString($0) } ?? "")
        }
        for schema in manifest.schemas {
            lines.append("CREATE SCHEMA IF NOT EXISTS \(q(schema.name))")
            lines += schema.roles.map { "GRANT USAGE ON SCHEMA \(q(schema.name)) TO APPLICATION ROLE \(q($0))" }
            for object in schema.objects {
                lines.append("CREATE VIEW \(q(schema.name, object.name)) AS SELECT * FROM \(q(schema.database, schema.name, object.name))")
                lines += object.roles.map { "GRANT SELECT ON VIEW \(q(schema.name, object.name)) TO APPLICATION ROLE \(q($0))" }
            }
        }
        return lines.map { $0 + ";\n" }.joined()
    }

    /// The manifest's objects, their schemas and databases granted to the package's share, in the
    /// name of the package's owner (who may SELECT them: BUILD checked it).
    private func grantToShare(_ manifest: DeclarativeManifest, package: AccountObjectRecord) throws {
        let share = (kind: Catalog.packageShareGrantee, name: package.name)
        func grant(_ privilege: Privilege, _ securable: Securable) throws {
            try catalog.insertGrant(privilege, on: securable, to: share, grantOption: false, grantedBy: package.owner, createdOn: now)
        }
        for schema in manifest.schemas {
            if let database = try catalog.database(schema.database) { try grant(.usage, Authorization.securable(database)) }
            if let record = try catalog.schema(database: schema.database, name: schema.name) { try grant(.usage, Authorization.securable(record)) }
            for object in schema.objects {
                guard
                    let record = try catalog.object(
                        database: schema.database, schema: schema.name, name: object.name,
                        kinds: [object.kind])
                else {
                    throw SnowflakeError.doesNotExist(
                        object.kind == .view ? "View" : "Table",
                        "\(schema.database).\(schema.name).\(object.name)")
                }
                try grant(.select, Authorization.securable(record))
            }
        }
    }

    /// The application's owner: every application role, USAGE on the application and its schemas,
    /// SELECT on every shared object.
    private func grantToOwner(_ manifest: DeclarativeManifest, of record: AccountObjectRecord) throws {
        let owner = (kind: "ROLE", name: record.owner), principal = Executor.principal(record.name)
        for role in try applicationRoles(record.name) {
            try catalog.insertRoleGrant(role: role.name, kind: "APPLICATION_ROLE", to: owner, grantedBy: principal, createdOn: now)
        }
        func grant(_ privilege: Privilege, _ securable: Securable) throws {
            try catalog.insertGrant(privilege, on: securable, to: owner, grantOption: false, grantedBy: principal, createdOn: now)
        }
        if let database = try catalog.database(record.name) { try grant(.usage, Authorization.securable(database)) }
        for schema in manifest.schemas {
            if let created = try catalog.schema(database: record.name, name: schema.name) { try grant(.usage, Authorization.securable(created)) }
            for object in schema.objects {
                if let view = try catalog.object(database: record.name, schema: schema.name, name: object.name, kinds: [.view]) {
                    try grant(.select, Authorization.securable(view))
                }
            }
        }
    }
}
