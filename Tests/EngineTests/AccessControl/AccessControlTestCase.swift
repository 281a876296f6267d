// AccessControlTestCase: the base of the access-control tests. Next to the administrator's session
// (the account's creator, ACCOUNTADMIN), it makes a role ANALYST and a user ANA holding it, and
// logs ANA in on the same account file, so a test switches between the two with `asAdmin()` and
// `asAnalyst()` and asserts with the usual helpers.

import Foundation
import XCTest
@testable import Engine

class AccessControlTestCase: EngineTestCase {
    var admin: Session!
    var analyst: Session!

    override func setUpWithError() throws {
        try super.setUpWithError()
        admin = session
        try script("""
            create role analyst;
            create user ana default_role = analyst;
            grant role analyst to user ana
            """)
        analyst = try login("ana")
    }

    /// Another user's session on this account; with no role, the user's default role.
    func login(_ user: String, role: String? = nil, database: String? = nil) throws -> Session {
        let other = Session(store: admin.store, user: user, clock: { EngineTestCase.fixedDate }, sessionID: 43)
        try other.login(role: role, warehouse: nil, database: database, schema: nil)
        return other
    }

    func asAdmin() { session = admin }
    func asAnalyst() { session = analyst }

    /// The 003001 text for an object kind and name.
    func insufficient(_ kind: String, _ name: String) -> String {
        "003001 (42501): SQL access control error:\nInsufficient privileges to operate on \(kind) '\(name)'"
    }

    /// The 002003 text for a kind and name: SQLSTATE 42S02 for relations, 02000 for the rest.
    func missing(_ kind: String, _ name: String) -> String {
        let state = ["Object", "Table", "View", "Event table"].contains(kind) ? "42S02" : "02000"
        return "002003 (\(state)): SQL compilation error:\n\(kind) '\(name)' does not exist or not authorized."
    }

    static let useFailed = "002043 (02000): SQL compilation error:\nObject does not exist, or operation cannot be performed."
}
