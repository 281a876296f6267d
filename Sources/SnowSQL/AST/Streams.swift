// Streams: the statements on Snowflake streams — CREATE STREAM (on a table or a view, or a CLONE
// of another stream), ALTER STREAM … SET/UNSET COMMENT, DROP STREAM, SHOW STREAMS and DESC STREAM —
// one `Statement.stream` case holding what was written. Parsed by Parser+Streams.swift, printed by
// SQLPrinter+Streams.swift, run by Engine/Streams/Executor+Streams.swift.
// https://docs.snowflake.com/en/sql-reference/sql/create-stream

public enum StreamStatement: Equatable, Sendable {
    case create(CreateStream)
    /// ALTER STREAM [IF EXISTS] name SET COMMENT = '…' | UNSET COMMENT
    case alter(name: ObjectName, ifExists: Bool, comment: String?)
    /// DROP STREAM [IF EXISTS] name
    case drop(ObjectName, ifExists: Bool)
    /// SHOW [TERSE] STREAMS [LIKE '…'] [IN …] [STARTS WITH '…'] [LIMIT n]
    case show(terse: Bool, ShowFilter)
    /// DESC[RIBE] STREAM name
    case describe(ObjectName)
}

/// What a stream is created on: a table, a view, or (CLONE) another stream, whose offset it takes.
public enum StreamSource: Equatable, Sendable {
    case table(ObjectName)
    case view(ObjectName)
    case clone(ObjectName)
}

/// CREATE [OR REPLACE] STREAM [IF NOT EXISTS] name [COPY GRANTS] ON TABLE t | ON VIEW v
/// [APPEND_ONLY = TRUE|FALSE] [SHOW_INITIAL_ROWS = TRUE|FALSE] [COMMENT = '…'], or
/// CREATE [OR REPLACE] STREAM [IF NOT EXISTS] name CLONE other [COPY GRANTS].
public struct CreateStream: Equatable, Sendable {
    public var modifiers: CreateModifiers
    public var name: ObjectName
    public var copyGrants: Bool
    public var source: StreamSource
    /// nil: not written.
    public var appendOnly: Bool?
    public var showInitialRows: Bool?
    public var comment: String?

    public init(
        modifiers: CreateModifiers, name: ObjectName, copyGrants: Bool = false, source: StreamSource,
        appendOnly: Bool? = nil, showInitialRows: Bool? = nil, comment: String? = nil
    ) {
        self.modifiers = modifiers
        self.name = name
        self.copyGrants = copyGrants
        self.source = source
        self.appendOnly = appendOnly
        self.showInitialRows = showInitialRows
        self.comment = comment
    }
}
