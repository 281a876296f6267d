// HybridTableTests (issue 20, item 10): CREATE HYBRID TABLE with its keys enforced as Snowflake
// enforces them — a duplicate primary key is 200001, a duplicate UNIQUE value names the constraint's
// index, a foreign key without its parent (or NULL) is 200009, a referenced parent row cannot be
// deleted — on INSERT, UPDATE, MERGE and CREATE … AS SELECT, each failing statement leaving
// nothing; while a standard table's keys stay unenforced. Then the DDL's own checks, DESCRIBE,
// SHOW TABLES' is_hybrid and DROP.

import XCTest

@testable import Engine

final class HybridTableTests: EngineTestCase {
    static let primaryKeyExists = "200001 (22000): Primary key already exists"
    static let missingTeam = #"200009 (22000): Foreign key constraint "SYS_INDEX_PLAYER_FOREIGN_KEY_TEAM_ID_TEAM_TEAM_ID" was violated."#
    static let stillReferenced = "200008 (22000): Foreign keys that reference key values still exist."

    override func setUpWithError() throws {
        try super.setUpWithError()
        try script(
            """
            create database d;
            create or replace hybrid table team (team_id int primary key, team_name varchar(40), stadium varchar(40));
            create or replace hybrid table player (player_id int primary key, first_name varchar(40), last_name varchar(40),
              team_id int, foreign key (team_id) references team(team_id));
            insert into team values (1, 'Bayern Munich', 'Allianz Arena')
            """)
    }

    func testCreateReportsSnowflakesStatus() throws {
        XCTAssertEqual(
            try status(
                "create hybrid table mytable (customer_id int autoincrement primary key, full_name varchar(255), email varchar(255) unique, extended_customer_info variant, index index_full_name (full_name))"
            ),
            "Table MYTABLE successfully created.")
        XCTAssertEqual(try status("create hybrid table if not exists mytable (id int primary key)"), "MYTABLE already exists, statement succeeded.")
    }

    // MARK: - Primary keys

    func testDuplicatePrimaryKeyFailsAndMultiRowInsertLeavesNothing() throws {
        assertError("insert into team values (1, 'Again', 'Elsewhere')", Self.primaryKeyExists)
        assertError(
            "insert into team values (2, 'Dortmund', 'Signal Iduna Park'), (3, 'Leipzig', 'Red Bull Arena'), (2, 'Twice', 'x')",
            Self.primaryKeyExists)
        XCTAssertEqual(try cells("select team_id, team_name from team order by team_id"), [["1", "Bayern Munich"]])
        XCTAssertEqual(try cells("insert into team values (2, 'Dortmund', 'Signal Iduna Park')"), [["1"]])
    }

    func testCompositePrimaryKey() throws {
        try run("create hybrid table ht2pk (col1 integer not null, col2 integer not null, col3 varchar, constraint pkey_1 primary key (col1, col2))")
        try run("insert into ht2pk values (1, 1, 'a'), (1, 2, 'b')")
        assertError("insert into ht2pk values (1, 2, 'c')", Self.primaryKeyExists)
        XCTAssertEqual(try cells("select count(*) from ht2pk"), [["2"]])
    }

    func testUpdateOntoAnotherRowsKeyFails() throws {
        try run("insert into team values (2, 'Dortmund', 'Signal Iduna Park')")
        assertError("update team set team_id = 1 where team_id = 2", Self.primaryKeyExists)
        XCTAssertEqual(try cells("update team set team_name = 'FC Bayern' where team_id = 1"), [["1", "0"]])
        XCTAssertEqual(try cells("update team set team_id = 3 where team_id = 2"), [["1", "0"]])
        XCTAssertEqual(try cells("select team_id, team_name from team order by 1"), [["1", "FC Bayern"], ["3", "Dortmund"]])
    }

    func testPrimaryKeyColumnsAreNotNull() throws {
        assertError("insert into team (team_name) values ('Nobody')", "100072 (22000): NULL result in a non-nullable column")
    }

    // MARK: - UNIQUE

    func testDuplicateUniqueValueNamesTheConstraintsIndex() throws {
        try run("create hybrid table mytable (customer_id int primary key, full_name varchar(255), email varchar(255) unique)")
        try run("insert into mytable values (100, 'Jane Doe', 'jdoe@example.com'), (101, 'No Mail', null), (102, 'No Mail Either', null)")
        assertError(
            "insert into mytable values (103, 'Other Jane', 'jdoe@example.com')",
            #"200001 (22000): Duplicate key value violates unique constraint "SYS_INDEX_MYTABLE_UNIQUE_EMAIL""#)
        assertError(
            "update mytable set email = 'jdoe@example.com' where customer_id = 101",
            #"200001 (22000): Duplicate key value violates unique constraint "SYS_INDEX_MYTABLE_UNIQUE_EMAIL""#)
        XCTAssertEqual(
            try cells("select customer_id, email from mytable order by 1"),
            [["100", "jdoe@example.com"], ["101", "NULL"], ["102", "NULL"]])
    }

    // MARK: - Foreign keys

    func testForeignKeyNeedsAnExistingParentAndIsNeverNull() throws {
        XCTAssertEqual(try cells("insert into player values (100, 'Harry', 'Kane', 1)"), [["1"]])
        assertError("insert into player values (301, 'Gareth', 'Bale', 3)", Self.missingTeam)
        assertError("insert into player values (200, 'Tommy', 'Atkins', null)", Self.missingTeam)
        assertError("update player set team_id = 7 where player_id = 100", Self.missingTeam)
        XCTAssertEqual(
            try cells("select * from team t, player p where t.team_id = p.team_id"),
            [["1", "Bayern Munich", "Allianz Arena", "100", "Harry", "Kane", "1"]])
    }

    func testReferencedParentRowCannotBeDeletedOrRekeyed() throws {
        try run("insert into team values (0, 'Unknown', 'Unknown')")
        try run("insert into player values (100, 'Harry', 'Kane', 1)")
        assertError("delete from team where team_id = 1", Self.stillReferenced)
        assertError("update team set team_id = 10 where team_id = 1", Self.stillReferenced)
        XCTAssertEqual(try cells("delete from team where team_id = 0"), [["1"]])
        XCTAssertEqual(try cells("delete from player where player_id = 100"), [["1"]])
        XCTAssertEqual(try cells("delete from team where team_id = 1"), [["1"]])
    }

    func testInlineForeignKeyAndUniqueParentKey() throws {
        try script(
            """
            create hybrid table teams (id int primary key, code varchar(3) unique);
            create hybrid table members (id int primary key, email varchar unique, team_id int foreign key references teams(id),
              team_code varchar(3) references teams (code));
            insert into teams values (1, 'BAY')
            """)
        try run("insert into members values (1, 'a@example.com', 1, 'BAY')")
        assertError(
            "insert into members values (2, 'b@example.com', 1, 'DOR')",
            #"200009 (22000): Foreign key constraint "SYS_INDEX_MEMBERS_FOREIGN_KEY_TEAM_CODE_TEAMS_CODE" was violated."#)
        assertError(
            "insert into members values (2, 'b@example.com', 2, 'BAY')",
            #"200009 (22000): Foreign key constraint "SYS_INDEX_MEMBERS_FOREIGN_KEY_TEAM_ID_TEAMS_ID" was violated."#)
    }

    // MARK: - MERGE, CTAS, Scripting

    func testMergeIsEnforcedAndAtomic() throws {
        try run("create table incoming (team_id int, team_name varchar)")
        try run("insert into incoming values (1, 'Bayern'), (2, 'Dortmund')")
        assertError(
            "merge into team t using incoming s on t.team_name = s.team_name when not matched then insert (team_id, team_name) values (s.team_id, s.team_name)",
            Self.primaryKeyExists)
        XCTAssertEqual(try cells("select team_id from team order by 1"), [["1"]])
        try run(
            "merge into team t using incoming s on t.team_id = s.team_id when matched then update set team_name = s.team_name when not matched then insert (team_id, team_name) values (s.team_id, s.team_name)"
        )
        XCTAssertEqual(try cells("select team_id, team_name from team order by 1"), [["1", "Bayern"], ["2", "Dortmund"]])
    }

    func testCreateAsSelectConvertsToTheDefinedColumnsAndEnforcesKeys() throws {
        try script(
            """
            create table company_employees (employee_id int, department_id varchar);
            insert into company_employees values (1, 'D1'), (2, 'D2'), (2, 'D3')
            """)
        assertError(
            "create or replace hybrid table dept_employees (employee_id int primary key, department_id varchar(200)) as select employee_id, department_id from company_employees",
            Self.primaryKeyExists)
        assertError(
            "select * from dept_employees", "002003 (42S02): SQL compilation error:\nObject 'DEPT_EMPLOYEES' does not exist or not authorized.")
        XCTAssertEqual(
            try status(
                "create hybrid table dept_employees (employee_id int primary key, department_id varchar(200)) as select 10 + employee_id, department_id from company_employees where department_id <> 'D3'"
            ),
            "Table DEPT_EMPLOYEES successfully created.")
        XCTAssertEqual(try cells("select * from dept_employees order by 1"), [["11", "D1"], ["12", "D2"]])
        assertError(
            "create hybrid table two (a int primary key, b int) as select 1",
            "001007 (22023): SQL compilation error:\nThe column definition list has 2 column(s), the query 1.")
    }

    func testScriptingBlockSeesTheErrorAndKeepsWhatCameBefore() throws {
        XCTAssertEqual(
            try cells(
                """
                execute immediate $$
                begin
                  insert into team values (5, 'Five', 'x');
                  insert into team values (6, 'Six', 'x'), (5, 'Five again', 'x');
                  return 'done';
                exception
                  when statement_error then return sqlcode || ': ' || sqlerrm;
                end;
                $$
                """), [["200001: Primary key already exists"]])
        XCTAssertEqual(try cells("select team_id from team order by 1"), [["1"], ["5"]])
    }

    // MARK: - Standard tables stay unenforced

    func testStandardTableKeysAreNotEnforced() throws {
        try script(
            """
            create table plain_team (team_id int primary key, code varchar unique);
            create table plain_player (player_id int primary key, team_id int references plain_team(team_id))
            """)
        try run("insert into plain_team values (1, 'A'), (1, 'A')")
        try run("insert into plain_player values (1, 99), (1, null)")
        XCTAssertEqual(try cells("select count(*) from plain_team"), [["2"]])
        XCTAssertEqual(try cells("delete from plain_team"), [["2"]])
        XCTAssertEqual(try cells("show tables like 'PLAIN_TEAM'").map { [$0[1], $0[7], $0[21]] }, [["PLAIN_TEAM", "0", "N"]])
        XCTAssertEqual(try cells("describe table plain_team").map { [$0[0], $0[5], $0[6]] }, [["TEAM_ID", "N", "N"], ["CODE", "N", "N"]])
    }

    // MARK: - What CREATE HYBRID TABLE refuses

    func testCreateRefusals() throws {
        assertError(
            "create hybrid table nokey (a int, b int)", "001007 (22023): SQL compilation error:\nA hybrid table must have a primary key constraint.")
        assertError(
            "create hybrid table twokeys (a int primary key, b int primary key)",
            "001007 (22023): SQL compilation error:\nA hybrid table can have only one primary key constraint.")
        assertError(
            "create temporary hybrid table temp (a int primary key)",
            "001003 (42000): SQL compilation error:\nUnsupported feature 'TEMPORARY or TRANSIENT hybrid tables'.")
        assertError(
            "create hybrid table v (a int primary key, doc variant unique)",
            "001007 (22023): SQL compilation error:\nColumn 'DOC' of type VARIANT cannot be part of a key or an index of a hybrid table.")
        assertError(
            "create hybrid table v (a int primary key, b int, index i (c))",
            "001007 (22023): SQL compilation error:\nColumn 'C' does not exist in the hybrid table.")
        assertError(
            "create hybrid table c (a int primary key, t int references team(team_id) on delete cascade)",
            "001003 (42000): SQL compilation error:\nUnsupported feature 'ON DELETE CASCADE on a hybrid table's foreign key'.")
        try run("create table plain (id int primary key)")
        assertError(
            "create hybrid table c (a int primary key, p int references plain(id))",
            "001007 (22023): SQL compilation error:\nInvalid foreign key on a hybrid table: 'PLAIN' is not a hybrid table.")
        assertError(
            "create hybrid table c (a int primary key, p varchar references team(team_name))",
            "001007 (22023): SQL compilation error:\nInvalid foreign key on a hybrid table: (TEAM_NAME) is not the primary key or a unique key of 'TEAM'."
        )
        assertError(
            "create hybrid table c (a int primary key, p int references nowhere(id))",
            "002003 (42S02): SQL compilation error:\nTable 'NOWHERE' does not exist or not authorized.")
        try run("create transient schema scratch")
        assertError(
            "create hybrid table scratch.h (a int primary key)",
            "001003 (42000): SQL compilation error:\nUnsupported feature 'Transient schemas and databases for hybrid tables'.")
        assertError(
            "create hybrid table d.public.h (a int primary key) change_tracking = true",
            "001003 (42000): SQL compilation error:\nUnsupported feature 'CHANGE_TRACKING for hybrid tables'.")
        assertError(
            "create stream s on table d.public.team",
            "001003 (42000): SQL compilation error:\nUnsupported feature 'Streams on hybrid table 'TEAM''.")
        XCTAssertEqual(try cells("show streams in database d"), [])
    }

    // MARK: - DESCRIBE, SHOW TABLES, DROP

    func testDescribeAndShowTables() throws {
        try run("create hybrid table mytable (customer_id int autoincrement primary key, full_name varchar(255), email varchar(255) unique)")
        XCTAssertEqual(
            try cells("describe table mytable").map { Array($0[0...6]) },
            [
                ["CUSTOMER_ID", "NUMBER(38,0)", "COLUMN", "N", "IDENTITY START 1 INCREMENT 1 NOORDER", "Y", "N"],
                ["FULL_NAME", "VARCHAR(255)", "COLUMN", "Y", "NULL", "N", "N"],
                ["EMAIL", "VARCHAR(255)", "COLUMN", "Y", "NULL", "N", "Y"],
            ])
        try run("insert into mytable (full_name, email) values ('Jane', 'j@example.com')")
        let show = try run("show tables like 'MYTABLE'")
        XCTAssertEqual(show.columns[21].name, "is_hybrid")
        XCTAssertEqual(
            try cells("show tables like 'MYTABLE'").map { [$0[1], $0[4], $0[7], $0[8], $0[21]] }, [["MYTABLE", "TABLE", "NULL", "NULL", "Y"]])
    }

    func testDropParentWhileReferencedIsRefusedThenChildThenParent() throws {
        let refused =
            "001007 (22023): SQL compilation error:\nHybrid table 'TEAM' cannot be dropped as it is referenced by a foreign key of 'PLAYER'."
        assertError("drop table team", refused)
        assertError("create or replace hybrid table team (team_id int primary key)", refused)
        XCTAssertEqual(try status("drop hybrid table player"), "PLAYER successfully dropped.")
        // The child's triggers on its parent went with it: the parent's rows delete again.
        XCTAssertEqual(try cells("delete from team"), [["1"]])
        XCTAssertEqual(try status("drop table team"), "TEAM successfully dropped.")
    }
}
