// LifecycleCallbacks: the manifest's `lifecycle_callbacks:` (issue 20, item 9). Snowflake documents
// these callbacks, each a `<schema>.<procedure>` of the application:
//   version_initializer            after the setup script succeeds, at install and at every upgrade
//                                  (to a version or a patch), with no arguments; if it fails the
//                                  install or upgrade fails, and after a failed upgrade Snowflake calls
//                                  the initializer of the version the application stays on again.
//   validate_configuration_change, before_configuration_change, after_configuration_change
//                                  ALTER APPLICATION SET | UNSET CONFIGURATION VALUE (inter-app
//                                  communication), which Snowlite does not have;
//   after_specification_change, after_server_connection_change
//                                  a consumer approving or declining an application specification or
//                                  a server connection, which Snowlite does not have either.
// The version initializer runs here as Snowflake runs it: a CALL, as the application, in its
// container, inside the install or upgrade (so its failure undoes that too). Every other callback
// is refused when the application is installed or upgraded, naming what would have triggered it,
// rather than accepted and never called. The manifest parser keeps the names as written.
// https://docs.snowflake.com/en/developer-guide/native-apps/callbacks,
// …/native-apps/inter-app-communication-callbacks, …/native-apps/container-upgrade

import Foundation
import SnowSQL

extension ManifestParser {
    /// `lifecycle_callbacks:` as a map of callback name → procedure name (both text).
    static func lifecycleCallbacks(_ value: Any?) throws -> [String: String] {
        guard let value else { return [:] }
        guard let map = value as? [String: Any] else {
            throw SnowflakeError.invalidManifest("The manifest field 'lifecycle_callbacks' must be a mapping")
        }
        var callbacks: [String: String] = [:]
        for (name, procedure) in map {
            guard let text = text(procedure), !text.isEmpty else {
                throw SnowflakeError.invalidManifest("Invalid value provided for 'lifecycle_callbacks.\(name)'")
            }
            callbacks[name] = text
        }
        return callbacks
    }
}

extension ApplicationManifest {
    /// What triggers each callback Snowflake documents that Snowlite cannot run.
    static let callbacksSnowliteCannotRun: [String: String] = [
        "validate_configuration_change": "it runs on ALTER APPLICATION SET CONFIGURATION VALUE, which Snowlite does not support",
        "before_configuration_change": "it runs on ALTER APPLICATION SET | UNSET CONFIGURATION VALUE, which Snowlite does not support",
        "after_configuration_change": "it runs on ALTER APPLICATION SET | UNSET CONFIGURATION VALUE, which Snowlite does not support",
        "after_specification_change": "it runs when a consumer approves or declines an application specification, which Snowlite does not support",
        "after_server_connection_change": "it runs when a server application connection changes, which Snowlite does not support",
    ]

    /// Refuses (at install and upgrade) every callback other than the version initializer.
    func requireRunnableCallbacks() throws {
        for name in lifecycleCallbacks.keys.sorted() where name != "version_initializer" {
            throw SnowflakeError.unsupportedLifecycleCallback(
                name, why: ApplicationManifest.callbacksSnowliteCannotRun[name] ?? "it is not a lifecycle callback Snowlite knows")
        }
    }

    /// The version initializer's procedure as `schema.procedure` identifiers, if the manifest has one.
    func versionInitializer() throws -> [Identifier]? {
        guard let written = lifecycleCallbacks["version_initializer"] else { return nil }
        guard let parts = try? Parser.parseQualifiedName(written), parts.count == 2 else {
            throw SnowflakeError.invalidManifest("Invalid value '\(written)' provided for 'lifecycle_callbacks.version_initializer'")
        }
        return parts
    }
}

extension Executor {
    /// Calls the manifest's version initializer, if any, as `application` — after its setup script.
    func runVersionInitializer(_ manifest: ApplicationManifest, as application: RunningApplication) throws {
        guard let procedure = try manifest.versionInitializer() else { return }
        let saved = SessionState(session)
        let savedInside = session.insideSetupScript
        session.runningApplication = application
        session.currentRole = Executor.principal(application.name)
        session.currentDatabase = application.name
        session.currentSchema = nil
        session.variables = [:]
        session.insideSetupScript = true
        defer {
            saved.restore(session)
            session.runningApplication = nil
            session.insideSetupScript = savedInside
        }
        let text = "CALL " + procedure.map(\.sql).joined(separator: ".") + "()"
        _ = try session.execute(try Parser.parseOne(text).statement, text: text)
    }

    /// After a failed upgrade: the initializer of the version the application stays on, again.
    func rerunVersionInitializer(of record: AccountObjectRecord) throws {
        guard !record.manifestText.isEmpty, let package = record.package else { return }
        let manifest = try ManifestParser().read(record.manifestText)
        let running = RunningApplication(
            name: record.name, package: package, version: record.properties["version"] ?? "",
            patch: Int(record.properties["patch"] ?? "") ?? 0, files: [:])
        try runVersionInitializer(manifest, as: running)
    }
}
