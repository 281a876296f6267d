// PythonWorkerRuntime: runs a Python procedure's own code, one worker process per CALL
// (docs/ARCHITECTURE.md, "Python procedures"). The interpreter is SNOWLITE_PYTHON, else the one
// `snowlite python install` made under $SNOWLITE_HOME/python; it needs Snowpark. Each CALL gets a
// folder of its own (the worker program, its IMPORTS, a CA for its HTTPS), a one-time token its
// Snowpark session logs in with, and a worker that is killed when the CALL ends, however it ends:
// no CALL sees another's state. Isolation is the best the machine has: a network namespace of
// the worker's own where `unshare` can make one unprivileged (Linux), always with name resolution
// through the egress policy and the audit hook (WorkerScript+Relays, +Guard); SNOWLITE_PYTHON_ISOLATION=hook
// keeps to the latter.

import Egress
import Engine
import Foundation
import ProcedureEgress
import Synchronization

public struct PythonWorkerRuntime: PythonProcedureRuntime {
    let environment: [String: String]
    let transport: any HTTPTransport
    let map: EgressMap
    let clock: @Sendable () -> Date
    /// Whether `unshare` makes a network namespace here, found out at the first CALL.
    private let namespaces = NamespaceSupport()
    /// Workers forked from a parent that has imported Snowpark (SNOWLITE_PYTHON_POOL=off: none).
    private let pool = WorkerPool()

    public init(environment: [String: String], transport: any HTTPTransport, map: EgressMap, clock: @escaping @Sendable () -> Date) {
        self.environment = environment
        self.transport = transport
        self.map = map
        self.clock = clock
    }

    /// The interpreter, or why there is none.
    func interpreter() -> Result<String, WorkerFailure> {
        let files = FileManager.default
        if let configured = environment["SNOWLITE_PYTHON"], !configured.isEmpty {
            return files.isExecutableFile(atPath: configured)
                ? .success(configured)
                : .failure(WorkerFailure("SNOWLITE_PYTHON names \(configured), which is not an executable file"))
        }
        let home = environment["SNOWLITE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.snowlite")
        let installed = home + "/python/bin/python"
        return files.isExecutableFile(atPath: installed)
            ? .success(installed)
            : .failure(WorkerFailure("SNOWLITE_PYTHON is not set and \(installed) does not exist"))
    }

    public func call(_ context: ProcedureContext) throws -> ScriptOutcome {
        guard let definition = context.python else { throw SnowflakeError.internalError("a Python CALL without its definition") }
        let python: String
        switch interpreter() {
        case .success(let path): python = path
        case .failure(let failure): throw SnowflakeError.pythonRuntimeMissing(definition.name, reason: failure.reason)
        }
        do {
            return try run(definition, python: python, context: context)
        } catch let failure as WorkerFailure {
            throw SnowflakeError.pythonWorkerFailed(failure.reason, function: definition.name, handler: definition.handler)
        }
    }

    private func run(_ definition: PythonProcedureDefinition, python: String, context: ProcedureContext) throws -> ScriptOutcome {
        let folder = try CallFolder(definition)
        defer { folder.remove() }
        let unshare = "/usr/bin/unshare"
        let isolated = environment["SNOWLITE_PYTHON_ISOLATION"] != "hook" && namespaces.available(unshare: unshare)
        let namespace = isolated ? unshare : nil
        let pooled =
            environment["SNOWLITE_PYTHON_POOL"] == "off"
            ? nil
            : pool.worker(python: python, unshare: namespace, folder: folder.path)
        let worker = try pooled ?? PythonWorker(python: python, script: folder.script, folder: folder.path, unshare: namespace)
        defer { worker.stop() }
        let token = PythonWorkerRuntime.newToken()
        let engine = context.engine
        try worker.send([
            "folder": folder.path, "importDirectory": folder.importDirectory + "/", "imports": folder.searchPaths,
            "handler": definition.handler, "inlineCode": definition.inlineCode.map { $0 as Any } ?? NSNull(),
            "arguments": context.arguments.map(CallValues.argument), "returnsTable": definition.returnsTable,
            "returnKind": PythonWorkerRuntime.isText(definition.returnType) ? "string" : "value", "namespace": isolated,
            "token": token, "user": engine.user, "role": engine.currentRole ?? "", "database": definition.database,
            "schema": definition.schema, "warehouse": engine.currentWarehouse.map { $0 as Any } ?? NSNull(),
        ])
        let client = EgressClient(
            policy: context.egressPolicy, transport: transport, map: map, clock: clock,
            log: ProcedureEgressLog(context: context))
        return try CallHost(context: context, definition: definition, callToken: token, client: client).serve(worker)
    }

    static func isText(_ type: SnowflakeType) -> Bool {
        if case .varchar = type { return true }
        return false
    }

    /// 32 random bytes as hex: a CALL's token, its session's.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

/// The CALL's folder: worker.py, `imports/` with the IMPORTS as files, and whatever the worker writes.
struct CallFolder {
    let path: String
    var script: String { path + "/worker.py" }
    var importDirectory: String { path + "/imports" }
    /// sys.path entries: each zip, and the import directory for the other files.
    var searchPaths: [String] = []

    init(_ definition: PythonProcedureDefinition) throws {
        path = try CallFolder.make(prefix: "snowlite-call-")
        try FileManager.default.createDirectory(atPath: path + "/imports", withIntermediateDirectories: true)
        try Data(WorkerScript.source.utf8).write(to: URL(fileURLWithPath: script))
        var plainFiles = false
        for file in definition.imports {
            let cleaned = file.name.replacingOccurrences(of: "/", with: "_")
            let name = cleaned == "." || cleaned == ".." || cleaned.isEmpty ? "_" + cleaned + "import" : cleaned
            try file.content.write(to: URL(fileURLWithPath: importDirectory + "/" + name))
            if name.hasSuffix(".zip") { searchPaths.append(importDirectory + "/" + name) } else { plainFiles = true }
        }
        if plainFiles { searchPaths.append(importDirectory) }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A new folder of the temporary directory, readable by this user only (mkdtemp).
    static func make(prefix: String) throws -> String {
        let temporary = NSTemporaryDirectory().hasSuffix("/") ? NSTemporaryDirectory() : NSTemporaryDirectory() + "/"
        var template = Array((temporary + prefix + "XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw WorkerFailure("no temporary folder could be made for it")
        }
        return String(cString: made)
    }
}

/// Whether unprivileged user and network namespaces work here: tried once, with `unshare … true`.
final class NamespaceSupport: Sendable {
    private let known = Mutex<Bool?>(nil)

    func available(unshare: String) -> Bool {
        if let known = known.withLock({ $0 }) { return known }
        var works = false
        if FileManager.default.isExecutableFile(atPath: unshare) {
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: unshare)
            probe.arguments = ["--user", "--map-root-user", "--net", "--", "/bin/true"]
            probe.standardOutput = FileHandle.nullDevice
            probe.standardError = FileHandle.nullDevice
            if (try? probe.run()) != nil {
                probe.waitUntilExit()
                works = probe.terminationStatus == 0
            }
        }
        known.withLock { $0 = works }
        return works
    }
}
