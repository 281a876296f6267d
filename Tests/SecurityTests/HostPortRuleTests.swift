// HostPortRule: which VALUE_LIST entries CREATE NETWORK RULE accepts (domains, ports, port ranges,
// `:0`, `0.0.0.0`, one wildcard per value, IP literals) with the error it reports otherwise, and
// how a parsed value matches a request's host and port: case and trailing dots do not matter, a
// wildcard stands for exactly one label (never zero, never two), and an IP literal matches only a
// rule naming that same address.

import XCTest
@testable import Security

final class HostPortRuleTests: XCTestCase {
    private func rule(_ value: String, file: StaticString = #filePath, line: UInt = #line) -> HostPortRule {
        do { return try HostPortRule.parse(value) } catch {
            XCTFail("'\(value)' should parse: \(error)", file: file, line: line)
            return try! HostPortRule.parse("unreachable.example.com")
        }
    }

    private func assertInvalid(_ value: String, _ reason: HostPortRuleError.Reason,
                               file: StaticString = #filePath, line: UInt = #line) {
        do {
            let parsed = try HostPortRule.parse(value)
            XCTFail("'\(value)' should be refused, got \(parsed.host) \(parsed.ports)", file: file, line: line)
        } catch {
            XCTAssertEqual(error.reason, reason, "'\(value)'", file: file, line: line)
            XCTAssertEqual(error.message, "Invalid value '\(value)' for network rule of type HOST_PORT", file: file, line: line)
        }
    }

    // MARK: - Parsing

    func testNoPortMeans443() {
        let parsed = rule("api.github.com")
        XCTAssertEqual(parsed.host, .exact(.domain("api.github.com")))
        XCTAssertEqual(parsed.ports, .range(443...443))
        XCTAssertEqual(parsed.description, "api.github.com")
    }

    func testPortsRangesAndEveryPort() {
        XCTAssertEqual(rule("example.com:8080").ports, .range(8080...8080))
        XCTAssertEqual(rule("example.com:8000-8100").ports, .range(8000...8100))
        XCTAssertEqual(rule("example.com:0").ports, .all)
        XCTAssertEqual(rule("example.com:65535").ports, .range(65535...65535))
    }

    func testDomainsAreCaseFoldedAndLoseATrailingDot() {
        XCTAssertEqual(rule("API.GitHub.COM.").host, .exact(.domain("api.github.com")))
        XCTAssertEqual(rule("localhost:8080").host, .exact(.domain("localhost")))
    }

    func testInvalidPorts() {
        assertInvalid("example.com:", .invalidPort)
        assertInvalid("example.com:65536", .invalidPort)
        assertInvalid("example.com:http", .invalidPort)
        assertInvalid("example.com:-1", .invalidPortRange)
        assertInvalid("example.com:9000-8000", .invalidPortRange)
        assertInvalid("example.com:0-80", .invalidPortRange)
        assertInvalid("example.com:80-", .invalidPortRange)
    }

    func testInvalidHosts() {
        assertInvalid("", .empty)
        assertInvalid(":443", .invalidHost)
        assertInvalid("exa mple.com", .invalidHost)
        assertInvalid("example..com", .invalidHost)
        assertInvalid("https://example.com", .invalidPort)
        assertInvalid("example.com/path", .invalidHost)
        assertInvalid("user@example.com", .invalidHost)
        assertInvalid("10.1", .invalidHost)
        assertInvalid("256.1.1.1", .invalidHost)
        assertInvalid("010.0.0.1", .invalidHost)
        assertInvalid("[::1", .invalidHost)
        assertInvalid("[::1]443", .invalidHost)
        assertInvalid(String(repeating: "a", count: 64) + ".com", .invalidHost)
    }

    func testEveryHostOnlyWithAWebPort() {
        XCTAssertEqual(rule("0.0.0.0:443").host, .everyHost)
        XCTAssertEqual(rule("0.0.0.0:80").ports, .range(80...80))
        XCTAssertEqual(rule("0.0.0.0").ports, .range(443...443))
        assertInvalid("0.0.0.0:8080", .everyHostNeedsWebPort)
        assertInvalid("0.0.0.0:0", .everyHostNeedsWebPort)
        assertInvalid("0.0.0.0:80-443", .everyHostNeedsWebPort)
    }

    func testWildcards() {
        XCTAssertEqual(rule("*.example.com").host,
                       .wildcard(labels: ["*", "example", "com"], wildcardLabel: 0, prefix: "", suffix: ""))
        XCTAssertEqual(rule("api-*.example.com").host,
                       .wildcard(labels: ["api-*", "example", "com"], wildcardLabel: 0, prefix: "api-", suffix: ""))
        XCTAssertEqual(rule("a.*.example.com:8443").ports, .range(8443...8443))
        assertInvalid("*.*.example.com", .tooManyWildcards)
        assertInvalid("api-**.example.com", .tooManyWildcards)
        assertInvalid("*.com", .wildcardTooBroad)
        assertInvalid("a.*.com", .wildcardTooBroad)
        assertInvalid("*", .wildcardTooBroad)
        assertInvalid("*_x.example.com", .invalidHost)
        assertInvalid("*.0.0.1", .invalidHost)
    }

    func testIPLiterals() {
        XCTAssertEqual(rule("127.0.0.1:8123").host, .exact(.ipv4(0x7F00_0001)))
        XCTAssertEqual(rule("[::1]:8443").host, .exact(.ipv6(Array(repeating: 0, count: 15) + [1])))
        XCTAssertEqual(rule("[::1]").ports, .range(443...443))
        XCTAssertEqual(rule("2001:db8::1").host, rule("[2001:DB8:0:0::1]").host)
    }

    // MARK: - Matching

    func testExactDomainAndPort() {
        let parsed = rule("api.github.com")
        XCTAssertTrue(parsed.matches(host: "api.github.com", port: 443))
        XCTAssertTrue(parsed.matches(host: "API.GITHUB.COM", port: 443))
        XCTAssertTrue(parsed.matches(host: "api.github.com.", port: 443))
        XCTAssertFalse(parsed.matches(host: "api.github.com", port: 80))
        XCTAssertFalse(parsed.matches(host: "github.com", port: 443))
        XCTAssertFalse(parsed.matches(host: "evil-api.github.com", port: 443))
        XCTAssertFalse(parsed.matches(host: "api.github.com.evil.net", port: 443))
    }

    func testPortRangesAndEveryPort() {
        XCTAssertTrue(rule("example.com:8000-8100").matches(host: "example.com", port: 8000))
        XCTAssertTrue(rule("example.com:8000-8100").matches(host: "example.com", port: 8100))
        XCTAssertFalse(rule("example.com:8000-8100").matches(host: "example.com", port: 8101))
        XCTAssertTrue(rule("example.com:0").matches(host: "example.com", port: 1))
        XCTAssertTrue(rule("example.com:0").matches(host: "example.com", port: 65535))
        XCTAssertFalse(rule("example.com:0").matches(host: "example.org", port: 443))
    }

    func testAWildcardIsExactlyOneLabel() {
        let star = rule("*.example.com")
        XCTAssertTrue(star.matches(host: "a.example.com", port: 443))
        XCTAssertTrue(star.matches(host: "A-1.Example.com.", port: 443))
        XCTAssertFalse(star.matches(host: "a.b.example.com", port: 443))
        XCTAssertFalse(star.matches(host: "example.com", port: 443))  // decided: not the bare domain
        XCTAssertFalse(star.matches(host: ".example.com", port: 443))
        XCTAssertFalse(star.matches(host: "a_b.example.com", port: 443))
        XCTAssertFalse(star.matches(host: "a.example.com", port: 80))

        let inner = rule("a.*.example.com")
        XCTAssertTrue(inner.matches(host: "a.b.example.com", port: 443))
        XCTAssertFalse(inner.matches(host: "a.b.c.example.com", port: 443))
        XCTAssertFalse(inner.matches(host: "x.b.example.com", port: 443))
    }

    func testAWildcardInsideALabel() {
        let partial = rule("api-*.example.com")
        XCTAssertTrue(partial.matches(host: "api-eu.example.com", port: 443))
        XCTAssertTrue(partial.matches(host: "api-1-2.example.com", port: 443))
        XCTAssertFalse(partial.matches(host: "api-.example.com", port: 443))
        XCTAssertFalse(partial.matches(host: "api.example.com", port: 443))
        XCTAssertFalse(partial.matches(host: "web-eu.example.com", port: 443))

        let middle = rule("eu-*-api.example.com")
        XCTAssertTrue(middle.matches(host: "eu-1-api.example.com", port: 443))
        XCTAssertFalse(middle.matches(host: "eu--api.example.com", port: 443))
    }

    func testIPLiteralsMatchOnlyTheSameAddress() {
        let loopback = rule("127.0.0.1:8123")
        XCTAssertTrue(loopback.matches(host: "127.0.0.1", port: 8123))
        XCTAssertTrue(loopback.matches(host: "127.1", port: 8123))       // the same address, as URLs allow
        XCTAssertTrue(loopback.matches(host: "0x7f.0.0.1", port: 8123))
        XCTAssertTrue(loopback.matches(host: "2130706433", port: 8123))
        XCTAssertFalse(loopback.matches(host: "127.0.0.2", port: 8123))
        XCTAssertFalse(loopback.matches(host: "localhost", port: 8123))
        XCTAssertFalse(rule("localhost:8123").matches(host: "127.0.0.1", port: 8123))

        let v6 = rule("[::1]:8443")
        XCTAssertTrue(v6.matches(host: "[0:0:0:0:0:0:0:1]", port: 8443))
        XCTAssertFalse(v6.matches(host: "[::2]", port: 8443))
        XCTAssertFalse(v6.matches(host: "127.0.0.1", port: 8443))
    }

    func testADomainWildcardNeverMatchesAnIPLiteral() {
        XCTAssertFalse(rule("*.0.1.example.com").matches(host: "1.0.1", port: 443))
        XCTAssertFalse(rule("*.example.com").matches(host: "127.0.0.1", port: 443))
    }

    func testEveryHost() {
        let any = rule("0.0.0.0:443")
        XCTAssertTrue(any.matches(host: "api.github.com", port: 443))
        XCTAssertTrue(any.matches(host: "10.0.0.1", port: 443))
        XCTAssertFalse(any.matches(host: "api.github.com", port: 80))
    }

    func testHostsThatAreNeverAllowed() {
        let any = rule("0.0.0.0:443")
        for host in ["", "exa mple.com", "a..b", "caf\u{E9}.com", "a%2eb.com", "127.0.0.256", "[::1", "1.2.3.4.5"] {
            XCTAssertFalse(any.matches(host: host, port: 443), host)
        }
    }

    // MARK: - Hosts

    func testHostNormalization() {
        XCTAssertEqual(NetworkHost.parse("Example.COM."), .domain("example.com"))
        XCTAssertEqual(NetworkHost.parse("127.1")?.description, "127.0.0.1")
        XCTAssertEqual(NetworkHost.parse("0300.0250.0.1")?.description, "192.168.0.1")
        XCTAssertEqual(NetworkHost.parse("[2001:DB8:0:0:0:0:0:1]")?.description, "[2001:db8::1]")
        XCTAssertEqual(NetworkHost.parse("[::ffff:127.0.0.1]")?.description, "[::ffff:7f00:1]")
        XCTAssertEqual(NetworkHost.parse("[1:0:0:2:0:0:0:3]")?.description, "[1:0:0:2::3]")
        XCTAssertEqual(NetworkHost.parse("[1:2:3:4:5:6:7:8]")?.description, "[1:2:3:4:5:6:7:8]")
        XCTAssertNil(NetworkHost.parse("[fe80::1%eth0]"))
        XCTAssertNil(NetworkHost.parse("[1::2::3]"))
        XCTAssertNil(NetworkHost.parse("[1:2:3:4:5:6:7:8:9]"))
        XCTAssertTrue(NetworkHost.parse("10.0.0.1")!.isIPLiteral)
        XCTAssertFalse(NetworkHost.parse("example.com")!.isIPLiteral)
    }
}
