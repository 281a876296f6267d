// SyntaxError: the front-end's only error. The engine turns it into SnowflakeError 001003,
// `syntax error line L at position P unexpected 'TOKEN'.`; several lines may be reported.

public struct SyntaxError: Error, Equatable, Sendable {
    public var line: Int
    public var position: Int
    /// The token text the parser could not use, `<EOF>` at the end of input.
    public var token: String

    public init(line: Int, position: Int, token: String) {
        self.line = line
        self.position = position
        self.token = token
    }

    public init(at token: Token) {
        self.init(line: token.line, position: token.position, token: token.errorText)
    }

    public var message: String { "syntax error line \(line) at position \(position) unexpected '\(token)'." }
}
