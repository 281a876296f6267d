// External access bound to procedures (spec §6.4): ALTER PROCEDURE … SET SECRETS = (…)
// EXTERNAL_ACCESS_INTEGRATIONS = (…) checks that the owner (here the application) holds USAGE on
// each integration and READ on each secret, and that an integration allows each secret; a Swift
// handler then reads its secret by alias only and sends requests under an EgressPolicy made of
// its integrations' rules. Inside an application, either may be a reference the consumer bound.
// The secret's value never appears in a result, an error, SHOW or DESC.

import Foundation
import Security
import XCTest
@testable import Engine

final class ExternalAccessBindingTests: AccessControlTestCase {
    static let token = "ghp_binding_test_value_0123456789"

    static let manifest = """
        manifest_version: 1
        artifacts:
          setup_script: setup.sql
        references:
          - consumer_integration:
              label: "GitHub access"
              description: "Reaches api.github.com"
              privileges: [USAGE]
              object_type: EXTERNAL ACCESS INTEGRATION
              register_callback: public.register_reference
              configuration_callback: public.get_configuration
          - consumer_secret:
              label: "GitHub token"
              description: "Authenticates to GitHub"
              privileges: [READ]
              object_type: SECRET
              register_callback: public.register_reference
              configuration_callback: public.get_configuration
        """
    static let setup = """
        create or alter versioned schema public;
        create application role app_user;
        grant usage on schema public to application role app_user;
        create procedure public.reader() returns string language python runtime_version = '3.11' handler = 'connector.reader';
        create procedure public.bind_by_name() returns string language python runtime_version = '3.11' handler = 'connector.bind';
        create procedure public.bind_by_reference() returns string language sql as $$
          begin
            alter procedure public.reader() set external_access_integrations = (reference('consumer_integration'))
              secrets = ('token' = reference('consumer_secret'));
            return 'bound';
          end;
          $$;
        create procedure public.register_reference(ref_name string, operation string, ref_or_alias string)
          returns string language sql as 'select system$set_reference(:ref_name, :ref_or_alias)';
        create procedure public.get_configuration(ref_name string) returns string language sql as 'select null';
        grant usage on procedure public.reader() to application role app_user;
        grant usage on procedure public.bind_by_name() to application role app_user;
        grant usage on procedure public.bind_by_reference() to application role app_user;
        grant usage on procedure public.register_reference(string, string, string) to application role app_user;
        """

    /// Reads the secret by alias (without returning it) and asks the policy about two URLs.
    struct Reader: ProcedureHandler {
        func call(_ context: ProcedureContext) throws -> ScriptOutcome {
            let matches = try context.genericString("token") == ExternalAccessBindingTests.token
            let decisions = try ["https://api.github.com/repos/o/r/issues", "https://example.com/"].map { url -> String in
                if case .allowed(let integration, _, _) = context.egressPolicy.decide(try EgressURL.parse(url)) { return "allowed by \(integration)" }
                return "denied"
            }
            return .value(.string("\(try context.secretType("token")) \(matches ? "matches" : "differs"); " + decisions.joined(separator: ", ")), .string)
        }
    }

    /// What the quickstart's PROVISION_CONNECTOR does: binds the consumer's objects by name.
    struct Binder: ProcedureHandler {
        func call(_ context: ProcedureContext) throws -> ScriptOutcome {
            _ = try context.sql("""
                alter procedure public.reader() set secrets = ('token' = s.public.github_token)
                  external_access_integrations = (github_integration)
                """)
            return .value(.string("bound"), .string)
        }
    }

    private var fixture: ApplicationFixture!

    override func setUpWithError() throws {
        try super.setUpWithError()
        for session in [admin!, analyst!] {
            session.procedureRegistry.register("connector.reader", Reader())
            session.procedureRegistry.register("connector.bind", Binder())
        }
        fixture = try ApplicationFixture()
        try script("""
            create database d;
            create stage d.public.artifacts;
            create database s;
            create network rule s.public.gh_rule mode = egress type = host_port value_list = ('api.github.com');
            create secret s.public.github_token type = generic_string secret_string = '\(Self.token)';
            create secret s.public.other_token type = generic_string secret_string = 'not-allowed';
            create external access integration github_integration allowed_network_rules = (s.public.gh_rule)
              allowed_authentication_secrets = (s.public.github_token) enabled = true
            """)
        try fixture.addVersion("v1", files: ["manifest.yml": Self.manifest, "setup.sql": Self.setup], in: session)
        try run("create application app from application package pkg using version v1")
    }

    override func tearDownWithError() throws {
        fixture.remove()
        try super.tearDownWithError()
    }

    func testTheApplicationBindsOnlyWhatTheConsumerGranted() throws {
        assertError("call app.public.bind_by_name()", missing("Integration", "GITHUB_INTEGRATION"))
        try run("grant usage on integration github_integration to application app")
        assertError("call app.public.bind_by_name()", missing("Secret", "S.PUBLIC.GITHUB_TOKEN"))
        try run("grant usage on database s to application app")
        try run("grant usage on schema s.public to application app")
        // Reaching the schema is not enough: the secret needs READ.
        assertError("call app.public.bind_by_name()", missing("Secret", "S.PUBLIC.GITHUB_TOKEN"))
        try run("grant read on secret s.public.github_token to application app")
        XCTAssertEqual(try cells("call app.public.bind_by_name()"), [["bound"]])
        XCTAssertEqual(try cells("call app.public.reader()"),
                       [["GENERIC_STRING matches; allowed by GITHUB_INTEGRATION, denied"]])

        // A revoked grant is noticed at the next CALL, not only at binding time.
        try run("revoke read on secret s.public.github_token from application app")
        assertError("call app.public.reader()", missing("Secret", "S.PUBLIC.GITHUB_TOKEN"))
        // And the value shows nowhere.
        for statement in ["desc secret s.public.github_token", "show secrets in database s", "show grants to application app"] {
            XCTAssertFalse(try cells(statement).joined().joined().contains(Self.token), statement)
        }
    }

    func testReferencesBindTheConsumersObjectsWithoutGrants() throws {
        assertError("call app.public.bind_by_reference()", """
            505027 (23001): Uncaught exception of type 'STATEMENT_ERROR' on line 3 at position 4 : Reference 'CONSUMER_INTEGRATION' \
            of application 'APP' is not bound to an object; the consumer binds it through the register callback.
            """)
        try run("""
            call app.public.register_reference('consumer_integration', 'ADD',
                system$reference('external_access_integration', 'github_integration', 'persistent', 'usage'))
            """)
        try run("""
            call app.public.register_reference('consumer_secret', 'ADD', system$reference('secret', 's.public.github_token', 'persistent', 'read'))
            """)
        XCTAssertEqual(try cells("call app.public.bind_by_reference()"), [["bound"]])
        XCTAssertEqual(try cells("call app.public.reader()"),
                       [["GENERIC_STRING matches; allowed by GITHUB_INTEGRATION, denied"]])
        XCTAssertEqual(try cells("show grants to application app"), [])
    }

    func testEverySecretMustBeAllowedByAnIntegration() throws {
        try run("create procedure d.public.reader() returns string language python runtime_version = '3.11' handler = 'connector.reader'")
        assertError("""
            alter procedure d.public.reader() set secrets = ('token' = s.public.other_token) external_access_integrations = (github_integration)
            """, """
            001007 (22023): SQL compilation error:
            Secret 'S.PUBLIC.OTHER_TOKEN' (alias 'token') is not allowed by any external access integration of the procedure; \
            list it in ALLOWED_AUTHENTICATION_SECRETS.
            """)
        assertError("alter procedure d.public.reader() set secrets = ('token' = s.public.github_token)", """
            001007 (22023): SQL compilation error:
            Secret 'S.PUBLIC.GITHUB_TOKEN' (alias 'token') is not allowed by any external access integration of the procedure; \
            list it in ALLOWED_AUTHENTICATION_SECRETS.
            """)
        assertError("""
            create procedure d.public.other() returns string language python handler = 'connector.reader'
              external_access_integrations = (nope)
            """, missing("Integration", "NOPE"))
        // Bound without the alias the handler asks for: an error naming the alias, never a value.
        try run("alter procedure d.public.reader() set external_access_integrations = (github_integration)")
        assertError("call d.public.reader()", """
            100357 (P0000): Secret alias 'token' is not bound to procedure D.PUBLIC.READER; \
            bind it with ALTER PROCEDURE … SET SECRETS = ('token' = <secret>).
            """)
        try run("alter procedure d.public.reader() set secrets = ('token' = s.public.github_token)")
        XCTAssertEqual(try cells("call d.public.reader()"), [["GENERIC_STRING matches; allowed by GITHUB_INTEGRATION, denied"]])
        // A disabled integration still binds, but allows nothing.
        try run("alter external access integration github_integration set enabled = false")
        XCTAssertEqual(try cells("call d.public.reader()"), [["GENERIC_STRING matches; denied, denied"]])
    }
}
