// Cortex AI functions (issue 20, item 13): offline there is no model to call, so SNOWFLAKE.CORTEX.*
// and the AI_ functions fail saying they run only in Snowflake, not as an unknown function; an
// account's own function of such a name is still called; TRANSLATE unqualified stays the string one.

import XCTest
@testable import Engine

final class SnowflakeOnlyFunctionTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try run("create database d")
    }

    func testCortexCallsSayTheyNeedSnowflake() {
        for (call, name) in [("snowflake.cortex.complete('llama', 'hi')", "SNOWFLAKE.CORTEX.COMPLETE"),
                             ("SNOWFLAKE.CORTEX.SENTIMENT('great')", "SNOWFLAKE.CORTEX.SENTIMENT"),
                             ("ai_complete('model', 'hi')", "AI_COMPLETE"), ("ai_filter('is it?')", "AI_FILTER")] {
            assertError("select \(call)", """
                001003 (42000): SQL compilation error:
                Unsupported feature '\(name): Cortex AI functions run only in Snowflake; Snowlite is offline'.
                """)
        }
    }

    func testAnAccountsOwnFunctionOfThatNameIsCalledAndTranslateStaysTheStringFunction() throws {
        try run("create function ai_filter(s string) returns boolean as 'length(s) > 3'")
        XCTAssertEqual(try cells("select ai_filter('long enough'), translate('abc', 'b', 'x')"), [["True", "axc"]])
        assertError("select snowflake.cortex.nothing_like_this(1)",
                    "002140 (42601): SQL compilation error:\nUnknown function SNOWFLAKE.CORTEX.NOTHING_LIKE_THIS")
    }
}
