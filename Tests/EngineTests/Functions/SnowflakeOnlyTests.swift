// What needs Snowflake's own services (issue 20, item 13): offline there is no model to call and no
// container to run, so SNOWFLAKE.CORTEX.* and the AI_ functions, and statements about compute pools,
// services and image repositories, fail saying they run only in Snowflake — not as an unknown
// function or a syntax error. An account's own function of such a name is still called.

import XCTest

@testable import Engine

final class SnowflakeOnlyTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try run("create database d")
    }

    func testCortexCallsSayTheyNeedSnowflake() {
        for (call, name) in [
            ("snowflake.cortex.complete('llama', 'hi')", "SNOWFLAKE.CORTEX.COMPLETE"),
            ("SNOWFLAKE.CORTEX.SENTIMENT('great')", "SNOWFLAKE.CORTEX.SENTIMENT"),
            ("ai_complete('model', 'hi')", "AI_COMPLETE"), ("ai_filter('is it?')", "AI_FILTER"),
        ] {
            assertError(
                "select \(call)",
                """
                001003 (42000): SQL compilation error:
                Unsupported feature '\(name): Cortex AI functions run only in Snowflake; Snowlite is offline'.
                """)
        }
    }

    func testAnAccountsOwnFunctionOfThatNameIsCalledAndTranslateStaysTheStringFunction() throws {
        try run("create function ai_filter(s string) returns boolean as 'length(s) > 3'")
        XCTAssertEqual(try cells("select ai_filter('long enough'), translate('abc', 'b', 'x')"), [["True", "axc"]])
        assertError(
            "select snowflake.cortex.nothing_like_this(1)",
            "002140 (42601): SQL compilation error:\nUnknown function SNOWFLAKE.CORTEX.NOTHING_LIKE_THIS")
    }

    func testContainerServicesStatementsSayTheyNeedSnowflake() {
        assertError(
            "create compute pool p min_nodes = 1 max_nodes = 1 instance_family = cpu_x64_xs",
            """
            001003 (42000): SQL compilation error:
            Unsupported feature 'COMPUTE POOL: Snowpark Container Services run only in Snowflake; Snowlite is offline'.
            """)
        assertError(
            "show services",
            """
            001003 (42000): SQL compilation error:
            Unsupported feature 'SERVICE: Snowpark Container Services run only in Snowflake; Snowlite is offline'.
            """)
    }
}
