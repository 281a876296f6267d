// Timestamp: GitHub's ISO-8601 instants, in whole seconds since 1970 UTC. Issues carry them as
// `2024-01-01T00:10:00Z` (always UTC, no fraction); the `since` parameter accepts that form, a
// fraction, an offset (`+02:00`) or a bare date, as GitHub documents for `YYYY-MM-DDTHH:MM:SSZ`.
// Written by hand rather than with a date formatter: the output must be byte-for-byte stable and
// the conversion is called for every issue of every page.
// https://docs.github.com/rest/issues/issues#list-repository-issues

enum Timestamp {
    /// `seconds` since 1970-01-01T00:00:00Z as `YYYY-MM-DDTHH:MM:SSZ`.
    static func format(_ seconds: Int) -> String {
        var out: [UInt8] = []
        format(seconds, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` appended as bytes (a page of issues writes three per issue).
    static func format(_ seconds: Int, into out: inout [UInt8]) {
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(daysSince1970: days)
        func pad(_ value: Int, _ width: Int, then separator: UInt8) {
            let digits = String(value).utf8
            if digits.count < width { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count)) }
            out.append(contentsOf: digits)
            out.append(separator)
        }
        pad(year, 4, then: UInt8(ascii: "-"))
        pad(month, 2, then: UInt8(ascii: "-"))
        pad(day, 2, then: UInt8(ascii: "T"))
        pad(secondOfDay / 3600, 2, then: UInt8(ascii: ":"))
        pad(secondOfDay / 60 % 60, 2, then: UInt8(ascii: ":"))
        pad(secondOfDay % 60, 2, then: UInt8(ascii: "Z"))
    }

    /// Seconds since 1970 UTC of `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS` followed by an optional
    /// fraction (truncated) and `Z` or `±HH:MM`; nil for anything else. A bare date is midnight UTC.
    static func parse(_ text: String) -> Int? {
        let characters = Array(text.utf8)
        var position = 0
        func number(_ width: Int) -> Int? {
            guard position + width <= characters.count else { return nil }
            var value = 0
            for byte in characters[position..<position + width] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            position += width
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard position < characters.count, characters[position] == character.asciiValue else { return false }
            position += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        let midnight = daysSince1970(year: year, month: month, day: day) * 86_400
        if position == characters.count { return midnight }
        guard expect("T"), let hour = number(2), expect(":"), let minute = number(2), expect(":"), let second = number(2),
              hour < 24, minute < 60, second < 60
        else { return nil }
        if expect(".") {
            let start = position
            while position < characters.count, characters[position] >= UInt8(ascii: "0"), characters[position] <= UInt8(ascii: "9") {
                position += 1
            }
            guard position > start else { return nil }
        }
        var offset = 0
        if expect("Z") {
            offset = 0
        } else if position < characters.count, characters[position] == UInt8(ascii: "+") || characters[position] == UInt8(ascii: "-") {
            let sign = characters[position] == UInt8(ascii: "-") ? -1 : 1
            position += 1
            guard let hours = number(2), expect(":"), let minutes = number(2), hours < 24, minutes < 60 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard position == characters.count else { return nil }
        return midnight + hour * 3600 + minute * 60 + second - offset
    }

    // MARK: - Civil calendar (proleptic Gregorian; Howard Hinnant's days_from_civil)

    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilDate(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

}
