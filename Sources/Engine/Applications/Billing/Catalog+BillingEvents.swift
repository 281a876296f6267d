// Catalog+BillingEvents: the custom billing events applications create (sl_app_billing_event,
// migration v15-billing-events) and the SQL of the view the provider reads them in,
// SNOWFLAKE.DATA_SHARING_USAGE.MARKETPLACE_PAID_USAGE_DAILY (Translator+DataSharingUsage.swift).
// Each event keeps what SYSTEM$CREATE_BILLING_EVENT was given (class upper-cased, as Snowflake
// stores it) and its charge in whole cents, so sums are exact.

import Foundation
import GRDB

/// One billable event as SYSTEM$CREATE_BILLING_EVENT(S) records it.
struct BillingEvent: Equatable {
    var eventClass: String
    var subclass: String
    var startTimestamp: Int64
    var timestamp: Int64
    var chargeCents: Int64
    var objects: String
    var additionalInfo: String
}

extension Catalog {
    /// Records `events` of `application` (installed from `package`), created at `createdOn`.
    func insertBillingEvents(_ events: [BillingEvent], application: String, package: String, createdOn: String) throws {
        for event in events {
            try db.execute(
                sql: """
                    INSERT INTO sl_app_billing_event (application, package, class, subclass, start_timestamp, event_timestamp,
                                                      charge_cents, objects, additional_info, created_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    application, package, event.eventClass, event.subclass, event.startTimestamp, event.timestamp,
                    event.chargeCents, event.objects, event.additionalInfo, createdOn,
                ])
        }
    }

    /// MARKETPLACE_PAID_USAGE_DAILY's rows, c1…c16 in its column order: one per application and UTC
    /// day of the events' `timestamp`, every event a MONETIZABLE_BILLING_EVENTS charge. The three
    /// binds are the provider's account name, account locator and organization.
    static let marketplacePaidUsageDailySQL = """
        SELECT MAX(substr(e.created_on, 1, 10)) || ' 00:00:00.000' AS c1,
               strftime('%Y-%m-%d 00:00:00.000', e.event_timestamp / 1000, 'unixepoch') AS c2,
               NULL AS c3, ? AS c4, ? AS c5, ? AS c6, NULL AS c7, NULL AS c8, e.application AS c9, NULL AS c10, NULL AS c11,
               'MONETIZABLE_BILLING_EVENTS' AS c12, CAST(COUNT(*) AS TEXT) AS c13, NULL AS c14,
               SUM(e.charge_cents) / 100.0 AS c15, 'USD' AS c16
        FROM sl_app_billing_event e
        GROUP BY e.application, c2
        """
}
