// ClientError: a problem on the client's side rather than the account's — a bad option, an unknown
// variable, an unreadable file, an unknown `!` command. The client prints its message as it is;
// errors from the account are SnowflakeErrors and print with their code.

/// A problem on the client's side: bad option, unknown variable, unreadable file, unknown command.
/// `message` is printed as is.
public struct ClientError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
