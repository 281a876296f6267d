// SnowflakeError+Driver: the errors of the driver protocol (`snowlite serve`): a request whose
// session token is unknown or expired, a request the server cannot read, a multi-statement count
// that does not match, a query id that names no query. Their codes are those Snowflake's own
// service answers with, which the clients act on (390112 makes them renew the session token).

extension SnowflakeError {
    /// 390112: the session token has expired; the client renews it with its master token.
    public static let sessionTokenExpired = SnowflakeError(code: "390112", sqlState: "08001",
                                                           message: "Your session has expired. Please renew your session token.")

    /// 390104: no session has this token (never issued, closed, or its master token expired).
    public static let mustLoginAgain = SnowflakeError(code: "390104", sqlState: "08001",
                                                      message: "User must login again to access the service.")

    /// 390114: the master token offered for a renewal has expired too: the client logs in again.
    public static let masterTokenExpired = SnowflakeError(code: "390114", sqlState: "08001",
                                                          message: "Authentication token has expired.  The user must authenticate again.")

    /// 390400: a request body that is not the JSON the endpoint reads [? wording ours].
    public static func badDriverRequest(_ why: String) -> SnowflakeError {
        SnowflakeError(code: "390400", sqlState: "08P01", message: "Bad request: \(why).")
    }

    /// 250001: a login's account name that cannot name an account file.
    public static func invalidAccountName(_ name: String) -> SnowflakeError {
        connectionFailed("Account '\(name)' is not a valid account name: use letters, digits, '_' and '-'.")
    }

    /// 000008: a multi-statement request whose statement count is not the one the client asked for.
    public static func statementCountMismatch(actual: Int, desired: Int) -> SnowflakeError {
        SnowflakeError(code: "000008", sqlState: "0A000",
                       message: "Actual statement count \(actual) did not match the desired statement count \(desired).")
    }

    /// 000709: a result asked for by a query id this session never ran (or no longer keeps).
    public static func queryNotFound(_ id: String) -> SnowflakeError {
        SnowflakeError(code: "000709", sqlState: "02000", message: "Statement \(id) not found")
    }
}
