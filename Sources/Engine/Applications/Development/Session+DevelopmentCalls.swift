// Session+DevelopmentCalls: `CALL SYSTEM$VALIDATE_NATIVE_APP_SETUP('@stage[/dir]')` at the session
// level (Session+Call asks here first). The argument must be a string literal naming a stage
// location; the validation runs in one write (Executor+ValidateSetup) and answers one row, one
// column named after the function, holding the JSON the Snowflake CLI reads.

import Foundation
import SnowSQL

extension Session {
    static let validateNativeAppSetup = "SYSTEM$VALIDATE_NATIVE_APP_SETUP"

    /// The validation's result for a CALL of SYSTEM$VALIDATE_NATIVE_APP_SETUP; nil for any other CALL.
    func callValidateNativeAppSetup(_ call: Call) throws -> ResultSet? {
        guard case .parts(let parts) = call.name, parts.count == 1, !parts[0].quoted,
              parts[0].name == Session.validateNativeAppSetup else { return nil }
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
