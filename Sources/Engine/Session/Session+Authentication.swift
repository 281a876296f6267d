// Session+Authentication: the password check of a driver login (`snowlite serve`'s
// /session/v1/login-request). snowsql opens the account file directly, and the file's 0600 mode
// is its protection; a driver client comes over a socket and must say who it is. Users and
// passwords are Snowflake's: `CREATE USER … PASSWORD = '…'`, `ALTER USER … SET PASSWORD = '…'`,
// kept as salted scrypt hashes (Security/PasswordHash.swift, Catalog+Passwords.swift). A new
// account has one user, SNOWLITE, whose password is `snowlite` until it is set. Every refusal is
// the same 390100, whether the user is unknown, has no password, or gave another one.

import Foundation
import Security

extension Session {
    /// The user a new account is created with, and the password it has until one is set.
    public static let defaultUser = "SNOWLITE"
    static let defaultPassword = "snowlite"

    /// Checks `password` for the user whose login name is `user` (case-insensitive), creating the
    /// account's built-in roles, warehouse and default user first when the account is new. Returns
    /// the user's name as sessions use it. Throws `SnowflakeError.incorrectCredentials`.
    public static func authenticate(store: AccountStore, user: String, password: String, now: Date) throws -> String {
        try bootstrap(store, user: defaultUser, now: now)
        let name = user.uppercased()
        let (exists, hash) = try store.read { db -> (Bool, PasswordHash?) in
            let catalog = Catalog(db: db)
            return (try catalog.accountObject(kind: .user, name: name) != nil, try catalog.passwordHash(user: name))
        }
        if let hash {
            guard hash.matches(password) else { throw SnowflakeError.incorrectCredentials }
        } else {
            // Without a stored hash only the default user logs in, with the default password.
            let matches = PasswordHash.constantTimeEqual(Array(password.utf8), Array(defaultPassword.utf8))
            guard exists, name == defaultUser, matches else { throw SnowflakeError.incorrectCredentials }
        }
        guard exists else { throw SnowflakeError.incorrectCredentials }
        return name
    }
}
