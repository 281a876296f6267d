// EgressPolicy and EgressURL: how a request's URL is read (scheme, host without userinfo, effective
// port, path and query; anything ambiguous refused), and the decision for a running procedure:
// allowed only by a rule of an ENABLED bound integration matching host and port, denied otherwise
// with a message that names host:port, the procedure and why.

import XCTest
@testable import Security

final class EgressPolicyTests: XCTestCase {
    private func url(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> EgressURL {
        do { return try EgressURL.parse(text) } catch {
            XCTFail("'\(text)' should parse: \(error)", file: file, line: line)
            return EgressURL(scheme: "https", host: .domain("unreachable.invalid"), port: 443, pathAndQuery: "/")
        }
    }

    private func integration(_ name: String, enabled: Bool = true, _ values: String...) throws -> EgressIntegration {
        EgressIntegration(name: name, enabled: enabled, rules: [try EgressNetworkRule(name: name + "_RULE", valueList: values)])
    }

    private func policy(_ integrations: EgressIntegration...) -> EgressPolicy {
        EgressPolicy(procedure: "GH_DB.CONNECTOR.FETCH_ISSUES", integrations: integrations)
    }

    // MARK: - URLs

    func testURLParts() {
        let parsed = url("HTTPS://API.GitHub.com./repos/a/b/issues?page=2&per_page=100#frag")
        XCTAssertEqual(parsed.scheme, "https")
        XCTAssertEqual(parsed.host, .domain("api.github.com"))
        XCTAssertEqual(parsed.port, 443)
        XCTAssertEqual(parsed.pathAndQuery, "/repos/a/b/issues?page=2&per_page=100")
        XCTAssertEqual(parsed.hostPort, "api.github.com:443")
        XCTAssertEqual(parsed.description, "https://api.github.com/repos/a/b/issues?page=2&per_page=100")
    }

    func testEffectivePorts() {
        XCTAssertEqual(url("http://example.com").port, 80)
        XCTAssertEqual(url("http://example.com:8080/").port, 8080)
        XCTAssertEqual(url("https://example.com:/x").port, 443)
        XCTAssertEqual(url("http://example.com:80/").description, "http://example.com/")
        XCTAssertEqual(url("http://example.com?q=1").pathAndQuery, "/?q=1")
        XCTAssertEqual(url("http://127.0.0.1:8123").origin, "http://127.0.0.1:8123")
    }

    func testUserinfoIsNeverTheHost() {
        let parsed = url("https://api.github.com@127.0.0.1/")
        XCTAssertEqual(parsed.host, .ipv4(0x7F00_0001))
        XCTAssertEqual(parsed.port, 443)
        XCTAssertEqual(parsed.description, "https://127.0.0.1/")
        XCTAssertEqual(url("https://user:pass@api.github.com:443@evil.example:8443/").hostPort, "evil.example:8443")
        XCTAssertEqual(url("https://api.github.com/@evil.example").host, .domain("api.github.com"))
    }

    func testIPLiteralURLs() {
        XCTAssertEqual(url("http://[::1]:8080/x").hostPort, "[::1]:8080")
        XCTAssertEqual(url("http://[::1]/x").description, "http://[::1]/x")
        XCTAssertEqual(url("http://127.1:8080/").description, "http://127.0.0.1:8080/")
    }

    func testAmbiguousURLsAreRefused() {
        for text in ["api.github.com/x", "https://", "https:///x", "https://a b.com/", "https://a.com/ x",
                     "https://a.com\\@b.com/", "https://caf\u{E9}.com/", "https://a%2eb.com/", "https://a.com:99999/",
                     "https://a.com:0/", "https://a.com:8o/", "https://[::1/", "https://[::1]x/", "1https://a.com/",
                     "https://a..com/", "https://a.com\n/"] {
            XCTAssertThrowsError(try EgressURL.parse(text), text) { error in
                XCTAssertTrue((error as? EgressURLError)?.description.hasPrefix("Invalid URL '") ?? false)
            }
        }
    }

    // MARK: - Decisions

    func testAllowedByAnEnabledIntegrationsRule() throws {
        let decision = policy(try integration("GH_EAI", "api.github.com")).decide(url("https://api.github.com/user"))
        XCTAssertEqual(decision, .allowed(integration: "GH_EAI", rule: "GH_EAI_RULE", value: "api.github.com"))
        XCTAssertTrue(decision.isAllowed)
    }

    func testTheFirstMatchingRuleIsNamed() throws {
        let rules = policy(try integration("A", enabled: false, "api.github.com"), try integration("B", "0.0.0.0:443"),
                           try integration("C", "api.github.com"))
        XCTAssertEqual(rules.decide(url("https://api.github.com/")), .allowed(integration: "B", rule: "B_RULE", value: "0.0.0.0:443"))
    }

    func testWrongPortOtherHostAndCase() throws {
        let rules = policy(try integration("GH_EAI", "api.github.com", "uploads.github.com:8443"))
        XCTAssertEqual(rules.decide(url("http://api.github.com/")), .denied(.noMatchingRule))
        XCTAssertEqual(rules.decide(url("https://api.github.com:8443/")), .denied(.noMatchingRule))
        XCTAssertEqual(rules.decide(url("https://github.com/")), .denied(.noMatchingRule))
        XCTAssertTrue(rules.decide(url("https://API.GITHUB.COM./")).isAllowed)
        XCTAssertTrue(rules.decide(url("https://uploads.github.com:8443/")).isAllowed)
    }

    func testUserinfoCannotSmuggleAnAllowedHost() throws {
        let rules = policy(try integration("GH_EAI", "api.github.com"))
        XCTAssertEqual(rules.decide(url("https://api.github.com@127.0.0.1/")), .denied(.noMatchingRule))
    }

    func testIPLiteralsNeedARuleNamingThem() throws {
        let domainOnly = policy(try integration("E", "localhost:8123", "*.example.com:0"))
        XCTAssertEqual(domainOnly.decide(url("http://127.0.0.1:8123/")), .denied(.noMatchingRule))
        let literal = policy(try integration("E", "127.0.0.1:8123"))
        XCTAssertTrue(literal.decide(url("http://127.0.0.1:8123/")).isAllowed)
        XCTAssertTrue(literal.decide(url("http://127.1:8123/")).isAllowed)
        XCTAssertEqual(literal.decide(url("http://localhost:8123/")), .denied(.noMatchingRule))
    }

    func testDisabledAndMissingIntegrations() throws {
        XCTAssertEqual(policy().decide(url("https://api.github.com/")), .denied(.noIntegration))
        let disabled = policy(try integration("GH_EAI", enabled: false, "api.github.com"))
        XCTAssertEqual(disabled.decide(url("https://api.github.com/")), .denied(.integrationsDisabled(["GH_EAI"])))
        let mixed = policy(try integration("OFF", enabled: false, "api.github.com"), try integration("ON", "example.com"))
        XCTAssertEqual(mixed.decide(url("https://api.github.com/")), .denied(.noMatchingRule))
        let empty = policy(EgressIntegration(name: "EMPTY", enabled: true, rules: []))
        XCTAssertEqual(empty.decide(url("https://api.github.com/")), .denied(.noMatchingRule))
    }

    func testOnlyHTTPAndHTTPS() throws {
        let rules = policy(try integration("ANY", "0.0.0.0:443", "ftp.example.com:0"))
        XCTAssertEqual(rules.decide(url("ftp://ftp.example.com/")), .denied(.unsupportedScheme("ftp")))
        XCTAssertEqual(rules.decide(url("file://localhost/etc/passwd")), .denied(.unsupportedScheme("file")))
    }

    func testDenialMessages() throws {
        let target = url("https://api.github.com/user")
        let rules = policy()
        XCTAssertEqual(rules.denialMessage(for: target, .noMatchingRule),
                       "Request to api.github.com:443 denied: no network rule of the integrations bound to procedure "
                       + "'GH_DB.CONNECTOR.FETCH_ISSUES' allows it.")
        XCTAssertEqual(rules.denialMessage(for: target, .noIntegration),
                       "Request to api.github.com:443 denied: no network rule of the integrations bound to procedure "
                       + "'GH_DB.CONNECTOR.FETCH_ISSUES' allows it (the procedure has no external access integration).")
        XCTAssertEqual(rules.denialMessage(for: target, .integrationsDisabled(["A", "B"])),
                       "Request to api.github.com:443 denied: no network rule of the integrations bound to procedure "
                       + "'GH_DB.CONNECTOR.FETCH_ISSUES' allows it (integrations 'A', 'B' are disabled).")
        XCTAssertEqual(rules.denialMessage(for: url("ftp://x.example.com/"), .unsupportedScheme("ftp")),
                       "Request to ftp://x.example.com denied: scheme 'ftp' is not allowed; procedure "
                       + "'GH_DB.CONNECTOR.FETCH_ISSUES' may use only http and https.")
    }

    func testAnInvalidStoredValueIsReportedWhenRulesAreBuilt() {
        XCTAssertThrowsError(try EgressNetworkRule(name: "R", valueList: ["api.github.com", "*.com"])) { error in
            XCTAssertEqual((error as? HostPortRuleError)?.value, "*.com")
        }
    }
}
