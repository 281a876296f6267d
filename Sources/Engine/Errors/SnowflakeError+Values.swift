// SnowflakeError+Values: the errors of converting and computing values. A text that is no
// number, date, time, timestamp or boolean; a string too long for its VARCHAR; JSON that does not
// parse and VARIANTs that do not cast; OBJECT keys that are NULL or repeated. Most of them are
// raised inside SQL functions and reach the user through SQLite (`.encoded`, see
// SnowflakeError+SQLite). https://docs.snowflake.com/en/sql-reference/data-type-conversion

extension SnowflakeError {
    // MARK: - Numbers

    /// 100038: a value that cannot be converted (numeric parse failures and the like).
    public static func numericValueNotRecognized(_ text: String) -> SnowflakeError {
        SnowflakeError(code: "100038", sqlState: "22018", message: "Numeric value '\(text)' is not recognized")
    }

    /// 100039: a number with more integer digits than the target NUMBER's precision allows.
    static func numericValueOutOfRange(_ text: String) -> SnowflakeError {
        SnowflakeError(code: "100039", sqlState: "22003", message: "Numeric value '\(text)' is out of range")
    }

    /// 100039: DATEADD or ADD_MONTHS whose result falls outside the years a date holds here
    /// (-999999 to 999999) [? wording: Snowflake's message for this overflow is not documented].
    static func dateArithmeticOutOfRange(function: String, amount: Int64, part: String) -> SnowflakeError {
        SnowflakeError(code: "100039", sqlState: "22008",
                       message: "Date value out of range: \(function) of \(amount) \(part.uppercased()) gives a year outside -999999 to 999999")
    }

    /// 100082: a string, array or other value past 16 MB, its size in bytes, as Snowflake words it
    /// since the 2024_08 bundle (https://docs.snowflake.com/en/release-notes/bcr-bundles/2024_08/bcr-1779).
    static func maxLOBSizeExceeded(actual: Int128) -> SnowflakeError {
        SnowflakeError(code: "100082", sqlState: "22000",
                       message: "Max LOB size (\(StringLimits.maximumBytes)) exceeded, actual size of parsed column is \(actual)")
    }

    /// 100051: division by zero.
    public static let divisionByZero = SnowflakeError(code: "100051", sqlState: "22012", message: "Division by zero")

    // MARK: - Strings and booleans

    /// 100078: a string longer than the VARCHAR(n) it is cast to.
    static func stringTooLong(_ text: String) -> SnowflakeError {
        SnowflakeError(code: "100078", sqlState: "22000", message: "String '\(text)' is too long and would be truncated")
    }

    /// 100037: a string that is none of Snowflake's boolean words.
    static func booleanNotRecognized(_ text: String) -> SnowflakeError {
        SnowflakeError(code: "100037", sqlState: "22018", message: "Boolean value '\(text)' is not recognized")
    }

    // MARK: - BINARY

    /// 100115: text read as HEX (a string cast to BINARY, TO_BINARY's default format) that is not
    /// an even run of hex digits (https://docs.snowflake.com/en/user-guide/binary-examples).
    static func notLegalHex(_ text: String) -> SnowflakeError {
        SnowflakeError(code: "100115", sqlState: "22000", message: "The following string is not a legal hex-encoded value: '\(text)'")
    }

    /// 100115: text read as BASE64 that does not decode [? code: the HEX error's; Snowflake's own
    /// code for this message was not found].
    static func notLegalBase64(_ text: String) -> SnowflakeError {
        SnowflakeError(code: "100115", sqlState: "22000", message: "The following string is not a legal base64-encoded value: '\(text)'")
    }

    /// 100115: bytes read as UTF-8 text (TO_VARCHAR(b, 'UTF-8'), HEX_DECODE_STRING) that are not
    /// UTF-8, quoting the input [? code: the HEX error's].
    static func invalidUTF8(_ input: String) -> SnowflakeError {
        SnowflakeError(code: "100115", sqlState: "22000", message: "Invalid UTF8 detected while decoding '\(input)'")
    }

    /// 001007: a binary format other than HEX, BASE64 and UTF-8 [? wording: Snowflake's
    /// invalid-parameter-value phrasing].
    static func invalidBinaryFormat(_ name: String) -> SnowflakeError {
        compilationError("invalid value ['\(name)'] for binary format; expected HEX, BASE64 or UTF-8")
    }

    // MARK: - FLOAT

    /// 000002: a FLOAT that would be NaN. Snowflake keeps NaN, but SQLite, where Snowlite keeps
    /// every value, turns a NaN into NULL; Snowlite refuses it rather than answer NULL
    /// [? Snowlite's own refusal, worded as Snowflake's unsupported features are].
    public static let floatNaNUnsupported = SnowflakeError(
        code: "000002", sqlState: "0A000",
        message: "Unsupported feature 'FLOAT value NaN': Snowlite cannot store NaN (SQLite keeps it as NULL).")

    // MARK: - Dates and times

    /// 100040: a string that is no date.
    static func dateNotRecognized(_ text: String) -> SnowflakeError {
        SnowflakeError(code: "100040", sqlState: "22007", message: "Date '\(text)' is not recognized")
    }

    /// 100108: a string that is no time of day.
    static func timeNotRecognized(_ text: String) -> SnowflakeError {
        SnowflakeError(code: "100108", sqlState: "22007", message: "Time '\(text)' is not recognized")
    }

    /// 100035/100037-style timestamp conversion failures.
    public static func timestampNotRecognized(_ text: String) -> SnowflakeError {
        SnowflakeError(code: "100035", sqlState: "22007", message: "Timestamp '\(text)' is not recognized")
    }

    /// 100096: TO_DATE / TO_TIMESTAMP with an explicit format the text does not follow.
    static func cannotParse(_ text: String, isDate: Bool, format: String) -> SnowflakeError {
        SnowflakeError(code: "100096", sqlState: "22007",
                       message: "Can't parse '\(text)' as \(isDate ? "date" : "timestamp") with format '\(format)'")
    }

    // MARK: - VARIANT, OBJECT and ARRAY

    /// 100069: PARSE_JSON of text that is not JSON; the text is cut after 60 characters and the
    /// position (`offset` counted from 0) is shown counted from 1.
    static func jsonParseError(_ text: String, offset: Int) -> SnowflakeError {
        SnowflakeError(code: "100069", sqlState: "22P02",
                       message: "Error parsing JSON: \(jsonExcerpt(text)), pos \(offset + 1)")
    }

    /// The start of a JSON text an error quotes: its first 60 characters.
    private static func jsonExcerpt(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(60)) + "…" : text
    }

    /// 100069: PARSE_JSON of arrays and objects nested deeper than Snowlite reads [? wording: the
    /// parse error's, with the reason].
    static func jsonTooDeep(_ text: String, offset: Int, levels: Int) -> SnowflakeError {
        SnowflakeError(code: "100069", sqlState: "22P02",
                       message: "Error parsing JSON: nested more than \(levels) levels deep: \(jsonExcerpt(text)), pos \(offset + 1)")
    }

    /// 100071: a VARIANT cast to a type its value does not have (`typeName` as the cast named it).
    static func variantCastFailed(_ json: String, to typeName: String) -> SnowflakeError {
        SnowflakeError(code: "100071", sqlState: "22000", message: "Failed to cast variant value \(json) to \(typeName)")
    }

    /// 100069: OBJECT_AGG met the same key twice.
    static func duplicateFieldKey(_ key: String) -> SnowflakeError {
        SnowflakeError(code: "100069", sqlState: "22000", message: "Duplicate field key '\(key)'")
    }

    /// 100074: OBJECT_CONSTRUCT with a NULL key.
    static let objectConstructNullKey = SnowflakeError(code: "100074", sqlState: "22000", message: "OBJECT_CONSTRUCT key may not be NULL")

    /// 100072: OBJECT_INSERT of a key the object has, without the update flag.
    static func objectInsertDuplicateField(_ key: String) -> SnowflakeError {
        SnowflakeError(code: "100072", sqlState: "22000",
                       message: "Duplicate field '\(key)' in OBJECT_INSERT; use the update flag to replace it")
    }

    /// 100053: GET_PATH (or `v:a.b`) with a path that does not parse.
    static func invalidExtractionPath(_ path: String) -> SnowflakeError {
        SnowflakeError(code: "100053", sqlState: "22000", message: "Invalid extraction path '\(path)'")
    }
}
