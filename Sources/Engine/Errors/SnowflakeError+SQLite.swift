// SnowflakeError+SQLite: a SnowflakeError raised inside a SQL function travels through SQLite
// as an encoded message and is decoded when the statement fails; SQLite's own constraint
// errors are worded as Snowflake words them.

import GRDB

extension SnowflakeError {
    private static let marker = "SNOWFLAKE\u{1F}"

    /// The error as a DatabaseError whose message SQLite passes along.
    var encoded: DatabaseError {
        DatabaseError(resultCode: .SQLITE_ERROR,
                      message: SnowflakeError.marker + [code, sqlState, message].joined(separator: "\u{1F}"))
    }

    /// Maps any error thrown while running translated SQL to the error the user should see.
    static func from(_ error: Error) -> Error {
        guard let databaseError = error as? DatabaseError else { return error }
        let message = databaseError.message ?? ""
        if let range = message.range(of: marker) {
            let parts = message[range.upperBound...].split(separator: "\u{1F}", maxSplits: 2, omittingEmptySubsequences: false)
            if parts.count == 3 {
                return SnowflakeError(code: String(parts[0]), sqlState: String(parts[1]), message: String(parts[2]))
            }
        }
        if databaseError.resultCode == .SQLITE_BUSY {
            // Another session holds the account's write lock longer than the busy timeout.
            return SnowflakeError.statementTimedOut(seconds: "10")
        }
        if databaseError.extendedResultCode == .SQLITE_CONSTRAINT_NOTNULL {
            return SnowflakeError.nullIntoNotNull
        }
        if message == "integer overflow" {
            // SUM past 64 bits: SQLite's sum() stops rather than wrap; a NUMBER here is 64 bits.
            return SnowflakeError.integerOverflow
        }
        return SnowflakeError.internalError(message)
    }

    /// 100039: an integer result past 64 bits (SUM) [? wording: the 100039 family's, without the
    /// value, which SQLite does not give].
    static let integerOverflow = SnowflakeError(code: "100039", sqlState: "22003",
                                                message: "Numeric value out of range: the result does not fit a 64-bit integer")
}
