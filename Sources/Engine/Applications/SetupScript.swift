// SetupScript: running an application's setup script (spec §5.4). Each statement runs as the
// application (`APPLICATION <NAME>`), in its container, with no current schema (unqualified names
// are errors) and no session variables. USE and transaction control are refused; CALL, Scripting
// blocks and EXECUTE IMMEDIATE run as the application, inside the install's one transaction. `EXECUTE IMMEDIATE FROM '<path>'` runs another file of the version in place: `/` is the
// version's root, `./` and bare names the running script's folder, `../` its parent. A failing
// statement is reported as Snowflake wraps it — `Uncaught exception of type 'STATEMENT_ERROR' on
// line L at position P : <inner message>` — with the line in the file it came from.

import Foundation
import SnowSQL

/// The application whose setup script is running: the container, and the version's files.
struct RunningApplication {
    var name: String
    var package: String
    var version: String
    var patch: Int
    /// The version's files by path from its root, to their blobs' md5.
    var files: [String: String]
    /// The versioned schemas the script has made so far (createSchema adds them).
    var versionedSchemas: Set<String> = []

    /// A path as a script in `folder` writes it → the version file's path, or nil when absent.
    func file(_ written: String, from folder: String = "") -> String? {
        var parts = written.hasPrefix("/") ? [] : folder.split(separator: "/").map(String.init)
        for part in written.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if parts.popLast() == nil { return nil }
            default: parts.append(String(part))
            }
        }
        let path = parts.joined(separator: "/")
        return files[path] != nil ? path : nil
    }

    /// The version file a setup script names (IMPORTS, CREATE STREAMLIT, EXECUTE IMMEDIATE FROM),
    /// or the error naming it.
    @discardableResult
    func requireFile(_ written: String, from folder: String = "") throws -> String {
        if let path = file(written, from: folder) { return path }
        throw SnowflakeError.compilationError("File '\(written)' does not exist in version '\(version)' of application package '\(package)'.")
    }
}

extension Executor {
    /// Runs the script at `path` (from the version's root) as `application`; returns the
    /// versioned schemas it made.
    func runSetupScript(at path: String, as application: RunningApplication) throws -> Set<String> {
        try runningAs(application) { try runScriptFile(path, as: application, depth: 0) }
    }

    /// Runs `body` as `application` runs its setup script (its principal, its container, no schema,
    /// no variables), restoring the session after; returns the versioned schemas it made.
    func runningAs(_ application: RunningApplication, _ body: () throws -> Void) throws -> Set<String> {
        let saved = SessionState(session)
        session.runningApplication = application
        session.currentRole = Executor.principal(application.name)
        session.currentDatabase = application.name
        session.currentSchema = nil
        session.variables = [:]
        defer {
            saved.restore(session)
            session.runningApplication = nil
        }
        try body()
        return session.runningApplication?.versionedSchemas ?? []
    }

    /// Whether `database.schema` is a versioned schema of an application (one being installed, or
    /// one recorded at install).
    func isVersionedSchema(database: String, schema: String) throws -> Bool {
        if let running = session.runningApplication, running.name == database { return running.versionedSchemas.contains(schema) }
        guard let record = try catalog.accountObject(kind: .application, name: database) else { return false }
        return record.versionedSchemas.contains(schema)
    }

    private func runScriptFile(_ path: String, as application: RunningApplication, depth: Int) throws {
        guard depth < 16 else { throw SnowflakeError.compilationError("EXECUTE IMMEDIATE FROM is nested too deeply at '\(path)'.") }
        guard let md5 = application.files[path] else { throw SnowflakeError.internalError("no file '\(path)' in the version") }
        let text = String(decoding: try catalog.blob(md5: md5), as: UTF8.self)
        let folder = path.split(separator: "/").dropLast().joined(separator: "/")
        let statements: [(Statement, SourcePosition)]
        do {
            statements = try Parser.parseScriptWithPositions(text)
        } catch {
            throw SnowflakeError.syntax(error)
        }
        for (statement, at) in statements {
            do {
                switch statement {
                case .begin, .commit, .rollback, .use:
                    throw SnowflakeError.unsupported("this statement in a setup script")
                case .block, .executeImmediate, .call:
                    // Run as the session runs them (each inner statement its own savepoint), in
                    // this statement's access (Session+Access).
                    let saved = session.insideSetupScript
                    session.insideSetupScript = true
                    defer { session.insideSetupScript = saved }
                    _ = try session.execute(statement, text: SQLPrinter.print(statement))
                case .application(.executeFrom(let written)):
                    let nested = try application.requireFile(written, from: folder)
                    try runScriptFile(nested, as: application, depth: depth + 1)
                    continue
                default:
                    _ = try execute(statement)
                }
            } catch let error as SnowflakeError {
                // A nested script's failure is already wrapped with its own line.
                if error.message.hasPrefix("Uncaught exception of type 'STATEMENT_ERROR'") { throw error }
                throw SnowflakeError.uncaughtStatementError(error, line: at.line, position: at.position)
            } catch let error as InvalidIdentifier {
                throw SnowflakeError.uncaughtInvalidIdentifier(error.name, line: at.line, position: at.position)
            }
        }
    }

    /// EXECUTE IMMEDIATE FROM outside a setup script: a relative path is Snowflake's 001503; files
    /// on stages are not read here.
    func executeImmediateFrom(_ path: String) throws -> ResultSet {
        guard path.hasPrefix("@") else {
            throw SnowflakeError.relativeFileReferenceAtTopLevel(path)
        }
        throw SnowflakeError.unsupported("EXECUTE IMMEDIATE FROM a stage")
    }
}
