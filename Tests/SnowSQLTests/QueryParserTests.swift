// QueryParserTests: the trees the parser builds for queries and scalar expressions — joins of
// every kind with ON/USING and commas, subqueries (scalar, IN, EXISTS, FROM), WHERE/GROUP BY/
// HAVING/QUALIFY, ORDER BY with NULLS FIRST/LAST, LIMIT/OFFSET/FETCH, DISTINCT, set operations,
// CTEs, VALUES, window functions with frames, CASE, the three casts, the comparison forms, and the
// semi-structured paths `v:a.b[0]`, `v['k']`, `v:"Mixed Key"`. Precedence is checked on the tree.

import XCTest
@testable import SnowSQL

final class QueryParserTests: XCTestCase {
    private func from(_ sql: String) throws -> TableReference? { try parseSelect(sql).from }

    private func t(_ n: String, _ alias: String? = nil) -> TableReference {
        .table(obj(n), alias: alias.map { TableAlias(name: Identifier($0)) })
    }

    // MARK: - Joins

    func testJoinKindsAndConditions() throws {
        XCTAssertEqual(try from("select * from a join b on a.id = b.id"),
                       .join(t("A"), .inner, t("B"), .on(.binary(.equal, col("A", "ID"), col("B", "ID")))))
        XCTAssertEqual(try from("select * from a inner join b using (id, k)"),
                       .join(t("A"), .inner, t("B"), .using([Identifier("ID"), Identifier("K")])))
        XCTAssertEqual(try from("select * from a left outer join b on true"),
                       .join(t("A"), .left, t("B"), .on(.literal(.boolean(true)))))
        XCTAssertEqual(try from("select * from a right join b on true"), .join(t("A"), .right, t("B"), .on(.literal(.boolean(true)))))
        XCTAssertEqual(try from("select * from a full outer join b on true"), .join(t("A"), .full, t("B"), .on(.literal(.boolean(true)))))
        XCTAssertEqual(try from("select * from a cross join b"), .join(t("A"), .cross, t("B"), nil))
        XCTAssertEqual(try from("select * from a natural join b"), .join(t("A"), .natural, t("B"), nil))
    }

    func testCommaJoinsAndChainsAreLeftDeep() throws {
        XCTAssertEqual(try from("select * from a x, b as y join c on 1 = 1"),
                       .join(t("A", "X"), .comma, .join(t("B", "Y"), .inner, t("C"), .on(.binary(.equal, num("1"), num("1")))), nil))
        XCTAssertEqual(try from("select * from a join b on p cross join c"),
                       .join(.join(t("A"), .inner, t("B"), .on(col("P"))), .cross, t("C"), nil))
    }

    func testOuterJoinNeedsACondition() {
        XCTAssertEqual(syntaxError("select * from a left join b"), "syntax error line 1 at position 27 unexpected '<EOF>'.")
        XCTAssertNil(syntaxError("select * from a join b"))
    }

    // MARK: - Subqueries

    func testScalarInAndExistsSubqueries() throws {
        let inner = Query(body: .select(Select(items: [item(call("MAX", col("X")))], from: t("T"))))
        XCTAssertEqual(try parseExpression("(select max(x) from t)"), .subquery(inner))
        XCTAssertEqual(try parseExpression("a in (select max(x) from t)"), .inQuery(col("A"), inner, negated: false))
        XCTAssertEqual(try parseExpression("a not in (select max(x) from t)"), .inQuery(col("A"), inner, negated: true))
        XCTAssertEqual(try parseExpression("exists (select max(x) from t)"), .exists(inner))
        XCTAssertEqual(try parseExpression("not exists (select max(x) from t)"), .unary(.not, .exists(inner)))
    }

    func testSubqueryAndValuesInFrom() throws {
        XCTAssertEqual(try from("select * from (select 1 as x) s"),
                       .subquery(Query(body: .select(Select(items: [item(num("1"), as: "X")]))), alias: TableAlias(name: Identifier("S")), lateral: false))
        XCTAssertEqual(try from("select * from (values (1), (2)) v(a)"),
                       .subquery(Query(body: .values([[num("1")], [num("2")]])),
                                 alias: TableAlias(name: Identifier("V"), columns: [Identifier("A")]), lateral: false))
        XCTAssertEqual(try from("select $1 from values (1, 2)"), .values([[num("1"), num("2")]], alias: nil))
        // A table in parentheses (Snowpark's `FROM (SNOWPARK_TEMP_TABLE_…)`) is the table; a join in them is refused.
        XCTAssertEqual(try from("select * from ( t )"), t("T"))
        XCTAssertEqual(try from("select * from (t) x"), t("T", "X"))
        XCTAssertThrowsError(try from("select * from (a join b on true)"))
    }

    func testTableFunctions() throws {
        guard case .tableFunction(let flatten, let alias, let lateral) = try from("select * from table(flatten(input => parse_json('[1]'))) f")
        else { return XCTFail() }
        XCTAssertEqual(flatten.baseName, "FLATTEN")
        XCTAssertEqual(flatten.arguments, [FunctionArgument(name: "INPUT", value: call("PARSE_JSON", str("[1]")))])
        XCTAssertEqual(alias, TableAlias(name: Identifier("F")))
        XCTAssertFalse(lateral)
        guard case .join(_, .comma, .tableFunction(_, _, let isLateral), nil) = try from("select * from t, lateral flatten(input => t.v) f")
        else { return XCTFail() }
        XCTAssertTrue(isLateral)
    }

    // MARK: - Clauses

    func testWhereGroupByHavingOrderLimitOffset() throws {
        let query = try parseQuery("select a, count(*) from t where b > 1 group by a having count(*) > 2 order by a desc nulls first, b nulls last, c asc limit 10 offset 5")
        guard case .select(let select) = query.body else { return XCTFail() }
        let countStar = SnowSQL.Expression.function(FunctionCall(name: [Identifier("COUNT")], star: true))
        XCTAssertEqual(select.items, [item(col("A")), item(countStar)])
        XCTAssertEqual(select.whereClause, .binary(.greater, col("B"), num("1")))
        XCTAssertEqual(select.groupBy, [col("A")])
        XCTAssertEqual(select.having, .binary(.greater, countStar, num("2")))
        XCTAssertEqual(query.orderBy, [OrderItem(expression: col("A"), descending: true, nullsFirst: true),
                                       OrderItem(expression: col("B"), nullsFirst: false),
                                       OrderItem(expression: col("C"))])
        XCTAssertEqual(query.limit, num("10"))
        XCTAssertEqual(query.offset, num("5"))
    }

    func testFetchAndOffsetRows() throws {
        let fetch = try parseQuery("select a from t offset 2 rows fetch next 3 rows only")
        XCTAssertEqual(fetch.limit, num("3"))
        XCTAssertEqual(fetch.offset, num("2"))
        XCTAssertEqual(try parseQuery("select a from t fetch first 1 row only").limit, num("1"))
    }

    func testDistinctTopQualifyAndExclude() throws {
        XCTAssertTrue(try parseSelect("select distinct a from t").distinct)
        XCTAssertFalse(try parseSelect("select all a from t").distinct)
        XCTAssertEqual(try parseSelect("select top 5 a from t").top, num("5"))
        XCTAssertNotNil(try parseSelect("select a from t qualify row_number() over (order by a) = 1").qualify)
        XCTAssertEqual(try parseSelect("select * exclude (a, b) from t").items,
                       [.wildcard(qualifier: [], exclude: [Identifier("A"), Identifier("B")])])
        XCTAssertEqual(try parseSelect("select t.* from t").items, [.wildcard(qualifier: [Identifier("T")], exclude: [])])
    }

    func testAliasesImplicitExplicitQuotedAndString() throws {
        let select = try parseSelect(#"select 1 x, 2 as "y", 3 as 'z', 4"#)
        guard case .expression(_, let a1, let text1) = select.items[0], case .expression(_, let a2, _) = select.items[1],
              case .expression(_, let a3, _) = select.items[2], case .expression(_, let a4, _) = select.items[3] else { return XCTFail() }
        XCTAssertEqual(a1?.name, "X")
        XCTAssertEqual(a2?.name, "y")
        XCTAssertEqual(a2?.quoted, true)
        XCTAssertEqual(a3?.name, "z")
        XCTAssertNil(a4)
        XCTAssertEqual(text1.text, "1")
        // A clause-starting word is never an implicit alias.
        let limited = try parseQuery("select a from t limit 1")
        XCTAssertEqual(limited.limit, num("1"))
    }

    func testSelectItemKeepsItsSourceTextForTheColumnTitle() throws {
        let select = try parseSelect("select  a+b , count( * )  from t")
        guard case .expression(_, _, let first) = select.items[0], case .expression(_, _, let second) = select.items[1]
        else { return XCTFail() }
        XCTAssertEqual(first.text, "a+b")
        XCTAssertEqual(second.text, "count( * )")
    }

    // MARK: - Set operations, CTEs, VALUES

    func testSetOperationsAreLeftAssociative() throws {
        let s: (String) -> QueryBody = { .select(Select(items: [item(num($0))])) }
        XCTAssertEqual(try parseQuery("select 1 union select 2 union all select 3 intersect select 4 except select 5 minus select 6").body,
                       .setOperation(.minus, all: false,
                                     .setOperation(.except, all: false,
                                                   .setOperation(.intersect, all: false,
                                                                 .setOperation(.union, all: true,
                                                                               .setOperation(.union, all: false, s("1"), s("2")), s("3")),
                                                                 s("4")), s("5")), s("6")))
    }

    func testParenthesizedSetOperandsKeepTheirOwnOrderBy() throws {
        let query = try parseQuery("(select 1 order by 1) union (select 2) order by 1")
        guard case .setOperation(.union, false, .nested(let left), .nested) = query.body else { return XCTFail("\(query.body)") }
        XCTAssertEqual(left.orderBy, [OrderItem(expression: num("1"))])
        XCTAssertEqual(query.orderBy, [OrderItem(expression: num("1"))])
    }

    func testCommonTableExpressions() throws {
        let query = try parseQuery("with x as (select 1 a), y (b) as (select 2) select * from x, y")
        XCTAssertEqual(query.with, [
            CommonTableExpression(name: Identifier("X"), query: Query(body: .select(Select(items: [item(num("1"), as: "A")])))),
            CommonTableExpression(name: Identifier("Y"), columns: [Identifier("B")], query: Query(body: .select(Select(items: [item(num("2"))])))),
        ])
        guard case .select(let select) = query.body else { return XCTFail() }
        XCTAssertEqual(select.from, .join(t("X"), .comma, t("Y"), nil))
    }

    func testValuesAsAStatement() throws {
        XCTAssertEqual(try parseQuery("values (1, 'a'), (2, 'b')").body, .values([[num("1"), str("a")], [num("2"), str("b")]]))
    }

    // MARK: - Window functions

    func testWindowPartitionOrderAndFrames() throws {
        guard case .function(let rowNumber) = try parseExpression("row_number() over (partition by a, b order by c desc)") else { return XCTFail() }
        XCTAssertEqual(rowNumber.over, WindowSpec(partitionBy: [col("A"), col("B")], orderBy: [OrderItem(expression: col("C"), descending: true)]))
        guard case .function(let sum) = try parseExpression("sum(x) over (order by y rows between unbounded preceding and current row)")
        else { return XCTFail() }
        XCTAssertEqual(sum.over?.frame, WindowFrame(units: .rows, start: .unboundedPreceding, end: .currentRow))
        guard case .function(let avg) = try parseExpression("avg(z) over (order by y range between 1 preceding and 2 following)")
        else { return XCTFail() }
        XCTAssertEqual(avg.over?.frame, WindowFrame(units: .range, start: .preceding(1), end: .following(2)))
        guard case .function(let last) = try parseExpression("last_value(z) over (order by y rows unbounded following)") else { return XCTFail() }
        XCTAssertEqual(last.over?.frame, WindowFrame(units: .rows, start: .unboundedFollowing, end: nil))
    }

    func testAggregateCallForms() throws {
        guard case .function(let count) = try parseExpression("count(distinct a)") else { return XCTFail() }
        XCTAssertTrue(count.distinct)
        guard case .function(let listagg) = try parseExpression("listagg(b, ',') within group (order by b)") else { return XCTFail() }
        XCTAssertEqual(listagg.withinGroup, [OrderItem(expression: col("B"))])
        guard case .function(let lag) = try parseExpression("lag(x) ignore nulls over (order by y)") else { return XCTFail() }
        XCTAssertEqual(lag.ignoreNulls, true)
    }

    // MARK: - Expressions

    func testPrecedence() throws {
        XCTAssertEqual(try parseExpression("a + b * c"), .binary(.add, col("A"), .binary(.multiply, col("B"), col("C"))))
        XCTAssertEqual(try parseExpression("a - b - c"), .binary(.subtract, .binary(.subtract, col("A"), col("B")), col("C")))
        XCTAssertEqual(try parseExpression("(a + b) * c"), .binary(.multiply, .nested(.binary(.add, col("A"), col("B"))), col("C")))
        XCTAssertEqual(try parseExpression("a = 1 and b = 2 or not c"),
                       .binary(.or, .binary(.and, .binary(.equal, col("A"), num("1")), .binary(.equal, col("B"), num("2"))), .unary(.not, col("C"))))
        XCTAssertEqual(try parseExpression("a || b || 'c'"), .binary(.concat, .binary(.concat, col("A"), col("B")), str("c")))
        XCTAssertEqual(try parseExpression("-a % 2"), .binary(.modulo, .unary(.minus, col("A")), num("2")))
        XCTAssertEqual(try parseExpression("a <> b"), .binary(.notEqual, col("A"), col("B")))
        XCTAssertEqual(try parseExpression("a != b"), .binary(.notEqual, col("A"), col("B")))
    }

    func testCase() throws {
        XCTAssertEqual(try parseExpression("case when a = 1 then 'x' else 'z' end"),
                       .caseWhen(operand: nil, branches: [WhenBranch(condition: .binary(.equal, col("A"), num("1")), result: str("x"))], otherwise: str("z")))
        XCTAssertEqual(try parseExpression("case a when 1 then 2 when 3 then 4 end"),
                       .caseWhen(operand: col("A"), branches: [WhenBranch(condition: num("1"), result: num("2")),
                                                               WhenBranch(condition: num("3"), result: num("4"))], otherwise: nil))
    }

    func testCasts() throws {
        XCTAssertEqual(try parseExpression("cast(a as number(10,2))"), .cast(col("A"), DataTypeName("NUMBER", [10, 2]), style: .cast))
        XCTAssertEqual(try parseExpression("try_cast(b as varchar)"), .cast(col("B"), DataTypeName("VARCHAR"), style: .tryCast))
        XCTAssertEqual(try parseExpression("c::int"), .cast(col("C"), DataTypeName("INT"), style: .doubleColon))
        XCTAssertEqual(try parseExpression("-c::timestamp_ntz"),
                       .unary(.minus, .cast(col("C"), DataTypeName("TIMESTAMP_NTZ"), style: .doubleColon)))
    }

    func testComparisonForms() throws {
        XCTAssertEqual(try parseExpression("a in (1, 2)"), .inList(col("A"), [num("1"), num("2")], negated: false))
        XCTAssertEqual(try parseExpression("a not in (3)"), .inList(col("A"), [num("3")], negated: true))
        XCTAssertEqual(try parseExpression("a between 1 and 2"), .between(col("A"), low: num("1"), high: num("2"), negated: false))
        XCTAssertEqual(try parseExpression("a not between 1 and 2 and b"),
                       .binary(.and, .between(col("A"), low: num("1"), high: num("2"), negated: true), col("B")))
        XCTAssertEqual(try parseExpression("a like 'x%'"), .like(col("A"), pattern: str("x%"), kind: .like, negated: false, escape: nil))
        XCTAssertEqual(try parseExpression("a not ilike 'Y%' escape '!'"),
                       .like(col("A"), pattern: str("Y%"), kind: .ilike, negated: true, escape: str("!")))
        XCTAssertEqual(try parseExpression("a like any ('a%', 'b%')"),
                       .likeAny(col("A"), patterns: [str("a%"), str("b%")], kind: .like, negated: false))
        XCTAssertEqual(try parseExpression("a is null"), .isNull(col("A"), negated: false))
        XCTAssertEqual(try parseExpression("a is not null"), .isNull(col("A"), negated: true))
        XCTAssertEqual(try parseExpression("a is distinct from b"), .isDistinctFrom(col("A"), col("B"), negated: false))
        XCTAssertEqual(try parseExpression("a is not distinct from b"), .isDistinctFrom(col("A"), col("B"), negated: true))
    }

    func testLikeAllIsNotTakenForLikeAny() {
        XCTAssertEqual(syntaxError("select a like all ('x%') from t"), "syntax error line 1 at position 14 unexpected 'all'.")
    }

    func testLiteralsVariablesAndBinds() throws {
        XCTAssertEqual(try parseExpression("true"), .literal(.boolean(true)))
        XCTAssertEqual(try parseExpression("null"), .literal(.null))
        XCTAssertEqual(try parseExpression("'it''s'"), str("it's"))
        XCTAssertEqual(try parseExpression("$my_var"), .variable("MY_VAR"))
        XCTAssertEqual(try parseExpression("$2"), .positional(2))
        XCTAssertEqual(try parseExpression(":b"), .bind("B"))
        XCTAssertEqual(try parseExpression("?"), .bind("1"))
        XCTAssertEqual(try parseExpression("current_date"), .function(FunctionCall(name: [Identifier("CURRENT_DATE")])))
        XCTAssertEqual(try parseExpression("left('abc', 1)"), call("LEFT", str("abc"), num("1")))
    }

    // MARK: - Semi-structured paths

    func testColonPathWithKeysAndIndexes() throws {
        XCTAssertEqual(try parseExpression("v:a.b[0]"), .path(col("V"), [.key("a"), .key("b"), .index(0)]))
        XCTAssertEqual(try parseExpression("t.v:Key"), .path(col("T", "V"), [.key("Key")]))
    }

    func testBracketKeyAndQuotedKey() throws {
        XCTAssertEqual(try parseExpression("v['k']"), .path(col("V"), [.key("k")]))
        XCTAssertEqual(try parseExpression(#"v:"Mixed Key""#), .path(col("V"), [.key("Mixed Key")]))
        XCTAssertEqual(try parseExpression("v:a['b'].c"), .path(col("V"), [.key("a"), .key("b"), .key("c")]))
        XCTAssertEqual(try parseExpression("v[i]"), .element(col("V"), col("I")))
    }

    func testPathThenCast() throws {
        XCTAssertEqual(try parseExpression("v:a::string"), .cast(.path(col("V"), [.key("a")]), DataTypeName("STRING"), style: .doubleColon))
    }
}
