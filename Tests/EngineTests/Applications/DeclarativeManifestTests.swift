// DeclarativeManifest (issue 20, item 2): a data-only package's manifest is read as the manifest
// reference describes it — roles with optional comments, databases → schemas → tables and views,
// roles inherited from the schema unless an object names its own (`[]`: the owner's only) — and
// what breaks its rules, or what Snowlite cannot share, is refused with the reason.

import XCTest

@testable import Engine

final class DeclarativeManifestTests: XCTestCase {
    func message(_ text: String) -> String {
        do {
            _ = try DeclarativeManifest.read(text)
            return "read"
        } catch let error as SnowflakeError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    func testRolesSchemasAndObjectsAreRead() throws {
        let manifest = try DeclarativeManifest.read(
            """
            roles:
              - sales:
                  comment: "Sales team"
              - marketing
            shared_content:
              required_databases: [ref]
              databases:
                - sales_db:
                    schemas:
                      - orders:
                          roles: [sales, marketing]
                          tables:
                            - january:
                            - february:
                                roles: [sales]
                          views:
                            - summary:
                                roles: []
            """)
        XCTAssertEqual(manifest.roles, [.init(name: "SALES", comment: "Sales team"), .init(name: "MARKETING", comment: nil)])
        XCTAssertEqual(manifest.requiredDatabases, ["REF"])
        XCTAssertEqual(manifest.databases, ["SALES_DB"])
        XCTAssertEqual(
            manifest.schemas,
            [
                .init(
                    database: "SALES_DB", name: "ORDERS", roles: ["SALES", "MARKETING"],
                    objects: [
                        .init(name: "JANUARY", kind: .table, roles: ["SALES", "MARKETING"]),
                        .init(name: "FEBRUARY", kind: .table, roles: ["SALES"]),
                        .init(name: "SUMMARY", kind: .view, roles: []),
                    ])
            ])
    }

    func testBrokenRulesAreRefusedWithTheReason() {
        XCTAssertEqual(message("roles: [a]\n"), "Invalid manifest: The manifest field 'shared_content' is required.")
        XCTAssertEqual(
            message(
                "shared_content:\n  databases:\n    - d:\n        schemas:\n          - s:\n              roles: [nobody]\n              tables:\n                - t:\n"
            ),
            "Invalid manifest: The role 'NOBODY' in 'shared_content.databases.D.schemas.S.roles' is not defined in 'roles'.")
        XCTAssertEqual(
            message(
                "roles: [a, b]\nshared_content:\n  databases:\n    - d:\n        schemas:\n          - s:\n              roles: [a]\n              tables:\n                - t:\n                    roles: [b]\n"
            ),
            "Invalid manifest: The role 'B' of 'shared_content.databases.D.schemas.S.tables.T' is not among the roles of its schema.")
        XCTAssertEqual(
            message("shared_content:\n  databases:\n    - d:\n        schemas:\n          - s:\n              roles: []\n"),
            "Invalid manifest: 'shared_content.databases.D.schemas.S' must share at least one table or view.")
        XCTAssertEqual(message("manifest_version: 1\nshared_content: {}\n"), "Invalid manifest: Invalid value '1' provided for 'manifest_version'")
    }

    func testWhatSnowliteCannotShareIsRefusedByName() {
        XCTAssertEqual(
            message("shared_content:\n  databases:\n    - d:\n        schemas:\n          - s:\n              functions:\n                - f:\n"),
            "SQL compilation error:\nUnsupported feature 'functions in 'shared_content.databases.D.schemas.S' (shared by copy); Snowlite shares tables and views'."
        )
        XCTAssertEqual(
            message("application_content:\n  workspaces:\n    - w:\n        source: w/\nshared_content: {}\n"),
            "SQL compilation error:\nUnsupported feature 'application_content (workspaces and notebooks) in a declarative package; Snowlite shares tables and views'."
        )
    }
}
