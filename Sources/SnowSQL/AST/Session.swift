// Session: the parts of the session statements that have parts — USE [ROLE | WAREHOUSE | DATABASE |
// SCHEMA] name. SET, UNSET, SHOW VARIABLES, EXECUTE IMMEDIATE and BEGIN/COMMIT/ROLLBACK carry their
// few values in their `Statement` cases. Parsed by Parser+Statements.swift.

public struct UseStatement: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable { case role = "ROLE", warehouse = "WAREHOUSE", database = "DATABASE", schema = "SCHEMA" }
    /// nil: `USE name` — a database, or `USE db.sch` — a schema.
    public var kind: Kind?
    public var name: ObjectName
    public init(kind: Kind?, name: ObjectName) {
        self.kind = kind
        self.name = name
    }
}
