// RoleGraph: roles held directly, through inheritance, and PUBLIC for everyone; a cycle in the
// grants cannot loop forever.

import XCTest
@testable import Security

final class RoleGraphTests: XCTestCase {
    let systemGrants = [
        RoleGrant(role: "SECURITYADMIN", grantee: .role("ACCOUNTADMIN")),
        RoleGrant(role: "USERADMIN", grantee: .role("SECURITYADMIN")),
        RoleGrant(role: "SYSADMIN", grantee: .role("ACCOUNTADMIN")),
        RoleGrant(role: "ACCOUNTADMIN", grantee: .user("ADMIN")),
        RoleGrant(role: "ANALYST", grantee: .user("ANA")),
    ]

    func testAccountAdminInheritsTheSystemRoles() {
        XCTAssertEqual(RoleGraph(systemGrants).roles(heldBy: .user("ADMIN")),
                       ["ACCOUNTADMIN", "SECURITYADMIN", "USERADMIN", "SYSADMIN", "PUBLIC"])
    }

    func testAUserHoldsOnlyWhatWasGrantedPlusPublic() {
        let graph = RoleGraph(systemGrants)
        XCTAssertEqual(graph.roles(heldBy: .user("ANA")), ["ANALYST", "PUBLIC"])
        XCTAssertEqual(graph.roles(heldBy: .user("NOBODY")), ["PUBLIC"])
        XCTAssertEqual(graph.roles(heldBy: .role("SECURITYADMIN")), ["SECURITYADMIN", "USERADMIN", "PUBLIC"])
    }

    func testCyclesEnd() {
        let graph = RoleGraph([RoleGrant(role: "A", grantee: .role("B")), RoleGrant(role: "B", grantee: .role("A")),
                               RoleGrant(role: "A", grantee: .user("U"))])
        XCTAssertEqual(graph.roles(heldBy: .user("U")), ["A", "B", "PUBLIC"])
    }
}
