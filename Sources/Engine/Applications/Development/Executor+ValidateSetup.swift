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
// A missing or unreadable stage is an error of the CALL itself (002003), as the CLI expects. The
// CALL runs at the session level (Session+Call asks here first): its argument must be a string
// literal naming a stage location, and the validation runs in one write.
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
        let create = CreateApplication(
            modifiers: CreateModifiers(), name: .parts([Identifier(throwaway, quoted: true)]),
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
    /// a syntax error (`… syntax error line L at position P unexpected …`) → (L, P, message); any
    /// other message has no place: (nil, nil, message).
    static func statementErrorPlace(_ message: String) -> (line: Int?, column: Int?, message: String) {
        let prefix = "Uncaught exception of type 'STATEMENT_ERROR' on line "
        if !message.hasPrefix(prefix), let syntax = message.range(of: "syntax error line "),
            let at = message.range(of: " at position ", range: syntax.upperBound..<message.endIndex),
            let line = Int(message[syntax.upperBound..<at.lowerBound]),
            let column = Int(message[at.upperBound...].prefix(while: \.isNumber))
        {
            return (line, column, message)
        }
        guard message.hasPrefix(prefix) else { return (nil, nil, message) }
        let rest = message.dropFirst(prefix.count)
        guard let at = rest.range(of: " at position "), let colon = rest.range(of: " : ", range: at.upperBound..<rest.endIndex),
            let line = Int(rest[..<at.lowerBound]), let column = Int(rest[at.upperBound..<colon.lowerBound])
        else {
            return (nil, nil, message)
        }
        return (line, column, String(rest[colon.upperBound...]))
    }
}

extension Session {
    static let validateNativeAppSetup = "SYSTEM$VALIDATE_NATIVE_APP_SETUP"

    /// The validation's result for a CALL of SYSTEM$VALIDATE_NATIVE_APP_SETUP; nil for any other CALL.
    func callValidateNativeAppSetup(_ call: Call) throws -> ResultSet? {
        guard case .parts(let parts) = call.name, parts.count == 1, !parts[0].quoted,
            parts[0].name == Session.validateNativeAppSetup
        else { return nil }
        guard call.arguments.count == 1, call.arguments[0].name == nil, case .literal(.string(let text)) = call.arguments[0].value else {
            throw SnowflakeError.validationNeedsStage(call.arguments.map { SQLPrinter.print($0.value) }.joined(separator: ", "))
        }
        guard text.hasPrefix("@"), let location = Parser.stageLocation(String(text.dropFirst())) else {
            throw SnowflakeError.validationNeedsStage(text)
        }
        let json = try writing { db in try Executor(session: self, db: db).validateNativeAppSetup(location) }
        return ResultSet(columns: [ResultColumn(Session.validateNativeAppSetup, .string)], rows: [[.string(json)]])
    }
}
