// EgressMap: how `SNOWLITE_EGRESS_MAP` is read (comma-separated `from=to` origins, blanks ignored,
// unset means no mapping), what it refuses with a message naming the entry, and how it rewrites a
// URL: scheme, host and port from the entry, path and query kept, origins compared after
// normalization (case, trailing dot, default port, IP spelling), anything unmapped left alone; and
// that each redirect hop is mapped only after its own check, so a map never widens the policy.

import XCTest
@testable import Egress
import Security

final class EgressMapTests: XCTestCase {
    private func physical(_ map: EgressMap, _ text: String) throws -> String {
        map.physicalURL(for: try EgressURL.parse(text)).description
    }

    func testParsesCommaSeparatedOrigins() throws {
        let map = try EgressMap.parse(" https://api.github.com=http://127.0.0.1:8123 , https://uploads.github.com:443=http://[::1]:9000/,")
        XCTAssertEqual(map.entries.count, 2)
        XCTAssertEqual(map.entries[0].from.description, "https://api.github.com")
        XCTAssertEqual(map.entries[0].to.description, "http://127.0.0.1:8123")
        XCTAssertEqual(map.entries[1].to.description, "http://[::1]:9000")
    }

    func testEmptyAndUnset() throws {
        XCTAssertTrue(try EgressMap.parse("").isEmpty)
        XCTAssertTrue(try EgressMap.parse(" , ").isEmpty)
        XCTAssertTrue(try EgressMap.fromEnvironment([:]).isEmpty)
        let fromEnvironment = try EgressMap.fromEnvironment(["SNOWLITE_EGRESS_MAP": "https://api.github.com=http://127.0.0.1:1"])
        XCTAssertEqual(fromEnvironment.entries.count, 1)
    }

    func testRewritesSchemeHostAndPortKeepingPathAndQuery() throws {
        let map = try EgressMap.parse("https://api.github.com=http://127.0.0.1:8123")
        XCTAssertEqual(try physical(map, "https://api.github.com/repos/o/r/issues?state=all&page=3"),
                       "http://127.0.0.1:8123/repos/o/r/issues?state=all&page=3")
        XCTAssertEqual(try physical(map, "https://API.GITHUB.COM.:443"), "http://127.0.0.1:8123/")
        XCTAssertEqual(try physical(map, "https://user@api.github.com/x"), "http://127.0.0.1:8123/x")
    }

    func testOnlyTheExactOriginIsMapped() throws {
        let map = try EgressMap.parse("https://api.github.com=http://127.0.0.1:8123")
        XCTAssertEqual(try physical(map, "http://api.github.com/x"), "http://api.github.com/x")
        XCTAssertEqual(try physical(map, "https://api.github.com:8443/x"), "https://api.github.com:8443/x")
        XCTAssertEqual(try physical(map, "https://github.com/x"), "https://github.com/x")
        XCTAssertEqual(try physical(map, "https://a.api.github.com/x"), "https://a.api.github.com/x")
    }

    func testAnotherOriginOfAMappedHostConflictsWithItsEntry() throws {
        let map = try EgressMap.parse("https://api.github.com=http://127.0.0.1:8123,http://api.github.com:8080=http://127.0.0.1:8124")
        let conflict = { (text: String) in try map.conflictingEntry(for: EgressURL.parse(text))?.from.description }
        XCTAssertEqual(try conflict("http://api.github.com:443/x"), "https://api.github.com")
        XCTAssertEqual(try conflict("http://API.github.com./x"), "https://api.github.com")
        XCTAssertNil(try conflict("https://api.github.com/x"))
        XCTAssertNil(try conflict("http://api.github.com:8080/x"))
        XCTAssertNil(try conflict("http://uploads.github.com/x"))
    }

    func testRefusals() {
        let cases: [(String, String)] = [
            ("https://api.github.com", "Invalid SNOWLITE_EGRESS_MAP entry 'https://api.github.com': it is not of the form 'from=to'."),
            ("api.github.com=http://127.0.0.1:1",
             "Invalid SNOWLITE_EGRESS_MAP entry 'api.github.com=http://127.0.0.1:1': 'api.github.com' is not a URL."),
            ("https://api.github.com=ftp://127.0.0.1",
             "Invalid SNOWLITE_EGRESS_MAP entry 'https://api.github.com=ftp://127.0.0.1': only http and https origins can be mapped."),
            ("https://api.github.com=http://127.0.0.1:1/mock",
             "Invalid SNOWLITE_EGRESS_MAP entry 'https://api.github.com=http://127.0.0.1:1/mock': 'http://127.0.0.1:1/mock' has a "
                + "path or query; only origins can be mapped."),
            ("https://a.example=http://127.0.0.1:1,https://A.example:443=http://127.0.0.1:2",
             "Invalid SNOWLITE_EGRESS_MAP entry 'https://A.example:443=http://127.0.0.1:2': https://a.example is mapped twice."),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try EgressMap.parse(text), text) { error in
                XCTAssertEqual((error as? EgressMapError)?.description, message)
            }
        }
    }

    func testOriginsCompareAfterNormalization() throws {
        let map = try EgressMap.parse("http://Example.COM.:80=http://127.0.0.1:1,http://127.1:8080=http://127.0.0.1:2,https://[::1]=http://127.0.0.1:3")
        XCTAssertEqual(map.entries.map(\.from.description), ["http://example.com", "http://127.0.0.1:8080", "https://[::1]"])
        XCTAssertEqual(try physical(map, "http://example.com/a"), "http://127.0.0.1:1/a")
        XCTAssertEqual(try physical(map, "http://127.0.0.1:8080/b"), "http://127.0.0.1:2/b")
        XCTAssertEqual(try physical(map, "https://[0:0::1]:443/c"), "http://127.0.0.1:3/c")
    }

    func testEveryRedirectHopIsMappedAfterItsCheck() throws {
        let transport = FakeTransport([
            "http://127.0.0.1:1/start": HTTPResponse(status: 302, headers: [HTTPHeader("Location", "https://uploads.github.com/u?x=1")], url: ""),
        ])
        let map = try EgressMap.parse("https://api.github.com=http://127.0.0.1:1,https://uploads.github.com=http://127.0.0.1:2")
        let rule = try EgressNetworkRule(name: "GH_RULE", valueList: ["api.github.com", "uploads.github.com"])
        let client = EgressClient(policy: EgressPolicy(procedure: "P", integrations: [EgressIntegration(name: "E", enabled: true, rules: [rule])]),
                                  transport: transport, map: map, log: DiscardingEgressLog())
        let response = try client.send(HTTPRequest(.get, "https://api.github.com/start", maxRedirects: 1))
        XCTAssertEqual(transport.sent.map(\.url), ["http://127.0.0.1:1/start", "http://127.0.0.1:2/u?x=1"])
        XCTAssertEqual(response.url, "https://uploads.github.com/u?x=1")
    }

    func testAMappedRedirectToAnUnlistedHostIsStillDenied() throws {
        let transport = FakeTransport([
            "http://127.0.0.1:1/start": HTTPResponse(status: 302, headers: [HTTPHeader("Location", "https://uploads.github.com/u")], url: ""),
        ])
        let map = try EgressMap.parse("https://api.github.com=http://127.0.0.1:1,https://uploads.github.com=http://127.0.0.1:1")
        let rule = try EgressNetworkRule(name: "GH_RULE", valueList: ["api.github.com"])
        let client = EgressClient(policy: EgressPolicy(procedure: "P", integrations: [EgressIntegration(name: "E", enabled: true, rules: [rule])]),
                                  transport: transport, map: map, log: DiscardingEgressLog())
        XCTAssertThrowsError(try client.send(HTTPRequest(.get, "https://api.github.com/start", maxRedirects: 1))) { error in
            XCTAssertEqual((error as? EgressError)?.hostPort, "uploads.github.com:443")
        }
        XCTAssertEqual(transport.sent.map(\.url), ["http://127.0.0.1:1/start"])
    }
}
