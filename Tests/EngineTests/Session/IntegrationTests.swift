// External access integrations (spec §6.3, §14 point 17): install.sql's whole sequence — the rule,
// the secret, the integration built in a session variable with doubled quotes and run by
// `execute immediate $CREATE_INTEGRATION`, naming its secret as a quoted string — then SHOW and
// DESC INTEGRATIONS, ALTER … SET ENABLED, DROP, the errors with their exact texts (missing rule or
// secret, a rule that is not EGRESS), the privileges (CREATE INTEGRATION on the account, USAGE on
// each secret), and the internal `Catalog.externalAccessIntegration` API procedures will bind to.
// No result or error here may hold the secret's value.

import Foundation
import XCTest
@testable import Engine

final class IntegrationTests: AccessControlTestCase {
    static let token = "ghp_IntegrationTestToken42"

    /// install.sql after `&` substitution (APP_INSTANCE_NAME = EXAMPLE_GITHUB_PYTHON_CONNECTOR_INSTANCE).
    static let installScript = """
        SET APP_INSTANCE_NAME = 'EXAMPLE_GITHUB_PYTHON_CONNECTOR' || '_INSTANCE';
        SET SECRETS_DB = $APP_INSTANCE_NAME || '_SECRETS';
        SET SECRET_NAME = $SECRETS_DB || '.public.github_token';
        USE ROLE ACCOUNTADMIN;
        CREATE OR REPLACE DATABASE IDENTIFIER($SECRETS_DB);
        USE DATABASE IDENTIFIER($SECRETS_DB);
        CREATE OR REPLACE NETWORK RULE GH_RULE
        MODE = EGRESS
        TYPE = HOST_PORT
        VALUE_LIST=('api.github.com:443');
        CREATE OR REPLACE SECRET IDENTIFIER($SECRET_NAME) TYPE=GENERIC_STRING SECRET_STRING='\(token)';
        set CREATE_INTEGRATION = 'CREATE OR REPLACE EXTERNAL ACCESS INTEGRATION GITHUB_INTEGRATION
        ALLOWED_NETWORK_RULES = (GH_RULE)
        ALLOWED_AUTHENTICATION_SECRETS = (''' || $SECRET_NAME || ''')
        ENABLED = TRUE';
        select $CREATE_INTEGRATION;
        execute immediate $CREATE_INTEGRATION
        """

    static let secretsDB = "EXAMPLE_GITHUB_PYTHON_CONNECTOR_INSTANCE_SECRETS"

    /// Runs each statement and asserts no cell of any result holds the token; returns the results.
    @discardableResult
    func checkedScript(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [ResultSet] {
        var results: [ResultSet] = []
        for statement in text.components(separatedBy: ";\n") where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            results.append(try checked(statement, file: file, line: line))
        }
        return results
    }

    @discardableResult
    func checked(_ sql: String, file: StaticString = #filePath, line: UInt = #line) throws -> ResultSet {
        let result = try run(sql, file: file, line: line)
        for text in result.rows.flatMap({ $0.map { $0.displayText() ?? "" } }) where text.contains(IntegrationTests.token) {
            XCTFail("\(sql) returned the secret value in '\(text)'", file: file, line: line)
        }
        return result
    }

    func integration(_ name: String) throws -> ExternalAccessIntegrationDefinition? {
        try session.store.queue.read { db in try Catalog(db: db).externalAccessIntegration(name: name) }
    }

    func testInstallScriptCreatesTheIntegration() throws {
        let results = try checkedScript(IntegrationTests.installScript)
        XCTAssertEqual(results.map { $0.rows.first?.first?.displayText() ?? "" }.suffix(5), [
            "Network rule GH_RULE successfully created.",
            "Secret GITHUB_TOKEN successfully created.",
            "Statement executed successfully.",
            """
            CREATE OR REPLACE EXTERNAL ACCESS INTEGRATION GITHUB_INTEGRATION
            ALLOWED_NETWORK_RULES = (GH_RULE)
            ALLOWED_AUTHENTICATION_SECRETS = ('EXAMPLE_GITHUB_PYTHON_CONNECTOR_INSTANCE_SECRETS.public.github_token')
            ENABLED = TRUE
            """,
            "Integration GITHUB_INTEGRATION successfully created.",
        ])
        let db = IntegrationTests.secretsDB
        XCTAssertEqual(try integration("GITHUB_INTEGRATION"), ExternalAccessIntegrationDefinition(
            name: "GITHUB_INTEGRATION", enabled: true, rules: ["\(db).PUBLIC.GH_RULE"],
            secrets: .names(["\(db).PUBLIC.GITHUB_TOKEN"]), apiAuthenticationIntegrations: .none))
        XCTAssertEqual(try integration("GITHUB_INTEGRATION")?.secrets.allows("\(db).PUBLIC.GITHUB_TOKEN"), true)
        XCTAssertNil(try integration("NOPE"))

        let shown = try checked("show integrations")
        XCTAssertEqual(shown.columns.map(\.name), ["name", "type", "category", "enabled", "comment", "created_on"])
        XCTAssertEqual(shown.rows.map { Array($0.dropLast().map { $0.displayText() ?? "NULL" }) },
                       [["GITHUB_INTEGRATION", "EXTERNAL_ACCESS", "SECURITY", "true", ""]])
        XCTAssertEqual(try checked("show external access integrations like 'github%'").rows.count, 1)
        XCTAssertEqual(try checked("show integrations like 'x%'").rows.count, 0)
        let described = try checked("desc integration github_integration")
        XCTAssertEqual(described.columns.map(\.name), ["property", "property_type", "property_value", "property_default"])
        XCTAssertEqual(try cells("describe external access integration github_integration"), [
            ["ENABLED", "Boolean", "true", "false"],
            ["ALLOWED_NETWORK_RULES", "List", "\(db).PUBLIC.GH_RULE", "[]"],
            ["ALLOWED_API_AUTHENTICATION_INTEGRATIONS", "List", "", "[]"],
            ["ALLOWED_AUTHENTICATION_SECRETS", "List", "\(db).PUBLIC.GITHUB_TOKEN", "[]"],
            ["COMMENT", "String", "", ""],
        ])
        // Running install.sql again replaces everything.
        try checkedScript(IntegrationTests.installScript)
        XCTAssertEqual(try checked("show integrations").rows.count, 1)
        try checked("show grants on integration github_integration")
    }

    func testListsAllNoneAndAlter() throws {
        try checkedScript("""
            create database d;
            create network rule r1 mode = egress type = host_port value_list = ('a.example.com');
            create network rule r2 mode = egress type = host_port value_list = ('b.example.com');
            create secret s type = generic_string secret_string = '\(IntegrationTests.token)'
            """)
        XCTAssertEqual(try status("""
            create external access integration everything enabled = false allowed_authentication_secrets = all
              allowed_network_rules = (r1, d.public.r2) allowed_api_authentication_integrations = none comment = 'all secrets'
            """), "Integration EVERYTHING successfully created.")
        XCTAssertEqual(try integration("EVERYTHING"), ExternalAccessIntegrationDefinition(
            name: "EVERYTHING", enabled: false, rules: ["D.PUBLIC.R1", "D.PUBLIC.R2"], secrets: .all, apiAuthenticationIntegrations: .none))
        XCTAssertEqual(try status("create external access integration nothing allowed_network_rules = (r1) allowed_authentication_secrets = none enabled = true"),
                       "Integration NOTHING successfully created.")
        XCTAssertEqual(try integration("NOTHING")?.secrets, AllowedObjects.none)
        XCTAssertEqual(try cells("show integrations").map { [$0[0], $0[3], $0[4]] },
                       [["EVERYTHING", "false", "all secrets"], ["NOTHING", "true", ""]])
        XCTAssertEqual(try status("alter integration everything set enabled = true"), "Statement executed successfully.")
        XCTAssertEqual(try status("alter external access integration everything set comment = 'on'"), "Statement executed successfully.")
        XCTAssertEqual(try cells("show integrations like 'EVERY%'").map { [$0[3], $0[4]] }, [["true", "on"]])
        XCTAssertEqual(try integration("EVERYTHING")?.enabled, true)

        assertError("create external access integration nothing allowed_network_rules = (r1) enabled = true",
                    "002002 (42710): SQL compilation error:\nObject 'NOTHING' already exists.")
        XCTAssertEqual(try status("create external access integration if not exists nothing allowed_network_rules = (r1) enabled = true"),
                       "NOTHING already exists, statement succeeded.")
        XCTAssertEqual(try status("drop integration nothing"), "NOTHING successfully dropped.")
        XCTAssertEqual(try status("drop integration if exists nothing"), "Drop statement executed successfully (NOTHING already dropped).")
        assertError("drop integration nothing", missing("Integration", "NOTHING"))
        assertError("desc integration nothing", missing("Integration", "NOTHING"))
        assertError("alter integration nothing set enabled = false", missing("Integration", "NOTHING"))
    }

    func testErrorsNameTheMissingOrWrongObject() throws {
        try checkedScript("""
            create database d;
            create network rule egress_rule mode = egress type = host_port value_list = ('a.example.com');
            create network rule inbound type = ipv4 value_list = ('1.2.3.4');
            create secret s type = generic_string secret_string = '\(IntegrationTests.token)'
            """)
        assertError("create external access integration i allowed_network_rules = (gh_rule) enabled = true",
                    missing("Network rule", "GH_RULE"))
        assertError("create external access integration i allowed_network_rules = (egress_rule) allowed_authentication_secrets = (nope) enabled = true",
                    missing("Secret", "NOPE"))
        assertError("create external access integration i allowed_network_rules = (egress_rule) allowed_authentication_secrets = ('d.public.nope') enabled = true",
                    missing("Secret", "D.PUBLIC.NOPE"))
        assertError("create external access integration i allowed_network_rules = (egress_rule, inbound) enabled = true",
                    "001007 (22023): SQL compilation error:\nNetwork rule 'INBOUND' cannot be used in an external access integration: its MODE is INGRESS, not EGRESS.")
        assertError("create external access integration i enabled = true", "001007 (22023): SQL compilation error:\nMissing option(s): [ALLOWED_NETWORK_RULES]")
        assertError("create external access integration i allowed_network_rules = (egress_rule)",
                    "001007 (22023): SQL compilation error:\nMissing option(s): [ENABLED]")
        assertError("create external access integration i allowed_network_rules = (egress_rule) enabled = maybe",
                    "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 85 unexpected 'maybe'.")
        assertError("create external access integration d.i allowed_network_rules = (egress_rule) enabled = true",
                    "001007 (22023): SQL compilation error:\ninvalid integration name 'D.I'")
        try run("use database d")
        try run("use schema information_schema")
        assertError("create external access integration i allowed_network_rules = (egress_rule) enabled = true",
                    missing("Network rule", "EGRESS_RULE"))
        XCTAssertEqual(try cells("show integrations").count, 0)
    }

    func testPrivilegesCreateIntegrationAndSecretUsage() throws {
        try checkedScript("""
            create database d;
            create network rule r mode = egress type = host_port value_list = ('a.example.com');
            create secret s type = generic_string secret_string = '\(IntegrationTests.token)';
            create external access integration admins allowed_network_rules = (r) enabled = true
            """)
        asAnalyst()
        assertError("create external access integration mine allowed_network_rules = (d.public.r) enabled = true",
                    insufficient("account", session.accountName))
        XCTAssertEqual(try cells("show integrations").count, 0)
        assertError("desc integration admins", missing("Integration", "ADMINS"))
        assertError("drop integration admins", missing("Integration", "ADMINS"))

        asAdmin()
        try run("grant create integration on account to role analyst")
        try run("grant usage on database d to role analyst")
        try run("grant usage on schema d.public to role analyst")
        try run("grant ownership on network rule d.public.r to role analyst")
        try run("grant usage on integration admins to role analyst")
        asAnalyst()
        XCTAssertEqual(try cells("show integrations").map { $0[0] }, ["ADMINS"])
        XCTAssertEqual(try cells("desc integration admins").count, 5)
        assertError("alter integration admins set enabled = false", insufficient("integration", "ADMINS"))
        assertError("drop integration admins", insufficient("integration", "ADMINS"))
        assertError("create external access integration mine allowed_network_rules = (d.public.r) allowed_authentication_secrets = (d.public.s) enabled = true",
                    missing("Secret", "D.PUBLIC.S"))
        asAdmin()
        try run("grant read on secret d.public.s to role analyst")
        asAnalyst()
        assertError("create external access integration mine allowed_network_rules = (d.public.r) allowed_authentication_secrets = (d.public.s) enabled = true",
                    insufficient("secret", "S"))
        asAdmin()
        try run("grant usage on secret d.public.s to role analyst")
        asAnalyst()
        XCTAssertEqual(try status("create external access integration mine allowed_network_rules = (d.public.r) allowed_authentication_secrets = (d.public.s) enabled = true"),
                       "Integration MINE successfully created.")
        XCTAssertEqual(try status("alter integration mine set enabled = false"), "Statement executed successfully.")
        XCTAssertEqual(try status("drop integration mine"), "MINE successfully dropped.")
    }
}
