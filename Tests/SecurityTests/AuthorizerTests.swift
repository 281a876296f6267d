// AuthorizerTests: the pure decisions — owners hold everything, grants hold what they name (ON TABLE
// covers event tables), a grant inside a container makes it visible, MANAGE GRANTS and grant options
// allow granting, ACCOUNTADMIN holds every account privilege, ALL is each kind's list, and role
// grants that would make a cycle are spotted.

import XCTest
@testable import Security

final class AuthorizerTests: XCTestCase {
    let table = Securable(.table, "D.PUBLIC.T", owner: "SYSADMIN")
    let database = Securable(.database, "D", owner: "SYSADMIN")

    private func authorizer(_ roles: Set<String>, _ privileges: [HeldPrivilege]) -> Authorizer {
        Authorizer(role: roles.sorted().first ?? "PUBLIC", activeRoles: roles.union(["PUBLIC"]), privileges: privileges)
    }

    func testOwnersHoldEveryPrivilege() {
        let owner = authorizer(["SYSADMIN"], [])
        XCTAssertTrue(owner.holds(.select, on: table))
        XCTAssertTrue(owner.holds(.ownership, on: table))
        XCTAssertTrue(owner.mayGrant(.insert, on: table))
        XCTAssertEqual(owner.grantor(of: .insert, on: table), "SYSADMIN")
        XCTAssertFalse(authorizer(["ANALYST"], []).holdsAnyPrivilege(on: table))
    }

    func testGrantsHoldWhatTheyName() {
        let analyst = authorizer(["ANALYST"], [HeldPrivilege(.insert, on: .table, "D.PUBLIC.T")])
        XCTAssertTrue(analyst.holds(.insert, on: table))
        XCTAssertFalse(analyst.holds(.select, on: table))
        XCTAssertTrue(analyst.holdsAnyPrivilege(on: table))
        XCTAssertFalse(analyst.mayGrant(.insert, on: table))
        XCTAssertTrue(analyst.holds(.insert, on: Securable(.eventTable, "D.PUBLIC.T", owner: "X")))
        // The database is not itself granted, but shows through the table inside it.
        XCTAssertFalse(analyst.holdsAnyPrivilege(on: database))
        XCTAssertTrue(analyst.holdsGrantInside(database))
        XCTAssertFalse(analyst.holdsGrantInside(Securable(.database, "DX", owner: "")))
    }

    func testGrantOptionAndManageGrants() {
        let withOption = authorizer(["ANALYST"], [HeldPrivilege(.select, on: .table, "D.PUBLIC.T", grantOption: true)])
        XCTAssertTrue(withOption.mayGrant(.select, on: table))
        XCTAssertFalse(withOption.mayGrant(.insert, on: table))
        XCTAssertEqual(withOption.grantor(of: .select, on: table), "ANALYST")
        let security = authorizer(["SECURITYADMIN"], [HeldPrivilege(.manageGrants, on: .account, "")])
        XCTAssertTrue(security.mayGrant(.insert, on: table))
        XCTAssertFalse(security.holds(.insert, on: table))
        XCTAssertEqual(security.grantor(of: .insert, on: table), "SYSADMIN")
    }

    func testAccountAdminHoldsTheAccount() {
        XCTAssertTrue(authorizer(["ACCOUNTADMIN"], []).holds(.createIntegration, on: .account))
        XCTAssertFalse(authorizer(["SYSADMIN"], []).holds(.createDatabase, on: .account))
        XCTAssertTrue(authorizer(["SYSADMIN"], [HeldPrivilege(.createDatabase, on: .account, "")]).holds(.createDatabase, on: .account))
    }

    func testKindsAndTheirPrivileges() {
        XCTAssertEqual(SecurableKind(word: "EVENT TABLE"), .eventTable)
        XCTAssertEqual(SecurableKind(word: "TABLES", plural: true), .table)
        XCTAssertEqual(SecurableKind(word: "APPLICATION PACKAGE"), .applicationPackage)
        XCTAssertEqual(SecurableKind.view.privileges, [.select, Privilege("REFERENCES")])
        XCTAssertTrue(SecurableKind.schema.privileges.contains(.create(.table)))
        XCTAssertTrue(SecurableKind.schema.privileges.contains(Privilege("CREATE EVENT TABLE")))
        XCTAssertFalse(SecurableKind.table.privileges.contains(.ownership))
        XCTAssertEqual(SecurableKind.table.messageWord, "table")
    }

    func testRoleCycles() {
        let graph = RoleGraph([RoleGrant(role: "A", grantee: .role("B")), RoleGrant(role: "B", grantee: .role("C"))])
        XCTAssertTrue(graph.wouldCreateCycle(granting: "C", to: "A"))
        XCTAssertTrue(graph.wouldCreateCycle(granting: "A", to: "A"))
        XCTAssertFalse(graph.wouldCreateCycle(granting: "A", to: "C"))
        XCTAssertFalse(graph.wouldCreateCycle(granting: "A", to: "PUBLIC"))
    }
}
