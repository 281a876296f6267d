// Executor+UserFunctions: CREATE, ALTER and DROP FUNCTION, and the dispatch of every function
// statement (SHOW and DESCRIBE are in FunctionListings.swift). A SQL function's body is
// translated at CREATE, as Snowflake compiles it then: a body naming a missing column, table or
// function fails the CREATE, not the first call. Functions of another language (a HANDLER) are
// kept and listed, with their SECRETS and EXTERNAL_ACCESS_INTEGRATIONS checked as a procedure's
// are; Snowlite runs no such handler, so calling one is refused (Translator+UserFunctions.swift).
// https://docs.snowflake.com/en/sql-reference/sql/create-function, …/alter-function, …/drop-function

import Foundation
import GRDB
import Security
import SnowSQL

extension Executor {
    func userFunction(_ statement: FunctionStatement) throws -> ResultSet {
        switch statement {
        case .create(let create): return try createFunction(create)
        case .alter(let alter): return try alterFunction(alter)
        case .drop(let name, let types, let ifExists): return try dropFunction(name, types, ifExists: ifExists)
        case .describe(let name, let types): return try describeFunction(name, types)
        case .show(let userOnly, let filter): return try showFunctions(userOnly: userOnly, filter)
        }
    }

    func createFunction(_ create: CreateFunction) throws -> ResultSet {
        try Executor.checkModifiers(create.modifiers)
        let parts = try session.nameParts(create.name)
        guard let base = parts.last else { throw SnowflakeError.compilationError("a function needs a name") }
        if FunctionLibrary.definitions[base] != nil { throw SnowflakeError.builtInFunctionName(base) }
        let name = try newObjectName(create.name, kind: .function)
        try access.requireCreate(.function, database: name.database, schema: name.schema)
        let argumentTypes = create.arguments.map { Authorization.signatureType($0.type) }
        let objectName = base + "(" + argumentTypes.joined(separator: ", ") + ")"
        var keepGrants = false
        if let existing = try catalog.object(database: name.database, schema: name.schema, name: objectName, kinds: [.function]) {
            if create.modifiers.ifNotExists { return Executor.alreadyExists(base) }
            guard create.modifiers.orReplace else { throw SnowflakeError.alreadyExists(base) }
            try access.requireOwnership(Authorization.securable(existing), name: base)
            keepGrants = create.copyGrants
            try catalog.dropFunction(try StoredFunction(existing), keepGrants: keepGrants)
        }
        var properties = try functionProperties(
            create, database: name.database, schema: name.schema, base: base,
            argumentTypes: argumentTypes)
        let comment = properties.removeValue(forKey: "comment") ?? "user-defined function"
        let record = ObjectRecord(
            database: name.database, schema: name.schema, name: objectName, kind: .function,
            owner: session.currentRole ?? "", comment: comment, createdOn: now, storageName: nil,
            definition: properties["body"], properties: properties)
        if create.language == "SQL" {
            // Compiled now, as Snowflake does: the body must translate with its arguments' types.
            _ = try compiledNowOrLater { try translator().validateFunctionBody(try StoredFunction(record)) }
        }
        try catalog.insertObject(record)
        if !keepGrants { try applyFutureGrants(to: record) }
        return .status("Function \(base) successfully created.")
    }

    /// The stored definition of a CREATE FUNCTION (Catalog+UserFunctions.swift lists the keys).
    private func functionProperties(
        _ create: CreateFunction, database: String, schema: String, base: String,
        argumentTypes: [String]
    ) throws -> [String: String] {
        var properties: [String: String] = [
            "base_name": base,
            "routine_name": Authorization.routineName([database, schema, base], argumentTypes: argumentTypes),
            "language": create.language,
        ]
        let arguments = try create.arguments.map { argument -> [String: String] in
            var entry = ["name": argument.name, "type": try Translator.dataType(argument.type).canonicalName]
            if let value = argument.defaultValue { entry["default"] = SQLPrinter.print(value) }
            return entry
        }
        properties["arguments"] = try Executor.json(arguments)
        switch create.returns {
        case .type(let type, let notNull):
            properties["returns"] = try Translator.dataType(type).canonicalName
            if notNull { properties["not_null"] = "true" }
        case .table(let columns):
            let declared = try columns.map { ["name": $0.name, "type": try Translator.dataType($0.type).canonicalName] }
            properties["columns"] = try Executor.json(declared)
            properties["returns"] = "TABLE (" + declared.map { ($0["name"] ?? "") + " " + ($0["type"] ?? "") }.joined(separator: ", ") + ")"
        }
        if create.secure { properties["secure"] = "true" }
        if let volatility = create.volatility { properties["volatility"] = volatility }
        if let nullHandling = create.nullHandling { properties["null_handling"] = nullHandling }
        if create.memoizable { properties["memoizable"] = "true" }
        for property in create.properties where property.name != "EXTERNAL_ACCESS_INTEGRATIONS" {
            properties[property.name.lowercased()] = property.value.text
        }
        let integrations = create.properties.last { $0.name == "EXTERNAL_ACCESS_INTEGRATIONS" }?.value
        if create.language == "SQL" {
            guard let body = create.body else { throw SnowflakeError.invalidFunctionBody(base, "a LANGUAGE SQL function needs AS '<body>'") }
            if integrations != nil { throw SnowflakeError.notForSQLFunctions("EXTERNAL_ACCESS_INTEGRATIONS") }
            if !create.secrets.isEmpty { throw SnowflakeError.notForSQLFunctions("SECRETS") }
            if properties["handler"] != nil { throw SnowflakeError.notForSQLFunctions("HANDLER") }
            properties["body"] = body
        } else {
            guard properties["handler"] != nil || create.body != nil else {
                throw SnowflakeError.compilationError("HANDLER or a body is required for LANGUAGE \(create.language)")
            }
            properties["body"] = create.body
            if integrations != nil || !create.secrets.isEmpty {
                try bindExternalAccess(
                    integrations: integrations, secrets: create.secrets.isEmpty ? nil : create.secrets,
                    existing: ProcedureExternalAccess()
                ).store(into: &properties)
            }
        }
        return properties
    }

    static func json(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }

    /// The function `name(types)` names exactly, visible to the role; nil when missing (the caller
    /// decides whether IF EXISTS makes that fine). `operation` names the statement in a missing-context error.
    func namedFunction(_ name: ObjectName, _ types: [DataTypeName], operation: String) throws
        -> (function: StoredFunction?, missing: SnowflakeError, base: String)
    {
        let parts = try session.nameParts(name)
        let qualified = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema, operation: operation)
        let signature = types.map(Authorization.signatureType)
        let missing = SnowflakeError.doesNotExist("Function", parts.joined(separator: ".") + "(" + signature.joined(separator: ", ") + ")")
        guard
            let record = try catalog.object(
                database: qualified.database, schema: qualified.schema,
                name: qualified.name + "(" + signature.joined(separator: ", ") + ")", kinds: [.function]),
            (try? access.requireReach(database: record.database, schema: record.schema, missing: missing)) != nil,
            try access.canSee(record)
        else {
            return (nil, missing, qualified.name)
        }
        return (try StoredFunction(record), missing, qualified.name)
    }

    func dropFunction(_ name: ObjectName, _ types: [DataTypeName], ifExists: Bool) throws -> ResultSet {
        let found = try namedFunction(name, types, operation: "DROP")
        guard let function = found.function else {
            if ifExists { return Executor.alreadyDropped(found.base) }
            throw found.missing
        }
        try access.requireOwnership(Authorization.securable(function.record), name: function.baseName)
        try catalog.dropFunction(function)
        return Executor.dropped(function.baseName)
    }

    /// ALTER FUNCTION name(types) …: the owner changes the stored definition. SECRETS and
    /// EXTERNAL_ACCESS_INTEGRATIONS are for handler functions only, checked as at CREATE.
    func alterFunction(_ alter: AlterFunction) throws -> ResultSet {
        let found = try namedFunction(alter.name, alter.argumentTypes, operation: "ALTER")
        guard let function = found.function else {
            if alter.ifExists { return .success }
            throw found.missing
        }
        let record = function.record
        try access.requireOwnership(Authorization.securable(record), name: function.baseName)
        var properties = record.properties
        var comment = record.comment
        var newName = record.name
        switch alter.action {
        case .set(let set, let secrets):
            let integrations = set.last { $0.name == "EXTERNAL_ACCESS_INTEGRATIONS" }?.value
            if function.language == "SQL" {
                if integrations != nil { throw SnowflakeError.notForSQLFunctions("EXTERNAL_ACCESS_INTEGRATIONS") }
                if secrets != nil { throw SnowflakeError.notForSQLFunctions("SECRETS") }
            }
            for property in set where property.name != "EXTERNAL_ACCESS_INTEGRATIONS" {
                if property.name == "COMMENT" { comment = property.value.text } else { properties[property.name.lowercased()] = property.value.text }
            }
            if integrations != nil || secrets != nil {
                try bindExternalAccess(
                    integrations: integrations, secrets: secrets,
                    existing: try ProcedureExternalAccess(properties: properties)
                ).store(into: &properties)
            }
        case .unset(let names):
            for unset in names {
                if unset == "COMMENT" { comment = "user-defined function" } else { properties[unset.lowercased()] = nil }
            }
        case .secure(let on):
            properties["secure"] = on ? "true" : nil
        case .rename(let target):
            let targetParts = try session.nameParts(target)
            guard let base = targetParts.last else { throw found.missing }
            if targetParts.count > 1 {
                let moved = try session.qualify(
                    targetParts, database: session.currentDatabase, schema: session.currentSchema,
                    operation: "ALTER")
                guard moved.database == record.database && moved.schema == record.schema else {
                    throw SnowflakeError.unsupported("moving a function to another schema")
                }
            }
            if FunctionLibrary.definitions[base] != nil { throw SnowflakeError.builtInFunctionName(base) }
            // The signature part of the stored name, `(NUMBER, VARCHAR)`, stays as it is.
            let signature = record.name.firstIndex(of: "(").map { String(record.name[$0...]) } ?? "()"
            newName = base + signature
            guard try catalog.object(database: record.database, schema: record.schema, name: newName, kinds: [.function]) == nil else {
                throw SnowflakeError.alreadyExists(base)
            }
            properties["base_name"] = base
            properties["routine_name"] = Authorization.canonicalName([record.database, record.schema, base]) + signature
        }
        try catalog.updateFunction(record, name: newName, comment: comment, properties: properties)
        return .success
    }
}
