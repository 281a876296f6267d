// Executor+SharedContent: data a provider shares with its applications through the package.
// An application package is also a database (kind APPLICATION PACKAGE, owned by the package's
// owner): `CREATE SCHEMA pkg.shared_data`, tables and views in it, then
//   GRANT USAGE ON SCHEMA pkg.shared_data TO SHARE IN APPLICATION PACKAGE pkg
//   GRANT SELECT ON TABLE | VIEW pkg.shared_data.t TO SHARE IN APPLICATION PACKAGE pkg
//   GRANT REFERENCE_USAGE ON DATABASE other TO SHARE IN APPLICATION PACKAGE pkg   (a package view over it)
// are sl_grant rows whose grantee is the package's share (`APPLICATION PACKAGE SHARE`, the
// package's name). Every application installed from the package holds that share
// (Authorization.load), with USAGE on the package's database implied, and reads the shared
// schemas as if they were its own: inside an application `shared_data.t` names the package's
// schema when the application has no schema of that name (`Translator.sharedContentName`). The
// content is not versioned: each version, and each installed application, reads the live rows. A
// consumer holds no grant on it, so it reaches the data only through what the application grants.
// https://docs.snowflake.com/en/developer-guide/native-apps/preparing-data-content

import Foundation
import Security
import SnowSQL

extension Catalog {
    /// The grantee kind of a package's share, as SHOW GRANTS' `granted_to` shows it.
    static let packageShareGrantee = "APPLICATION PACKAGE SHARE"
}

extension Executor {
    /// The database a package is, created with it and owned by the package's owner.
    func insertPackageDatabase(_ name: String, owner: String, comment: String?) throws {
        try insertDatabaseWithSchemas(
            DatabaseRecord(
                name: name, kind: .applicationPackage, owner: owner, comment: comment,
                isTransient: false, retentionTime: 1, createdOn: now))
    }

    /// The package `SHARE IN APPLICATION PACKAGE p` names: it exists and the role sees it (else 002003).
    func sharingPackage(_ written: ObjectName) throws -> AccountObjectRecord {
        let parts = try session.nameParts(written)
        let missing = Executor.missingPackage(parts.joined(separator: "."))
        guard parts.count == 1, let package = try catalog.accountObject(kind: .applicationPackage, name: parts[0]) else { throw missing }
        let access = try access
        guard access.canSee(package) || access.authorizer.canManageGrants else { throw missing }
        return package
    }

    /// What a grant to a package's share may not be at all: FUTURE grants, WITH GRANT OPTION.
    func requireShareable(_ grant: GrantPrivileges, package: String) throws {
        if case .future = grant.target { throw SnowflakeError.shareGrantUnsupported("GRANT … ON FUTURE") }
        if grant.withGrantOption { throw SnowflakeError.shareGrantUnsupported("GRANT … WITH GRANT OPTION") }
    }

    /// One privilege on one object granted to `package`'s share: USAGE on a schema of the package,
    /// SELECT on a table or view of the package (a view reading another database needs
    /// REFERENCE_USAGE on that database granted to the share first), REFERENCE_USAGE on another
    /// database, USAGE on the package's own database.
    func requireShareable(_ privilege: Privilege, on object: GrantableObject, package: String) throws {
        let kind = object.securable.kind
        let refused = SnowflakeError.notShareable(privilege.rawValue, on: kind.word)
        switch object.record {
        case .database(let database):
            if database == package {
                guard privilege == .usage else { throw refused }
            } else {
                guard privilege == Privilege("REFERENCE_USAGE") else { throw refused }
            }
        case .schema(let database, let name):
            guard privilege == .usage else { throw refused }
            guard database == package else { throw SnowflakeError.notInPackage("Schema", "\(database).\(name)", package: package) }
        case .object(let record):
            guard record.kind == .table || record.kind == .view, privilege == .select || privilege == Privilege("REFERENCES") else {
                throw refused
            }
            guard record.database == package else {
                throw SnowflakeError.notInPackage(kind == .view ? "View" : "Table", record.qualifiedName, package: package)
            }
            if record.kind == .view { try requireReferenceUsage(for: record, package: package) }
        case .account, .accountObject:
            throw refused
        }
    }

    /// A package view may read other databases only once REFERENCE_USAGE on each is granted to the share.
    private func requireReferenceUsage(for view: ObjectRecord, package: String) throws {
        let granted = try catalog.grants(to: (Catalog.packageShareGrantee, package)).filter { $0.privilege == "REFERENCE_USAGE" }
            .map(\.objectName)
        for database in try databasesRead(by: view) where database != package {
            guard granted.contains(Authorization.canonicalName([database])) else {
                throw SnowflakeError.sharedViewReferencesOtherDatabase(view.qualifiedName, database: database)
            }
        }
    }
}

extension Executor {
    /// The databases a view reads, its inner views' reads included, by name: its query translated
    /// once (nothing runs) with its owner's rights.
    func databasesRead(by view: ObjectRecord) throws -> [String] {
        let translator = self.translator()
        translator.describing = true
        _ = try translator.expandView(view, Scope(parent: nil))
        return translator.databasesRead.sorted()
    }
}

extension Translator {
    /// Inside an application, a schema the application does not have but its package has names the
    /// package's schema, for the application's own code (its setup script, procedures and views)
    /// only; nil otherwise. Access is then checked as for any read: the application holds what was
    /// granted to the share, and a consumer never reaches the content this way.
    func sharedContentName(_ name: QualifiedName) throws -> QualifiedName? {
        let reader = accessRole.flatMap(Executor.application(ofPrincipal:)) ?? session.actingApplication
        guard reader == name.database, try catalog.database(name.database)?.kind == .application,
            let package = try catalog.accountObject(kind: .application, name: name.database)?.package,
            try catalog.database(package)?.kind == .applicationPackage,
            try catalog.schema(database: package, name: name.schema) != nil
        else { return nil }
        var shared = name
        shared.database = package
        return shared
    }
}
