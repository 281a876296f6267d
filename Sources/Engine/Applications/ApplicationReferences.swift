// ApplicationReferences: how a consumer's object reaches an application without a grant (spec
// §5.8). The consumer calls SYSTEM$REFERENCE('WAREHOUSE', 'XS', 'PERSISTENT', 'USAGE'), which
// checks that the consumer may hand out those privileges and returns an opaque string; the
// application's register callback binds that string to a reference its manifest declares with
// SYSTEM$SET_REFERENCE (single-valued) or SYSTEM$ADD_REFERENCE (multi-valued). Inside the
// application, `reference('warehouse_reference')` then names the bound object, with exactly the
// privileges the reference carries.
//
// The strings SYSTEM$REFERENCE returns are kept in the session that issued them, so an
// application cannot forge one for an object the consumer never handed out; bindings live in the
// catalog (Catalog+ApplicationReferences.swift) and last until the consumer unsets them or drops
// the application.
// https://docs.snowflake.com/en/developer-guide/native-apps/requesting-refs

import Foundation
import GRDB
import SnowSQL
import Synchronization

/// A consumer object SYSTEM$REFERENCE handed out: what it names and the privileges it conveys.
struct IssuedReference: Equatable, Sendable {
    /// Canonical, with blanks: WAREHOUSE, TABLE, VIEW, SECRET, EXTERNAL ACCESS INTEGRATION…
    var objectType: String
    var database: String?
    var schema: String?
    var name: String
    var privileges: [String]
    /// CALL, SESSION or PERSISTENT.
    var scope: String

    var qualifiedName: String { [database, schema, name].compactMap { $0 }.joined(separator: ".") }
}

/// The reference strings a session has issued, by their text.
final class IssuedReferences: Sendable {
    private let state = Mutex<(issued: [String: IssuedReference], counter: Int)>(([:], 0))

    /// Records `reference` and returns its opaque string, e.g. `ENT_REF_WAREHOUSE_1234567890_1`.
    func issue(_ reference: IssuedReference, sessionID: Int64) -> String {
        state.withLock { state in
            state.counter += 1
            let text = "ENT_REF_" + reference.objectType.replacingOccurrences(of: " ", with: "_") + "_\(sessionID)_\(state.counter)"
            state.issued[text] = reference
            return text
        }
    }

    func resolve(_ text: String) -> IssuedReference? { state.withLock { $0.issued[text] } }
}

extension Session {
    /// The application whose code is running: its setup script, or a procedure it owns (the
    /// session then acts as the principal `APPLICATION <NAME>`). nil for the consumer.
    var actingApplication: String? {
        if let running = runningApplication { return running.name }
        return currentRole.flatMap(Executor.application(ofPrincipal:))
    }

    /// The manifest's declaration of reference `name` in the application's installed version (the
    /// version being installed, during its setup script); 505026 when absent.
    func referenceDefinition(_ name: String, application: String, catalog: Catalog) throws -> ApplicationManifest.Reference {
        guard let record = try catalog.accountObject(kind: .application, name: application) else {
            throw SnowflakeError.referenceNotDefined(name, application: application)
        }
        var text = record.manifestText
        if let running = runningApplication, running.name == application, let md5 = running.files["manifest.yml"] {
            text = String(decoding: try catalog.blob(md5: md5), as: UTF8.self)
        }
        let manifest = try ManifestParser().read(text)
        guard let definition = manifest.references.first(where: { $0.name.uppercased() == name.uppercased() }) else {
            throw SnowflakeError.referenceNotDefined(name, application: application)
        }
        return definition
    }

    /// `reference('name' [, 'alias'])` inside the running application (or `application`, whose
    /// view or function is being read): the object bound to it, which must be of `objectTypes` and
    /// still exist. Outside an application it is an error.
    func boundReference(_ name: String, alias: String? = nil, objectTypes: Set<String>, catalog: Catalog,
                        application reading: String? = nil) throws -> ReferenceBinding {
        guard let application = reading ?? actingApplication else {
            throw SnowflakeError.compilationError("reference('\(name)') can only be used inside an application.")
        }
        let definition = try referenceDefinition(name, application: application, catalog: catalog)
        let canonical = definition.name.uppercased()
        let bindings = try catalog.referenceBindings(application: application, name: canonical)
        guard let binding = alias.map({ alias in bindings.first { $0.alias == alias } }) ?? bindings.first else {
            throw SnowflakeError.referenceNotBound(canonical, application: application)
        }
        guard objectTypes.contains(binding.object.objectType) else {
            throw SnowflakeError.compilationError("Reference '\(canonical)' is bound to a \(binding.object.objectType), not a \(objectTypes.sorted().joined(separator: " or ")).")
        }
        return binding
    }
}

extension Executor {
    /// Compiles a view or function now when it can be; one that reads an application's reference
    /// before the consumer binds it (in the setup script, as Snowflake's examples do), or calls what
    /// only Snowflake runs (Cortex), is kept and compiled when read, which then fails saying why.
    /// nil when compiling waited.
    func compiledNowOrLater<T>(_ compile: () throws -> T) throws -> T? {
        do {
            return try compile()
        } catch let error as SnowflakeError where error.code == "505027" && session.actingApplication != nil {
            return nil
        } catch let error as SnowflakeError where error.needsSnowflake {
            return nil
        }
    }
}

// MARK: - The consumer's view: SHOW REFERENCES, UNSET REFERENCES
// SHOW lists each reference the installed version's manifest declares, once per bound object (or
// once, unbound); UNSET removes bindings: all, those of one reference, or one alias.
// https://docs.snowflake.com/en/sql-reference/sql/show-references

extension Executor {
    /// SHOW REFERENCES IN APPLICATION app (its owner only).
    func showReferences(_ written: ObjectName) throws -> ResultSet {
        let record = try visibleApplication(written)
        let reader = ManifestParser()
        let manifest = try reader.read(record.manifestText)
        let bindings = try catalog.referenceBindings(application: record.name)
        var rows: [[Value]] = []
        for reference in manifest.references {
            let name = reference.name.uppercased()
            let declared: [Value] = [.string(name), .string(reference.label), .string(reference.description),
                                     .string(reference.privileges.map { $0.uppercased() }.joined(separator: ",")),
                                     .string(reference.objectType), .string(reference.multiValued ? "true" : "false")]
            let bound = bindings.filter { $0.name == name }
            if bound.isEmpty { rows.append(declared + [.null, .null, .null, .null]) }
            for binding in bound {
                let object = binding.object
                rows.append(declared + [.string(object.name), object.schema.map(Value.string) ?? .null,
                                        object.database.map(Value.string) ?? .null, .string(binding.alias)])
            }
        }
        let names = ["name", "label", "description", "privileges", "object_type", "multi-valued", "object_name", "schema_name",
                     "database_name", "alias"]
        return ResultSet(columns: names.map { ResultColumn($0, .string) }, rows: rows)
    }

    /// ALTER APPLICATION app UNSET REFERENCES [('ref' [, 'alias'])].
    func unsetReferences(of record: AccountObjectRecord, name: String?, alias: String?) throws -> ResultSet {
        var canonical: String?
        if let name {
            canonical = try session.referenceDefinition(name, application: record.name, catalog: catalog).name.uppercased()
        }
        try catalog.deleteReferenceBindings(application: record.name, name: canonical, alias: alias)
        return .success
    }
}
