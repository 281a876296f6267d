// HostPortRule: one VALUE_LIST entry of a network rule of TYPE = HOST_PORT, parsed and validated
// the way CREATE NETWORK RULE does, and matched against a request's host and port. Pure policy:
// the engine stores the text, this file says what it means.
//
// What a value may be (https://docs.snowflake.com/en/sql-reference/sql/create-network-rule):
// - a domain, optionally with `:port` or `:low-high`; no port means 443, `:0` means every port;
// - `0.0.0.0` (alone, `:80` or `:443`) means every host;
// - one `*` per value, standing for one whole label or part of one (`*.example.com`,
//   `api-*.example.com`, `a.*.example.com`) made of one or more letters, digits or hyphens; it
//   never spans a dot, so `*.example.com` matches neither `a.b.example.com` nor the bare
//   `example.com` (the docs do not say; we decided no). `*.*.example.com` and `*.com` are invalid;
// - an IPv4 literal (`10.1.2.3:8080`) or a bracketed IPv6 literal (`[::1]:8443`). A literal
//   matches only a request naming that same address; a domain rule never matches an IP literal.

/// A host as a request names it, normalized: domains lower-cased without a trailing dot, IPv4
/// written as a dotted quad whatever form the URL used (`127.1`, `0x7f.0.0.1`), IPv6 as 16 bytes.
public enum NetworkHost: Sendable, Hashable, CustomStringConvertible {
    case domain(String)
    case ipv4(UInt32)
    case ipv6([UInt8])

    /// Parses a host the way a URL names it: `Example.COM.`, `127.0.0.1`, `127.1`, `[::1]`, `::1`.
    /// Returns nil for anything that is not a plain ASCII host name or an IP literal (percent
    /// escapes, non-ASCII names, `@`, spaces, empty labels): such a host is never allowed.
    public static func parse(_ text: String) -> NetworkHost? {
        if text.hasPrefix("[") {
            guard text.hasSuffix("]"), text.count > 2 else { return nil }
            return parseIPv6(String(text.dropFirst().dropLast())).map(NetworkHost.ipv6)
        }
        if text.contains(":") { return parseIPv6(text).map(NetworkHost.ipv6) }
        var name = text.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !name.isEmpty, name.utf8.count <= 253, labels.allSatisfy(isHostLabel) else { return nil }
        // WHATWG URL and curl both read a host whose last label is a number as IPv4
        // (`127.1` is 127.0.0.1), so must we: otherwise the check and the connection disagree.
        if let last = labels.last, isNumberLike(last) { return parseIPv4Number(labels).map(NetworkHost.ipv4) }
        return .domain(name)
    }

    public var isIPLiteral: Bool {
        if case .domain = self { return false }
        return true
    }

    /// How the host is written in a URL: the domain, the dotted quad, or `[v6]` in RFC 5952 form.
    public var description: String {
        switch self {
        case .domain(let name): return name
        case .ipv4(let address):
            return [24, 16, 8, 0].map { String((address >> UInt32($0)) & 0xFF) }.joined(separator: ".")
        case .ipv6(let bytes): return "[" + NetworkHost.formatIPv6(bytes) + "]"
        }
    }

    // MARK: - Pieces

    static func isHostLabel(_ label: String) -> Bool {
        !label.isEmpty && label.utf8.count <= 63 && label.utf8.allSatisfy { isLabelByte($0) || $0 == UInt8(ascii: "_") }
    }

    /// Letters, digits and hyphens: what a wildcard may stand for.
    static func isLabelByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
            || (byte >= 0x41 && byte <= 0x5A)
    }

    private static func isNumberLike(_ label: String) -> Bool {
        if label.allSatisfy(\.isASCIIDigit) { return true }
        guard label.hasPrefix("0x") else { return false }
        return label.dropFirst(2).allSatisfy(\.isHexDigit)
    }

    /// WHATWG's IPv4 parser: one to four parts, each decimal, `0x` hex or leading-zero octal.
    private static func parseIPv4Number(_ parts: [String]) -> UInt32? {
        guard (1...4).contains(parts.count) else { return nil }
        var numbers: [UInt64] = []
        for part in parts {
            var digits = Substring(part)
            var radix = 10
            if digits.hasPrefix("0x") { radix = 16; digits = digits.dropFirst(2) }
            else if digits.count > 1, digits.hasPrefix("0") { radix = 8; digits = digits.dropFirst() }
            if digits.isEmpty { numbers.append(0); continue }
            guard digits.count <= 12, let value = UInt64(digits, radix: radix) else { return nil }
            numbers.append(value)
        }
        guard numbers.dropLast().allSatisfy({ $0 <= 255 }) else { return nil }
        let last = numbers[numbers.count - 1]
        guard last < (UInt64(1) << (8 * UInt64(5 - numbers.count))) else { return nil }
        var address = last
        for (index, number) in numbers.dropLast().enumerated() { address += number << UInt64(8 * (3 - index)) }
        return UInt32(address)
    }

    /// A dotted quad as rules write it: exactly four decimal parts, no leading zeros.
    static func parseDottedQuad(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var address: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCIIDigit),
                  part == "0" || !part.hasPrefix("0"), let value = UInt32(part), value <= 255 else { return nil }
            address = address << 8 | value
        }
        return address
    }

    /// RFC 4291 text form: eight hex groups, one `::`, an optional trailing dotted quad; no zone.
    static func parseIPv6(_ text: String) -> [UInt8]? {
        guard !text.isEmpty, !text.contains("%") else { return nil }
        var halves = [text]
        if let double = text.firstRange(of: "::") {
            halves = [String(text[..<double.lowerBound]), String(text[double.upperBound...])]
            guard !halves[1].contains("::") else { return nil }
        }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains(".") {
                    guard let v4 = parseDottedQuad(String(piece)) else { return nil }
                    result += [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
                } else {
                    guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                    result.append(value)
                }
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count <= 7 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    /// RFC 5952: lower-case hex, no leading zeros, the longest run (two or more) of zero groups as `::`.
    static func formatIPv6(_ bytes: [UInt8]) -> String {
        let groups = (0..<8).map { UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]) }
        var best = (start: -1, length: 0)
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else { index += 1; continue }
            var end = index
            while end < 8, groups[end] == 0 { end += 1 }
            if end - index > best.length, end - index >= 2 { best = (index, end - index) }
            index = end
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.start >= 0 else { return hex.joined(separator: ":") }
        return hex[..<best.start].joined(separator: ":") + "::" + hex[(best.start + best.length)...].joined(separator: ":")
    }
}

/// Why a VALUE_LIST entry was refused. The message is the one CREATE NETWORK RULE shows;
/// `reason` says what exactly was wrong, for logs and tests.
public struct HostPortRuleError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case empty
        case invalidHost
        case invalidPort
        case invalidPortRange
        case tooManyWildcards
        case wildcardTooBroad
        case everyHostNeedsWebPort
    }

    public let value: String
    public let reason: Reason

    public init(value: String, reason: Reason) {
        self.value = value
        self.reason = reason
    }

    public var message: String { "Invalid value '\(value)' for network rule of type HOST_PORT" }
    public var description: String { message }
}

/// One parsed HOST_PORT value.
public struct HostPortRule: Sendable, Hashable, CustomStringConvertible {
    public enum HostPattern: Sendable, Hashable {
        /// `0.0.0.0`: every host.
        case everyHost
        /// A domain or an IP literal, matched exactly (after normalization).
        case exact(NetworkHost)
        /// A domain with one `*`: the labels, and in `wildcardLabel` the text around the star.
        case wildcard(labels: [String], wildcardLabel: Int, prefix: String, suffix: String)
    }

    public enum Ports: Sendable, Hashable {
        /// `:0`
        case all
        case range(ClosedRange<Int>)
    }

    public static let defaultPort = 443

    /// The value as written in VALUE_LIST.
    public let value: String
    public let host: HostPattern
    public let ports: Ports

    public var description: String { value }

    /// Parses and validates one VALUE_LIST entry; throws the error CREATE NETWORK RULE reports.
    public static func parse(_ value: String) throws(HostPortRuleError) -> HostPortRule {
        func fail(_ reason: HostPortRuleError.Reason) -> HostPortRuleError { HostPortRuleError(value: value, reason: reason) }
        guard !value.isEmpty else { throw fail(.empty) }
        var hostText = value
        var portText: String?
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]") else { throw fail(.invalidHost) }
            hostText = String(value[...close])
            let rest = value[value.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw fail(.invalidHost) }
                portText = String(rest.dropFirst())
            }
        } else if value.filter({ $0 == ":" }).count > 1 {
            hostText = value  // a bare IPv6 literal: no port can follow it
        } else if let colon = value.lastIndex(of: ":") {
            hostText = String(value[..<colon])
            portText = String(value[value.index(after: colon)...])
        }
        let ports = try parsePorts(portText, fail: fail)
        let host = try parseHost(hostText, fail: fail)
        if host == .everyHost, ports != .range(80...80), ports != .range(443...443) { throw fail(.everyHostNeedsWebPort) }
        return HostPortRule(value: value, host: host, ports: ports)
    }

    /// Whether a request to `host` (as a URL names it) on `port` is allowed by this value.
    public func matches(host: String, port: Int) -> Bool {
        guard let parsed = NetworkHost.parse(host) else { return false }
        return matches(parsed, port: port)
    }

    /// Whether a request to a normalized host on `port` is allowed by this value.
    public func matches(_ requestHost: NetworkHost, port: Int) -> Bool {
        guard matchesPort(port) else { return false }
        switch host {
        case .everyHost: return true
        case .exact(let ruleHost): return ruleHost == requestHost
        case let .wildcard(labels, wildcardLabel, prefix, suffix):
            guard case .domain(let name) = requestHost else { return false }
            let requestLabels = name.split(separator: ".", omittingEmptySubsequences: false)
            guard requestLabels.count == labels.count else { return false }
            for (index, label) in requestLabels.enumerated() where index != wildcardLabel {
                guard label == labels[index] else { return false }
            }
            let label = requestLabels[wildcardLabel]
            guard label.utf8.count > prefix.utf8.count + suffix.utf8.count,
                  label.hasPrefix(prefix), label.hasSuffix(suffix) else { return false }
            let middle = label.utf8.dropFirst(prefix.utf8.count).dropLast(suffix.utf8.count)
            return middle.allSatisfy(NetworkHost.isLabelByte)
        }
    }

    public func matchesPort(_ port: Int) -> Bool {
        switch ports {
        case .all: return (1...65535).contains(port)
        case .range(let range): return range.contains(port)
        }
    }

    // MARK: - Parsing pieces

    private static func parsePorts(
        _ text: String?, fail: (HostPortRuleError.Reason) -> HostPortRuleError
    ) throws(HostPortRuleError) -> Ports {
        guard let text else { return .range(defaultPort...defaultPort) }
        func number(_ digits: Substring) -> Int? {
            guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy(\.isASCIIDigit), let value = Int(digits),
                  value <= 65535 else { return nil }
            return value
        }
        if let dash = text.firstIndex(of: "-") {
            guard let low = number(text[..<dash]), let high = number(text[text.index(after: dash)...]),
                  low >= 1, low <= high else { throw fail(.invalidPortRange) }
            return .range(low...high)
        }
        guard let port = number(Substring(text)) else { throw fail(.invalidPort) }
        return port == 0 ? .all : .range(port...port)
    }

    private static func parseHost(
        _ text: String, fail: (HostPortRuleError.Reason) -> HostPortRuleError
    ) throws(HostPortRuleError) -> HostPattern {
        if text.hasPrefix("[") || text.contains(":") {
            guard let host = NetworkHost.parse(text), case .ipv6 = host else { throw fail(.invalidHost) }
            return .exact(host)
        }
        var name = text.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        if name == "0.0.0.0" { return .everyHost }
        let stars = name.filter { $0 == "*" }.count
        guard stars <= 1 else { throw fail(.tooManyWildcards) }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if stars == 0 {
            guard let last = labels.last, !last.isEmpty else { throw fail(.invalidHost) }
            // A rule naming an address must name it plainly: `10.0.0.1`, never `10.1` or `0x0a.0.0.1`.
            if last.allSatisfy(\.isASCIIDigit) || last.hasPrefix("0x") {
                guard let address = NetworkHost.parseDottedQuad(name) else { throw fail(.invalidHost) }
                return .exact(.ipv4(address))
            }
            guard name.utf8.count <= 253, labels.allSatisfy(NetworkHost.isHostLabel) else { throw fail(.invalidHost) }
            return .exact(.domain(name))
        }
        guard let wildcardLabel = labels.firstIndex(where: { $0.contains("*") }) else { throw fail(.invalidHost) }
        // At least two fixed labels after the star: `*.com` would allow a whole top-level domain.
        guard labels.count - wildcardLabel - 1 >= 2 else { throw fail(.wildcardTooBroad) }
        let parts = labels[wildcardLabel].split(separator: "*", omittingEmptySubsequences: false)
        let prefix = String(parts[0]), suffix = String(parts[1])
        guard (prefix + suffix).utf8.allSatisfy(NetworkHost.isLabelByte) else { throw fail(.invalidHost) }
        let fixed = labels.enumerated().map { $0.offset == wildcardLabel ? "x" + prefix + suffix : $0.element }
        guard name.utf8.count <= 253, fixed.allSatisfy(NetworkHost.isHostLabel),
              !(fixed.last?.allSatisfy(\.isASCIIDigit) ?? true) else { throw fail(.invalidHost) }
        return .wildcard(labels: labels, wildcardLabel: wildcardLabel, prefix: prefix, suffix: suffix)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
