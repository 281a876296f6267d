// SQLFunctions: SQL functions Snowlite adds to each SQLite connection where SQLite's own
// behaviour differs from Snowflake's — division (decimal result, error on zero), modulo on
// decimals, NULL-propagating concatenation, case-sensitive LIKE, casts with Snowflake's
// conversion errors, scalar subqueries that must return one row — and installs the families of
// functions kept in their own files (strings and RLIKE, numbers, dates, aggregates). A function that fails raises
// a SnowflakeError, carried through SQLite as an encoded message (SnowflakeError+SQLite.swift).

import Foundation
import GRDB

enum SQLFunctions {
    /// Registers every function on a connection; called when the account file is opened. SYSTEM$LOG
    /// records into the connection's `events`.
    static func install(in db: Database, events: EventBuffer) {
        db.add(function: ScalarFunction("sf_div", argumentCount: 2, pure: true) { values in
            guard let a = Double.fromDatabaseValue(values[0]), let b = Double.fromDatabaseValue(values[1]) else { return nil }
            if b == 0 { throw SnowflakeError.divisionByZero.encoded }
            return a / b
        })
        db.add(function: ScalarFunction("sf_mod", argumentCount: 2, pure: true) { values in
            if case .int64(let a) = values[0].storage, case .int64(let b) = values[1].storage {
                if b == 0 { throw SnowflakeError.divisionByZero.encoded }
                // Int64.min % -1 overflows in Swift; the remainder is 0.
                return a.remainderReportingOverflow(dividingBy: b).overflow ? 0 : a % b
            }
            guard let a = Double.fromDatabaseValue(values[0]), let b = Double.fromDatabaseValue(values[1]) else { return nil }
            if b == 0 { throw SnowflakeError.divisionByZero.encoded }
            return a.truncatingRemainder(dividingBy: b)
        })
        db.add(function: ScalarFunction("sf_round", argumentCount: nil, pure: true) { values in
            guard let a = Double.fromDatabaseValue(values[0]) else { return nil }
            let scale = values.count > 1 ? Int.fromDatabaseValue(values[1]) ?? 0 : 0
            // Past ±400 digits a double has nothing left to round, and 10^scale is 0 or infinite.
            if scale > 400 { return a }
            if scale < -400 { return 0 }
            let factor = pow(10.0, Double(scale))
            let rounded = (a * factor).rounded(.toNearestOrAwayFromZero) / factor
            guard scale <= 0 else { return rounded }
            return Int64(exactly: rounded) ?? rounded
        })
        db.add(function: ScalarFunction("sf_concat", argumentCount: nil, pure: true) { values in
            var texts: [String] = []
            for value in values {
                guard let text = text(of: value) else { return nil }
                texts.append(text)
            }
            try StringLimits.check(bytes: Int128(texts.reduce(0) { $0 + $1.utf8.count }))
            return texts.joined()
        })
        db.add(function: ScalarFunction("sf_like", argumentCount: nil, pure: true) { values in
            try like(values, caseInsensitive: false)
        })
        db.add(function: ScalarFunction("sf_ilike", argumentCount: nil, pure: true) { values in
            try like(values, caseInsensitive: true)
        })
        SQLiteCFunctions.installConvert(in: db)
        db.add(function: ScalarFunction("sf_try_convert", argumentCount: 3, pure: true) { values in
            do {
                return try Conversion.convert(values[0], from: String.fromDatabaseValue(values[1]) ?? "",
                                              to: String.fromDatabaseValue(values[2]) ?? "")
            } catch let error as DatabaseError where error.message == SnowflakeError.floatNaNUnsupported.encoded.message {
                // Snowflake converts 'NaN'; NULL here would be a wrong answer, not a failed conversion.
                throw error
            } catch {
                return nil
            }
        })
        SQLiteCFunctions.installPathOperator(in: db)
        VariantFunctions.install(in: db)
        ArrayFunctions.install(in: db)
        TypePredicates.install(in: db)
        EventLog.install(in: db, events: events)
        StringFunctions.install(in: db)
        TokenFunctions.install(in: db)
        CharacterFunctions.install(in: db)
        BinaryFunctions.install(in: db)
        StringLimits.install(in: db)
        NumberFunctions.install(in: db)
        DateFunctions.install(in: db)
        TimeZoneFunctions.install(in: db)
        DatePartFunctions.install(in: db)
        AggregateFunctions.install(in: db)
        DataGenerationFunctions.install(in: db)
        db.add(function: ScalarFunction("sf_uuid", argumentCount: 0, pure: false) { _ in
            UUID().uuidString.lowercased()
        })
        db.add(function: DatabaseFunction("sf_single_row", argumentCount: 1, pure: true, aggregate: SingleRow.self))
    }

    /// Text of a value as Snowflake converts it for string operations.
    static func text(of value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: return nil
        case .int64(let i): return String(i)
        case .double(let d): return Value.render(double: d)
        case .string(let s): return s
        case .blob(let data): return BinaryFormat.hexText([UInt8](data))  // BINARY as text is upper-case HEX
        }
    }

    /// LIKE with `%` and `_`, an optional escape character, case-sensitive unless ILIKE.
    static func like(_ values: [DatabaseValue], caseInsensitive: Bool) throws -> Bool? {
        guard var s = text(of: values[0]), var p = text(of: values[1]) else { return nil }
        let escape = values.count > 2 ? text(of: values[2]).flatMap(\.first) : nil
        if caseInsensitive {
            s = s.lowercased()
            p = p.lowercased()
        }
        return matchLike(Array(s), Array(p), escape: escape)
    }

    /// One element of a LIKE pattern: `%`, `_`, or a character to match as it is (an escaped one too).
    enum LikeToken: Equatable {
        case anyRun, anyOne, character(Character)
    }

    /// The pattern's tokens; an escape character before another character makes it literal, a run
    /// of `%` is one token.
    static func likeTokens(_ p: [Character], escape: Character?) -> [LikeToken] {
        var tokens: [LikeToken] = []
        tokens.reserveCapacity(p.count)
        var j = 0
        while j < p.count {
            if p[j] == escape, j + 1 < p.count {
                tokens.append(.character(p[j + 1]))
                j += 2
                continue
            }
            switch p[j] {
            case "%": if tokens.last != .anyRun { tokens.append(.anyRun) }
            case "_": tokens.append(.anyOne)
            default: tokens.append(.character(p[j]))
            }
            j += 1
        }
        return tokens
    }

    /// Whether `s` matches the pattern, without recursion and in constant extra space: a mismatch
    /// after a `%` resumes one character further from that `%` (the classic wildcard match), so a
    /// pattern of any length, `%` by the hundred thousand included, costs no stack.
    static func matchLike(_ s: [Character], _ p: [Character], escape: Character?) -> Bool {
        let tokens = likeTokens(p, escape: escape)
        var i = 0, j = 0
        var lastRun: Int?, resume = 0
        while i < s.count {
            if j < tokens.count, tokens[j] == .anyOne || tokens[j] == .character(s[i]) {
                i += 1
                j += 1
            } else if j < tokens.count, tokens[j] == .anyRun {
                lastRun = j
                resume = i
                j += 1
            } else if let run = lastRun {
                j = run + 1
                resume += 1
                i = resume
            } else {
                return false
            }
        }
        while j < tokens.count, tokens[j] == .anyRun { j += 1 }
        return j == tokens.count
    }
}

/// The value of a scalar subquery: NULL for no row, the value for one, an error for more.
private struct SingleRow: DatabaseAggregate {
    var count = 0
    var value: DatabaseValue = .null

    mutating func step(_ dbValues: [DatabaseValue]) throws {
        count += 1
        if count > 1 {
            throw SnowflakeError.singleRowSubqueryReturnsMoreThanOneRow.encoded
        }
        value = dbValues[0]
    }

    func finalize() throws -> (any DatabaseValueConvertible)? { value }
}
