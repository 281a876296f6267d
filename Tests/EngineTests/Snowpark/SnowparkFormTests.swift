// The SQL Snowpark, the snow CLI and SQLAlchemy send besides the user's (driver-protocol.md §11,
// issue 18 item 6), one form per test, with exact rows and exact errors: `$n` over VALUES and
// subqueries, casts written `:: INT` and `CAST (…)`, `"RAW"['id']`, irregular whitespace and mixed
// case keywords, COUNT over a subquery, CURRENT_VERSION(), ROLLBACK outside a transaction, USE
// with quoted names, SHOW TABLES … IN SCHEMA, CREATE TASK IDENTIFIER('…')SCHEDULE,
// SYSTEM$CANCEL_ALL_QUERIES and DESCRIBE PROCEDURE.

import Foundation
import XCTest
@testable import Engine

final class SnowparkFormTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("create database testdb;\ncreate table t (a int, b string);\ninsert into t values (1, 'x'), (2, 'y')")
    }

    // MARK: - $n

    func testPositionalColumnsReadValuesSubqueriesAndTables() throws {
        let values = try run("SELECT $1 AS \"A\" FROM VALUES (1 :: INT, 'x' :: STRING), (2 :: INT, 'y' :: STRING)")
        XCTAssertEqual(values.columns, [ResultColumn("A", .integer, nullable: false)])
        XCTAssertEqual(values.rows, [[.integer(1)], [.integer(2)]])
        XCTAssertEqual(try cells("select $2, $1 from (select a, b from t order by a)"), [["x", "1"], ["y", "2"]])
        XCTAssertEqual(try run("select $2 from t where $1 = 2").columns.map(\.name), ["$2"])
        XCTAssertEqual(try cells("select $2 from t where $1 = 2"), [["y"]])
        XCTAssertEqual(try cells("""
            SELECT "A", "B" FROM ( SELECT $1 AS "A", $2 AS "B" FROM  VALUES (1 :: INT, 'x' :: STRING), (2 :: INT, 'y' :: STRING))
            """), [["1", "x"], ["2", "y"]])
    }

    func testAPositionalColumnThatNamesNothingIsAnInvalidIdentifier() {
        assertError("select $1", "000904 (42000): SQL compilation error: error line 1 at position 7\ninvalid identifier '$1'")
        assertError("select a, $3 from t", "000904 (42000): SQL compilation error: error line 1 at position 10\ninvalid identifier '$3'")
        assertError("select $1 from t, t u", "001003 (42000): SQL compilation error:\nUnsupported feature '$1 over a join'.")
    }

    // MARK: - Snowpark's DataFrame writes

    /// `create_dataframe(...).write.save_as_table(...)`: the column list comes from the describe answer.
    func testSaveAsTableBuildsItsTableFromTheDescribeAnswer() throws {
        XCTAssertEqual(try session.describe("SELECT $1 AS \"A\", $2 AS \"B\" FROM  VALUES (0 :: BIGINT, 'a' :: STRING)"), [
            ResultColumn("A", .integer, nullable: false), ResultColumn("B", .string, nullable: false),
        ])
        XCTAssertEqual(try status("""
            CREATE  OR  REPLACE    TABLE  t3("A" BIGINT NOT NULL , "B" STRING NOT NULL )    AS  SELECT  *  FROM ( SELECT "A", "B" \
            FROM ( SELECT $1 AS "A", $2 AS "B" FROM  VALUES (1 :: INT, 'x' :: STRING), (2 :: INT, 'y' :: STRING)))
            """), "Table T3 successfully created.")
        XCTAssertEqual(try cells("select * from t3"), [["1", "x"], ["2", "y"]])
        XCTAssertEqual(try cells("desc table t3").map { Array($0[0...3]) },
                       [["A", "NUMBER(38,0)", "COLUMN", "N"], ["B", "VARCHAR(16777216)", "COLUMN", "N"]])
        XCTAssertEqual(try session.describe("SELECT  *  FROM t3"), [
            ResultColumn("A", .integer, nullable: false), ResultColumn("B", .string, nullable: false),
        ])
        XCTAssertEqual(try status("DROP  TABLE  If  EXISTS t3"), "T3 successfully dropped.")
        XCTAssertEqual(try status("DROP  TABLE  If  EXISTS t3"), "Drop statement executed successfully (T3 already dropped).")
    }

    func testCreateTableIfNotExistsAsSelectWithIrregularSpacing() throws {
        let create = """
            CREATE    TABLE  If  NOT  EXISTS  testdb.public.Raw_Issues("RAW" VARIANT)    AS  SELECT  *  FROM ( SELECT \
            to_variant(parse_json("RAW")) AS "RAW" FROM ( SELECT  *  FROM ( SELECT $1 AS "RAW" FROM  VALUES (NULL :: STRING)) WHERE  1 = 0 ))
            """
        XCTAssertEqual(try status(create), "Table RAW_ISSUES successfully created.")
        XCTAssertEqual(try status(create), "RAW_ISSUES already exists, statement succeeded.")
        XCTAssertEqual(try cells("select count(*) from raw_issues"), [["0"]])
        XCTAssertEqual(try cells("desc table raw_issues").map { Array($0[0...1]) }, [["RAW", "VARIANT"]])
    }

    func testCastsWithBlanksAndElementAccess() throws {
        try run("create table issues (raw variant)")
        try run("""
            insert into issues select parse_json('{"id": 7, "user": {"login": "octo"}, "title": "Bug"}')
            """)
        let flattened = try run("""
            SELECT  CAST ("RAW"['id'] AS INT) AS "ID",  CAST ("RAW"['title'] AS STRING) AS "TITLE",  \
            CAST ("RAW"['user'] AS VARIANT) AS "USER" FROM issues
            """)
        XCTAssertEqual(flattened.columns, [ResultColumn("ID", .integer), ResultColumn("TITLE", .string), ResultColumn("USER", .variant)])
        XCTAssertEqual(flattened.rows, [[.integer(7), .string("Bug"), .variant(#"{"login":"octo"}"#)]])
        let object = try run("""
            SELECT "KEY",  CAST (parse_json("VALUE") AS OBJECT) AS "VALUE" FROM ( SELECT $1 AS "KEY", $2 AS "VALUE" \
            FROM  VALUES ('config' :: STRING, '{"b": 1, "a": [true]}' :: STRING))
            """)
        XCTAssertEqual(object.columns, [ResultColumn("KEY", .string, nullable: false), ResultColumn("VALUE", .object)])
        XCTAssertEqual(object.rows, [[.string("config"), .variant(#"{"a":[true],"b":1}"#)]])
        XCTAssertEqual(try cells("SELECT  *  FROM t WHERE (\"A\" > 1 :: INT)"), [["2", "y"]])
    }

    func testCountOfASubqueryAsSnowparkWritesIt() throws {
        let count = try run("SELECT count(1) AS \"COUNT(LITERAL())\" FROM ( SELECT  *  FROM t) LIMIT 1")
        XCTAssertEqual(count.columns, [ResultColumn("COUNT(LITERAL())", .integer, nullable: false)])
        XCTAssertEqual(count.rows, [[.integer(2)]])
    }

    // MARK: - What the snow CLI and SQLAlchemy send

    func testCurrentVersionIsADottedVersion() throws {
        XCTAssertEqual(try cells("SELECT CURRENT_VERSION()"), [[Session.snowflakeVersion]])
        XCTAssertEqual(Session.snowflakeVersion.split(separator: ".").count, 3)
    }

    func testRollbackOutsideATransactionDoesNothing() throws {
        XCTAssertEqual(try status("ROLLBACK"), "Statement executed successfully.")
        XCTAssertEqual(try cells("select count(*) from t"), [["2"]])
    }

    /// `snow connection test`'s statements.
    func testUseWithQuotedNames() throws {
        try script("grant usage on database testdb to role sysadmin;\ngrant usage on schema testdb.public to role sysadmin")
        for statement in ["use role \"SYSADMIN\"", "use database \"TESTDB\"", "use schema \"PUBLIC\"", "use warehouse \"COMPUTE_WH\""] {
            XCTAssertEqual(try status(statement), "Statement executed successfully.")
        }
        XCTAssertEqual(try cells("select current_role(), current_database(), current_schema(), current_warehouse()"),
                       [["SYSADMIN", "TESTDB", "PUBLIC", "COMPUTE_WH"]])
        assertError("use database \"testdb\"", "002043 (02000): SQL compilation error:\nObject does not exist, or operation cannot be performed.")
    }

    func testShowTablesLikeInSchema() throws {
        try script("create schema state;\ncreate table state.app_state (key string);\ncreate table state.app_config (key string)")
        let shown = try run("show tables like 'APP_STATE' in schema STATE")
        XCTAssertEqual(shown.column("name"), [.string("APP_STATE")])
        XCTAssertEqual(shown.column("schema_name"), [.string("STATE")])
    }

    func testCreateTaskWithIdentifierAndNoBlankBeforeSchedule() throws {
        XCTAssertEqual(try status("""
            CREATE OR REPLACE TASK IDENTIFIER('PUBLIC.INGEST')SCHEDULE = '30 minutes' WAREHOUSE = compute_wh AS select 1
            """), "Task INGEST successfully created.")
        let tasks = try run("show tasks")
        XCTAssertEqual(tasks.column("name"), [.string("INGEST")])
        XCTAssertEqual(tasks.column("schedule"), [.string("30 minutes")])
    }

    // MARK: - SYSTEM$CANCEL_ALL_QUERIES

    func testCancelAllQueriesOfTheOwnSession() throws {
        let result = try run("select system$cancel_all_queries(\(sessionID))")
        XCTAssertEqual(result.columns, [ResultColumn("SYSTEM$CANCEL_ALL_QUERIES(42)", .string, nullable: false)])
        XCTAssertEqual(result.rows, [[.string("0 cancelled.")]])
        XCTAssertEqual(try cells("select system$cancel_all_queries('42')"), [["0 cancelled."]])
        // The session goes on.
        XCTAssertEqual(try cells("select count(*) from t"), [["2"]])
    }

    func testCancelAllQueriesOfAnotherSessionIsRefused() {
        assertError("select system$cancel_all_queries(1234567890)",
                    "002003 (02000): SQL compilation error:\nSession '1234567890' does not exist or not authorized.")
        assertError("select system$cancel_all_queries(a) from t",
                    "001007 (22023): SQL compilation error:\nargument of SYSTEM$CANCEL_ALL_QUERIES must be a constant session id")
    }

    // MARK: - DESCRIBE PROCEDURE

    /// `session.call("myproc", 1, "x")` first describes the procedure and reads row 2's value.
    func testDescribeProcedureAnswersPropertiesAndValues() throws {
        try run("""
            create procedure myproc(n number, s string) returns string language sql as $$ begin return s || n; end $$
            """)
        let described = try run("describe procedure MYPROC(BIGINT, STRING)")
        XCTAssertEqual(described.columns, [ResultColumn("property", .string), ResultColumn("value", .string)])
        XCTAssertEqual(described.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [
            ["signature", "(N NUMBER, S VARCHAR)"], ["returns", "VARCHAR(16777216)"], ["language", "SQL"],
            ["null handling", "CALLED ON NULL INPUT"], ["volatility", "VOLATILE"], ["execute as", "OWNER"],
            ["body", " begin return s || n; end "],
        ])
        XCTAssertEqual(try cells("CALL myproc(1 :: INT, 'x')"), [["x1"]])
        try run("""
            create procedure ingest(resource_id string) returns variant language python runtime_version = '3.8'
            packages = ('snowflake-snowpark-python') handler = 'connector.ingest'
            """)
        XCTAssertEqual(try cells("desc procedure ingest(varchar)"), [
            ["signature", "(RESOURCE_ID VARCHAR)"], ["returns", "VARIANT"], ["language", "PYTHON"],
            ["null handling", "CALLED ON NULL INPUT"], ["volatility", "VOLATILE"], ["execute as", "OWNER"],
            ["runtime_version", "3.8"], ["handler", "connector.ingest"],
        ])
    }

    func testDescribeProcedureOfAnUnknownSignatureFails() throws {
        try run("create procedure myproc(n number) returns string language sql as 'select 1'")
        assertError("describe procedure myproc(varchar)",
                    "002003 (02000): SQL compilation error:\nProcedure 'MYPROC(VARCHAR)' does not exist or not authorized.")
        assertError("describe procedure nope()", "002003 (02000): SQL compilation error:\nProcedure 'NOPE()' does not exist or not authorized.")
    }
}
