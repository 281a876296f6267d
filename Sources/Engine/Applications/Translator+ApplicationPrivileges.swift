// Translator+ApplicationPrivileges: SYSTEM$HOLD_PRIVILEGE_ON_ACCOUNT('privilege'), with which an
// application's code (its setup script or a procedure it owns) asks whether the consumer has
// granted it an account privilege — `GRANT EXECUTE TASK ON ACCOUNT TO APPLICATION app` — before it
// creates what needs it. TRUE or FALSE; the name is read in any case and spacing, and
// 'IMPORTED PRIVILEGES ON SNOWFLAKE DB' asks about that grant on the SNOWFLAKE database. Snowflake
// allows the function only in an application ("This system function can only be called by a
// Snowflake Native App"), so the consumer's own statements are refused, as the reference
// functions refuse them. The argument must be a constant: the answer is worked out while the
// query is translated, from the application's grants.
// https://docs.snowflake.com/en/sql-reference/functions/system_hold_privilege_on_account

import Foundation
import GRDB
import Security

extension FunctionLibrary {
    /// The application-only functions about the application's own privileges.
    static func registerApplicationPrivileges(_ d: inout FunctionRegistry) {
        d.addActions([("SYSTEM$HOLD_PRIVILEGE_ON_ACCOUNT", 1...1)], types: ["SYSTEM$HOLD_PRIVILEGE_ON_ACCOUNT": .boolean]) {
            translator, name, arguments in
            try translator.holdsAccountPrivilege(arguments[0], function: name)
        }
    }
}

extension Translator {
    /// SYSTEM$HOLD_PRIVILEGE_ON_ACCOUNT: whether the acting application holds `written`.
    func holdsAccountPrivilege(_ written: String, function: String) throws -> TypedSQL {
        guard session.actingApplication != nil else {
            throw SnowflakeError.compilationError("\(function) can only be called by an application.")
        }
        let words = written.uppercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let authorizer = try session.authorizer(catalog.db)
        let held: Bool
        if words == "IMPORTED PRIVILEGES ON SNOWFLAKE DB" {
            held = authorizer.holds(Privilege("IMPORTED PRIVILEGES"), on: Securable(.database, "SNOWFLAKE", owner: ""))
        } else {
            held = authorizer.holds(Privilege(words), on: .account)
        }
        return TypedSQL(held ? "1" : "0", type: .boolean, nullable: false)
    }
}
