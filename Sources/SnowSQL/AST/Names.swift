// Names: identifiers and object names as the parser leaves them. Unquoted identifiers are folded
// to upper case here, once; quoted ones keep their case (spec §3). An object name is either the
// parts as written or an `IDENTIFIER(…)` whose argument the engine evaluates (spec §2).

public struct Identifier: Hashable, Sendable, CustomStringConvertible {
    /// The normalized name: upper case when unquoted, as written when quoted.
    public var name: String
    /// Whether the user wrote it in double quotes.
    public var quoted: Bool

    public init(_ name: String, quoted: Bool = false) {
        self.name = name
        self.quoted = quoted
    }

    /// An identifier from user text: unquoted text folds to upper case.
    public static func unquoted(_ text: String) -> Identifier { Identifier(text.uppercased()) }

    /// The SQL text that names this identifier again: bare when it can be, quoted otherwise.
    public var sql: String {
        if !quoted || Identifier.isPlain(name) { return name }
        return SQLPrinter.quoteIdentifier(name)
    }

    public var description: String { sql }

    /// `"MYTABLE"` and `mytable` name the same object (spec §3), and the printer writes the first
    /// bare, so identifiers compare (and hash) by normalized name only.
    public static func == (lhs: Identifier, rhs: Identifier) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// Plain names need no quotes: upper-case letters, digits, `_`, `$`, not starting with a digit
    /// or `$`, and not a reserved word.
    public static func isPlain(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || ("A"..."Z").contains(first) else { return false }
        let allowed = name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "$" }
        return allowed && !Keywords.reserved.contains(name)
    }
}

/// A possibly qualified object name: `t`, `s.t`, `db.s.t`, or `IDENTIFIER('db.s.t' | $v)`.
public enum ObjectName: Equatable, Sendable, CustomStringConvertible {
    case parts([Identifier])
    /// `IDENTIFIER(expr)` / `TABLE(expr)`: resolved by the engine from a string value.
    case identifier(Expression)
    /// `reference('name' [, 'alias'])` as a DML target, inside an application: the object the
    /// consumer bound to that reference.
    case reference([Expression])

    public var description: String {
        switch self {
        case .parts(let parts): return parts.map(\.sql).joined(separator: ".")
        case .identifier(let e): return "IDENTIFIER(\(SQLPrinter.print(e)))"
        case .reference(let arguments): return "REFERENCE(" + arguments.map(SQLPrinter.print).joined(separator: ", ") + ")"
        }
    }

    /// The parts, when written literally.
    public var literalParts: [Identifier]? {
        if case .parts(let parts) = self { return parts }
        return nil
    }
}

/// A data type as written: `NUMBER(10,2)`, `VARCHAR`, `TIMESTAMP_NTZ(9)`, `DOUBLE PRECISION`.
public struct DataTypeName: Equatable, Sendable, CustomStringConvertible {
    public var name: String
    public var arguments: [Int]

    public init(_ name: String, _ arguments: [Int] = []) {
        self.name = name.uppercased()
        self.arguments = arguments
    }

    public var description: String {
        arguments.isEmpty ? name : "\(name)(\(arguments.map(String.init).joined(separator: ",")))"
    }
}

/// Source text kept for result column titles. It never takes part in AST equality, so a printed and
/// re-parsed tree compares equal to the original.
public struct SourceText: Equatable, Sendable {
    public var text: String
    public init(_ text: String) { self.text = text }
    public static func == (lhs: SourceText, rhs: SourceText) -> Bool { true }
}

/// Where a statement starts (1-based line, 0-based position), for errors raised while a script
/// runs. Like SourceText, it never takes part in AST equality.
public struct SourcePosition: Equatable, Sendable {
    public var line: Int
    public var position: Int
    public init(line: Int, position: Int) {
        self.line = line
        self.position = position
    }
    public static func == (lhs: SourcePosition, rhs: SourcePosition) -> Bool { true }
}
