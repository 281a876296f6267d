// Catalog+Passwords: users' password hashes (sl_user_password, migration v12). The table holds
// PasswordHash's stored form only — salt and scrypt hash, never a password — and nothing but this
// file reads or writes it: SHOW USERS, DESCRIBE USER and INFORMATION_SCHEMA never see it.

import GRDB
import Security

extension Catalog {
    /// The user's password hash; nil when the user has none.
    func passwordHash(user: String) throws -> PasswordHash? {
        try String.fetchOne(db, sql: "SELECT hash FROM sl_user_password WHERE user_name = ?", arguments: [user])
            .flatMap(PasswordHash.init(stored:))
    }

    /// Sets (or with nil removes) the user's password hash.
    func setPasswordHash(_ hash: PasswordHash?, user: String) throws {
        if let hash {
            try db.execute(sql: "INSERT OR REPLACE INTO sl_user_password (user_name, hash) VALUES (?, ?)",
                           arguments: [user, hash.stored])
        } else {
            try db.execute(sql: "DELETE FROM sl_user_password WHERE user_name = ?", arguments: [user])
        }
    }
}
