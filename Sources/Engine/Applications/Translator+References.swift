// Translator+References: the reference system functions (spec §5.8) and `reference('…')` in FROM.
// Their arguments are constants (literals, `:binds`, session variables), so each function does
// its work while the statement is translated, inside the statement's transaction, and becomes a
// bound value: a failing statement rolls its binding back with everything else. The functions
// that bind (SET, ADD, REMOVE…) write, so a query that calls them runs as a writer.
//   SYSTEM$REFERENCE(type, name [, scope [, privilege…]])   the consumer hands an object out
//   SYSTEM$SET_REFERENCE(ref, string)      binds a single-valued reference; returns its alias
//   SYSTEM$ADD_REFERENCE(ref, string)      adds to a multi-valued reference; returns the alias
//   SYSTEM$REMOVE_REFERENCE(ref [, alias]) SYSTEM$REMOVE_ALL_REFERENCES(ref)
//   SYSTEM$GET_ALL_REFERENCES(ref [, include_details])   the bindings, as JSON text (VARCHAR): the
//                                          aliases, or with details {alias, database, schema, name} each
// https://docs.snowflake.com/en/sql-reference/functions/system_reference

import Foundation
import GRDB
import Security
import SnowSQL

extension FunctionLibrary {
    /// The reference functions, as entries of the one function table that act when translated.
    static func registerReferences(_ d: inout FunctionRegistry) {
        d.addActions([
            ("SYSTEM$REFERENCE", 2...20), ("SYSTEM$SET_REFERENCE", 2...2), ("SYSTEM$ADD_REFERENCE", 2...2),
            ("SYSTEM$REMOVE_REFERENCE", 1...2), ("SYSTEM$REMOVE_ALL_REFERENCES", 1...1), ("SYSTEM$GET_ALL_REFERENCES", 1...2),
        ]) { translator, name, arguments in try translator.referenceFunction(name, arguments) }
    }
}

extension Translator {
    /// The reference function `name` on its arguments' constant text, done now.
    func referenceFunction(_ name: String, _ arguments: [String]) throws -> TypedSQL {
        switch name {
        case "SYSTEM$REFERENCE":
            return .bound(try issueReference(arguments).databaseValue, type: .string)
        case "SYSTEM$GET_ALL_REFERENCES":
            return .bound(try allReferences(arguments).databaseValue, type: .string)
        default:
            return .bound(try bindReference(name, arguments).databaseValue, type: .string)
        }
    }

    /// SYSTEM$GET_ALL_REFERENCES(ref [, include_details]): a JSON array as text — the aliases of the
    /// reference's bindings (`[]` when none), or with details one object per binding: alias, then
    /// the object's database and schema (null for an account object) and name, in that order.
    private func allReferences(_ arguments: [String]) throws -> String {
        let (application, definition) = try referenceDefinition(arguments[0], function: "SYSTEM$GET_ALL_REFERENCES")
        let bindings = try catalog.referenceBindings(application: application, name: definition.name.uppercased())
        var details = false
        if arguments.count > 1 {
            guard let flag = Bool(arguments[1].trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw SnowflakeError.compilationError("Argument 2 of SYSTEM$GET_ALL_REFERENCES must be TRUE or FALSE.")
            }
            details = flag
        }
        guard details else { return JSONText.compact(.array(bindings.map { .string($0.alias) })) }
        return JSONText.compact(.array(bindings.map { binding in
            let object = binding.object
            return .object([("alias", .string(binding.alias)), ("database", object.database.map(JSONValue.string) ?? .null),
                            ("schema", object.schema.map(JSONValue.string) ?? .null), ("name", .string(object.name))])
        }))
    }

    /// An argument's value, computed now; one that reads a column is an error.
    func constantText(_ expression: Expression, function: String, position: Int) throws -> String {
        let value: String?
        do {
            value = String.fromDatabaseValue(try constant(expression, as: .string))
        } catch is InvalidIdentifier {
            throw SnowflakeError.compilationError("Argument \(position) of \(function) must be a constant.")
        }
        guard let value else { throw SnowflakeError.compilationError("Argument \(position) of \(function) must not be NULL.") }
        return value
    }

    // MARK: - The consumer's side

    /// SYSTEM$REFERENCE: the object exists, is of the type named, and the caller holds every
    /// privilege the reference is to carry.
    private func issueReference(_ arguments: [String]) throws -> String {
        let type = arguments[0].uppercased().replacingOccurrences(of: "_", with: " ")
        guard let allowed = ApplicationManifest.referencePrivileges[type] else {
            throw SnowflakeError.compilationError("Invalid object type '\(arguments[0])' for SYSTEM$REFERENCE.")
        }
        let scope = arguments.count > 2 ? arguments[2].uppercased() : "CALL"
        guard ["CALL", "SESSION", "PERSISTENT"].contains(scope) else {
            throw SnowflakeError.compilationError("Invalid reference scope '\(arguments[2])'; expected CALL, SESSION or PERSISTENT.")
        }
        let privileges = arguments.dropFirst(3).map { $0.uppercased() }
        for privilege in privileges where !allowed.contains(privilege) {
            throw SnowflakeError.compilationError("Privilege \(privilege) is not valid for a reference to a \(type).")
        }
        if type == "PROCEDURE" || type == "FUNCTION" {
            return try issueRoutineReference(type, arguments[1], privileges: privileges, scope: scope)
        }
        let parts = try session.nameParts(.identifier(.literal(.string(arguments[1]))))
        let access = try self.access
        var reference = IssuedReference(objectType: type, name: parts.last ?? "", privileges: privileges, scope: scope)
        switch type {
        case "WAREHOUSE", "EXTERNAL ACCESS INTEGRATION", "API INTEGRATION":
            let kind: CatalogKind = type == "WAREHOUSE" ? .warehouse : .integration
            let word = type == "WAREHOUSE" ? "Warehouse" : "Integration"
            let missing = SnowflakeError.doesNotExist(word, parts.joined(separator: "."))
            guard parts.count == 1, let record = try catalog.accountObject(kind: kind, name: parts[0]),
                  access.canSee(record) else { throw missing }
            if kind == .integration {
                let actual = record.properties["type"] == "EXTERNAL_ACCESS" ? "EXTERNAL ACCESS INTEGRATION" : "API INTEGRATION"
                guard actual == type else { throw SnowflakeError.referenceTypeMismatch(actual: actual, specified: type) }
            }
            for privilege in privileges {
                try access.require(Privilege(privilege), on: Authorization.securable(record), name: record.name, missing: missing)
            }
            reference.name = record.name
        default:
            let name = try session.qualify(parts, database: database, schema: schema, operation: "SYSTEM$REFERENCE")
            let missing = SnowflakeError.doesNotExist("Object", parts.joined(separator: "."))
            guard let object = try catalog.object(database: name.database, schema: name.schema, name: name.name) else { throw missing }
            try access.require(nil, on: object, missing: missing)
            guard object.kind.rawValue == type else { throw SnowflakeError.referenceTypeMismatch(actual: object.kind.rawValue, specified: type) }
            for privilege in privileges { try access.require(Privilege(privilege), on: object, missing: missing) }
            (reference.database, reference.schema, reference.name) = (object.database, object.schema, object.name)
        }
        return session.issuedReferences.issue(reference, sessionID: session.sessionID)
    }

    /// SYSTEM$REFERENCE('procedure' | 'function', 'db.s.name(type, …)', …): the routine of that
    /// signature, which the caller must see and hold each carried privilege on, named as the catalog
    /// names it.
    private func issueRoutineReference(_ type: String, _ written: String, privileges: [String], scope: String) throws -> String {
        // The signature is read as DESCRIBE PROCEDURE reads one (parsed only, never run).
        guard let parsed = try? Parser.parseOne("DESCRIBE PROCEDURE " + written), !parsed.followedByMore,
              case .describe(let describe) = parsed.statement, describe.kind == .procedure else {
            throw SnowflakeError.compilationError("Invalid \(type.lowercased()) signature '\(written)' for SYSTEM$REFERENCE.")
        }
        let kind: CatalogKind = type == "PROCEDURE" ? .procedure : .function
        let parts = try session.nameParts(describe.name)
        let name = try session.qualify(parts, database: database, schema: schema, operation: "SYSTEM$REFERENCE")
        let signature = "(" + describe.argumentTypes.map(Authorization.signatureType).joined(separator: ", ") + ")"
        let missing = SnowflakeError.doesNotExist(type == "PROCEDURE" ? "Procedure" : "Function", parts.joined(separator: ".") + signature)
        guard let record = try catalog.object(database: name.database, schema: name.schema, name: name.name + signature,
                                              kinds: [kind]) else { throw missing }
        let access = try self.access
        try access.require(nil, on: record, missing: missing)
        for privilege in privileges { try access.require(Privilege(privilege), on: record, missing: missing) }
        let reference = IssuedReference(objectType: type, database: record.database, schema: record.schema, name: record.name,
                                        privileges: privileges, scope: scope)
        return session.issuedReferences.issue(reference, sessionID: session.sessionID)
    }

    // MARK: - The application's side

    /// The acting application and its manifest's declaration of `name`; these functions are the
    /// application's own.
    private func referenceDefinition(_ name: String, function: String) throws -> (String, ApplicationManifest.Reference) {
        guard let application = session.actingApplication else {
            throw SnowflakeError.compilationError("\(function) can only be called by an application.")
        }
        return (application, try session.referenceDefinition(name, application: application, catalog: catalog))
    }

    /// SET, ADD, REMOVE and REMOVE_ALL: checked against the manifest, then written.
    private func bindReference(_ function: String, _ arguments: [String]) throws -> String {
        let (application, definition) = try referenceDefinition(arguments[0], function: function)
        let name = definition.name.uppercased()
        if try catalog.db.isReadOnlyTransaction { throw StatementNeedsWrite() }
        switch function {
        case "SYSTEM$REMOVE_REFERENCE":
            try catalog.deleteReferenceBindings(application: application, name: name,
                                                alias: definition.multiValued && arguments.count > 1 ? arguments[1] : nil)
            return "SUCCESS"
        case "SYSTEM$REMOVE_ALL_REFERENCES":
            try catalog.deleteReferenceBindings(application: application, name: name)
            return "SUCCESS"
        default:
            break
        }
        let multiValued = function == "SYSTEM$ADD_REFERENCE"
        guard multiValued == definition.multiValued else {
            throw SnowflakeError.compilationError(definition.multiValued
                ? "Reference '\(name)' is multi-valued; bind it with SYSTEM$ADD_REFERENCE."
                : "Reference '\(name)' is single-valued; bind it with SYSTEM$SET_REFERENCE.")
        }
        guard let object = session.issuedReferences.resolve(arguments[1]) else {
            throw SnowflakeError.invalidReferenceString(arguments[1])
        }
        guard object.objectType == definition.objectType else {
            throw SnowflakeError.referenceTypeMismatch(actual: object.objectType, specified: definition.objectType)
        }
        let lacking = definition.privileges.map { $0.uppercased() }.filter { !object.privileges.contains($0) }
        guard lacking.isEmpty else {
            throw SnowflakeError.compilationError("Reference '\(name)' needs \(lacking.joined(separator: ", ")) on the "
                                                  + "\(object.objectType.lowercased()), which the reference string does not carry.")
        }
        // The alias names the object, so binding the same object twice keeps one binding.
        let alias = Digests.hex(Digests.md5(Array((object.objectType + " " + object.qualifiedName).utf8)))
        if !multiValued { try catalog.deleteReferenceBindings(application: application, name: name) }
        try catalog.insertReferenceBinding(ReferenceBinding(application: application, name: name, alias: alias, object: object),
                                           createdOn: Timestamps.catalog(session.statementTime))
        return alias
    }

    // MARK: - reference('…') in FROM

    /// The application whose view or function body is being translated (read with its owner's,
    /// the application's, rights), whose references `reference('…')` then names; nil otherwise.
    var readingApplication: String? { accessRole.flatMap(Executor.application(ofPrincipal:)) }

    /// `FROM reference('t' [, 'alias'])` inside an application: the bound table or view, read
    /// with the reference's privileges rather than the application's grants.
    /// The table `reference('name' [, 'alias'])` is bound to, for a DML statement inside the application:
    /// the reference must carry every privilege the statement needs (INSERT, UPDATE, DELETE), as the
    /// consumer granted them with SYSTEM$REFERENCE; the application's own role needs none on it.
    func referencedTarget(_ arguments: [Expression], requiring privileges: [Privilege]) throws -> ObjectRecord {
        let texts = try arguments.enumerated().map { try constantText($1, function: "REFERENCE", position: $0 + 1) }
        let binding = try session.boundReference(texts[0], alias: texts.count > 1 ? texts[1] : nil, objectTypes: ["TABLE", "VIEW"],
                                                 catalog: catalog, application: readingApplication)
        let target = binding.object
        guard let object = try catalog.object(database: target.database ?? "", schema: target.schema ?? "", name: target.name,
                                              kinds: [.table, .view]) else {
            throw SnowflakeError.doesNotExist("Object", target.qualifiedName)
        }
        let carried = Set(target.privileges.map { $0.uppercased() })
        for privilege in privileges where !carried.contains(privilege.rawValue) {
            throw SnowflakeError.insufficientPrivileges(object.kind.rawValue.lowercased(), object.name)
        }
        return object
    }

    /// The procedure `CALL reference('name' [, 'alias'])(…)` names inside the application: bound by
    /// the consumer, with USAGE carried by the reference (the application holds no grant on it).
    func referencedProcedure(_ arguments: [Expression]) throws -> ObjectRecord {
        try referencedRoutine(arguments, kind: .procedure)
    }

    /// The procedure or function a reference is bound to, with the USAGE the reference must carry.
    private func referencedRoutine(_ arguments: [Expression], kind: CatalogKind) throws -> ObjectRecord {
        let texts = try arguments.enumerated().map { try constantText($1, function: "REFERENCE", position: $0 + 1) }
        let binding = try session.boundReference(texts[0], alias: texts.count > 1 ? texts[1] : nil, objectTypes: [kind.rawValue],
                                                 catalog: catalog, application: readingApplication)
        let target = binding.object
        guard let record = try catalog.object(database: target.database ?? "", schema: target.schema ?? "", name: target.name,
                                              kinds: [kind]) else {
            throw SnowflakeError.doesNotExist(kind == .procedure ? "Procedure" : "Function", target.qualifiedName)
        }
        guard target.privileges.contains(where: { $0.uppercased() == "USAGE" }) else {
            throw SnowflakeError.insufficientPrivileges(kind.rawValue.lowercased(), record.name)
        }
        return record
    }

    /// `reference('f')(arguments)`: the consumer's SQL function bound to the reference, inlined as any
    /// user function is (its body with its owner's rights), with no grant to the application.
    func referencedFunctionCall(_ reference: [Expression], _ call: FunctionCall, _ scope: Scope) throws -> TypedSQL {
        let function = try StoredFunction(try referencedRoutine(reference, kind: .function))
        guard function.language == "SQL" else {
            throw SnowflakeError.unsupported("calling a LANGUAGE \(function.language) function (\(function.baseName)): Snowlite runs SQL functions only")
        }
        let arguments = try call.arguments.map { try translatedArgument($0, scope) }
        let chosen = try chooseSignature([function], arguments, written: function.baseName)
        if chosen.isTable { throw SnowflakeError.tableFunctionAsScalar(chosen.baseName) }
        return try inlineScalar(chosen, try parameterValues(chosen, arguments), caller: scope)
    }

    func referencedTable(_ call: FunctionCall, alias: TableAlias?, _ scope: Scope) throws -> TypedSQL {
        guard (1...2).contains(call.arguments.count) else {
            throw SnowflakeError.invalidArgumentCount(function: "REFERENCE", given: call.arguments.count)
        }
        let arguments = try call.arguments.enumerated().map { try constantText($1.value, function: "REFERENCE", position: $0 + 1) }
        let binding = try session.boundReference(arguments[0], alias: arguments.count > 1 ? arguments[1] : nil,
                                                 objectTypes: ["TABLE", "VIEW"], catalog: catalog,
                                                 application: readingApplication)
        let target = binding.object
        guard let object = try catalog.object(database: target.database ?? "", schema: target.schema ?? "", name: target.name,
                                              kinds: [.table, .view]) else {
            throw SnowflakeError.doesNotExist("Object", target.qualifiedName)
        }
        guard target.privileges.contains("SELECT") else {
            throw SnowflakeError.insufficientPrivileges(object.kind.rawValue.lowercased(), object.name)
        }
        return try relation(for: object, alias: alias, scope)
    }
}
