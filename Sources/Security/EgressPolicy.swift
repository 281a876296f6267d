// EgressPolicy: may the running procedure send a request to this URL? Snowflake lets handler code
// reach only hosts that a network rule (TYPE = HOST_PORT, MODE = EGRESS) of an ENABLED external
// access integration bound to the procedure allows; everything else fails
// (https://docs.snowflake.com/en/developer-guide/external-network-access/creating-using-external-network-access).
// Pure policy: the engine gathers the procedure's integrations and their rules, the Egress client
// asks here before every hop, and `EgressURL` is the one reading of a URL that both the check and
// the physical request use, so they cannot disagree about where a request goes.

/// A URL as the egress check reads it: scheme, normalized host, effective port, path and query.
/// Userinfo is never part of the host (`https://api.github.com@127.0.0.1/` goes to 127.0.0.1) and
/// is dropped; so is the fragment. Anything ambiguous is refused rather than guessed: spaces,
/// control characters, backslashes, non-ASCII or percent-encoded hosts.
public struct EgressURL: Sendable, Hashable, CustomStringConvertible {
    public let scheme: String
    public let host: NetworkHost
    /// The effective port: the URL's own, else 80 for http and 443 for https.
    public let port: Int
    /// The path (at least `/`) and the query with its `?`, as written.
    public let pathAndQuery: String

    public init(scheme: String, host: NetworkHost, port: Int, pathAndQuery: String) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.pathAndQuery = pathAndQuery
    }

    public static func defaultPort(forScheme scheme: String) -> Int? {
        switch scheme {
        case "http": return 80
        case "https": return 443
        default: return nil
        }
    }

    /// `host:port` as errors and logs show it: `api.github.com:443`, `[::1]:8080`.
    public var hostPort: String { "\(host):\(port)" }

    /// `scheme://host[:port]`, the port only when it is not the scheme's default.
    public var origin: String {
        let port = EgressURL.defaultPort(forScheme: scheme) == self.port || self.port == 0 ? "" : ":\(self.port)"
        return "\(scheme)://\(host)\(port)"
    }

    /// The URL rebuilt from its parts: what is actually handed to the transport.
    public var description: String { origin + pathAndQuery }

    /// Parses an absolute URL. Only the syntax is checked here; the scheme is judged by the policy.
    public static func parse(_ text: String) throws(EgressURLError) -> EgressURL {
        func fail(_ why: String) -> EgressURLError { EgressURLError(url: text, reason: why) }
        guard text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" }) else {
            throw fail("it contains spaces, control characters, backslashes or non-ASCII characters")
        }
        guard let colon = text.firstIndex(of: ":"), text[colon...].hasPrefix("://") else {
            throw fail("it is not an absolute URL")
        }
        let scheme = text[..<colon].lowercased()
        guard let first = scheme.first, first.isLetter,
              scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else { throw fail("the scheme is invalid") }
        var rest = text[text.index(colon, offsetBy: 3)...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        var pathAndQuery = String(rest[authorityEnd...])
        if pathAndQuery.isEmpty || pathAndQuery.hasPrefix("?") { pathAndQuery = "/" + pathAndQuery }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }

        var hostText = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw fail("the IPv6 host has no closing bracket") }
            hostText = authority[...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw fail("the host is invalid") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            hostText = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !hostText.isEmpty else { throw fail("it has no host") }
        guard let host = NetworkHost.parse(String(hostText)) else { throw fail("the host '\(hostText)' is invalid") }
        var port = defaultPort(forScheme: scheme) ?? 0
        if let portText, !portText.isEmpty {
            guard portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(portText),
                  (1...65535).contains(number) else { throw fail("the port '\(portText)' is invalid") }
            port = number
        }
        return EgressURL(scheme: scheme, host: host, port: port, pathAndQuery: pathAndQuery)
    }
}

public struct EgressURLError: Error, Sendable, Equatable, CustomStringConvertible {
    public let url: String
    public let reason: String

    public init(url: String, reason: String) {
        self.url = url
        self.reason = reason
    }

    public var description: String { "Invalid URL '\(url)': \(reason)." }
}

// MARK: - What is bound to the procedure

/// A network rule of TYPE = HOST_PORT and MODE = EGRESS, with its parsed VALUE_LIST.
public struct EgressNetworkRule: Sendable, Hashable {
    public let name: String
    public let values: [HostPortRule]

    public init(name: String, values: [HostPortRule]) {
        self.name = name
        self.values = values
    }

    /// Parses the stored VALUE_LIST; throws the first invalid value's error.
    public init(name: String, valueList: [String]) throws(HostPortRuleError) {
        var values: [HostPortRule] = []
        for value in valueList { values.append(try HostPortRule.parse(value)) }
        self.init(name: name, values: values)
    }
}

/// An external access integration bound to the procedure: its name, ENABLED, its egress rules.
public struct EgressIntegration: Sendable, Hashable {
    public let name: String
    public let enabled: Bool
    public let rules: [EgressNetworkRule]

    public init(name: String, enabled: Bool, rules: [EgressNetworkRule]) {
        self.name = name
        self.enabled = enabled
        self.rules = rules
    }
}

// MARK: - The decision

public enum EgressDenial: Sendable, Equatable {
    /// Only http and https leave the emulator.
    case unsupportedScheme(String)
    /// The procedure has no EXTERNAL_ACCESS_INTEGRATIONS.
    case noIntegration
    /// Every integration bound to the procedure is ENABLED = FALSE (their names).
    case integrationsDisabled([String])
    /// Enabled integrations exist, but none of their rules names this host and port.
    case noMatchingRule
}

public enum EgressDecision: Sendable, Equatable {
    case allowed(integration: String, rule: String, value: String)
    case denied(EgressDenial)

    public var isAllowed: Bool {
        if case .allowed = self { return true }
        return false
    }
}

/// The egress policy of one running procedure.
public struct EgressPolicy: Sendable, Hashable {
    /// The procedure's name as errors show it (qualified, as the engine chooses).
    public let procedure: String
    public let integrations: [EgressIntegration]

    public init(procedure: String, integrations: [EgressIntegration]) {
        self.procedure = procedure
        self.integrations = integrations
    }

    /// Allowed when an enabled integration has a rule value matching the host and effective port;
    /// the first such (integration, rule, value) in binding order is named.
    public func decide(_ url: EgressURL) -> EgressDecision {
        guard EgressURL.defaultPort(forScheme: url.scheme) != nil else { return .denied(.unsupportedScheme(url.scheme)) }
        guard !integrations.isEmpty else { return .denied(.noIntegration) }
        let enabled = integrations.filter(\.enabled)
        guard !enabled.isEmpty else { return .denied(.integrationsDisabled(integrations.map(\.name))) }
        for integration in enabled {
            for rule in integration.rules {
                for value in rule.values where value.matches(url.host, port: url.port) {
                    return .allowed(integration: integration.name, rule: rule.name, value: value.value)
                }
            }
        }
        return .denied(.noMatchingRule)
    }

    /// The user-facing sentence for a denial: names host:port and the procedure, and why.
    public func denialMessage(for url: EgressURL, _ denial: EgressDenial) -> String {
        let head = "Request to \(url.hostPort) denied: "
        switch denial {
        case .unsupportedScheme(let scheme):
            return "Request to \(url.origin) denied: scheme '\(scheme)' is not allowed; procedure '\(procedure)'"
                + " may use only http and https."
        case .noIntegration:
            return head + "no network rule of the integrations bound to procedure '\(procedure)' allows it"
                + " (the procedure has no external access integration)."
        case .integrationsDisabled(let names):
            let list = names.map { "'\($0)'" }.joined(separator: ", ")
            return head + "no network rule of the integrations bound to procedure '\(procedure)' allows it"
                + " (integration\(names.count == 1 ? "" : "s") \(list) \(names.count == 1 ? "is" : "are") disabled)."
        case .noMatchingRule:
            return head + "no network rule of the integrations bound to procedure '\(procedure)' allows it."
        }
    }
}
