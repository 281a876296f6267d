// TreeDumpTests: golden dumps of small statements. TreeDump writes one node per line, two blanks
// of indent per level, `label: ` before a field, `[n]` before a list of n items, names as the
// parser normalized them (quoted ones in quotes), strings in single quotes, and leaves out nils,
// empty lists, false flags and source text — but not an optional Bool that is false, which is a
// value (RESTRICT, NULLS LAST). The dumps double as a readable spec of the tree's shape.

import XCTest
@testable import SnowSQL

final class TreeDumpTests: XCTestCase {
    private func dump(_ sql: String) throws -> String { TreeDump.dump(try parse(sql)) }

    func testSelectWithWhereAndGroupBy() throws {
        XCTAssertEqual(try dump("select a, count(*) as n from db..t where b = 'x' group by a"), """
            query
              body: select
                items: [2]
                  expression
                    column
                      [1]
                        A
                  expression
                    function
                      name: [1]
                        COUNT
                      star: true
                    alias: N
                from: table
                  parts
                    [3]
                      DB
                      PUBLIC
                      T
                whereClause: binary
                  equal
                  column
                    [1]
                      B
                  literal
                    'x'
                groupBy: [1]
                  column
                    [1]
                      A
            """)
    }

    func testCreateTable() throws {
        XCTAssertEqual(try dump("create table t (id number(10,2) not null, v variant default null)"), """
            createTable
              modifiers: CreateModifiers
              name: parts
                [1]
                  T
              columns: [2]
                ColumnDefinition
                  name: ID
                  type: NUMBER(10,2)
                  notNull: true
                ColumnDefinition
                  name: V
                  type: VARIANT
                  defaultValue: literal
                    NULL
            """)
    }

    func testUpdateWithPathCastAndInList() throws {
        XCTAssertEqual(try dump("update t set a = v:k[0]::int where id in (1, 2)"), """
            update
              table: parts
                [1]
                  T
              assignments: [1]
                Assignment
                  column: A
                  value: cast
                    path
                      column
                        [1]
                          V
                      [2]
                        key
                          'k'
                        index
                          0
                    INT
                    style: doubleColon
              whereClause: inList
                column
                  [1]
                    ID
                [2]
                  literal
                    1
                  literal
                    2
            """)
    }

    func testOptionalFalseIsShownButAbsentIsNot() throws {
        XCTAssertEqual(try dump("drop table t restrict"), """
            drop
              kind: table
              name: parts
                [1]
                  T
              cascade: false
            """)
        XCTAssertEqual(try dump("drop table t"), """
            drop
              kind: table
              name: parts
                [1]
                  T
            """)
    }

    func testOrderItemsAndQuotedNames() throws {
        XCTAssertEqual(try dump(#"select "Mixed" from identifier($v) order by a nulls last, b desc"#), """
            query
              body: select
                items: [1]
                  expression
                    column
                      [1]
                        "Mixed"
                from: table
                  identifier
                    variable
                      'V'
              orderBy: [2]
                OrderItem
                  expression: column
                    [1]
                      A
                  nullsFirst: false
                OrderItem
                  expression: column
                    [1]
                      B
                  descending: true
            """)
    }

    func testSessionStatementAndBareExpression() throws {
        XCTAssertEqual(try dump("set (a, b) = ($x, 1)"), """
            set
              names: [2]
                'A'
                'B'
              values: [2]
                variable
                  'X'
                literal
                  1
            """)
        XCTAssertEqual(TreeDump.dump(SnowSQL.Expression.binary(.add, num("1"), .literal(.null))), """
            binary
              add
              literal
                1
              literal
                NULL
            """)
        XCTAssertEqual(try dump("commit"), "commit")
    }
}
