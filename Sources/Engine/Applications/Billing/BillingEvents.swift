// BillingEvents: SYSTEM$CREATE_BILLING_EVENT and SYSTEM$CREATE_BILLING_EVENTS (issue 20, item 11),
// the custom event billing of a monetized application. Only an application may call them — from a
// procedure it owns (or its setup script); anywhere else the answer is the status message
// `Only callable from within an application.`, which is what Snowflake returns. Each argument is
// checked as the docs describe it and a bad one answers `Invalid parameter: <name>.`; a good call
// records the events for the application (Catalog+BillingEvents.swift) and answers `Success`.
// The provider reads them in SNOWFLAKE.DATA_SHARING_USAGE.MARKETPLACE_PAID_USAGE_DAILY, a local
// stand-in (Translator+DataSharingUsage.swift).
//
// Not modelled: paid listings (a Snowlite account has none, so every event counts as a charge of a
// listing that prices it) and Snowflake's rate limits (one SYSTEM$CREATE_BILLING_EVENT call a minute
// per class, one SYSTEM$CREATE_BILLING_EVENTS call per 10 ms).
// https://docs.snowflake.com/en/sql-reference/functions/system_create_billing_event, …/system_create_billing_events

import Foundation
import GRDB
import Security

extension FunctionLibrary {
    /// The billing functions: entries of the one function table that act when translated.
    static func registerBillingEvents(_ d: inout FunctionRegistry) {
        d.addActions([("SYSTEM$CREATE_BILLING_EVENT", 7...7), ("SYSTEM$CREATE_BILLING_EVENTS", 1...1)]) { translator, name, arguments in
            .bound(try translator.createBillingEvents(name, arguments).databaseValue, type: .string)
        }
    }
}

extension Translator {
    /// Records the events of one call, or answers the status message that says why not.
    func createBillingEvents(_ function: String, _ arguments: [String]) throws -> String {
        guard let application = session.actingApplication,
            let record = try catalog.accountObject(kind: .application, name: application)
        else {
            return "Only callable from within an application."
        }
        let events: [BillingEvent]
        if function == "SYSTEM$CREATE_BILLING_EVENTS" {
            guard arguments[0].count <= 9000 else { return "Payload length exceeds the limit of 9000 characters." }
            guard let list = try? JSONSerialization.jsonObject(with: Data(arguments[0].utf8)) as? [Any] else {
                return "Invalid parameter: json_array_of_events."
            }
            guard list.count <= 100 else { return "Number of events exceeds the limit of 100." }
            var parsed: [BillingEvent] = []
            for item in list {
                guard let object = item as? [String: Any] else { return "Invalid parameter: json_array_of_events." }
                let fields = ["class", "subclass", "start_timestamp", "timestamp", "base_charge", "objects", "additional_info"]
                if let unknown = object.keys.sorted().first(where: { !fields.contains($0) }) { return "Invalid parameter: \(unknown)." }
                switch BillingEvent.checked(fields.map { object[$0].map(BillingEvent.text) ?? "" }) {
                case .success(let event): parsed.append(event)
                case .failure(let bad): return "Invalid parameter: \(bad.parameter)."
                }
            }
            events = parsed
        } else {
            switch BillingEvent.checked(arguments) {
            case .success(let event): events = [event]
            case .failure(let bad): return "Invalid parameter: \(bad.parameter)."
            }
        }
        if try catalog.db.isReadOnlyTransaction { throw StatementNeedsWrite() }
        try catalog.insertBillingEvents(
            events, application: application, package: record.package ?? "",
            createdOn: Timestamps.ntz(session.statementTime))
        return "Success"
    }
}

/// The argument a billing event was refused for.
struct InvalidBillingParameter: Error {
    var parameter: String
}

extension BillingEvent {
    /// A JSON value of an event object as the positional argument's text.
    static func text(_ value: Any) -> String {
        switch value {
        case let s as String: return s
        case let n as NSNumber: return n.stringValue
        default: return (try? JSONSerialization.data(withJSONObject: value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
    }

    /// The event of the seven arguments in SYSTEM$CREATE_BILLING_EVENT's order, each checked as
    /// documented: class (and a non-empty subclass) an identifier of at most 64 characters not
    /// starting with SNOWFLAKE_; the timestamps Unix milliseconds; base_charge above 0, below
    /// 99,999.99, at most two decimals; objects a JSON array of strings (or empty), and
    /// additional_info free text (the docs' own example is not JSON), each at most 4 KB.
    static func checked(_ arguments: [String]) -> Result<BillingEvent, InvalidBillingParameter> {
        func identifier(_ text: String) -> Bool {
            guard let first = text.first, first.isASCII, first.isLetter || first == "_", text.count <= 64,
                !text.uppercased().hasPrefix("SNOWFLAKE_")
            else { return false }
            return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "$") }
        }
        let (eventClass, subclass) = (arguments[0], arguments[1])
        guard identifier(eventClass) else { return .failure(InvalidBillingParameter(parameter: "class")) }
        guard subclass.isEmpty || identifier(subclass) else { return .failure(InvalidBillingParameter(parameter: "subclass")) }
        guard let timestamp = Int64(arguments[3].trimmingCharacters(in: .whitespaces)), timestamp >= 0 else {
            return .failure(InvalidBillingParameter(parameter: "timestamp"))
        }
        let startText = arguments[2].trimmingCharacters(in: .whitespaces)
        guard let start = startText.isEmpty ? timestamp : Int64(startText), start >= 0 else {
            return .failure(InvalidBillingParameter(parameter: "start_timestamp"))
        }
        guard let cents = BillingEvent.cents(arguments[4]), cents > 0, cents < 9_999_999 else {
            return .failure(InvalidBillingParameter(parameter: "base_charge"))
        }
        let objects = arguments[5]
        guard objects.utf8.count <= 4096,
            objects.isEmpty
                || (try? JSONSerialization.jsonObject(with: Data(objects.utf8)) as? [Any])?.allSatisfy({ $0 is String }) == true
        else {
            return .failure(InvalidBillingParameter(parameter: "objects"))
        }
        let info = arguments[6]
        guard info.utf8.count <= 4096 else {
            return .failure(InvalidBillingParameter(parameter: "additional_info"))
        }
        return .success(
            BillingEvent(
                eventClass: eventClass.uppercased(), subclass: subclass.uppercased(), startTimestamp: start,
                timestamp: timestamp, chargeCents: cents, objects: objects, additionalInfo: info))
    }

    /// `1.00`, `0.07`, `3` in whole cents; nil for anything with more than two decimals or not a number.
    static func cents(_ text: String) -> Int64? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), whole >= 0 else { return nil }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 2, fraction.allSatisfy(\.isNumber) else { return nil }
        return whole * 100 + (Int64(fraction.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0)
    }
}
