// Snowpark Container Services, external table, external function and API integration statements
// (issue 20, item 13) stop at once with a reason that says Snowlite cannot run them, and only they
// do: a table named SERVICE is still a table.

import XCTest

@testable import SnowSQL

final class SnowflakeOnlyStatementTests: XCTestCase {
    func reason(_ sql: String) -> SyntaxError.Reason? {
        do {
            _ = try Parser.parseOne(sql)
            return nil
        } catch {
            return error.reason
        }
    }

    func testContainerServicesStatementsNeedSnowflake() {
        XCTAssertEqual(
            reason("CREATE COMPUTE POOL p MIN_NODES = 1 MAX_NODES = 1 INSTANCE_FAMILY = CPU_X64_XS"),
            .needsSnowflake(feature: "COMPUTE POOL"))
        XCTAssertEqual(
            reason("create or replace service core.svc in compute pool p from @stage specification_file = 's.yaml'"),
            .needsSnowflake(feature: "SERVICE"))
        XCTAssertEqual(reason("create image repository if not exists r"), .needsSnowflake(feature: "IMAGE REPOSITORY"))
        XCTAssertEqual(reason("execute job service in compute pool p from specification $$x$$"), .needsSnowflake(feature: "JOB SERVICE"))
        XCTAssertEqual(reason("show terse services"), .needsSnowflake(feature: "SERVICE"))
        XCTAssertEqual(reason("drop service if exists svc"), .needsSnowflake(feature: "SERVICE"))
        XCTAssertEqual(reason("alter compute pool p suspend"), .needsSnowflake(feature: "COMPUTE POOL"))
        XCTAssertEqual(
            SyntaxError(line: 1, position: 7, token: "COMPUTE", reason: .needsSnowflake(feature: "COMPUTE POOL")).message,
            "COMPUTE POOL: Snowpark Container Services run only in Snowflake; Snowlite is offline")
    }

    func testExternalTablesFunctionsAndApiIntegrationsNeedSnowflake() {
        XCTAssertEqual(
            reason("create or replace external table d.s.ext (a int as (value:a::int)) location = @d.s.st file_format = (type = json)"),
            .needsSnowflake(feature: "EXTERNAL TABLE"))
        XCTAssertEqual(reason("drop external table if exists ext"), .needsSnowflake(feature: "EXTERNAL TABLE"))
        XCTAssertEqual(
            reason("create secure external function f(x int) returns int api_integration = reference('api') as 'https://x/f'"),
            .needsSnowflake(feature: "EXTERNAL FUNCTION"))
        XCTAssertEqual(
            reason("create api integration i api_provider = aws_api_gateway api_allowed_prefixes = ('https://x') enabled = true"),
            .needsSnowflake(feature: "API INTEGRATION"))
        XCTAssertEqual(
            SyntaxError(line: 1, position: 7, token: "EXTERNAL", reason: .needsSnowflake(feature: "EXTERNAL TABLE")).message,
            "EXTERNAL TABLE: external tables (files in cloud storage) run only in Snowflake; Snowlite is offline")
        XCTAssertEqual(
            SyntaxError(line: 1, position: 7, token: "API", reason: .needsSnowflake(feature: "API INTEGRATION")).message,
            "API INTEGRATION: external functions (remote services behind an API gateway) run only in Snowflake; Snowlite is offline")
    }

    func testOtherStatementsAboutServicesAreUntouched() {
        XCTAssertNil(reason("create table service (a int)"))
        XCTAssertNil(reason("desc service"))
        XCTAssertNil(reason("select service from t"))
        XCTAssertNil(reason("execute immediate 'select 1'"))
        XCTAssertNil(reason("create table external (a int)"))
    }
}
