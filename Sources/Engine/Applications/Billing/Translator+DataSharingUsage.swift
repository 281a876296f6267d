// Translator+DataSharingUsage: SNOWFLAKE.DATA_SHARING_USAGE.MARKETPLACE_PAID_USAGE_DAILY as a FROM
// item — a local stand-in for Snowflake's view of a listing's paid usage, where custom billing
// events show as CHARGE_TYPE MONETIZABLE_BILLING_EVENTS. Snowflake's view is the consumer's and is
// fed from the marketplace up to two days late; in one local account provider and consumer are the
// same, so it lists every event SYSTEM$CREATE_BILLING_EVENT(S) recorded (BillingEvents.swift) at
// once: one row per application (DATABASE_NAME) and UTC day of the events' timestamp, UNITS the
// number of events, CHARGE their sum in USD. There are no listings, so PROVIDER_NAME,
// LISTING_DISPLAY_NAME, LISTING_GLOBAL_NAME, PO_NUMBER, PRICING_PLAN and UNIT_PRICE are NULL.
// The SNOWFLAKE database's views need IMPORTED PRIVILEGES on it (ACCOUNTADMIN's); without them the
// schema is missing. Any other name in that schema is a missing object.
// https://docs.snowflake.com/en/collaboration/views/marketplace-paid-usage-daily-ds

import Foundation
import GRDB
import Security
import SnowSQL

extension Translator {
    /// Whether `name` is in SNOWFLAKE.DATA_SHARING_USAGE (the schema Snowlite answers for itself).
    static func isDataSharingUsage(_ name: QualifiedName) -> Bool {
        name.database == "SNOWFLAKE" && name.schema == "DATA_SHARING_USAGE"
    }

    /// SNOWFLAKE.DATA_SHARING_USAGE.<view> as a derived table.
    func dataSharingUsageView(_ name: QualifiedName, written parts: [String], alias: TableAlias?, _ scope: Scope) throws -> TypedSQL {
        let access = try access
        guard
            access.authorizer.holds(Privilege("IMPORTED PRIVILEGES"), on: Securable(.database, "SNOWFLAKE", owner: ""))
                || access.activeRoles.contains("ACCOUNTADMIN")
        else {
            throw SnowflakeError.doesNotExist("Schema", "SNOWFLAKE.DATA_SHARING_USAGE")
        }
        guard name.name == "MARKETPLACE_PAID_USAGE_DAILY" else {
            throw SnowflakeError.doesNotExist("Object", parts.map { Identifier($0, quoted: true).sql }.joined(separator: "."))
        }
        let columns: [(String, SnowflakeType)] = [
            ("REPORT_DATE", .timestampNTZ), ("USAGE_DATE", .timestampNTZ), ("PROVIDER_NAME", .string),
            ("PROVIDER_ACCOUNT_NAME", .string), ("PROVIDER_ACCOUNT_LOCATOR", .string), ("PROVIDER_ORGANIZATION_NAME", .string),
            ("LISTING_DISPLAY_NAME", .string), ("LISTING_GLOBAL_NAME", .string), ("DATABASE_NAME", .string), ("PO_NUMBER", .string),
            ("PRICING_PLAN", .variant), ("CHARGE_TYPE", .string), ("UNITS", .string), ("UNIT_PRICE", .number(precision: 38, scale: 2)),
            ("CHARGE", .number(precision: 38, scale: 2)), ("CURRENCY", .string),
        ]
        markVolatile()
        let sqlAlias = nextAlias()
        scope.relations.append(
            Relation(
                name: alias?.name.name ?? name.name, qualifiedParts: [name.database, name.schema, name.name], sqlAlias: sqlAlias,
                columns: columns.enumerated().map { i, column in
                    RelationColumn(
                        name: alias.flatMap { i < $0.columns.count ? $0.columns[i].name : nil } ?? column.0,
                        type: column.1, sqlName: "c\(i + 1)")
                }))
        let account = session.accountName
        return TypedSQL(
            "(" + Catalog.marketplacePaidUsageDailySQL + ") AS \(sqlAlias)",
            [account.databaseValue, account.databaseValue, Session.organizationName.databaseValue], type: .boolean)
    }
}
