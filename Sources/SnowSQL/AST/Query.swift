// Query: SELECT and everything that can stand where a query stands — WITH, set operations,
// VALUES, ORDER BY / LIMIT / OFFSET, and the FROM clause's tables, subqueries and joins.

public struct Query: Equatable, Sendable {
    public var with: [CommonTableExpression]
    public var body: QueryBody
    public var orderBy: [OrderItem]
    public var limit: Expression?
    public var offset: Expression?

    public init(with: [CommonTableExpression] = [], body: QueryBody, orderBy: [OrderItem] = [],
                limit: Expression? = nil, offset: Expression? = nil) {
        self.with = with
        self.body = body
        self.orderBy = orderBy
        self.limit = limit
        self.offset = offset
    }
}

public struct CommonTableExpression: Equatable, Sendable {
    public var name: Identifier
    public var columns: [Identifier]
    public var query: Query
    public init(name: Identifier, columns: [Identifier] = [], query: Query) {
        self.name = name
        self.columns = columns
        self.query = query
    }
}

public indirect enum QueryBody: Equatable, Sendable {
    case select(Select)
    case values([[Expression]])
    case setOperation(SetOperator, all: Bool, QueryBody, QueryBody)
    /// A parenthesized query with its own ORDER BY / LIMIT.
    case nested(Query)
}

public enum SetOperator: String, Equatable, Sendable {
    case union = "UNION", intersect = "INTERSECT", except = "EXCEPT", minus = "MINUS"
}

public struct Select: Equatable, Sendable {
    public var distinct: Bool
    public var top: Expression?
    public var items: [SelectItem]
    public var from: TableReference?
    public var whereClause: Expression?
    public var groupBy: [Expression]
    public var having: Expression?
    public var qualify: Expression?
    /// `SELECT … INTO :a, :b` in Snowflake Scripting: the variables that receive the single row.
    public var into: [String] = []

    public init(distinct: Bool = false, top: Expression? = nil, items: [SelectItem], from: TableReference? = nil,
                whereClause: Expression? = nil, groupBy: [Expression] = [], having: Expression? = nil,
                qualify: Expression? = nil) {
        self.distinct = distinct
        self.top = top
        self.items = items
        self.from = from
        self.whereClause = whereClause
        self.groupBy = groupBy
        self.having = having
        self.qualify = qualify
    }
}

public enum SelectItem: Equatable, Sendable {
    /// An expression with its alias, and the source text that titles it when unaliased.
    case expression(Expression, alias: Identifier?, text: SourceText)
    /// `*` or `t.*`, with `EXCLUDE (…)` columns.
    case wildcard(qualifier: [Identifier], exclude: [Identifier])
}

public struct TableAlias: Equatable, Sendable {
    public var name: Identifier
    public var columns: [Identifier]
    public init(name: Identifier, columns: [Identifier] = []) {
        self.name = name
        self.columns = columns
    }
}

public indirect enum TableReference: Equatable, Sendable {
    case table(ObjectName, alias: TableAlias?)
    case subquery(Query, alias: TableAlias?, lateral: Bool)
    case values([[Expression]], alias: TableAlias?)
    /// `TABLE(f(…))`, `LATERAL f(…)`, or a bare table function such as `FLATTEN(…)`.
    case tableFunction(FunctionCall, alias: TableAlias?, lateral: Bool)
    /// `TABLE(rs)` in a Snowflake Scripting block: the rows of the RESULTSET rs.
    case resultSet(Identifier, alias: TableAlias?)
    /// `@stage[/path] [(FILE_FORMAT => '…', PATTERN => '…')]`: the rows of staged files, read as
    /// `$1`, `$2`… and METADATA$ columns. Option values are string literals.
    case stagedFiles(StageLocation, options: [Property], alias: TableAlias?)
    case join(TableReference, JoinKind, TableReference, JoinCondition?)
}

public enum JoinKind: String, Equatable, Sendable {
    /// `a, b`.
    case comma = ","
    case inner = "JOIN"
    case left = "LEFT JOIN"
    case right = "RIGHT JOIN"
    case full = "FULL JOIN"
    case cross = "CROSS JOIN"
    case natural = "NATURAL JOIN"
}

public enum JoinCondition: Equatable, Sendable {
    case on(Expression)
    case using([Identifier])
}
