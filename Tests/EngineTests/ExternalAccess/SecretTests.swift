// Secrets (spec §6.2): CREATE SECRET as install.sql sends it (IDENTIFIER($SECRET_NAME), a
// GENERIC_STRING), PASSWORD and OAUTH2 secrets, SHOW SECRETS and DESC SECRET columns (GENERIC for
// generic strings), ALTER SECRET, DROP, the errors with their exact texts, and the privileges a
// non-admin role needs. Above all: the secret's values are stored apart (sl_secret_value) and
// reach no result cell, SHOW, DESC, INFORMATION_SCHEMA view or error message — every result and
// error these tests produce goes through `checked` / `checkedError`, which search it for the values.
// `Catalog.secretValue` is the one way back to them.

import Foundation
import XCTest
@testable import Engine

final class SecretTests: AccessControlTestCase {
    static let token = "ghp_TopSecretToken123"
    static let password = "hunter2-Pa55"
    static let refreshToken = "refresh-xyz-987"
    static let secrets = [token, password, refreshToken]

    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("""
            create database d;
            grant usage on database d to role analyst;
            grant usage on schema d.public to role analyst
            """)
    }

    /// Runs a statement and asserts no cell (nor column name) of its result holds a secret value.
    @discardableResult
    func checked(_ sql: String, file: StaticString = #filePath, line: UInt = #line) throws -> ResultSet {
        let result = try run(sql, file: file, line: line)
        let texts = result.columns.map(\.name) + result.rows.flatMap { $0.map { $0.displayText() ?? "" } }
        for text in texts {
            for secret in SecretTests.secrets where text.contains(secret) {
                XCTFail("\(sql) returned the secret value in '\(text)'", file: file, line: line)
            }
        }
        return result
    }

    /// Asserts the exact error and that it holds no secret value.
    func checkedError(_ sql: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        assertError(sql, expected, file: file, line: line)
        do {
            _ = try session.execute(sql)
        } catch {
            let text = String(describing: error)
            for secret in SecretTests.secrets where text.contains(secret) {
                XCTFail("error for \(sql) shows the secret value: \(text)", file: file, line: line)
            }
        }
    }

    func value(_ database: String = "D", _ schema: String = "PUBLIC", name: String) throws -> SecretValue? {
        try session.store.queue.read { db in try Catalog(db: db).secretValue(database: database, schema: schema, name: name) }
    }

    func testInstallScriptSecretIsCreatedAndNeverShown() throws {
        try run("set SECRET_NAME = 'd' || '.public.github_token'")
        XCTAssertEqual(try checked("CREATE OR REPLACE SECRET IDENTIFIER($SECRET_NAME) TYPE=GENERIC_STRING SECRET_STRING='\(SecretTests.token)'")
                        .rows.first?.first?.displayText(), "Secret GITHUB_TOKEN successfully created.")
        XCTAssertEqual(try value(name: "GITHUB_TOKEN"), .genericString(SecretTests.token))

        let shown = try checked("show secrets")
        XCTAssertEqual(shown.columns.map(\.name), ["created_on", "name", "schema_name", "database_name", "owner", "comment",
                                                   "secret_type", "oauth_scopes", "owner_role_type"])
        XCTAssertEqual(shown.rows.map { Array($0.dropFirst().map { $0.displayText() ?? "NULL" }) },
                       [["GITHUB_TOKEN", "PUBLIC", "D", "ACCOUNTADMIN", "", "GENERIC", "NULL", "ROLE"]])
        let described = try checked("desc secret d.public.github_token")
        XCTAssertEqual(described.columns.map(\.name), [
            "created_on", "name", "schema_name", "database_name", "owner", "comment", "secret_type", "username",
            "oauth_access_token_expiry_time", "oauth_refresh_token_expiry_time", "oauth_scopes", "integration_name",
            "algorithm", "key_length", "workload_identity_federation_issuer", "workload_identity_federation_subject"])
        XCTAssertEqual(described.rows.first?[6].displayText(), "GENERIC")

        // Nothing SQL can read holds the value.
        for sql in ["show secrets in account", "show network rules", "select * from information_schema.tables",
                    "select * from d.information_schema.columns", "select $SECRET_NAME", "show variables", "show grants on secret github_token",
                    "show grants to role accountadmin", "show databases", "show schemas"] {
            try checked(sql)
        }
        checkedError("select * from sl_secret_value", missing("Object", "SL_SECRET_VALUE"))
        checkedError("select * from main.sl_secret_value", missing("Object", "MAIN.SL_SECRET_VALUE"))
        checkedError("select * from sl_object", missing("Object", "SL_OBJECT"))
        XCTAssertNil(try value(name: "NOPE"))
    }

    func testPasswordAndOAuthSecrets() throws {
        XCTAssertEqual(try checked("create secret login type = password username = 'svc' password = '\(SecretTests.password)' comment = 'db login'")
                        .rows.first?.first?.displayText(), "Secret LOGIN successfully created.")
        XCTAssertEqual(try value(name: "LOGIN"), .password(username: "svc", password: SecretTests.password))
        XCTAssertEqual(try checked("""
            create secret oauth type = oauth2 api_authentication = my_oauth oauth_refresh_token = '\(SecretTests.refreshToken)'
              oauth_refresh_token_expiry_time = '2026-12-31 00:00:00' oauth_scopes = ('repo', 'user')
            """).rows.first?.first?.displayText(), "Secret OAUTH successfully created.")
        XCTAssertEqual(try value(name: "OAUTH"), .oauth2(integration: "MY_OAUTH", scopes: ["repo", "user"], refreshToken: SecretTests.refreshToken,
                                                         refreshTokenExpiryTime: "2026-12-31 00:00:00"))
        XCTAssertEqual(try checked("show secrets").rows.map { [$0[1], $0[5], $0[6], $0[7]].map { $0.displayText() ?? "NULL" } },
                       [["LOGIN", "db login", "PASSWORD", "NULL"], ["OAUTH", "", "OAUTH2", "[repo, user]"]])
        let login = try checked("desc secret login").rows[0].map { $0.displayText() ?? "NULL" }
        XCTAssertEqual([login[6], login[7]], ["PASSWORD", "svc"])
        let oauth = try checked("desc secret oauth").rows[0].map { $0.displayText() ?? "NULL" }
        XCTAssertEqual([oauth[6], oauth[9], oauth[10], oauth[11]], ["OAUTH2", "2026-12-31 00:00:00", "[repo, user]", "MY_OAUTH"])
    }

    func testAlterSecretChangesTheValueAndComment() throws {
        try checked("create secret s type = generic_string secret_string = 'old'")
        XCTAssertEqual(try checked("alter secret s set secret_string = '\(SecretTests.token)' comment = 'rotated'").rows.first?.first?.displayText(),
                       "Statement executed successfully.")
        XCTAssertEqual(try value(name: "S"), .genericString(SecretTests.token))
        XCTAssertEqual(try checked("show secrets").rows.first?[5].displayText(), "rotated")
        checkedError("alter secret s set password = '\(SecretTests.password)'",
                     "001007 (22023): SQL compilation error:\ninvalid property 'PASSWORD' for 'SECRET' of TYPE 'GENERIC_STRING'")
        checkedError("alter secret s set type = password", "001007 (22023): SQL compilation error:\ninvalid property 'TYPE' for 'SECRET' of TYPE 'GENERIC_STRING'")
        checkedError("alter secret nope set comment = 'x'", missing("Secret", "NOPE"))
        XCTAssertEqual(try checked("alter secret if exists nope set comment = 'x'").rows.first?.first?.displayText(), "Statement executed successfully.")
    }

    func testErrorsNeverEchoTheValue() throws {
        let t = SecretTests.token
        checkedError("create secret s type = generic secret_string = '\(t)'",
                     "001007 (22023): SQL compilation error:\ninvalid value [GENERIC] for parameter 'TYPE'")
        checkedError("create secret s secret_string = '\(t)'", "001007 (22023): SQL compilation error:\nMissing option(s): [TYPE]")
        checkedError("create secret s type = generic_string", "001007 (22023): SQL compilation error:\nMissing option(s): [SECRET_STRING]")
        checkedError("create secret s type = password username = 'u' secret_string = '\(t)'",
                     "001007 (22023): SQL compilation error:\ninvalid property 'SECRET_STRING' for 'SECRET' of TYPE 'PASSWORD'")
        checkedError("create secret s type = password username = 'u' password = 'a:\(SecretTests.password)'",
                     "001007 (22023): SQL compilation error:\ninvalid value for property 'PASSWORD': it may not contain ':'")
        checkedError("create secret s type = oauth2 oauth_scopes = ('a')", "001007 (22023): SQL compilation error:\nMissing option(s): [API_AUTHENTICATION]")
        // Syntax errors at a string inside CREATE / ALTER SECRET hide it.
        checkedError("create secret s type = generic_string secret_string = 'x' '\(t)'",
                     "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 58 unexpected '***'.")
        checkedError("create secret s type = generic_string comment = '\(t)' '\(t)'",
                     "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 72 unexpected '***'.")
        checkedError("alter secret s set secret_string '\(t)'",
                     "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 33 unexpected '***'.")
        XCTAssertEqual(try checked("show secrets").rows.count, 0)

        try checked("create secret s type = generic_string secret_string = '\(t)'")
        checkedError("create secret s type = generic_string secret_string = '\(t)'", "002002 (42710): SQL compilation error:\nObject 'S' already exists.")
        XCTAssertEqual(try checked("create secret if not exists s type = generic_string secret_string = '\(t)'").rows.first?.first?.displayText(),
                       "S already exists, statement succeeded.")
        XCTAssertEqual(try checked("drop secret s").rows.first?.first?.displayText(), "S successfully dropped.")
        XCTAssertNil(try value(name: "S"))
        checkedError("drop secret s", missing("Secret", "S"))
        checkedError("desc secret s", missing("Secret", "S"))
    }

    func testReplacingOrDroppingTheDatabaseForgetsTheValue() throws {
        try checked("create secret s type = generic_string secret_string = 'first'")
        try checked("create or replace secret s type = password username = 'u' password = '\(SecretTests.password)'")
        XCTAssertEqual(try value(name: "S"), .password(username: "u", password: SecretTests.password))
        try checked("drop database d")
        XCTAssertNil(try value(name: "S"))
        let rows = try session.store.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sl_secret_value") }
        XCTAssertEqual(rows, 0)
    }

    func testNonAdminRoleNeedsCreateSecretAndUsage() throws {
        try checked("create secret admins type = generic_string secret_string = '\(SecretTests.token)'")
        asAnalyst()
        try run("use schema d.public")
        checkedError("create secret mine type = generic_string secret_string = 'x'", insufficient("schema", "PUBLIC"))
        XCTAssertEqual(try checked("show secrets").rows.count, 0)
        checkedError("desc secret admins", missing("Secret", "ADMINS"))
        checkedError("drop secret admins", missing("Secret", "ADMINS"))

        asAdmin()
        try run("grant create secret on schema d.public to role analyst")
        try run("grant read on secret d.public.admins to role analyst")
        asAnalyst()
        XCTAssertEqual(try checked("show secrets").rows.map { $0[1].displayText() }, ["ADMINS"])
        checkedError("desc secret admins", insufficient("secret", "ADMINS"))
        checkedError("alter secret admins set secret_string = 'stolen'", insufficient("secret", "ADMINS"))
        XCTAssertEqual(try checked("create secret mine type = generic_string secret_string = '\(SecretTests.password)'").rows.first?.first?.displayText(),
                       "Secret MINE successfully created.")
        XCTAssertEqual(try checked("desc secret mine").rows.first?[4].displayText(), "ANALYST")

        asAdmin()
        try run("grant usage on secret d.public.admins to role analyst")
        asAnalyst()
        XCTAssertEqual(try checked("desc secret admins").rows.count, 1)
        checkedError("drop secret admins", insufficient("secret", "ADMINS"))
    }
}
