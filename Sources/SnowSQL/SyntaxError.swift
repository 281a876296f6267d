// SyntaxError: the front-end's only error. The engine turns it into SnowflakeError 001003,
// `syntax error line L at position P unexpected 'TOKEN'.`; several lines may be reported. A
// statement whose tree would nest deeper than the parser allows (Parser+Depth.swift) is the other
// kind, `nestedTooDeeply`, which the engine reports as a limit rather than as a syntax error.

public struct SyntaxError: Error, Equatable, Sendable {
    /// Why the parser stopped.
    public enum Reason: Equatable, Sendable {
        /// A token the grammar cannot use here.
        case unexpectedToken
        /// The tree would nest deeper than `limit` levels at this token.
        case nestedTooDeeply(limit: Int)
        /// A statement about an object only Snowflake's services can run (`feature`: COMPUTE POOL…).
        case needsSnowflake(feature: String)
    }

    public var line: Int
    public var position: Int
    /// The token text the parser could not use, `<EOF>` at the end of input.
    public var token: String
    public var reason: Reason

    public init(line: Int, position: Int, token: String, reason: Reason = .unexpectedToken) {
        self.line = line
        self.position = position
        self.token = token
        self.reason = reason
    }

    public init(at token: Token, reason: Reason = .unexpectedToken) {
        self.init(line: token.line, position: token.position, token: token.errorText, reason: reason)
    }

    /// How every refusal of what only Snowflake runs ends (here and for Cortex in the engine), and
    /// what tells such an error apart (`SnowflakeError.needsSnowflake`).
    public static let onlyInSnowflake = "run only in Snowflake; Snowlite is offline"

    public var message: String {
        switch reason {
        case .unexpectedToken:
            return "syntax error line \(line) at position \(position) unexpected '\(token)'."
        case .nestedTooDeeply(let limit):
            return "error line \(line) at position \(position)\nmaximum nesting depth of expressions and queries exceeded, expected at most \(limit)"
        case .needsSnowflake(let feature):
            switch feature {
            case "EXTERNAL TABLE": return "\(feature): external tables (files in cloud storage) \(SyntaxError.onlyInSnowflake)"
            case "EXTERNAL FUNCTION", "API INTEGRATION":
                return "\(feature): external functions (remote services behind an API gateway) \(SyntaxError.onlyInSnowflake)"
            default: return "\(feature): Snowpark Container Services \(SyntaxError.onlyInSnowflake)"
            }
        }
    }
}
