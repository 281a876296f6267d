// Parameters and event tables: `ALTER ACCOUNT | SESSION SET name = value …`, `… UNSET name`, and
// `CREATE EVENT TABLE` (spec §12). Account parameters that matter here: EVENT_TABLE and LOG_LEVEL.

public struct AlterParameters: Equatable, Sendable {
    public enum Target: String, Equatable, Sendable { case account = "ACCOUNT", session = "SESSION" }
    public var target: Target
    /// SET pairs; empty for UNSET.
    public var set: [Property]
    public var unset: [String]
    public init(target: Target, set: [Property] = [], unset: [String] = []) {
        self.target = target
        self.set = set
        self.unset = unset
    }
}

/// CREATE [OR REPLACE] EVENT TABLE [IF NOT EXISTS] name [properties]: a name and its properties.
public typealias CreateEventTable = CreateNamedObject
