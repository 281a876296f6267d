// HybridIndexTests (issue 20, item 10): a hybrid table's indexes — the ones Snowflake builds for its
// constraints (`SYS_INDEX_<TABLE>_PRIMARY`, `…_UNIQUE_…`, `…_FOREIGN_KEY_…`) and secondary indexes
// from CREATE HYBRID TABLE's INDEX or CREATE INDEX — as SHOW INDEXES lists them, DROP INDEX, and
// SHOW HYBRID TABLES.

import XCTest

@testable import Engine

final class HybridIndexTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script(
            """
            create database d;
            create hybrid table sensor (device_id int primary key, name varchar unique, reading variant);
            create hybrid table sensor_data (id int primary key, device_id int references sensor(device_id), temperature float,
              index device_idx (device_id) include (temperature))
            """)
    }

    /// SHOW INDEXES' rows, without created_on.
    func indexes(_ sql: String = "show indexes") throws -> [[String]] { try cells(sql).map { Array($0.dropFirst()) } }

    func testShowIndexesListsConstraintAndSecondaryIndexes() throws {
        let result = try run("show indexes")
        XCTAssertEqual(
            result.columns.map(\.name),
            [
                "created_on", "name", "is_unique", "columns", "included_columns", "table", "database_name", "schema_name", "owner",
                "owner_role_type", "status", "status_info",
            ])
        XCTAssertEqual(
            try indexes(),
            [
                ["SYS_INDEX_SENSOR_PRIMARY", "Y", "[DEVICE_ID]", "[]", "SENSOR", "D", "PUBLIC", "ACCOUNTADMIN", "ROLE", "ACTIVE", ""],
                ["SYS_INDEX_SENSOR_UNIQUE_NAME", "Y", "[NAME]", "[]", "SENSOR", "D", "PUBLIC", "ACCOUNTADMIN", "ROLE", "ACTIVE", ""],
                ["SYS_INDEX_SENSOR_DATA_PRIMARY", "Y", "[ID]", "[]", "SENSOR_DATA", "D", "PUBLIC", "ACCOUNTADMIN", "ROLE", "ACTIVE", ""],
                [
                    "SYS_INDEX_SENSOR_DATA_FOREIGN_KEY_DEVICE_ID_SENSOR_DEVICE_ID", "N", "[DEVICE_ID]", "[]", "SENSOR_DATA", "D", "PUBLIC",
                    "ACCOUNTADMIN", "ROLE", "ACTIVE", "",
                ],
                ["DEVICE_IDX", "N", "[DEVICE_ID]", "[TEMPERATURE]", "SENSOR_DATA", "D", "PUBLIC", "ACCOUNTADMIN", "ROLE", "ACTIVE", ""],
            ])
        XCTAssertEqual(
            try cells("show terse indexes like '%DEVICE%'"),
            [
                ["2026-01-02 03:04:05.678 +0000", "SYS_INDEX_SENSOR_DATA_FOREIGN_KEY_DEVICE_ID_SENSOR_DEVICE_ID", "KEY_VALUE_INDEX", "D", "PUBLIC"],
                ["2026-01-02 03:04:05.678 +0000", "DEVICE_IDX", "KEY_VALUE_INDEX", "D", "PUBLIC"],
            ])
        XCTAssertEqual(try indexes("show indexes in table sensor").map { $0[0] }, ["SYS_INDEX_SENSOR_PRIMARY", "SYS_INDEX_SENSOR_UNIQUE_NAME"])
        XCTAssertEqual(try indexes("show indexes in sensor").map { $0[0] }, ["SYS_INDEX_SENSOR_PRIMARY", "SYS_INDEX_SENSOR_UNIQUE_NAME"])
        XCTAssertEqual(try indexes("show indexes in schema d.public limit 1").map { $0[0] }, ["SYS_INDEX_SENSOR_PRIMARY"])
        assertError("show indexes in table nowhere", "002003 (42S02): SQL compilation error:\nTable 'NOWHERE' does not exist or not authorized.")
    }

    func testCreateAndDropIndex() throws {
        XCTAssertEqual(try status("create index if not exists temp_idx on sensor_data (temperature)"), "Index TEMP_IDX successfully created.")
        XCTAssertEqual(
            try status("create index if not exists temp_idx on sensor_data (temperature)"), "TEMP_IDX already exists, statement succeeded.")
        assertError("create index temp_idx on sensor_data (id)", "002002 (42710): SQL compilation error:\nObject 'TEMP_IDX' already exists.")
        assertError(
            "create index twin_idx on sensor_data (temperature)",
            "001007 (22023): SQL compilation error:\nIndex 'TEMP_IDX' is already defined on the same columns.")
        XCTAssertEqual(try status("create or replace index temp_idx on sensor_data (temperature, id)"), "Index TEMP_IDX successfully created.")
        XCTAssertEqual(try indexes("show indexes like 'TEMP%'").map { [$0[0], $0[2]] }, [["TEMP_IDX", "[TEMPERATURE, ID]"]])
        assertError(
            "create index r_idx on sensor (reading)",
            "001007 (22023): SQL compilation error:\nColumn 'READING' of type VARIANT cannot be part of a key or an index of a hybrid table.")
        try run("create table plain (a int)")
        assertError(
            "create index p_idx on plain (a)",
            "001003 (42000): SQL compilation error:\nUnsupported feature 'CREATE INDEX on 'PLAIN', which is not a hybrid table'.")

        XCTAssertEqual(try status("drop index sensor_data.temp_idx"), "TEMP_IDX successfully dropped.")
        XCTAssertEqual(try status("drop index if exists sensor_data.temp_idx"), "Drop statement executed successfully (TEMP_IDX already dropped).")
        assertError(
            "drop index sensor_data.temp_idx",
            "002003 (02000): SQL compilation error:\nIndex 'SENSOR_DATA.TEMP_IDX' does not exist or not authorized.")
        assertError(
            "drop index sensor.sys_index_sensor_unique_name",
            "001007 (22023): SQL compilation error:\nIndex 'SYS_INDEX_SENSOR_UNIQUE_NAME' enforces a constraint and cannot be dropped with DROP INDEX."
        )
        XCTAssertEqual(
            try indexes("show indexes in table sensor_data").map { $0[0] },
            ["SYS_INDEX_SENSOR_DATA_PRIMARY", "SYS_INDEX_SENSOR_DATA_FOREIGN_KEY_DEVICE_ID_SENSOR_DEVICE_ID", "DEVICE_IDX"])
    }

    func testShowHybridTables() throws {
        try run("create table plain (a int)")
        let result = try run("show hybrid tables")
        XCTAssertEqual(
            result.columns.map(\.name),
            ["created_on", "name", "database_name", "schema_name", "owner", "datastore_id", "rows", "bytes", "comment", "owner_role_type"])
        XCTAssertEqual(
            try cells("show hybrid tables"),
            [
                ["2026-01-02 03:04:05.678 +0000", "SENSOR", "D", "PUBLIC", "ACCOUNTADMIN", "NULL", "NULL", "NULL", "", "ROLE"],
                ["2026-01-02 03:04:05.678 +0000", "SENSOR_DATA", "D", "PUBLIC", "ACCOUNTADMIN", "NULL", "NULL", "NULL", "", "ROLE"],
            ])
        XCTAssertEqual(
            try cells("show terse hybrid tables starts with 'SENSOR_'").map { Array($0.dropFirst()) },
            [["SENSOR_DATA", "HYBRID TABLE", "D", "PUBLIC"]])
    }

    func testIndexesGoWithTheirTable() throws {
        try run("drop table sensor_data")
        XCTAssertEqual(try indexes().map { $0[0] }, ["SYS_INDEX_SENSOR_PRIMARY", "SYS_INDEX_SENSOR_UNIQUE_NAME"])
        XCTAssertEqual(try cells("show hybrid tables").map { $0[1] }, ["SENSOR"])
    }
}
