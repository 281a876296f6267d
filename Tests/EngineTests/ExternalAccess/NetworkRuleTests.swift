// Network rules (spec §6.1): CREATE NETWORK RULE as install.sql sends it and in every property
// order and case, HOST_PORT values validated at CREATE with HostPortRule's message, MODE defaulting
// to INGRESS, SHOW and DESCRIBE columns, DROP, the errors with their exact texts, the privileges a
// non-admin role needs (CREATE NETWORK RULE on the schema, OWNERSHIP to drop), and the internal
// `Catalog.networkRule` API the egress policy will read.

import Foundation
import XCTest
@testable import Engine

final class NetworkRuleTests: AccessControlTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("""
            create database d;
            grant usage on database d to role analyst;
            grant usage on schema d.public to role analyst
            """)
    }

    func testInstallScriptRuleIsCreatedAndShown() throws {
        XCTAssertEqual(try status("""
            CREATE OR REPLACE NETWORK RULE GH_RULE
            MODE = EGRESS
            TYPE = HOST_PORT
            VALUE_LIST=('api.github.com:443')
            """), "Network rule GH_RULE successfully created.")
        let shown = try run("show network rules")
        XCTAssertEqual(shown.columns.map(\.name), ["created_on", "name", "database_name", "schema_name", "owner", "comment", "type",
                                                   "mode", "entries_in_valuelist", "owner_role_type"])
        XCTAssertEqual(shown.rows.map { Array($0.dropFirst().map { $0.displayText() ?? "NULL" }) },
                       [["GH_RULE", "D", "PUBLIC", "ACCOUNTADMIN", "", "HOST_PORT", "EGRESS", "1", "ROLE"]])
        let described = try run("desc network rule gh_rule")
        XCTAssertEqual(described.columns.map(\.name), ["created_on", "name", "database_name", "schema_name", "owner", "comment",
                                                       "type", "mode", "value_list"])
        XCTAssertEqual(try cells("describe network rule d.public.gh_rule").map { Array($0.dropFirst()) },
                       [["GH_RULE", "D", "PUBLIC", "ACCOUNTADMIN", "", "HOST_PORT", "EGRESS", "api.github.com:443"]])
        // OR REPLACE replaces the rule.
        XCTAssertEqual(try status("create or replace network rule gh_rule type = host_port value_list = ('a.example.com', 'b.example.com:8080') mode = egress"),
                       "Network rule GH_RULE successfully created.")
        XCTAssertEqual(try cells("show network rules").map { $0[8] }, ["2"])
    }

    func testPropertiesInAnyOrderAndCaseModeDefaultsToIngress() throws {
        XCTAssertEqual(try status("create network rule r1 comment = 'inbound' value_list = ('10.0.0.0/8') type = ipv4"),
                       "Network rule R1 successfully created.")
        XCTAssertEqual(try status("Create Network Rule r2 Value_List = ('*.example.com:0') Mode = Egress Type = Host_Port"),
                       "Network rule R2 successfully created.")
        XCTAssertEqual(try cells("show network rules").map { [$0[1], $0[5], $0[6], $0[7]] },
                       [["R1", "inbound", "IPV4", "INGRESS"], ["R2", "", "HOST_PORT", "EGRESS"]])
        XCTAssertEqual(try cells("show network rules like 'r2'").map { $0[1] }, ["R2"])
        XCTAssertEqual(try cells("show network rules in schema d.public starts with 'R1'").map { $0[1] }, ["R1"])
        XCTAssertEqual(try cells("show network rules in account limit 1").count, 1)
    }

    func testInternalAPIReadsTheRule() throws {
        try run("create network rule gh_rule mode = egress type = host_port value_list = ('api.github.com:443', 'uploads.github.com')")
        let rule = try session.store.queue.read { db in try Catalog(db: db).networkRule(database: "D", schema: "PUBLIC", name: "GH_RULE") }
        XCTAssertEqual(rule, NetworkRuleDefinition(type: "HOST_PORT", mode: "EGRESS",
                                                   values: ["api.github.com:443", "uploads.github.com"]))
        XCTAssertNil(try session.store.queue.read { db in try Catalog(db: db).networkRule(database: "D", schema: "PUBLIC", name: "NONE") })
    }

    func testErrorsHaveExactTexts() throws {
        assertError("create network rule bad type = host_port value_list = ('*.com') mode = egress",
                    "001007 (22023): SQL compilation error:\nInvalid value '*.com' for network rule of type HOST_PORT")
        assertError("create network rule bad type = host_port value_list = ('ok.example.com', 'a.b:99999') mode = egress",
                    "001007 (22023): SQL compilation error:\nInvalid value 'a.b:99999' for network rule of type HOST_PORT")
        assertError("create network rule bad type = hostport value_list = ('a.com')",
                    "001007 (22023): SQL compilation error:\ninvalid value [HOSTPORT] for parameter 'TYPE'")
        assertError("create network rule bad type = host_port value_list = ('a.com') mode = outbound",
                    "001007 (22023): SQL compilation error:\ninvalid value [OUTBOUND] for parameter 'MODE'")
        assertError("create network rule bad value_list = ('a.com')", "001007 (22023): SQL compilation error:\nMissing option(s): [TYPE]")
        assertError("create network rule bad type = ipv4", "001007 (22023): SQL compilation error:\nMissing option(s): [VALUE_LIST]")
        assertError("create network rule bad type = ipv4 type = ipv6 value_list = ()",
                    "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 36 unexpected 'type'.")
        XCTAssertEqual(try cells("show network rules").count, 0)

        try run("create network rule r type = ipv4 value_list = ('1.2.3.4')")
        assertError("create network rule r type = ipv4 value_list = ('1.2.3.4')", "002002 (42710): SQL compilation error:\nObject 'R' already exists.")
        XCTAssertEqual(try status("create network rule if not exists r type = ipv4 value_list = ('1.2.3.4')"),
                       "R already exists, statement succeeded.")
        XCTAssertEqual(try status("drop network rule r"), "R successfully dropped.")
        assertError("drop network rule r", missing("Network rule", "R"))
        XCTAssertEqual(try status("drop network rule if exists r"), "Drop statement executed successfully (R already dropped).")
        assertError("desc network rule r", missing("Network rule", "R"))
        assertError("create network rule nowhere.public.r type = ipv4 value_list = ('1.2.3.4')", missing("Database", "NOWHERE"))
    }

    func testNonAdminRoleNeedsCreateNetworkRuleAndOwnership() throws {
        try run("create network rule admins type = ipv4 value_list = ('1.2.3.4')")
        asAnalyst()
        try run("use schema d.public")
        assertError("create network rule mine type = ipv4 value_list = ('1.2.3.4')", insufficient("schema", "PUBLIC"))
        XCTAssertEqual(try cells("show network rules").count, 0)
        assertError("desc network rule admins", missing("Network rule", "ADMINS"))
        assertError("drop network rule admins", missing("Network rule", "ADMINS"))

        asAdmin()
        try run("grant create network rule on schema d.public to role analyst")
        asAnalyst()
        XCTAssertEqual(try status("create network rule mine mode = egress type = host_port value_list = ('x.example.com')"),
                       "Network rule MINE successfully created.")
        XCTAssertEqual(try cells("show network rules").map { [$0[1], $0[4]] }, [["MINE", "ANALYST"]])
        assertError("create or replace network rule admins type = ipv4 value_list = ('1.2.3.4')", insufficient("network rule", "ADMINS"))
        XCTAssertEqual(try status("drop network rule mine"), "MINE successfully dropped.")
    }

    func testDroppingTheSchemaDropsItsRules() throws {
        try run("create schema s")
        try run("create network rule r type = ipv4 value_list = ('1.2.3.4')")
        try run("drop schema s")
        try run("use schema d.public")
        XCTAssertEqual(try cells("show network rules in database d").count, 0)
    }
}
