// SnowflakeError+Session: the errors of a connection and of its session's state. Connecting fails
// with 250001, as Snowflake's drivers report a refused login: a role the user does not hold, an
// account file that cannot be opened, a connection setting that does not parse (the last two are
// raised by the Snowlite target, hence public). Then the session's own names: variables too large,
// bind variables not set, IDENTIFIER() text that is no name.
// https://docs.snowflake.com/en/sql-reference/session-variables

extension SnowflakeError {
    // MARK: - Connecting

    /// 250001: the connection could not be made; `text` says why.
    static func connectionFailed(_ text: String) -> SnowflakeError {
        SnowflakeError(code: "250001", sqlState: "08001", message: text)
    }

    /// 250001: the connect string names a role the user does not hold.
    static func roleNotGrantedAtLogin(_ role: String) -> SnowflakeError {
        connectionFailed("Role '\(role)' specified in the connect string is not granted to this user. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.")
    }

    /// 250001: the account's file at `path` could not be opened or created.
    public static func accountFileNotOpened(_ path: String, _ error: any Error) -> SnowflakeError {
        connectionFailed("Could not open the account file '\(path)': \(error)")
    }

    /// 250001: a connection setting (`name`: the option or environment variable) whose value does
    /// not parse.
    public static func invalidConnectionParameter(_ name: String, _ error: any Error) -> SnowflakeError {
        connectionFailed("\(name): \(error)")
    }

    // MARK: - Variables and names

    /// 002230: SET of a string longer than a session variable may hold.
    static func variableValueTooLarge(_ name: String, size: Int) -> SnowflakeError {
        SnowflakeError(code: "002230", sqlState: "22000",
                       message: "\(compilation)\nAssignment to '\(name)' not done because value exceeds size limit for variables. Its size is \(size); the limit is 256 (internal storage size in bytes).")
    }

    /// 002049: a bind variable with no value; `written` as the statement has it (`:NAME` or `?`).
    static func bindVariableNotSet(_ written: String) -> SnowflakeError {
        SnowflakeError(code: "002049", sqlState: "42601",
                       message: "\(compilation) error line 1 at position 0\nBind variable \(written) not set.")
    }

    /// 002003: IDENTIFIER('…') whose text does not parse as a (qualified) name.
    static func invalidIdentifierText(_ text: String) -> SnowflakeError {
        SnowflakeError(code: "002003", sqlState: "02000", message: "\(compilation)\ninvalid identifier '\(text)'")
    }
}

// MARK: - Driver logins

extension SnowflakeError {
    /// 390100: a login whose user does not exist, has no password, or gave another one. The same
    /// text for each, as Snowflake's, so a login tells nothing about which users exist.
    public static let incorrectCredentials = SnowflakeError(code: "390100", sqlState: "28000",
                                                            message: "Incorrect username or password was specified.")
}

// MARK: - Driver bindings

extension SnowflakeError {
    /// 002049-family: a driver sent a bound value its declared type cannot hold (a FIXED that is
    /// no number, a DATE that is no count of milliseconds) or a type Snowlite does not bind [?:
    /// wording ours; Snowflake's drivers check most values before sending them].
    public static func invalidBinding(_ position: String, type: String, value: String) -> SnowflakeError {
        SnowflakeError(code: "002049", sqlState: "42601",
                       message: "\(compilation) error line 1 at position 0\nBind variable :\(position) of type \(type) has a value '\(value)' that is not valid for it.")
    }
}

extension SnowflakeError {
    /// 100108-family: a bound TIME with a fraction of a second, which Snowlite's TIME (whole
    /// seconds, like its literals) cannot hold: refused rather than cut.
    public static func timeFractionNotKept(_ position: String) -> SnowflakeError {
        SnowflakeError(code: "100108", sqlState: "22007",
                       message: "Time bound to :\(position) has a fraction of a second, which Snowlite's TIME does not keep (whole seconds only).")
    }
}
