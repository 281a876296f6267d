// Catalog+Grants: grants die with their object. Dropping (or replacing) an object removes the
// privileges granted on it, a schema or database also the future grants it held, and a dropped
// role or user the privileges and roles granted to it — a new object of the same name starts
// with none, as in Snowflake.

import GRDB
import Security

extension Catalog {
    /// Removes grants on the object named by `parts` (a procedure's signatures included), and,
    /// when `grantee` is `ROLE` or `USER`, the grants made to it.
    func dropGrants(on kind: SecurableKind, _ parts: [String], grantee: String? = nil) throws {
        let name = Authorization.canonicalName(parts)
        try db.execute(sql: """
            DELETE FROM sl_grant WHERE object_kind IN (?, ?) AND (object_name = ? OR substr(object_name, 1, length(?) + 1) = ? || '(')
            """, arguments: [kind.rawValue, Executor.grantKindAlias(kind), name, name, name])
        if kind == .schema || kind == .database {
            try db.execute(sql: "DELETE FROM sl_future_grant WHERE container_kind = ? AND container_name = ?",
                           arguments: [kind.rawValue, name])
        }
        if let grantee, let granteeName = parts.first {
            try db.execute(sql: "DELETE FROM sl_grant WHERE grantee_kind = ? AND grantee_name = ?", arguments: [grantee, granteeName])
            try db.execute(sql: "DELETE FROM sl_future_grant WHERE grantee_kind = ? AND grantee_name = ?", arguments: [grantee, granteeName])
            try db.execute(sql: "DELETE FROM sl_role_grant WHERE grantee_kind = ? AND grantee_name = ?", arguments: [grantee, granteeName])
        }
    }
}
