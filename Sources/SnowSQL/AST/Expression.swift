// Expression: the scalar expressions of Snowflake SQL, one case per form. The printer
// (SQLPrinter) writes each back as text that parses to the same tree.

public indirect enum Expression: Equatable, Sendable {
    case literal(Literal)
    /// `a`, `t.a`, `db.s.t.a`.
    case column([Identifier])
    /// `*` or `t.*` where an expression list allows it (`COUNT(*)` uses FunctionCall.star).
    case star(qualifier: [Identifier])
    /// `$name`: a session variable, name upper-cased.
    case variable(String)
    /// `$1`: a positional column.
    case positional(Int)
    /// `:name` or `?`: a bind variable (Scripting and drivers). `?` has an empty name.
    case bind(String)
    case unary(UnaryOperator, Expression)
    case binary(BinaryOperator, Expression, Expression)
    case function(FunctionCall)
    /// `CAST(e AS t)`, `TRY_CAST(e AS t)`, `e::t`.
    case cast(Expression, DataTypeName, style: CastStyle)
    case caseWhen(operand: Expression?, branches: [WhenBranch], otherwise: Expression?)
    case isNull(Expression, negated: Bool)
    case isDistinctFrom(Expression, Expression, negated: Bool)
    case inList(Expression, [Expression], negated: Bool)
    case inQuery(Expression, Query, negated: Bool)
    case between(Expression, low: Expression, high: Expression, negated: Bool)
    /// `e = ANY (query)`, `e > ALL (query)` (SOME is ANY).
    case quantified(Expression, BinaryOperator, Quantifier, Query)
    /// `LIKE`, `ILIKE`, `RLIKE`/`REGEXP`, with `ANY (…)` for `LIKE ANY`.
    case like(Expression, pattern: Expression, kind: LikeKind, negated: Bool, escape: Expression?)
    case likeAny(Expression, patterns: [Expression], kind: LikeKind, negated: Bool)
    case exists(Query)
    case subquery(Query)
    /// Parentheses as written, kept so printing round-trips.
    case nested(Expression)
    /// `e:key.sub[0]`: a semi-structured path, element names case-sensitive.
    case path(Expression, [PathStep])
    /// `e[expr]` / `e['key']`.
    case element(Expression, Expression)
    /// `reference('name' [, 'alias'])(arguments)`: inside an application, a call of the consumer's
    /// function bound to that reference (`call.name` is empty).
    case referencedCall(reference: [Expression], call: FunctionCall)
}

public enum Literal: Equatable, Sendable {
    /// The number as written (`1`, `1.50`, `2e3`).
    case number(String)
    case string(String)
    case boolean(Bool)
    case null
}

public enum UnaryOperator: String, Equatable, Sendable {
    case minus = "-"
    case plus = "+"
    case not = "NOT"
}

public enum BinaryOperator: String, Equatable, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"
    case concat = "||"
    case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case and = "AND", or = "OR"

    /// Binding strength: higher binds tighter.
    public var precedence: Int {
        switch self {
        case .or: return 1
        case .and: return 2
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return 4
        case .add, .subtract, .concat: return 5
        case .multiply, .divide, .modulo: return 6
        }
    }
}

public enum CastStyle: Equatable, Sendable {
    case cast, tryCast, doubleColon
}

/// The quantifier of a comparison with a subquery.
public enum Quantifier: String, Equatable, Sendable {
    case any = "ANY", all = "ALL"
}

public enum LikeKind: String, Equatable, Sendable {
    case like = "LIKE", ilike = "ILIKE", rlike = "RLIKE"
}

public struct WhenBranch: Equatable, Sendable {
    public var condition: Expression
    public var result: Expression
    public init(condition: Expression, result: Expression) {
        self.condition = condition
        self.result = result
    }
}

public enum PathStep: Equatable, Sendable {
    /// `.name` or the first `:name`; case-sensitive.
    case key(String)
    /// `[n]`.
    case index(Int)
}

/// A function call: `f(a, b)`, `COUNT(DISTINCT x)`, `COUNT(*)`, `FLATTEN(input => v)`, with an
/// optional `OVER (…)` window and `WITHIN GROUP (ORDER BY …)`.
public struct FunctionCall: Equatable, Sendable {
    public var name: [Identifier]
    public var arguments: [FunctionArgument]
    public var distinct: Bool
    /// `f(*)`.
    public var star: Bool
    public var withinGroup: [OrderItem]
    public var over: WindowSpec?
    /// `IGNORE NULLS` / `RESPECT NULLS` after the arguments (LAG, FIRST_VALUE…).
    public var ignoreNulls: Bool?

    public init(name: [Identifier], arguments: [FunctionArgument] = [], distinct: Bool = false, star: Bool = false,
                withinGroup: [OrderItem] = [], over: WindowSpec? = nil, ignoreNulls: Bool? = nil) {
        self.name = name
        self.arguments = arguments
        self.distinct = distinct
        self.star = star
        self.withinGroup = withinGroup
        self.over = over
        self.ignoreNulls = ignoreNulls
    }

    /// The unqualified upper-case name, e.g. `COUNT`.
    public var baseName: String { name.last?.name ?? "" }
}

public struct FunctionArgument: Equatable, Sendable {
    /// `name => value` arguments carry their upper-cased name.
    public var name: String?
    public var value: Expression
    public init(name: String? = nil, value: Expression) {
        self.name = name
        self.value = value
    }
}

public struct WindowSpec: Equatable, Sendable {
    public var partitionBy: [Expression]
    public var orderBy: [OrderItem]
    public var frame: WindowFrame?
    public init(partitionBy: [Expression] = [], orderBy: [OrderItem] = [], frame: WindowFrame? = nil) {
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
    }
}

public struct WindowFrame: Equatable, Sendable {
    public enum Units: String, Equatable, Sendable { case rows = "ROWS", range = "RANGE" }
    public enum Bound: Equatable, Sendable {
        case unboundedPreceding, unboundedFollowing, currentRow
        case preceding(Int), following(Int)

        /// `UNBOUNDED PRECEDING`, `3 FOLLOWING`, … (the same text in Snowflake and SQLite).
        public var sql: String {
            switch self {
            case .unboundedPreceding: return "UNBOUNDED PRECEDING"
            case .unboundedFollowing: return "UNBOUNDED FOLLOWING"
            case .currentRow: return "CURRENT ROW"
            case .preceding(let n): return "\(n) PRECEDING"
            case .following(let n): return "\(n) FOLLOWING"
            }
        }
    }
    public var units: Units
    public var start: Bound
    public var end: Bound?
    public init(units: Units, start: Bound, end: Bound?) {
        self.units = units
        self.start = start
        self.end = end
    }
}

public struct OrderItem: Equatable, Sendable {
    public var expression: Expression
    public var descending: Bool
    /// nil: the default (NULLS LAST for ASC, NULLS FIRST for DESC, as in Snowflake).
    public var nullsFirst: Bool?
    public init(expression: Expression, descending: Bool = false, nullsFirst: Bool? = nil) {
        self.expression = expression
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}
