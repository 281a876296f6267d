// PythonProcedures: how a LANGUAGE PYTHON procedure runs. The account parameter
// SNOWLITE_PROCEDURE_RUNTIME decides: AUTO (the default) runs a Swift handler registered under the
// procedure's handler name (ProcedureRegistry), else the procedure's own Python code; PYTHON always
// runs the Python code; SWIFT never does. Python code runs in the `PythonProcedureRuntime` the
// composition root wires (Sources/PythonProcedures: a worker process per CALL); the Engine hands it
// the procedure's definition with its IMPORTS read from their stage or application version, and a
// ProcedureContext that answers for the procedure's owner: SQL, secrets by alias, egress policy, logs.
// https://docs.snowflake.com/en/developer-guide/stored-procedure/python/procedure-python-overview

import Foundation
import SnowSQL

/// Runs a Python procedure's own code (Sources/PythonProcedures). CALL holds no transaction while it runs.
public protocol PythonProcedureRuntime: Sendable {
    func call(_ context: ProcedureContext) throws -> ScriptOutcome
}

/// Which code a LANGUAGE PYTHON procedure runs (the account parameter SNOWLITE_PROCEDURE_RUNTIME).
public enum ProcedureRuntimeMode: String, Sendable, CaseIterable {
    case auto = "AUTO", python = "PYTHON", swift = "SWIFT"

    public static let parameter = "SNOWLITE_PROCEDURE_RUNTIME"
}

/// A Python procedure as its code needs it.
public struct PythonProcedureDefinition: Sendable {
    /// `NAME` as created, upper-cased unless quoted.
    public var name: String
    public var database: String
    public var schema: String
    /// `module.function`, or `function` of inline code.
    public var handler: String
    /// Inline code (`AS $$ … $$`), when the handler is in it.
    public var inlineCode: String?
    public var argumentNames: [String]
    public var argumentTypes: [SnowflakeType]
    /// RETURNS as written in canonical form: a type, `TABLE()` or `TABLE(col type, …)`.
    public var returns: String
    public var returnType: SnowflakeType
    public var returnsTable: Bool
    public var runtimeVersion: String?
    public var packages: [String]
    /// The IMPORTS, by file name, with their content.
    public var imports: [(name: String, content: Data)]
    /// `NAME(ARG TYPE, …):RETURNS`, as the event table's `snow.executable.name` shows it.
    public var signature: String {
        func bare(_ type: String) -> String { type.hasPrefix("TABLE") ? type : String(type.prefix { $0 != "(" }) }
        let arguments = zip(argumentNames, argumentTypes).map { "\($0) \(bare($1.canonicalName))" }.joined(separator: ", ")
        return "\(name)(\(arguments)):\(bare(returns))"
    }
}

extension StoredProcedure {
    /// IMPORTS as CREATE PROCEDURE stored them: each written path, with its blob's md5 when a setup
    /// script's procedure imports a file of the application's version.
    func importFiles() throws -> [(written: String, md5: String?)] {
        let pairs = try Catalog.storedJSON(record.properties["import_files"] ?? "[]", as: [[String]].self, "procedure's imports")
        return pairs.compactMap { $0.isEmpty ? nil : ($0[0], $0.count > 1 ? $0[1] : nil) }
    }
}

extension Executor {
    /// What CREATE PROCEDURE keeps of IMPORTS and PACKAGES: the paths (with the version file's md5
    /// inside a setup script, where a missing file is an error now) and the package names.
    func storeImportsAndPackages(_ create: CreateProcedure, into properties: inout [String: String]) throws {
        func strings(_ name: String) -> [String] {
            create.properties.filter { $0.name == name }.flatMap { property -> [String] in
                if case .list(let items) = property.value { return items.map(\.text) }
                return [property.value.text]
            }
        }
        var imports: [[String]] = []
        for path in strings("IMPORTS") {
            if let application = session.runningApplication {
                let file = try application.requireFile(path)
                imports.append([path, application.files[file] ?? ""])
            } else {
                imports.append([path])
            }
        }
        if !imports.isEmpty {
            properties["import_files"] = String(decoding: try JSONSerialization.data(withJSONObject: imports), as: UTF8.self)
        }
        let packages = strings("PACKAGES")
        if !packages.isEmpty { properties["package_list"] = Catalog.encodeList(packages) }
    }

    /// The procedure's IMPORTS with their content, read with the rights the body runs with: a
    /// version file by its md5, a stage file (`@stage/path`) with READ on the stage.
    func importedFiles(_ procedure: StoredProcedure) throws -> [(name: String, content: Data)] {
        try procedure.importFiles().map { written, md5 in
            let name = written.split(separator: "/").last.map(String.init) ?? written
            if let md5, !md5.isEmpty { return (name, try catalog.blob(md5: md5)) }
            guard let location = Parser.stageLocation(written) else {
                throw SnowflakeError.importNotFound(written, procedure: procedure.baseName)
            }
            let stage = try resolveStage(location, operation: "CALL", privilege: .read)
            guard let file = try catalog.stageFile(stage: stage, path: location.path) else {
                throw SnowflakeError.importNotFound(written, procedure: procedure.baseName)
            }
            return (name, try catalog.blob(md5: file.md5))
        }
    }

    /// The definition a Python runtime gets for `procedure`.
    func pythonDefinition(_ procedure: StoredProcedure) throws -> PythonProcedureDefinition {
        let properties = procedure.record.properties
        let packages = (try Catalog.decodeList(properties["package_list"])) ?? []
        let handler = procedure.handler ?? ""
        return PythonProcedureDefinition(
            name: procedure.baseName, database: procedure.record.database, schema: procedure.record.schema, handler: handler,
            inlineCode: procedure.body, argumentNames: procedure.arguments.map(\.name), argumentTypes: procedure.arguments.map(\.type),
            returns: procedure.returns, returnType: procedure.returnType, returnsTable: procedure.returnsTable,
            runtimeVersion: properties["runtime_version"], packages: packages, imports: try importedFiles(procedure))
    }

    /// The account's SNOWLITE_PROCEDURE_RUNTIME.
    func procedureRuntimeMode() throws -> ProcedureRuntimeMode {
        let value = try catalog.accountObject(kind: .accountParameter, name: ProcedureRuntimeMode.parameter)?.parameterValue
        return value.flatMap(ProcedureRuntimeMode.init(rawValue:)) ?? .auto
    }
}

extension Session {
    /// Every PACKAGES entry of the account's Python procedures, applications' included, sorted and
    /// once each: what `snowlite python install` puts in the runtime's environment.
    public func pythonPackages() throws -> [String] {
        try store.queue.read { db in
            let catalog = Catalog(db: db)
            var packages = Set<String>()
            for database in try catalog.databases() {
                for record in try catalog.objects(database: database.name, kinds: [.procedure])
                where record.properties["language"] == "PYTHON" {
                    packages.formUnion(try Catalog.decodeList(record.properties["package_list"]) ?? [])
                }
            }
            return packages.sorted()
        }
    }
}
