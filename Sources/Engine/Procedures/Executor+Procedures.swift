// Executor+Procedures: CREATE PROCEDURE, DROP PROCEDURE and SHOW PROCEDURES, and finding the
// procedure a CALL names. A procedure is a schema object named with its argument types
// (`INGEST_DATA(VARCHAR)`), so overloads live side by side; its definition is kept in the
// object's properties (Catalog+Procedures.swift). Status "Function NAME successfully created."
// (Snowflake says Function).

import Foundation
import GRDB
import Security
import SnowSQL

extension Executor {
    func createProcedure(_ create: CreateProcedure) throws -> ResultSet {
        try Executor.checkModifiers(CreateModifiers(orReplace: create.modifiers.orReplace, ifNotExists: create.modifiers.ifNotExists))
        let parts = try session.nameParts(create.name)
        guard let base = parts.last else { throw SnowflakeError.compilationError("a procedure needs a name") }
        let name = try newObjectName(create.name, kind: .procedure)
        try access.requireCreate(.procedure, database: name.database, schema: name.schema)
        let argumentTypes = create.arguments.map { Authorization.signatureType($0.type) }
        let objectName = base + "(" + argumentTypes.joined(separator: ", ") + ")"
        if let existing = try catalog.object(database: name.database, schema: name.schema, name: objectName, kinds: [.procedure]) {
            if create.modifiers.ifNotExists { return Executor.alreadyExists(base) }
            guard create.modifiers.orReplace || create.modifiers.orAlter else { throw SnowflakeError.alreadyExists(base) }
            try access.requireOwnership(Authorization.securable(existing), name: base)
            try catalog.dropObject(existing)
        }
        var properties: [String: String] = [
            "base_name": base,
            "routine_name": Authorization.routineName([name.database, name.schema, base], argumentTypes: argumentTypes),
            "language": create.language,
            "execute_as": create.executeAs,
        ]
        let arguments = try create.arguments.map { argument -> [String: String] in
            var entry = ["name": argument.name, "type": try Translator.dataType(argument.type).canonicalName]
            if let value = argument.defaultValue { entry["default"] = SQLPrinter.print(value) }
            return entry
        }
        properties["arguments"] = String(decoding: try JSONSerialization.data(withJSONObject: arguments, options: [.sortedKeys]), as: UTF8.self)
        switch create.returns {
        case .type(let type, _): properties["returns"] = try Translator.dataType(type).canonicalName
        case .table(let columns):
            properties["returns"] = "TABLE(" + columns.map { $0.name + " " + $0.type.description }.joined(separator: ", ") + ")"
        }
        for property in create.properties where property.name != "EXTERNAL_ACCESS_INTEGRATIONS" {
            properties[property.name.lowercased()] = property.value.text
        }
        if session.runningApplication != nil {
            // A setup script's procedures run as the application and import only the version's files
            // (storeImportsAndPackages checks each).
            guard create.executeAs != "CALLER" else {
                throw SnowflakeError.compilationError("A setup script cannot create EXECUTE AS CALLER procedures.")
            }
        }
        try storeImportsAndPackages(create, into: &properties)
        let integrations = create.properties.last { $0.name == "EXTERNAL_ACCESS_INTEGRATIONS" }?.value
        if integrations != nil || !create.secrets.isEmpty {
            try bindExternalAccess(integrations: integrations, secrets: create.secrets.isEmpty ? nil : create.secrets,
                                   existing: ProcedureExternalAccess()).store(into: &properties)
        }
        switch create.body {
        case .text(let text): properties["body"] = text
        case .block(_, let text): properties["body"] = text.text
        case nil: break
        }
        if create.language == "SQL" {
            guard let body = properties["body"] else { throw SnowflakeError.compilationError("a LANGUAGE SQL procedure needs a body") }
            // The body must parse now, as Snowflake compiles it at CREATE. One that uses what only
            // Snowflake runs (Container Services) is valid there: it is kept, and its CALL says why it fails.
            do {
                _ = try Session.parseSingle(body)
            } catch let error as SnowflakeError where error.needsSnowflake {}
        } else if properties["handler"] == nil && properties["body"] == nil {
            throw SnowflakeError.compilationError("HANDLER or a body is required for LANGUAGE \(create.language)")
        }
        let comment = properties.removeValue(forKey: "comment") ?? "user-defined procedure"
        let record = ObjectRecord(database: name.database, schema: name.schema, name: objectName, kind: .procedure,
                                  owner: session.currentRole ?? "", comment: comment, createdOn: now, storageName: nil,
                                  definition: properties["body"], properties: properties)
        try catalog.insertObject(record)
        try applyFutureGrants(to: record)
        return .status("Function \(base) successfully created.")
    }

    func dropProcedure(_ drop: DropProcedure) throws -> ResultSet {
        let parts = try session.nameParts(drop.name)
        let name = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema, operation: "DROP")
        let types = drop.argumentTypes.map(Authorization.signatureType)
        let objectName = name.name + "(" + types.joined(separator: ", ") + ")"
        let missing = SnowflakeError.doesNotExist("Procedure", parts.joined(separator: ".") + "(" + types.joined(separator: ", ") + ")")
        guard let record = try catalog.object(database: name.database, schema: name.schema, name: objectName, kinds: [.procedure]),
              (try? access.requireReach(database: record.database, schema: record.schema, missing: missing)) != nil,
              try access.canSee(record) else {
            if drop.ifExists { return Executor.alreadyDropped(name.name) }
            throw missing
        }
        try access.requireOwnership(Authorization.securable(record), name: name.name)
        try catalog.dropObject(record)
        return Executor.dropped(name.name)
    }

    /// ALTER PROCEDURE name(types) SET … | UNSET … | RENAME TO … | EXECUTE AS …: the owner changes
    /// the stored definition; SECRETS and EXTERNAL_ACCESS_INTEGRATIONS are checked as at CREATE
    /// (ProcedureExternalAccess.swift).
    func alterProcedure(_ alter: AlterProcedure) throws -> ResultSet {
        let parts = try session.nameParts(alter.name)
        let name = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema, operation: "ALTER")
        let types = alter.argumentTypes.map(Authorization.signatureType)
        let objectName = name.name + "(" + types.joined(separator: ", ") + ")"
        let missing = SnowflakeError.doesNotExist("Procedure", parts.joined(separator: ".") + "(" + types.joined(separator: ", ") + ")")
        guard let record = try catalog.object(database: name.database, schema: name.schema, name: objectName, kinds: [.procedure]),
              try access.canSee(record) else {
            if alter.ifExists { return .success }
            throw missing
        }
        try access.requireOwnership(Authorization.securable(record), name: name.name)
        var properties = record.properties
        var comment = record.comment
        var newName = record.name
        switch alter.action {
        case .set(let set, let secrets):
            for property in set where property.name != "EXTERNAL_ACCESS_INTEGRATIONS" {
                if property.name == "COMMENT" { comment = property.value.text } else { properties[property.name.lowercased()] = property.value.text }
            }
            let integrations = set.last { $0.name == "EXTERNAL_ACCESS_INTEGRATIONS" }?.value
            if integrations != nil || secrets != nil {
                try bindExternalAccess(integrations: integrations, secrets: secrets,
                                       existing: try ProcedureExternalAccess(properties: properties)).store(into: &properties)
            }
        case .unset(let names):
            for unset in names {
                if unset == "COMMENT" { comment = "user-defined procedure" } else { properties[unset.lowercased()] = nil }
            }
        case .executeAs(let who):
            properties["execute_as"] = who
        case .rename(let target):
            let targetParts = try session.nameParts(target)
            guard let base = targetParts.last else { throw missing }
            if targetParts.count > 1 {
                let moved = try session.qualify(targetParts, database: session.currentDatabase, schema: session.currentSchema,
                                                operation: "ALTER")
                guard moved.database == record.database && moved.schema == record.schema else {
                    throw SnowflakeError.unsupported("moving a procedure to another schema")
                }
            }
            newName = base + "(" + types.joined(separator: ", ") + ")"
            guard try catalog.object(database: record.database, schema: record.schema, name: newName, kinds: [.procedure]) == nil else {
                throw SnowflakeError.alreadyExists(base)
            }
            properties["base_name"] = base
            properties["routine_name"] = Authorization.routineName([record.database, record.schema, base], argumentTypes: types)
        }
        try catalog.updateObject(record, name: newName, comment: comment, properties: properties)
        return .success
    }

    /// DESCRIBE PROCEDURE name(types): `property` / `value` rows — signature, returns, language,
    /// null handling, volatility, execute as, then the body and, for a handler's language, its
    /// runtime version and handler. Snowpark's `session.call` reads the second row's value.
    /// https://docs.snowflake.com/en/sql-reference/sql/desc-procedure
    func describeProcedure(_ describe: DescribeStatement) throws -> ResultSet {
        let parts = try session.nameParts(describe.name)
        let name = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema, operation: "DESCRIBE")
        let types = describe.argumentTypes.map(Authorization.signatureType)
        let missing = SnowflakeError.doesNotExist("Procedure", parts.joined(separator: ".") + "(" + types.joined(separator: ", ") + ")")
        guard let record = try catalog.object(database: name.database, schema: name.schema,
                                              name: name.name + "(" + types.joined(separator: ", ") + ")", kinds: [.procedure]) else {
            throw missing
        }
        try access.require(nil, on: record, missing: missing)
        let procedure = try StoredProcedure(record)
        let signature = "(" + procedure.arguments.map { argument in
            argument.name + " " + (argument.type.canonicalName.split(separator: "(").first.map(String.init) ?? "")
        }.joined(separator: ", ") + ")"
        var rows: [(String, String)] = [
            ("signature", signature), ("returns", procedure.returns), ("language", procedure.language),
            ("null handling", "CALLED ON NULL INPUT"), ("volatility", "VOLATILE"), ("execute as", procedure.executeAs),
        ]
        if let body = procedure.body { rows.append(("body", body)) }
        if procedure.language != "SQL" {
            for key in ["runtime_version", "handler"] {
                if let value = record.properties[key] { rows.append((key, value)) }
            }
        }
        return ResultSet(columns: [ResultColumn("property", .string), ResultColumn("value", .string)],
                         rows: rows.map { [.string($0.0), .string($0.1)] })
    }

    /// SHOW PROCEDURES [LIKE …] [IN …]: user procedures the role can see.
    func showProcedures(_ scope: ShowFilter.Scope?) throws -> ResultSet {
        var rows: [[Value]] = []
        for (database, schema) in try schemasInScope(scope) {
            for record in try catalog.objects(database: database, schema: schema, kinds: [.procedure]) where try access.canSee(record) {
                let procedure = try StoredProcedure(record)
                let signature = "(" + procedure.arguments.map { $0.type.canonicalName.split(separator: "(").first.map(String.init) ?? "" }
                    .joined(separator: ", ") + ")"
                rows.append([.timestamp(record.createdOn), .string(procedure.baseName), .string(record.schema), .string("N"), .string("N"),
                             .integer(Int64(procedure.arguments.count)), .integer(Int64(procedure.arguments.count)),
                             .string(procedure.baseName + signature + " RETURN " + procedure.returns), .string(record.comment ?? ""),
                             .string(record.database), .string("N"), .string(procedure.isSecure ? "Y" : "N")])
            }
        }
        let names = ["created_on", "name", "schema_name", "is_builtin", "is_aggregate", "min_num_arguments", "max_num_arguments",
                     "arguments", "description", "catalog_name", "is_table_function", "is_secure"]
        return ResultSet(columns: names.map { name in
            ResultColumn(name, name == "created_on" ? .timestampLTZ : (name.hasSuffix("arguments") && name != "arguments" ? .integer : .string))
        }, rows: rows)
    }

    /// The procedure a CALL names with `count` arguments: in the named schema, or (unqualified)
    /// the current schema, then PUBLIC. Missing or invisible → 002003 naming the call.
    func findProcedure(_ written: ObjectName, argumentCount count: Int) throws -> StoredProcedure {
        if case .reference(let arguments) = written {
            let procedure = try StoredProcedure(try translator().referencedProcedure(arguments))
            guard procedure.accepts(argumentCount: count) else {
                throw SnowflakeError.noProcedureWithArgumentCount(procedure.baseName, count: count, signature: procedure.record.name)
            }
            return procedure
        }
        let parts = try session.nameParts(written)
        var places: [QualifiedName] = [try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema,
                                                           operation: "CALL")]
        if parts.count == 1, let database = session.currentDatabase, session.currentSchema != "PUBLIC" {
            places.append(QualifiedName(database: database, schema: "PUBLIC", name: parts[0], written: parts[0]))
        }
        let missing = SnowflakeError.doesNotExist("Procedure", parts.joined(separator: "."))
        for place in places {
            let candidates = try catalog.objects(database: place.database, schema: place.schema, kinds: [.procedure])
                .map(StoredProcedure.init)
                .filter { $0.baseName == place.name }
            let fitting = candidates.filter { $0.accepts(argumentCount: count) }
            guard let procedure = fitting.min(by: { $0.arguments.count < $1.arguments.count }) ?? candidates.first else { continue }
            try access.require(.usage, on: procedure.record, missing: missing)
            guard fitting.contains(where: { $0.record.name == procedure.record.name }) else {
                throw SnowflakeError.noProcedureWithArgumentCount(procedure.baseName, count: count, signature: procedure.record.name)
            }
            return procedure
        }
        throw missing
    }
}
