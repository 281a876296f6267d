// DML: INSERT [OVERWRITE], UPDATE, DELETE and MERGE, with the assignments UPDATE and MERGE share.
// Parsed by Parser+DML.swift.

public struct Insert: Equatable, Sendable {
    public enum Source: Equatable, Sendable {
        case values([[Expression]])
        case query(Query)
    }
    public var overwrite: Bool
    public var table: ObjectName
    public var columns: [Identifier]
    public var source: Source
    public init(overwrite: Bool = false, table: ObjectName, columns: [Identifier] = [], source: Source) {
        self.overwrite = overwrite
        self.table = table
        self.columns = columns
        self.source = source
    }
}

public struct Assignment: Equatable, Sendable {
    public var column: Identifier
    public var value: Expression
    public init(column: Identifier, value: Expression) {
        self.column = column
        self.value = value
    }
}

public struct Update: Equatable, Sendable {
    public var table: ObjectName
    public var alias: Identifier?
    public var assignments: [Assignment]
    public var from: TableReference?
    public var whereClause: Expression?
    public init(table: ObjectName, alias: Identifier? = nil, assignments: [Assignment], from: TableReference? = nil, whereClause: Expression? = nil) {
        self.table = table
        self.alias = alias
        self.assignments = assignments
        self.from = from
        self.whereClause = whereClause
    }
}

public struct Delete: Equatable, Sendable {
    public var table: ObjectName
    public var alias: Identifier?
    public var using: TableReference?
    public var whereClause: Expression?
    public init(table: ObjectName, alias: Identifier? = nil, using: TableReference? = nil, whereClause: Expression? = nil) {
        self.table = table
        self.alias = alias
        self.using = using
        self.whereClause = whereClause
    }
}

/// MERGE INTO target [[AS] alias] USING source ON condition WHEN [NOT] MATCHED [AND …] THEN …
public struct Merge: Equatable, Sendable {
    public var target: ObjectName
    public var targetAlias: Identifier?
    public var source: TableReference
    public var condition: Expression
    public var clauses: [MergeClause]
    public init(target: ObjectName, targetAlias: Identifier? = nil, source: TableReference, condition: Expression,
                clauses: [MergeClause]) {
        self.target = target
        self.targetAlias = targetAlias
        self.source = source
        self.condition = condition
        self.clauses = clauses
    }
}

public struct MergeClause: Equatable, Sendable {
    public enum Action: Equatable, Sendable {
        case update([Assignment])
        case delete
        /// `INSERT [(cols)] VALUES (…)`; no columns means every column of the target, in order.
        case insert(columns: [Identifier], values: [Expression])
    }
    /// WHEN MATCHED (true) or WHEN NOT MATCHED (false).
    public var matched: Bool
    public var condition: Expression?
    public var action: Action
    public init(matched: Bool, condition: Expression? = nil, action: Action) {
        self.matched = matched
        self.condition = condition
        self.action = action
    }
}

/// `INSERT [OVERWRITE] ALL INTO … [INTO …] <query>` (unconditional), or
/// `INSERT [OVERWRITE] {FIRST | ALL} WHEN c THEN INTO … [WHEN …] [ELSE INTO …] <query>` (conditional).
public struct MultiTableInsert: Equatable, Sendable {
    /// `INTO t [(cols)] [VALUES (source_col | DEFAULT | NULL, …)]`.
    public struct Into: Equatable, Sendable {
        public enum Value: Equatable, Sendable {
            case expression(Expression)
            case `default`
        }
        public var table: ObjectName
        public var columns: [Identifier]
        /// nil: every column of the query, in order.
        public var values: [Value]?
        public init(table: ObjectName, columns: [Identifier] = [], values: [Value]? = nil) {
            self.table = table
            self.columns = columns
            self.values = values
        }
    }

    public struct When: Equatable, Sendable {
        public var condition: Expression
        public var intos: [Into]
        public init(condition: Expression, intos: [Into]) {
            self.condition = condition
            self.intos = intos
        }
    }

    public var overwrite: Bool
    /// FIRST: a row goes to the first WHEN whose condition holds; ALL: to every one.
    public var first: Bool
    /// The unconditional form's INTO clauses.
    public var intos: [Into]
    public var whens: [When]
    public var elseIntos: [Into]
    public var query: Query

    public init(overwrite: Bool, first: Bool, intos: [Into] = [], whens: [When] = [], elseIntos: [Into] = [], query: Query) {
        self.overwrite = overwrite
        self.first = first
        self.intos = intos
        self.whens = whens
        self.elseIntos = elseIntos
        self.query = query
    }
}
