// SnowflakeError: the one error type of Snowlite. It carries Snowflake's six-digit code, the
// SQLSTATE and the message, and prints as snowsql shows a server error:
// `002003 (02000): SQL compilation error:\nDatabase 'X' does not exist or not authorized.`
// Factories below produce the exact wording of spec/snowflake-facts.md §3 and §13; those of one
// family of statements or values are in SnowflakeError+<Family>.swift beside this file, the only
// folder that builds a SnowflakeError from its code.

import SnowSQL

public struct SnowflakeError: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: String
    public var sqlState: String
    public var message: String

    public init(code: String, sqlState: String, message: String) {
        self.code = code
        self.sqlState = sqlState
        self.message = message
    }

    /// `<code> (<SQLSTATE>): <message>`, the line snowsql prints; `<code>: <message>` for the
    /// client-side errors that have no SQLSTATE (PUT's `253006: File doesn't exist: […]`).
    public var description: String { sqlState.isEmpty ? "\(code): \(message)" : "\(code) (\(sqlState)): \(message)" }
}

// MARK: - Compilation errors

extension SnowflakeError {
    static let compilation = "SQL compilation error:"

    /// 001003: the parser met a token it cannot use. `token` is `<EOF>` at the end.
    public static func syntax(line: Int, position: Int, token: String) -> SnowflakeError {
        SnowflakeError(code: "001003", sqlState: "42000",
                       message: "\(compilation)\nsyntax error line \(line) at position \(position) unexpected '\(token)'.")
    }

    /// The parser's error: 001003 for a token it cannot use; for a statement nested deeper than
    /// the parser allows (Parser+Depth.swift), 001795 worded as Snowflake words its other limits on
    /// an expression's size (`maximum number of expressions in a list exceeded, expected at most
    /// 16,384, got …`) [? wording: Snowflake's message for over-deep nesting is not documented].
    public static func syntax(_ error: SyntaxError) -> SnowflakeError {
        switch error.reason {
        case .unexpectedToken:
            return syntax(line: error.line, position: error.position, token: error.token)
        case .needsSnowflake:
            return unsupported(error.message)
        case .nestedTooDeeply:
            return SnowflakeError(code: "001795", sqlState: "42601", message: "\(compilation) \(error.message)")
        }
    }

    /// 001003 for syntax Snowlite recognises but does not support (yet): fails at once, never silently.
    public static func unsupported(_ what: String) -> SnowflakeError {
        SnowflakeError(code: "001003", sqlState: "42000",
                       message: "\(compilation)\nUnsupported feature '\(what)'.")
    }

    /// 002003: `<Kind> '<name>' does not exist or not authorized.` Tables, views and objects named
    /// in a query have SQLSTATE 42S02 (base table or view not found), containers and the rest 02000.
    public static func doesNotExist(_ kind: String, _ name: String) -> SnowflakeError {
        let relation = ["Object", "Table", "View", "Event table"].contains(kind)
        return SnowflakeError(code: "002003", sqlState: relation ? "42S02" : "02000",
                              message: "\(compilation)\n\(kind) '\(name)' does not exist or not authorized.")
    }

    /// 002043: USE or SHOW … IN on an object that is missing.
    public static let objectDoesNotExistOrCannotBePerformed = SnowflakeError(
        code: "002043", sqlState: "02000",
        message: "\(compilation)\nObject does not exist, or operation cannot be performed.")

    /// 002002: CREATE of a name that is taken.
    public static func alreadyExists(_ name: String) -> SnowflakeError {
        SnowflakeError(code: "002002", sqlState: "42710", message: "\(compilation)\nObject '\(name)' already exists.")
    }

    /// 000904: a column name that resolves to nothing.
    public static func invalidIdentifier(_ name: String, line: Int = 1, position: Int = 0) -> SnowflakeError {
        SnowflakeError(code: "000904", sqlState: "42000",
                       message: "\(compilation) error line \(line) at position \(position)\ninvalid identifier '\(name)'")
    }

    /// 002211: `$NAME` with no such session variable.
    public static func undefinedVariable(_ name: String, line: Int = 1, position: Int = 0) -> SnowflakeError {
        SnowflakeError(code: "002211", sqlState: "02000",
                       message: "\(compilation) error line \(line) at position \(position)\nSession variable '$\(name)' does not exist")
    }

    /// 090105: an unqualified name with no current database (`operation`: `CREATE TABLE`, `SELECT`…).
    public static func noCurrentDatabase(operation: String) -> SnowflakeError {
        SnowflakeError(code: "090105", sqlState: "22000",
                       message: "Cannot perform \(operation). This session does not have a current database. Call 'USE DATABASE', or use a qualified name.")
    }

    /// 090106: an unqualified name with a current database but no current schema.
    public static func noCurrentSchema(operation: String) -> SnowflakeError {
        SnowflakeError(code: "090106", sqlState: "22000",
                       message: "Cannot perform \(operation). This session does not have a current schema. Call 'USE SCHEMA', or use a qualified name.")
    }

    /// 000006: EXECUTE IMMEDIATE (or an API call) with several statements.
    public static let multipleStatements = SnowflakeError(
        code: "000006", sqlState: "0A000",
        message: "Multiple SQL statements in a single API call are not supported; use one API call per statement instead.")

    /// 001007: a generic compilation problem whose text the caller provides.
    public static func compilationError(_ text: String) -> SnowflakeError {
        SnowflakeError(code: "001007", sqlState: "22023", message: "\(compilation)\n\(text)")
    }

    /// 002060: CREATE with both OR REPLACE and IF NOT EXISTS [?: wording chosen].
    static let incompatibleCreateModifiers = SnowflakeError(
        code: "002060", sqlState: "42601", message: "\(compilation)\noptions IF NOT EXISTS and OR REPLACE are incompatible.")

    /// 002025: CREATE TABLE naming a column twice.
    static func duplicateColumnName(_ name: String) -> SnowflakeError {
        SnowflakeError(code: "002025", sqlState: "42S21", message: "\(compilation)\nduplicate column name '\(name)'")
    }

    /// 002028: an unqualified column name that two relations in scope have.
    static func ambiguousColumnName(_ name: String) -> SnowflakeError {
        SnowflakeError(code: "002028", sqlState: "42601", message: "\(compilation)\nambiguous column name '\(name)'")
    }

    /// 001007: AUTOINCREMENT / IDENTITY on a column that is not a number [? wording: Snowflake's
    /// message was not found; it allows these on numeric columns only].
    static func identityNotNumeric(column: String, type: String) -> SnowflakeError {
        compilationError("AUTOINCREMENT and IDENTITY are only supported for numeric columns; '\(column)' is \(type).")
    }

    /// 002040: a data type name Snowflake does not have.
    static func unsupportedDataType(_ name: String) -> SnowflakeError {
        SnowflakeError(code: "002040", sqlState: "42601", message: "\(compilation)\nUnsupported data type '\(name)'.")
    }
}

// MARK: - Access control errors

extension SnowflakeError {
    /// 003001: the role lacks a privilege on an object.
    public static func insufficientPrivileges(_ kind: String, _ name: String) -> SnowflakeError {
        SnowflakeError(code: "003001", sqlState: "42501",
                       message: "SQL access control error:\nInsufficient privileges to operate on \(kind) '\(name)'")
    }

    /// 003013: USE ROLE on a role the user does not hold.
    public static func roleNotAssigned(_ role: String) -> SnowflakeError {
        SnowflakeError(code: "003013", sqlState: "42501",
                       message: "SQL access control error:\nRequested role '\(role)' is not assigned to the executing user.  Specify another role to activate.")
    }
}

// MARK: - Transaction errors

extension SnowflakeError {
    /// Any failure inside SQLite that Snowlite did not foresee, worded as an internal error, never a crash.
    public static func internalError(_ text: String) -> SnowflakeError {
        SnowflakeError(code: "000603", sqlState: "XX000", message: "SQL execution internal error:\n\(text)")
    }
}
