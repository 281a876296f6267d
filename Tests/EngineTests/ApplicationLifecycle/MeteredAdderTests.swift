// MeteredAdder (Applications/Apps/MeteredAdder, issue 20 item 11): custom billing events. The
// application's procedures call SYSTEM$CREATE_BILLING_EVENT and SYSTEM$CREATE_BILLING_EVENTS; each
// answers a status message (Success, Invalid parameter: <name>., Only callable from within an
// application.). The provider reads the charges per application and day in
// SNOWFLAKE.DATA_SHARING_USAGE.MARKETPLACE_PAID_USAGE_DAILY, Snowlite's local stand-in.

import Foundation
import XCTest

@testable import Engine

final class MeteredAdderTests: LifecycleAppTestCase {
    override class var app: String { "MeteredAdder" }

    override func setUpWithError() throws {
        try super.setUpWithError()
        try stage("v1")
        try runProviderScript()
        try run("create application adder from application package metered_adder_pkg")
    }

    static let usage = """
        select usage_date, provider_account_name, provider_organization_name, listing_global_name, database_name,
               charge_type, units, unit_price, charge, currency
        from snowflake.data_sharing_usage.marketplace_paid_usage_daily order by usage_date
        """

    func testProceduresBillAndTheProviderSeesTheCharges() throws {
        XCTAssertEqual(try cells("call adder.core.add(2, 3)"), [["5"]])
        XCTAssertEqual(try cells("call adder.core.add(4, 5)"), [["9"]])
        XCTAssertEqual(try cells("call adder.core.bill_batch()"), [["Success"]])
        let account = session.accountName
        XCTAssertEqual(
            try cells(Self.usage),
            [
                ["2026-01-02 00:00:00.000", account, "SNOWLITE", "NULL", "ADDER", "MONETIZABLE_BILLING_EVENTS", "2", "NULL", "1.00", "USD"],
                ["2026-01-03 00:00:00.000", account, "SNOWLITE", "NULL", "ADDER", "MONETIZABLE_BILLING_EVENTS", "2", "NULL", "3.25", "USD"],
            ])
        XCTAssertEqual(
            try run(Self.usage).columns.map(\.name),
            [
                "USAGE_DATE", "PROVIDER_ACCOUNT_NAME", "PROVIDER_ORGANIZATION_NAME", "LISTING_GLOBAL_NAME", "DATABASE_NAME", "CHARGE_TYPE",
                "UNITS", "UNIT_PRICE", "CHARGE", "CURRENCY",
            ])
        XCTAssertEqual(
            try cells(
                "select sum(charge) from snowflake.data_sharing_usage.marketplace_paid_usage_daily "
                    + "where charge_type = 'MONETIZABLE_BILLING_EVENTS'"), [["4.25"]])
    }

    func testEachBadArgumentIsNamed() throws {
        for (arguments, answer) in [
            ("'SNOWFLAKE_X', '1.00', ''", "Invalid parameter: class."),
            ("'9lives', '1.00', ''", "Invalid parameter: class."),
            ("'ok', '0', ''", "Invalid parameter: base_charge."),
            ("'ok', '0.001', ''", "Invalid parameter: base_charge."),
            ("'ok', '99999.99', ''", "Invalid parameter: base_charge."),
            ("'ok', '1.00', 'core.add'", "Invalid parameter: objects."),
            ("'ok', '0.07', '[\"core.add\"]'", "Success"),
        ] {
            XCTAssertEqual(try cells("call adder.core.bill(\(arguments))"), [[answer]], arguments)
        }
        XCTAssertEqual(try cells("select units, charge from snowflake.data_sharing_usage.marketplace_paid_usage_daily"), [["1", "0.07"]])
    }

    func testOnlyAnApplicationMayBill() throws {
        XCTAssertEqual(
            try cells("select system$create_billing_event('ADD', '', 1, 1, 1.0, '', '')"),
            [["Only callable from within an application."]])
        XCTAssertEqual(try cells("select system$create_billing_events('[]')"), [["Only callable from within an application."]])
        XCTAssertEqual(try cells("select count(*) from snowflake.data_sharing_usage.marketplace_paid_usage_daily"), [["0"]])
        assertError(
            "select * from snowflake.data_sharing_usage.listing_access_history",
            missing("Object", "SNOWFLAKE.DATA_SHARING_USAGE.LISTING_ACCESS_HISTORY"))
        // The SNOWFLAKE database's views are the administrator's.
        asAnalyst()
        assertError(
            "select * from snowflake.data_sharing_usage.marketplace_paid_usage_daily",
            missing("Schema", "SNOWFLAKE.DATA_SHARING_USAGE"))
    }
}
