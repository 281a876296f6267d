// ParserTests: the trees the parser builds for the session, DDL and DML statement families —
// SET/UNSET, SHOW VARIABLES, EXECUTE IMMEDIATE, USE, transactions, CREATE/DROP/SHOW/DESCRIBE of
// databases, schemas, tables, views, warehouses and roles, INSERT/UPDATE/DELETE — and the
// identifier rules of spec §3 and §2: unquoted names fold to upper case, quoted names keep theirs,
// non-reserved keywords serve as names, `db..t` means PUBLIC, and `IDENTIFIER(…)` stands wherever
// a name does but takes only a literal or a variable. Queries and expressions are in
// QueryParserTests; the helpers at the end are shared by every file of this target.

import XCTest
@testable import SnowSQL

final class ParserTests: XCTestCase {
    // MARK: - Session statements

    func testSetSingleVariable() throws {
        XCTAssertEqual(try parse("set x = 1"), .set(names: ["X"], values: [num("1")]))
        XCTAssertEqual(try parse("SET full_name = $db || '.public'"),
                       .set(names: ["FULL_NAME"], values: [.binary(.concat, .variable("DB"), str(".public"))]))
    }

    func testSetTupleAndScalarSubquery() throws {
        XCTAssertEqual(try parse("set (min, max) = (50, 2 * $min)"),
                       .set(names: ["MIN", "MAX"], values: [num("50"), .binary(.multiply, num("2"), .variable("MIN"))]))
        guard case .set(let names, let values) = try parse("set n = (select count(*) from t)") else { return XCTFail() }
        XCTAssertEqual(names, ["N"])
        guard case .subquery = values[0] else { return XCTFail("\(values)") }
    }

    func testQuotedVariableNameKeepsCase() throws {
        XCTAssertEqual(try parse(#"set "lower" = 'v'"#), .set(names: ["lower"], values: [str("v")]))
    }

    func testUnset() throws {
        XCTAssertEqual(try parse("unset x"), .unset(["X"]))
        XCTAssertEqual(try parse("UNSET (a, b)"), .unset(["A", "B"]))
    }

    func testShowVariables() throws {
        XCTAssertEqual(try parse("show variables"), .showVariables(like: nil))
        XCTAssertEqual(try parse("SHOW VARIABLES LIKE 'X%'"), .showVariables(like: "X%"))
    }

    func testExecuteImmediateSources() throws {
        XCTAssertEqual(try parse("execute immediate 'select 1'"), .executeImmediate(str("select 1"), using: []))
        XCTAssertEqual(try parse(#"EXECUTE IMMEDIATE $$select 'a\n'$$"#), .executeImmediate(str(#"select 'a\n'"#), using: []))
        XCTAssertEqual(try parse("execute immediate $stmt"), .executeImmediate(.variable("STMT"), using: []))
        XCTAssertEqual(try parse("execute immediate :s using (a, 2)"),
                       .executeImmediate(.bind("S"), using: [col("A"), num("2")]))
    }

    func testUseWithEachKind() throws {
        XCTAssertEqual(try parse("use role accountadmin"), .use(UseStatement(kind: .role, name: obj("ACCOUNTADMIN"))))
        XCTAssertEqual(try parse("use warehouse wh"), .use(UseStatement(kind: .warehouse, name: obj("WH"))))
        XCTAssertEqual(try parse("use database db"), .use(UseStatement(kind: .database, name: obj("DB"))))
        XCTAssertEqual(try parse("use schema db.s"), .use(UseStatement(kind: .schema, name: obj("DB", "S"))))
    }

    func testUseWithoutKind() throws {
        XCTAssertEqual(try parse("use db"), .use(UseStatement(kind: nil, name: obj("DB"))))
        XCTAssertEqual(try parse("use db.sch"), .use(UseStatement(kind: nil, name: obj("DB", "SCH"))))
        // `USE role` alone names a database called ROLE.
        XCTAssertEqual(try parse("use role"), .use(UseStatement(kind: nil, name: obj("ROLE"))))
        XCTAssertEqual(try parse("use database identifier($db)"),
                       .use(UseStatement(kind: .database, name: .identifier(.variable("DB")))))
    }

    func testTransactions() throws {
        for sql in ["begin", "BEGIN TRANSACTION", "begin work", "start transaction", "begin transaction name t1"] {
            XCTAssertEqual(try parse(sql), .begin, sql)
        }
        XCTAssertEqual(try parse("commit"), .commit)
        XCTAssertEqual(try parse("commit work"), .commit)
        XCTAssertEqual(try parse("rollback"), .rollback)
        XCTAssertEqual(try parse("ROLLBACK WORK"), .rollback)
    }

    // MARK: - CREATE DATABASE / SCHEMA

    func testCreateDatabaseWithAllModifiers() throws {
        let statement = try parse("create or replace transient database if not exists d comment='x' data_retention_time_in_days=1")
        XCTAssertEqual(statement, .createDatabase(CreateDatabase(
            modifiers: CreateModifiers(orReplace: true, ifNotExists: true, transient: true), name: obj("D"),
            properties: [Property(name: "COMMENT", value: .string("x")),
                         Property(name: "DATA_RETENTION_TIME_IN_DAYS", value: .number("1"))])))
    }

    func testDatabasePropertiesInAnyOrderAndCase() throws {
        let statement = try parse("CREATE DATABASE d Data_Retention_Time_In_Days = 1 COMMENT = 'x'")
        guard case .createDatabase(let create) = statement else { return XCTFail() }
        XCTAssertEqual(create.properties.map(\.name), ["DATA_RETENTION_TIME_IN_DAYS", "COMMENT"])
        XCTAssertEqual(create.properties.map(\.value.text), ["1", "x"])
        XCTAssertEqual(create.modifiers, CreateModifiers())
    }

    func testCreateOrAlterDatabase() throws {
        guard case .createDatabase(let create) = try parse("create or alter database d") else { return XCTFail() }
        XCTAssertEqual(create.modifiers, CreateModifiers(orAlter: true))
    }

    func testCreateSchema() throws {
        XCTAssertEqual(try parse("create schema s with managed access"),
                       .createSchema(CreateSchema(modifiers: CreateModifiers(), name: obj("S"), managedAccess: true)))
        XCTAssertEqual(try parse("create transient schema if not exists db.s comment = 'c'"),
                       .createSchema(CreateSchema(modifiers: CreateModifiers(ifNotExists: true, transient: true),
                                                  name: obj("DB", "S"), properties: [Property(name: "COMMENT", value: .string("c"))])))
    }

    // MARK: - CREATE TABLE

    func testCreateTableColumnTypes() throws {
        guard case .createTable(let table) = try parse(
            "create table t (a number(10,2), b varchar, c string, d timestamp_ntz, e double precision, f variant, g varchar(100))")
        else { return XCTFail() }
        XCTAssertEqual(table.name, obj("T"))
        XCTAssertEqual(table.columns.map(\.name.name), ["A", "B", "C", "D", "E", "F", "G"])
        XCTAssertEqual(table.columns.map(\.type), [
            DataTypeName("NUMBER", [10, 2]), DataTypeName("VARCHAR"), DataTypeName("STRING"), DataTypeName("TIMESTAMP_NTZ"),
            DataTypeName("DOUBLE PRECISION"), DataTypeName("VARIANT"), DataTypeName("VARCHAR", [100]),
        ])
    }

    func testColumnConstraintsAndDefaults() throws {
        guard case .createTable(let table) = try parse(
            "create table t (id int not null primary key, code varchar unique, created timestamp_ntz default sysdate(), note string null comment 'hi')")
        else { return XCTFail() }
        XCTAssertEqual(table.columns, [
            ColumnDefinition(name: Identifier("ID"), type: DataTypeName("INT"), notNull: true, primaryKey: true),
            ColumnDefinition(name: Identifier("CODE"), type: DataTypeName("VARCHAR"), unique: true),
            ColumnDefinition(name: Identifier("CREATED"), type: DataTypeName("TIMESTAMP_NTZ"),
                             defaultValue: .function(FunctionCall(name: [Identifier("SYSDATE")]))),
            ColumnDefinition(name: Identifier("NOTE"), type: DataTypeName("STRING"), comment: "hi"),
        ])
    }

    func testTableConstraints() throws {
        guard case .createTable(let table) = try parse(
            "create table t (a int, b int, primary key (a, b), unique (b), constraint u2 unique (a))") else { return XCTFail() }
        XCTAssertEqual(table.columns.count, 2)
        XCTAssertEqual(table.constraints, [
            TableConstraint(kind: .primaryKey, columns: [Identifier("A"), Identifier("B")]),
            TableConstraint(kind: .unique, columns: [Identifier("B")]),
            TableConstraint(kind: .unique, columns: [Identifier("A")]),
        ])
    }

    func testDescribeTableTypeColumnsIsTheDefaultForm() throws {
        XCTAssertEqual(try Parser.parseOne("DESC /* sqlalchemy */ TABLE \"PUBLIC\".\"ITEMS\" TYPE = COLUMNS").statement,
                       try Parser.parseOne("describe table \"PUBLIC\".\"ITEMS\"").statement)
        XCTAssertThrowsError(try Parser.parseOne("desc table t type = stage"))
    }

    func testIdentityColumnsAndForeignKeys() throws {
        guard case .createTable(let table) = try parse("""
            create table t (id int not null autoincrement, a int identity(100, 10) order,
              b int autoincrement start with = 5 increment by -1 noorder, p int references parent (id) on delete set null,
              primary key (id), constraint fk foreign key (p, a) references db.s.parent (x, y) match full on delete cascade on update no action)
            """) else { return XCTFail() }
        XCTAssertEqual(table.columns.map(\.identity), [
            ColumnIdentity(), ColumnIdentity(start: 100, increment: 10, ordered: true), ColumnIdentity(start: 5, increment: -1, ordered: false), nil,
        ])
        XCTAssertEqual(table.columns.map(\.notNull), [true, false, false, false])
        XCTAssertEqual(table.constraints, [
            TableConstraint(kind: .primaryKey, columns: [Identifier("ID")]),
            TableConstraint(kind: .foreignKey, columns: [Identifier("P"), Identifier("A")], references: obj("DB", "S", "PARENT"),
                            referencedColumns: [Identifier("X"), Identifier("Y")],
                            actions: ["MATCH FULL", "ON DELETE CASCADE", "ON UPDATE NO ACTION"]),
        ])
        XCTAssertEqual(table.columns[3].references,
                       ColumnReference(table: obj("PARENT"), column: Identifier("ID"), actions: ["ON DELETE SET NULL"]))
        XCTAssertEqual(syntaxError("create table t (a int identity(1))"), "syntax error line 1 at position 32 unexpected ')'.")
        XCTAssertEqual(syntaxError("create table t (a int autoincrement autoincrement)"),
                       "syntax error line 1 at position 36 unexpected 'autoincrement'.")
        XCTAssertEqual(syntaxError("create table t (a int, foreign key (a) references p on delete explode)"),
                       "syntax error line 1 at position 62 unexpected 'explode'.")
    }

    func testDescribeUserAndATableNamedUser() throws {
        guard case .describe(let user) = try parse("desc user \"Bob\""), case .describe(let table) = try parse("desc user")
        else { return XCTFail() }
        XCTAssertEqual(user, DescribeStatement(kind: .user, name: .parts([Identifier("Bob", quoted: true)])))
        XCTAssertEqual(table, DescribeStatement(kind: .table, name: obj("USER")))
    }

    func testCreateTableModifiersAndProperties() throws {
        guard case .createTable(let table) = try parse(
            "create or replace temporary table if not exists db.s.t (a int) comment = 'c' change_tracking = true")
        else { return XCTFail() }
        XCTAssertEqual(table.modifiers, CreateModifiers(orReplace: true, ifNotExists: true, temporary: true))
        XCTAssertEqual(table.name, obj("DB", "S", "T"))
        XCTAssertEqual(table.properties, [Property(name: "COMMENT", value: .string("c")),
                                          Property(name: "CHANGE_TRACKING", value: .word("true"))])
    }

    func testCreateTableAsSelect() throws {
        guard case .createTable(let table) = try parse("create table t2 as select a from t") else { return XCTFail() }
        XCTAssertEqual(table.columns, [])
        XCTAssertEqual(table.asQuery, Query(body: .select(Select(items: [item(col("A"))], from: .table(obj("T"), alias: nil)))))
    }

    // MARK: - CREATE VIEW / WAREHOUSE / ROLE

    func testCreateViewKeepsItsQueryText() throws {
        guard case .createView(let view) = try parse("create or replace view v as select a from t") else { return XCTFail() }
        XCTAssertEqual(view.modifiers, CreateModifiers(orReplace: true))
        XCTAssertEqual(view.name, obj("V"))
        XCTAssertEqual(view.queryText.text, "select a from t")
        XCTAssertEqual(view.statementText.text, "create or replace view v as select a from t")
        XCTAssertFalse(view.secure)
    }

    func testCreateViewWithParenthesizedQuery() throws {
        guard case .createView(let view) = try parse("CREATE VIEW v AS ( SELECT a FROM t )") else { return XCTFail() }
        XCTAssertEqual(view.queryText.text, "( SELECT a FROM t )")
        guard case .nested(let inner) = view.query.body else { return XCTFail("\(view.query)") }
        XCTAssertEqual(inner, Query(body: .select(Select(items: [item(col("A"))], from: .table(obj("T"), alias: nil)))))
    }

    func testCreateSecureViewWithColumnsAndComment() throws {
        guard case .createView(let view) = try parse("create secure view if not exists v (x, y) comment = 'c' as select 1, 2")
        else { return XCTFail() }
        XCTAssertTrue(view.secure)
        XCTAssertTrue(view.modifiers.ifNotExists)
        XCTAssertEqual(view.columns, [Identifier("X"), Identifier("Y")])
        XCTAssertEqual(view.comment, "c")
    }

    func testCreateWarehouse() throws {
        XCTAssertEqual(try parse("create warehouse wh with warehouse_size=xsmall auto_suspend=60"),
                       .createWarehouse(CreateWarehouse(modifiers: CreateModifiers(), name: obj("WH"), properties: [
                           Property(name: "WAREHOUSE_SIZE", value: .word("xsmall")), Property(name: "AUTO_SUSPEND", value: .number("60")),
                       ])))
        guard case .createWarehouse(let wh) = try parse(
            "CREATE OR REPLACE WAREHOUSE wh WAREHOUSE_SIZE = 'XSMALL' AUTO_RESUME = TRUE initially_suspended = true")
        else { return XCTFail() }
        XCTAssertEqual(wh.properties.map(\.value.text), ["XSMALL", "TRUE", "TRUE"])
    }

    func testCreateRole() throws {
        XCTAssertEqual(try parse("create role r"), .createRole(CreateRole(modifiers: CreateModifiers(), name: obj("R"))))
        XCTAssertEqual(try parse("create role if not exists r comment = 'x'"),
                       .createRole(CreateRole(modifiers: CreateModifiers(ifNotExists: true), name: obj("R"),
                                              properties: [Property(name: "COMMENT", value: .string("x"))])))
    }

    // MARK: - DROP / SHOW / DESCRIBE

    func testDropEachKind() throws {
        let kinds: [(String, ObjectKind)] = [("database", .database), ("schema", .schema), ("table", .table),
                                             ("view", .view), ("warehouse", .warehouse), ("role", .role)]
        for (word, kind) in kinds {
            XCTAssertEqual(try parse("drop \(word) x"), .drop(DropStatement(kind: kind, name: obj("X"))), word)
            XCTAssertEqual(try parse("DROP \(word) IF EXISTS x CASCADE"),
                           .drop(DropStatement(kind: kind, name: obj("X"), ifExists: true, cascade: true)), word)
            XCTAssertEqual(try parse("drop \(word) x restrict"),
                           .drop(DropStatement(kind: kind, name: obj("X"), cascade: false)), word)
        }
    }

    func testShowEachKind() throws {
        let kinds: [(String, ObjectKind)] = [("databases", .database), ("schemas", .schema), ("tables", .table),
                                             ("views", .view), ("warehouses", .warehouse), ("roles", .role)]
        for (word, kind) in kinds {
            XCTAssertEqual(try parse("show \(word)"), .show(ShowStatement(kind: kind)), word)
        }
    }

    func testShowWithEveryClause() throws {
        XCTAssertEqual(try parse("show schemas like 'P%' in database d starts with 'P' limit 10"),
                       .show(ShowStatement(kind: .schema,
                                           filter: ShowFilter(like: "P%", scope: .database(obj("D")), startsWith: "P", limit: 10))))
        XCTAssertEqual(try parse("show terse tables in account"), .show(ShowStatement(kind: .table, terse: true, filter: ShowFilter(scope: .account))))
        XCTAssertEqual(try parse("show tables in schema db.s"), .show(ShowStatement(kind: .table, filter: ShowFilter(scope: .schema(obj("DB", "S"))))))
    }

    func testShowInBareNameMeansDatabaseOrSchema() throws {
        XCTAssertEqual(try parse("show tables in d"), .show(ShowStatement(kind: .table, filter: ShowFilter(scope: .database(obj("D"))))))
        XCTAssertEqual(try parse("show views in db.s"), .show(ShowStatement(kind: .view, filter: ShowFilter(scope: .schema(obj("DB", "S"))))))
    }

    func testShowInCurrentScopeBeforeLaterClauses() throws {
        XCTAssertEqual(try parse("show tables in schema limit 10"),
                       .show(ShowStatement(kind: .table, filter: ShowFilter(scope: .schema(nil), limit: 10))))
        XCTAssertEqual(try parse("show tables in database starts with 'A'"),
                       .show(ShowStatement(kind: .table, filter: ShowFilter(scope: .database(nil), startsWith: "A"))))
    }

    func testDescribe() throws {
        XCTAssertEqual(try parse("desc table t"), .describe(DescribeStatement(kind: .table, name: obj("T"))))
        XCTAssertEqual(try parse("DESCRIBE VIEW db.s.v"), .describe(DescribeStatement(kind: .view, name: obj("DB", "S", "V"))))
        XCTAssertEqual(try parse("desc t"), .describe(DescribeStatement(kind: .table, name: obj("T"))))
    }

    // MARK: - DML

    func testInsertMultiRowValues() throws {
        XCTAssertEqual(try parse("insert into t values (1, 'a'), (2, null)"),
                       .insert(Insert(table: obj("T"), source: .values([[num("1"), str("a")], [num("2"), .literal(.null)]]))))
    }

    func testInsertWithColumnListAndSelect() throws {
        XCTAssertEqual(try parse("insert into t (a, b) select x, y from u"),
                       .insert(Insert(table: obj("T"), columns: [Identifier("A"), Identifier("B")], source: .query(
                           Query(body: .select(Select(items: [item(col("X")), item(col("Y"))], from: .table(obj("U"), alias: nil))))))))
    }

    func testInsertOverwriteAndParenthesizedQuery() throws {
        guard case .insert(let insert) = try parse("insert overwrite into t (select 1)") else { return XCTFail() }
        XCTAssertTrue(insert.overwrite)
        XCTAssertEqual(insert.columns, [])
        guard case .query(let query) = insert.source, case .nested = query.body else { return XCTFail("\(insert.source)") }
    }

    func testUpdate() throws {
        XCTAssertEqual(try parse("update t set a = 1, b = b + 1 where c = 2"),
                       .update(Update(table: obj("T"), assignments: [
                           Assignment(column: Identifier("A"), value: num("1")),
                           Assignment(column: Identifier("B"), value: .binary(.add, col("B"), num("1"))),
                       ], whereClause: .binary(.equal, col("C"), num("2")))))
    }

    func testUpdateWithAliasFromAndQualifiedTarget() throws {
        guard case .update(let update) = try parse("update t x set x.a = u.a from u where x.id = u.id") else { return XCTFail() }
        XCTAssertEqual(update.alias, Identifier("X"))
        XCTAssertEqual(update.assignments, [Assignment(column: Identifier("A"), value: col("U", "A"))])
        XCTAssertEqual(update.from, .table(obj("U"), alias: nil))
        XCTAssertEqual(update.whereClause, .binary(.equal, col("X", "ID"), col("U", "ID")))
    }

    func testDelete() throws {
        XCTAssertEqual(try parse("delete from t where a = 1"),
                       .delete(Delete(table: obj("T"), whereClause: .binary(.equal, col("A"), num("1")))))
        XCTAssertEqual(try parse("delete from t using u where t.id = u.id"),
                       .delete(Delete(table: obj("T"), using: .table(obj("U"), alias: nil),
                                      whereClause: .binary(.equal, col("T", "ID"), col("U", "ID")))))
    }

    // MARK: - Identifier rules

    func testUnquotedNamesFoldAndQuotedNamesKeepCase() throws {
        let select = try parseSelect(#"select MixedCase, "MixedCase" from "Tab""#)
        guard case .expression(.column(let unquoted), _, _) = select.items[0],
              case .expression(.column(let quoted), _, _) = select.items[1] else { return XCTFail() }
        XCTAssertEqual(unquoted.map(\.name), ["MIXEDCASE"])
        XCTAssertFalse(unquoted[0].quoted)
        XCTAssertEqual(quoted.map(\.name), ["MixedCase"])
        XCTAssertTrue(quoted[0].quoted)
        XCTAssertEqual(select.from, .table(.parts([Identifier("Tab", quoted: true)]), alias: nil))
    }

    func testQuotedUpperCaseNameIsTheSameObjectAsUnquoted() {
        XCTAssertEqual(Identifier("MYTABLE", quoted: true), Identifier.unquoted("mytable"))
        XCTAssertNotEqual(Identifier("mytable", quoted: true), Identifier.unquoted("mytable"))
        XCTAssertEqual(Set([Identifier("T", quoted: true), Identifier("T")]).count, 1)
    }

    func testNonReservedKeywordsServeAsNames() throws {
        guard case .createTable(let table) = try parse("create table t (state string, timestamp timestamp_ntz, key string, value variant)")
        else { return XCTFail() }
        XCTAssertEqual(table.columns.map(\.name.name), ["STATE", "TIMESTAMP", "KEY", "VALUE"])
        XCTAssertEqual(table.columns.map(\.type.name), ["STRING", "TIMESTAMP_NTZ", "STRING", "VARIANT"])
        XCTAssertEqual(try parseSelect("select state from t").items, [item(col("STATE"))])
    }

    func testReservedWordIsNotAName() {
        XCTAssertEqual(syntaxError("select from from t"), "syntax error line 1 at position 7 unexpected 'from'.")
        XCTAssertEqual(syntaxError("create table select (a int)"), "syntax error line 1 at position 13 unexpected 'select'.")
    }

    func testDoubleDotMeansPublicSchema() throws {
        XCTAssertEqual(try parseSelect("select * from db..t").from, .table(obj("DB", "PUBLIC", "T"), alias: nil))
        XCTAssertEqual(try parse("drop table db..t"), .drop(DropStatement(kind: .table, name: obj("DB", "PUBLIC", "T"))))
    }

    func testIdentifierWithLiteralVariableAndBind() throws {
        XCTAssertEqual(try parseSelect("select * from identifier('db.sch.t')").from,
                       .table(.identifier(str("db.sch.t")), alias: nil))
        XCTAssertEqual(try parseSelect("select * from IDENTIFIER($v)").from, .table(.identifier(.variable("V")), alias: nil))
        XCTAssertEqual(try parseSelect("select * from identifier(:b)").from, .table(.identifier(.bind("B")), alias: nil))
        XCTAssertEqual(try parseSelect("select * from table($t)").from, .table(.identifier(.variable("T")), alias: nil))
    }

    func testIdentifierEverywhereANameStands() throws {
        let v = ObjectName.identifier(.variable("V"))
        XCTAssertEqual(try parse("create database identifier($v)"), .createDatabase(CreateDatabase(modifiers: CreateModifiers(), name: v)))
        XCTAssertEqual(try parse("create schema identifier($v)"), .createSchema(CreateSchema(modifiers: CreateModifiers(), name: v)))
        XCTAssertEqual(try parse("drop view identifier($v)"), .drop(DropStatement(kind: .view, name: v)))
        XCTAssertEqual(try parse("describe table identifier($v)"), .describe(DescribeStatement(kind: .table, name: v)))
        XCTAssertEqual(try parse("show tables in schema identifier($v)"), .show(ShowStatement(kind: .table, filter: ShowFilter(scope: .schema(v)))))
        XCTAssertEqual(try parse("use schema identifier($v)"), .use(UseStatement(kind: .schema, name: v)))
        XCTAssertEqual(try parse("insert into identifier($v) values (1)"), .insert(Insert(table: v, source: .values([[num("1")]]))))
        XCTAssertEqual(try parse("delete from identifier($v)"), .delete(Delete(table: v)))
        guard case .update(let update) = try parse("update identifier($v) set a = 1") else { return XCTFail() }
        XCTAssertEqual(update.table, v)
        guard case .createTable(let table) = try parse("create table identifier('db.s.t') (a int)") else { return XCTFail() }
        XCTAssertEqual(table.name, .identifier(str("db.s.t")))
    }

    func testIdentifierInAnExpressionIsACallWithOneArgument() throws {
        XCTAssertEqual(try parseExpression("identifier($c)"),
                       .function(FunctionCall(name: [Identifier("IDENTIFIER")], arguments: [FunctionArgument(value: .variable("C"))])))
    }

    func testIdentifierTakesNoExpression() {
        XCTAssertEqual(syntaxError("select * from IDENTIFIER($A || $B)"), "syntax error line 1 at position 28 unexpected '||'.")
        XCTAssertEqual(syntaxError("create table identifier($A || '.' || $B) (a int)"),
                       "syntax error line 1 at position 27 unexpected '||'.")
        XCTAssertEqual(syntaxError("select identifier($a || $b) from t"), "syntax error line 1 at position 21 unexpected '||'.")
        XCTAssertEqual(syntaxError("drop table identifier(t)"), "syntax error line 1 at position 22 unexpected 't'.")
    }

    func testIdentifierFollowedByWordWithoutBlank() throws {
        XCTAssertEqual(try parseSelect("select * from identifier('t')x").from,
                       .table(.identifier(str("t")), alias: TableAlias(name: Identifier("X"))))
    }
}

// MARK: - Helpers shared by the SnowSQL tests

/// Parses exactly one statement.
func parse(_ sql: String) throws(SyntaxError) -> Statement { try Parser.parseOne(sql).statement }

/// Parses a statement that must be a query.
func parseQuery(_ sql: String, file: StaticString = #filePath, line: UInt = #line) throws -> Query {
    guard case .query(let query) = try parse(sql) else {
        XCTFail("not a query: \(sql)", file: file, line: line)
        throw SyntaxError(line: 0, position: 0, token: "not a query")
    }
    return query
}

/// Parses a statement that must be a plain SELECT.
func parseSelect(_ sql: String, file: StaticString = #filePath, line: UInt = #line) throws -> Select {
    guard case .select(let select) = try parseQuery(sql, file: file, line: line).body else {
        XCTFail("not a SELECT: \(sql)", file: file, line: line)
        throw SyntaxError(line: 0, position: 0, token: "not a select")
    }
    return select
}

/// Parses `SELECT <text>` and returns the one expression.
func parseExpression(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> SnowSQL.Expression {
    let select = try parseSelect("select " + text, file: file, line: line)
    guard select.items.count == 1, case .expression(let e, _, _) = select.items[0] else {
        XCTFail("not one expression: \(text)", file: file, line: line)
        throw SyntaxError(line: 0, position: 0, token: "not one expression")
    }
    return e
}

/// The syntax error message for `sql`, or nil when it parses.
func syntaxError(_ sql: String) -> String? {
    do {
        _ = try Parser.parseOne(sql)
        return nil
    } catch {
        return error.message
    }
}

func obj(_ parts: String...) -> ObjectName { .parts(parts.map { Identifier($0) }) }
func col(_ parts: String...) -> SnowSQL.Expression { .column(parts.map { Identifier($0) }) }
func num(_ text: String) -> SnowSQL.Expression { .literal(.number(text)) }
func str(_ text: String) -> SnowSQL.Expression { .literal(.string(text)) }
func call(_ function: String, _ arguments: SnowSQL.Expression...) -> SnowSQL.Expression {
    .function(FunctionCall(name: [Identifier(function)], arguments: arguments.map { FunctionArgument(value: $0) }))
}
/// A select item; its source text never takes part in equality.
func item(_ e: SnowSQL.Expression, as alias: String? = nil) -> SelectItem {
    .expression(e, alias: alias.map { Identifier($0) }, text: SourceText(""))
}
