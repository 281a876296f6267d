// DescribeUserTests: DESC[RIBE] USER — one row per property Snowlite keeps, as Snowflake shows them
// (`property`, `value`, `default`, `description`, unset values as the word `null`), the password
// only ever as `********`, and who may describe whom: a user themselves, another user's owner.
// https://docs.snowflake.com/en/sql-reference/sql/desc-user

import XCTest
@testable import Engine

final class DescribeUserTests: AccessControlTestCase {
    static let descriptions = [
        "Name", "user comment associated to an object in the dictionary", "Display name of the associated object",
        "Type of the account, application package, data exchange, data exchange listing, replication group, secret, network rule, or user.",
        "Login name of the user", "First name of the user", "Middle name of the user", "Last name of the user",
        "Email address of the user", "Password of the user", "User must change the password", "Whether the entity is disabled",
        "User record will be treated as expired after specified number of days",
        "Temporary lock on the user will be removed after specified number of minutes", "Default warehouse for this user",
        "Default database namespace prefix for this user", "Primary principal of user session will be set to this role",
        "The secondary roles will be set to all roles provided here.",
        "Temporary bypass MFA for the user for a specified number of minutes", "RSA public key of the user",
        "Fingerprint of user's RSA public key.", "Second RSA public key of the user", "Fingerprint of user's second RSA public key.",
    ]

    func testEveryPropertyAsSnowflakeShowsIt() throws {
        try run("""
            create user bob password = 'Pw-Secret-1' login_name = 'bob@example.com' display_name = 'Bob B' first_name = 'Bob'
              last_name = 'Bee' email = 'bob@example.com' must_change_password = true default_role = analyst
              default_warehouse = 'WH' default_namespace = 'D.PUBLIC' type = person comment = 'a tester' rsa_public_key = 'AAEC'
            """)
        let result = try run("describe user bob")
        XCTAssertEqual(result.columns.map(\.name), ["property", "value", "default", "description"])
        XCTAssertEqual(result.columns.map(\.type), [.string, .string, .string, .string])
        let expected: [[String]] = [
            ["NAME", "BOB", "null"], ["COMMENT", "a tester", "null"], ["DISPLAY_NAME", "Bob B", "null"], ["TYPE", "PERSON", "null"],
            ["LOGIN_NAME", "BOB@EXAMPLE.COM", "null"], ["FIRST_NAME", "Bob", "null"], ["MIDDLE_NAME", "null", "null"],
            ["LAST_NAME", "Bee", "null"], ["EMAIL", "bob@example.com", "null"], ["PASSWORD", "********", "null"],
            ["MUST_CHANGE_PASSWORD", "true", "false"], ["DISABLED", "false", "false"], ["DAYS_TO_EXPIRY", "null", "null"],
            ["MINS_TO_UNLOCK", "null", "null"], ["DEFAULT_WAREHOUSE", "WH", "null"], ["DEFAULT_NAMESPACE", "D.PUBLIC", "null"],
            ["DEFAULT_ROLE", "ANALYST", "null"], ["DEFAULT_SECONDARY_ROLES", "null", "[ALL]"], ["MINS_TO_BYPASS_MFA", "null", "null"],
            // The fingerprint is SHA256: and the base64 of the SHA-256 of the key's bytes (00 01 02).
            ["RSA_PUBLIC_KEY", "AAEC", "null"], ["RSA_PUBLIC_KEY_FP", "SHA256:rksygOVuL6+D9BSm49q+nV++GJdlRMBf7RIazLhbU/w=", "null"],
            ["RSA_PUBLIC_KEY_2", "null", "null"], ["RSA_PUBLIC_KEY_2_FP", "null", "null"],
        ]
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText() ?? "NULL" } },
                       zip(expected, DescribeUserTests.descriptions).map { $0 + [$1] })
    }

    func testThePasswordIsNeverShown() throws {
        try run("create user carl")
        XCTAssertEqual(try passwordCell("desc user carl"), "null")
        try run("alter user carl set password = 'Pw-Secret-2'")
        XCTAssertEqual(try passwordCell("desc user carl"), "********")
        let everything = try cells("desc user carl").flatMap { $0 } + cells("show users").flatMap { $0 }
        XCTAssertFalse(everything.contains { $0.contains("Pw-Secret") }, "\(everything)")
        try run("alter user carl unset password")
        XCTAssertEqual(try passwordCell("desc user carl"), "null")
        // The defaults: the user's name as login and display name, nothing else set.
        XCTAssertEqual(try cells("desc user carl").prefix(5).map { [$0[0], $0[1]] },
                       [["NAME", "CARL"], ["COMMENT", "null"], ["DISPLAY_NAME", "CARL"], ["TYPE", "null"], ["LOGIN_NAME", "CARL"]])
    }

    func testAUserDescribesThemselvesAndOnlyTheOwnerDescribesOthers() throws {
        try run("create user bob")
        asAnalyst()
        XCTAssertEqual(try cells("desc user ana").prefix(1).map { [$0[0], $0[1]] }, [["NAME", "ANA"]])
        assertError("desc user bob", missing("User", "BOB"))
        assertError("describe user nosuch", missing("User", "NOSUCH"))
        asAdmin()
        try run("grant monitor on user bob to role analyst")
        asAnalyst()
        assertError("desc user bob", insufficient("user", "BOB"))
        asAdmin()
        XCTAssertEqual(try cells("desc user bob").count, 23)
        assertError("desc user nosuch", missing("User", "NOSUCH"))
        // DESC of a table named USER still describes the table.
        try script("create database d;\ncreate table user (a int)")
        XCTAssertEqual(try cells("desc user").map { $0[0] }, ["A"])
    }

    private func passwordCell(_ sql: String) throws -> String? {
        try cells(sql).first { $0[0] == "PASSWORD" }?[1]
    }
}
