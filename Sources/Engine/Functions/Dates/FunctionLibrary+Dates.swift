// FunctionLibrary+Dates: date and time functions — DATEADD, DATEDIFF, DATE_TRUNC, DATE_PART and
// EXTRACT (their part argument is a word: see `datePart:` and DatePart.swift), the YEAR … SECOND
// helpers, LAST_DAY, ADD_MONTHS, DAYNAME, MONTHNAME, and the conversions TO_DATE and
// TO_TIMESTAMP[_NTZ|_LTZ|_TZ] with their TRY_ forms. A string where a date is expected is read
// as a TIMESTAMP_NTZ first, as Snowflake does.
// https://docs.snowflake.com/en/sql-reference/functions-date-time

import GRDB

extension FunctionLibrary {
    static func registerDates(_ d: inout FunctionRegistry) {
        d.add(["DATEADD", "TIMESTAMPADD", "TIMEADD"], 3...3, datePart: 0) { c in
            let part = try c.intervalPart()
            let value = try temporalArgument(c.arguments[2], part: part, function: c.name)
            let type: SnowflakeType = value.type == .date && part.isTimeOfDay ? .timestampNTZ : value.type
            return TypedSQL.call("sf_dateadd", [c.arguments[0], amount(c.arguments[1]), value,
                                                kind(type)], type: type)
        }
        d.add(["DATEDIFF", "TIMESTAMPDIFF", "TIMEDIFF"], 3...3, datePart: 0) { c in
            let part = try c.intervalPart()
            let a = try temporalArgument(c.arguments[1], part: part, function: c.name)
            let b = try temporalArgument(c.arguments[2], part: part, function: c.name)
            return TypedSQL.call("sf_datediff", [c.arguments[0], a, b], type: .integer)
        }
        d.add(["DATE_TRUNC"], 2...2, datePart: 0) { c in
            let part = try c.intervalPart()
            let value = try temporalArgument(c.arguments[1], part: part, function: c.name)
            return TypedSQL.call("sf_date_trunc", [c.arguments[0], value, kind(value.type)], type: value.type)
        }
        d.add(["DATE_PART", "EXTRACT"], 2...2, datePart: 0) { c in
            let value = try temporalArgument(c.arguments[1], part: c.datePart ?? .day, function: c.name)
            return TypedSQL.call("sf_date_part", [c.arguments[0], value], type: .integer)
        }
        let helpers: [(String, DatePart)] = [
            ("YEAR", .year), ("QUARTER", .quarter), ("MONTH", .month), ("DAY", .day), ("DAYOFMONTH", .day),
            ("DAYOFWEEK", .dayOfWeek), ("DAYOFWEEKISO", .dayOfWeekISO), ("DAYOFYEAR", .dayOfYear),
            ("WEEK", .week), ("WEEKOFYEAR", .week), ("WEEKISO", .weekISO), ("YEAROFWEEK", .yearOfWeek),
            ("YEAROFWEEKISO", .yearOfWeekISO), ("HOUR", .hour), ("MINUTE", .minute), ("SECOND", .second),
        ]
        for (name, part) in helpers {
            d.add([name], 1...1) { c in
                let value = try temporalArgument(c.first, part: part, function: c.name)
                return TypedSQL.call("sf_date_part", [TypedSQL.bound(part.rawValue.databaseValue, type: .string), value], type: .integer)
            }
        }
        d.add(["LAST_DAY"], 1...2, datePart: 1) { c in
            let part = c.datePart ?? .month
            guard [.year, .quarter, .month, .week].contains(part) else {
                throw DatePart.invalid(part.rawValue.uppercased(), function: c.name)
            }
            let value = try temporalArgument(c.first, part: .day, function: c.name)
            return TypedSQL.call("sf_last_day", [value, TypedSQL.bound(part.rawValue.databaseValue, type: .string)], type: .date)
        }
        d.add(["ADD_MONTHS"], 2...2) { c in
            let value = try temporalArgument(c.first, part: .month, function: c.name)
            return TypedSQL.call("sf_add_months", [value, amount(c.arguments[1]), kind(value.type)], type: value.type)
        }
        d.add(["DAYNAME"], 1...1) { c in
            TypedSQL.call("sf_dayname", [try temporalArgument(c.first, part: .day, function: c.name)], type: .string)
        }
        d.add(["MONTHNAME"], 1...1) { c in
            TypedSQL.call("sf_monthname", [try temporalArgument(c.first, part: .month, function: c.name)], type: .string)
        }
        // Conversions
        d.add(["TO_TIME", "TIME"], 1...1) { c in Cast.convert(c.first, to: .time) }
        d.add(["TRY_TO_TIME"], 1...1) { c in Cast.convert(c.first, to: .time, isTry: true) }
        d.add(["TO_DATE", "DATE"], 1...2) { c in toTemporal(c, "DATE", .date, isTry: false) }
        d.add(["TRY_TO_DATE"], 1...2) { c in toTemporal(c, "DATE", .date, isTry: true) }
        d.add(["TO_TIMESTAMP", "TO_TIMESTAMP_NTZ"], 1...2) { c in toTemporal(c, "TIMESTAMP_NTZ", .timestampNTZ, isTry: false) }
        d.add(["TRY_TO_TIMESTAMP", "TRY_TO_TIMESTAMP_NTZ"], 1...2) { c in toTemporal(c, "TIMESTAMP_NTZ", .timestampNTZ, isTry: true) }
        d.add(["TO_TIMESTAMP_LTZ"], 1...2) { c in toTemporal(c, "TIMESTAMP_LTZ", .timestampLTZ, isTry: false) }
        d.add(["TRY_TO_TIMESTAMP_LTZ"], 1...2) { c in toTemporal(c, "TIMESTAMP_LTZ", .timestampLTZ, isTry: true) }
        d.add(["TO_TIMESTAMP_TZ"], 1...2) { c in toTemporal(c, "TIMESTAMP_TZ", .timestampTZ, isTry: false) }
        d.add(["TRY_TO_TIMESTAMP_TZ"], 1...2) { c in toTemporal(c, "TIMESTAMP_TZ", .timestampTZ, isTry: true) }
    }

    static func isTemporal(_ type: SnowflakeType) -> Bool {
        switch type {
        case .date, .time, .timestampNTZ, .timestampLTZ, .timestampTZ: return true
        default: return false
        }
    }

    /// The kind a date function writes its result as.
    static func kind(_ type: SnowflakeType) -> TypedSQL {
        TypedSQL.bound(TemporalKind(type).rawValue.databaseValue, type: .string)
    }

    /// A date, time or timestamp argument; strings and VARIANTs are read as TIMESTAMP_NTZ. A TIME
    /// has no date, so a part of a day or more is refused for it.
    static func temporalArgument(_ value: TypedSQL, part: DatePart, function: String) throws -> TypedSQL {
        if value.type == .time && !part.isTimeOfDay && part.isInterval {
            throw SnowflakeError.compilationError(
                "[\(part.rawValue.uppercased())] is not a valid date/time component for function \(function) and type TIME.")
        }
        if isTemporal(value.type) { return value }
        if value.sql == "NULL" { return TypedSQL("NULL", type: .timestampNTZ) }
        if value.type.isNumeric || value.type == .boolean {
            throw SnowflakeError.invalidArgumentTypes(function: function, [value.type.canonicalName])
        }
        return Cast.convert(value, to: .timestampNTZ)
    }

    /// TO_DATE(value [, format]) and TO_TIMESTAMP_*(value [, format | scale]): dates and
    /// timestamps convert as casts do; strings are read with the format (or AUTO), numbers as
    /// seconds since the epoch (scaled by the second argument: 3 for milliseconds…).
    static func toTemporal(_ c: FunctionContext, _ target: String, _ type: SnowflakeType, isTry: Bool) -> TypedSQL {
        var value = c.first
        if value.sql == "NULL" { return TypedSQL("NULL", type: type) }
        if isTemporal(value.type) { return Cast.convert(value, to: type, isTry: isTry) }
        if value.type.isSemiStructured { value = Cast.convert(value, to: .string, isTry: isTry) }
        guard value.type.isNumeric || value.type.isString else { return Cast.convert(value, to: type, isTry: isTry) }
        var format = TypedSQL("NULL", type: .string), scale = TypedSQL("NULL", type: .integer)
        if c.arguments.count == 2 {
            if c.arguments[1].type.isNumeric { scale = c.arguments[1] } else { format = Cast.convert(c.arguments[1], to: .string) }
        }
        return TypedSQL.call("sf_to_temporal", [value, TypedSQL.bound(target.databaseValue, type: .string), format, scale,
                                                TypedSQL(isTry ? "1" : "0", type: .boolean)], type: type)
    }
    /// DATEADD's and ADD_MONTHS's amount: an integer stays one (2^63 - 1 as a FLOAT is 2^63, out
    /// of range); anything else becomes a FLOAT, rounded when added.
    static func amount(_ value: TypedSQL) -> TypedSQL {
        if case .number(_, 0) = value.type { return value }
        return Cast.convert(value, to: .float)
    }
}

extension SnowflakeType {
    var isString: Bool {
        if case .varchar = self { return true }
        return false
    }
}
