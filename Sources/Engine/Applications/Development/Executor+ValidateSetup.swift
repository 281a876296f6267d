// Executor+ValidateSetup: `CALL SYSTEM$VALIDATE_NATIVE_APP_SETUP('@pkg.schema.stage[/dir]')`, which
// `snow app run / deploy / validate` send after uploading. The staged folder is installed as a
// throwaway application of the stage's package, in development mode, inside a savepoint that is
// always rolled back: the manifest is read and the setup script (and every file it runs with
// EXECUTE IMMEDIATE FROM) runs exactly as CREATE APPLICATION … USING '@…' would run it, so what
// would fail there is reported here and nothing is left behind.
// The answer is one row, one column of JSON, the shape the CLI reads:
// `{"errors": [{"message", "cause", "errorCode", "fileName", "line", "column"}], "status":
// "SUCCESS" | "FAIL", "warnings": []}`. A failing statement's line and column are those of its
// STATEMENT_ERROR in the setup script; the file is the manifest's setup script (a failure inside
// a file it runs is reported at the EXECUTE IMMEDIATE FROM that ran it). No warnings are produced.
// A missing or unreadable stage is an error of the CALL itself (002003), as the CLI expects.
// https://docs.snowflake.com/en/developer-guide/snowflake-cli/native-apps/validate-app

import Foundation
import GRDB
import SnowSQL

extension Executor {
    /// The JSON answer of SYSTEM$VALIDATE_NATIVE_APP_SETUP for the staged folder `location`.
    func validateNativeAppSetup(_ location: StageLocation) throws -> String {
        let stage = try resolveStage(location, operation: "SYSTEM$VALIDATE_NATIVE_APP_SETUP", privilege: .read)
        guard try catalog.accountObject(kind: .applicationPackage, name: stage.database) != nil else {
            throw SnowflakeError.validationNeedsPackageStage(stage.database)
        }
        let throwaway = "SNOWLITE$VALIDATE_" + UUID().uuidString.prefix(8).uppercased()
        let create = CreateApplication(modifiers: CreateModifiers(), name: .parts([Identifier(throwaway, quoted: true)]),
                                       package: .parts([Identifier(stage.database, quoted: true)]), source: .stage(location))
        let eventsBefore = session.loggedEvents.count
        var failure: SnowflakeError?
        try db.inSavepoint {
            do {
                _ = try createApplication(create)
            } catch let error as SnowflakeError {
                failure = error
            }
            return .rollback
        }
        session.loggedEvents.removeSubrange(min(eventsBefore, session.loggedEvents.count)...)
        let setupScript = try failure == nil ? nil : setupScriptPath(location)
        return Executor.validationJSON(failure, fileName: "@STAGE/" + (setupScript ?? "setup_script.sql"))
    }

    /// The manifest's setup script path in the staged folder, when the manifest can be read.
    private func setupScriptPath(_ location: StageLocation) throws -> String? {
        let folder = try stagedFolder(location, operation: "SYSTEM$VALIDATE_NATIVE_APP_SETUP")
        guard let manifest = folder.files.first(where: { $0.path == "manifest.yml" }) else { return nil }
        let text = String(decoding: try catalog.blob(md5: manifest.md5), as: UTF8.self)
        let reader = ManifestParser()
        return try? reader.read(text).setupScript
    }

    /// The answer's JSON (keys sorted): SUCCESS with no errors, or FAIL with the one error.
    static func validationJSON(_ failure: SnowflakeError?, fileName: String) -> String {
        var errors: [[String: Any]] = []
        if let failure {
            let (line, column, message) = statementErrorPlace(failure.message)
            errors.append([
                "message": message, "cause": failure.message, "errorCode": failure.code,
                "fileName": line == nil ? "" : fileName, "line": line ?? 0, "column": column ?? 0,
            ])
        }
        let answer: [String: Any] = ["status": failure == nil ? "SUCCESS" : "FAIL", "errors": errors, "warnings": [[String: Any]]()]
        let data = (try? JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// `Uncaught exception of type 'STATEMENT_ERROR' on line L at position P : inner` → (L, P, inner);
    /// any other message has no place: (nil, nil, message).
    static func statementErrorPlace(_ message: String) -> (line: Int?, column: Int?, message: String) {
        let prefix = "Uncaught exception of type 'STATEMENT_ERROR' on line "
        guard message.hasPrefix(prefix) else { return (nil, nil, message) }
        let rest = message.dropFirst(prefix.count)
        guard let at = rest.range(of: " at position "), let colon = rest.range(of: " : ", range: at.upperBound..<rest.endIndex),
              let line = Int(rest[..<at.lowerBound]), let column = Int(rest[at.upperBound..<colon.lowerBound]) else {
            return (nil, nil, message)
        }
        return (line, column, String(rest[colon.upperBound...]))
    }
}
