// Executor+Securables: resolving the object a GRANT, REVOKE or SHOW GRANTS names — `ON TABLE t`,
// `ON PROCEDURE p(STRING, VARIANT)`, `ON ALL TABLES IN SCHEMA s` — to catalog records, as the
// authorizer sees them (kind, canonical name, owner). A missing object, or one the role cannot
// see, is 002003; a role with MANAGE GRANTS sees every object.

import Foundation
import GRDB
import Security
import SnowSQL

extension Authorization {
    /// The canonical name of a procedure or function: its name and argument types, synonyms folded
    /// (`STRING` → `VARCHAR`, `INT` → `NUMBER`): `DB.S.P(VARCHAR, VARIANT)`.
    static func routineName(_ parts: [String], argumentTypes: [String]) -> String {
        canonicalName(parts) + "(" + argumentTypes.joined(separator: ", ") + ")"
    }

    /// A written argument type as signatures show it: the type's name without length or precision.
    static func signatureType(_ type: DataTypeName) -> String {
        guard let resolved = SnowflakeType.named(type.name, type.arguments) else { return type.name }
        let name = resolved.canonicalName
        return name.firstIndex(of: "(").map { String(name[..<$0]) } ?? name
    }
}

extension SecurableKind {
    /// The kind as 002003 names it: `Table`, `Event table`, `Application package`.
    var missingWord: String { word.prefix(1) + word.dropFirst().lowercased() }

    /// The catalog kinds recorded for this kind; none for kinds the catalog keeps elsewhere or not
    /// at all (ACCOUNT, DATABASE, FUNCTION).
    var catalogKinds: [CatalogKind] {
        switch self {
        case .table: return [.table, .eventTable, .eventTableUnderscored]
        case .integration: return [.integration, .externalAccessIntegration, .apiIntegration, .securityIntegration,
                                   .storageIntegration, .notificationIntegration]
        default: return Set([word, rawValue]).compactMap(CatalogKind.init(rawValue:))
        }
    }
}

extension Executor {
    /// The objects a target names; `ALL <kinds> IN …` is every such object that exists now.
    func grantTargets(_ target: GrantTarget, access: Authorization) throws -> [GrantableObject] {
        switch target {
        case .account:
            return [GrantableObject(securable: .account, name: session.accountName, record: .account)]
        case .object(let kind, let name, let arguments):
            return [try grantableObject(kind: kind, name: name, arguments: arguments, access: access)]
        case .all(let word, let container):
            guard let kind = SecurableKind(word: word) else { throw SnowflakeError.unsupported("ALL \(word)S") }
            let (database, schema): (String, String?)
            switch container {
            case .database(let name):
                let object = try grantableObject(kind: "DATABASE", name: name, arguments: nil, access: access)
                guard case .database(let d) = object.record else { return [] }
                (database, schema) = (d, nil)
            case .schema(let name):
                let object = try grantableObject(kind: "SCHEMA", name: name, arguments: nil, access: access)
                guard case .schema(let d, let s) = object.record else { return [] }
                (database, schema) = (d, s)
            }
            if kind == .schema {
                return try catalog.schemas(in: database).filter { $0.name != "INFORMATION_SCHEMA" }.map { s in
                    GrantableObject(securable: Authorization.securable(s), name: s.name, record: .schema(database: s.database, name: s.name))
                }
            }
            guard kind.isSchemaObject else { throw SnowflakeError.unsupported("ALL \(word)S IN \(schema == nil ? "DATABASE" : "SCHEMA")") }
            return try catalog.objects(database: database, schema: schema, kinds: kind.catalogKinds).map(grantable)
        case .future:
            throw SnowflakeError.unsupported("FUTURE grants here")
        }
    }

    /// A schema object as a grant target.
    func grantable(_ object: ObjectRecord) -> GrantableObject {
        var securable = Authorization.securable(object)
        if let signature = object.properties["signature"] {
            securable.name = Authorization.canonicalName([object.database, object.schema, object.name]) + signature
        }
        return GrantableObject(securable: securable, name: object.name, record: .object(object))
    }

    /// The object `ON <kind> <name>` names, visible to the role (or the role has MANAGE GRANTS).
    func grantableObject(kind word: String, name: ObjectName, arguments: [DataTypeName]?,
                         access: Authorization) throws -> GrantableObject {
        guard let kind = SecurableKind(word: word) else { throw SnowflakeError.unsupported("GRANT ON \(word)") }
        let parts = try session.nameParts(name)
        let written = parts.joined(separator: ".")
        let manages = access.authorizer.canManageGrants
        switch kind {
        case .database, .application:
            let missing = SnowflakeError.doesNotExist(kind.missingWord, written)
            guard parts.count == 1, let database = try catalog.database(parts[0]),
                  (database.kind == .application) == (kind == .application) else { throw missing }
            guard try manages || access.canSee(database) else { throw missing }
            return GrantableObject(securable: Authorization.securable(database), name: database.name, record: .database(database.name))
        case .schema:
            let (database, schemaName) = try session.qualifySchema(parts, operation: "GRANT")
            let missing = SnowflakeError.doesNotExist("Schema", "\(database).\(schemaName)")
            guard let schema = try catalog.schema(database: database, name: schemaName), schemaName != "INFORMATION_SCHEMA" else { throw missing }
            guard try manages || access.canSee(schema) else { throw missing }
            return GrantableObject(securable: Authorization.securable(schema), name: schema.name,
                                   record: .schema(database: database, name: schemaName))
        case .warehouse, .integration, .applicationPackage, .role, .user, .account:
            let missing = SnowflakeError.doesNotExist(kind.missingWord, written)
            guard parts.count == 1 else { throw missing }
            let record = try kind.catalogKinds.lazy.compactMap { try self.catalog.accountObject(kind: $0, name: parts[0]) }.first
            guard let record else { throw missing }
            let securable = Securable(kind, Authorization.canonicalName([record.name]), owner: record.owner)
            guard manages || access.authorizer.holdsAnyPrivilege(on: securable) else { throw missing }
            return GrantableObject(securable: securable, name: record.name, record: .accountObject(kind: record.kind, name: record.name))
        default:
            let qualified = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema,
                                                operation: "GRANT")
            let argumentTypes = arguments?.map(Authorization.signatureType)
            let missing = SnowflakeError.doesNotExist(arguments == nil ? kind.missingWord : "Object",
                                                      argumentTypes.map { written + "(" + $0.joined(separator: ", ") + ")" } ?? written)
            var candidates = [qualified.name]
            if let argumentTypes { candidates.append(qualified.name + "(" + argumentTypes.joined(separator: ", ") + ")") }
            let found = try candidates.lazy.compactMap {
                try self.catalog.object(database: qualified.database, schema: qualified.schema, name: $0, kinds: kind.catalogKinds)
            }.first
            guard let object = found else { throw missing }
            var target = grantable(object)
            if let argumentTypes {
                target.securable.name = Authorization.routineName([object.database, object.schema, qualified.name],
                                                                  argumentTypes: argumentTypes)
            }
            guard manages || access.authorizer.holdsAnyPrivilege(on: target.securable) else { throw missing }
            return target
        }
    }
}
