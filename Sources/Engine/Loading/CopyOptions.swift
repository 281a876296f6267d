// CopyOptions: COPY INTO <table>'s copy options, read from what was written and checked —
// ON_ERROR (ABORT_STATEMENT, CONTINUE, SKIP_FILE, SKIP_FILE_n, 'SKIP_FILE_n%'), FORCE, PURGE,
// FILES, PATTERN, MATCH_BY_COLUMN_NAME, VALIDATION_MODE (RETURN_n_ROWS, RETURN_ERRORS,
// RETURN_ALL_ERRORS), SIZE_LIMIT, RETURN_FAILED_ONLY, TRUNCATECOLUMNS / ENFORCE_LENGTH and
// LOAD_UNCERTAIN_FILES. INCLUDE_METADATA and LOAD_MODE other than FULL_INGEST are refused by name.
// https://docs.snowflake.com/en/sql-reference/sql/copy-into-table#copy-options-copyoptions

import SnowSQL

struct CopyOptions {
    enum OnError: Equatable {
        case abortStatement
        case `continue`
        /// SKIP_FILE (1), SKIP_FILE_n: skip a file once it has this many error rows.
        case skipFile(errors: Int)
        /// 'SKIP_FILE_n%': skip a file whose error rows exceed n percent of its rows.
        case skipFilePercent(Double)
    }

    enum Validation: Equatable {
        case rows(Int)
        case errors
        case allErrors
    }

    enum ColumnMatch: Equatable {
        case none, caseSensitive, caseInsensitive

        /// Whether a file's name (a header field, a JSON key) names the column `name`.
        func pairs(_ written: String, _ name: String) -> Bool {
            self == .caseSensitive ? written == name : written.uppercased() == name.uppercased()
        }
    }

    var onError = OnError.abortStatement
    var force = false
    var purge = false
    var files: [String]?
    var pattern: String?
    var fileFormat: PropertyValue?
    var match = ColumnMatch.none
    var validation: Validation?
    var sizeLimit: Int64?
    var returnFailedOnly = false
    /// TRUNCATECOLUMNS = TRUE (or ENFORCE_LENGTH = FALSE): strings longer than their column are cut.
    var truncateColumns = false
    var loadUncertainFiles = false

    init(_ written: [Property]) throws {
        for property in written {
            let value = property.value
            switch property.name {
            case "ON_ERROR": onError = try CopyOptions.onError(value.text)
            case "FORCE": force = try CopyOptions.flag(value, property.name)
            case "PURGE": purge = try CopyOptions.flag(value, property.name)
            case "RETURN_FAILED_ONLY": returnFailedOnly = try CopyOptions.flag(value, property.name)
            case "TRUNCATECOLUMNS": truncateColumns = try CopyOptions.flag(value, property.name)
            case "ENFORCE_LENGTH": truncateColumns = !(try CopyOptions.flag(value, property.name))
            case "LOAD_UNCERTAIN_FILES": loadUncertainFiles = try CopyOptions.flag(value, property.name)
            case "FILES":
                switch value {
                case .list(let items): files = items.map(\.text)
                case .string(let file): files = [file]
                default: throw Executor.invalidValue(value.text, "FILES")
                }
            case "PATTERN":
                guard case .string(let text) = value else { throw Executor.invalidValue(value.text, "PATTERN") }
                pattern = text
            case "FILE_FORMAT": fileFormat = value
            case "MATCH_BY_COLUMN_NAME":
                switch value.text.uppercased() {
                case "CASE_SENSITIVE": match = .caseSensitive
                case "CASE_INSENSITIVE": match = .caseInsensitive
                case "NONE": match = .none
                default: throw Executor.invalidValue(value.text, "MATCH_BY_COLUMN_NAME")
                }
            case "VALIDATION_MODE": validation = try CopyOptions.validation(value.text)
            case "SIZE_LIMIT":
                guard let limit = Int64(value.text), limit >= 0 else { throw Executor.invalidValue(value.text, "SIZE_LIMIT") }
                sizeLimit = limit
            case "LOAD_MODE" where value.text.uppercased() == "FULL_INGEST": break
            default: throw SnowflakeError.unsupported("COPY option \(property.name)")
            }
        }
    }

    /// Whether a file of `rows` rows with `errors` bad ones is skipped as a whole: SKIP_FILE_n once the
    /// errors reach n; 'SKIP_FILE_n%' once they pass n percent of the rows.
    func skipsFile(errors: Int, rows: Int) -> Bool {
        switch onError {
        case .skipFile(let limit): return errors >= limit
        case .skipFilePercent(let percent): return Double(errors) > percent / 100 * Double(rows)
        default: return false
        }
    }

    /// The result's `error_limit` for a file of `rowsParsed` rows.
    func errorLimit(rowsParsed: Int) -> Int {
        switch onError {
        case .abortStatement: return 1
        case .continue: return rowsParsed
        case .skipFile(let errors): return errors
        case .skipFilePercent(let percent): return max(1, Int((percent / 100 * Double(rowsParsed)).rounded(.up)))
        }
    }

    private static func flag(_ value: PropertyValue, _ name: String) throws -> Bool {
        switch value.text.uppercased() {
        case "TRUE": return true
        case "FALSE": return false
        default: throw Executor.invalidValue(value.text, name)
        }
    }

    private static func onError(_ text: String) throws -> OnError {
        let upper = text.uppercased()
        switch upper {
        case "ABORT_STATEMENT": return .abortStatement
        case "CONTINUE": return .continue
        case "SKIP_FILE": return .skipFile(errors: 1)
        default:
            guard upper.hasPrefix("SKIP_FILE_") else { throw Executor.invalidValue(text, "ON_ERROR") }
            let count = upper.dropFirst("SKIP_FILE_".count)
            if count.hasSuffix("%"), let percent = Double(count.dropLast()), percent > 0, percent <= 100 {
                return .skipFilePercent(percent)
            }
            guard let errors = Int(count), errors > 0 else { throw Executor.invalidValue(text, "ON_ERROR") }
            return .skipFile(errors: errors)
        }
    }

    private static func validation(_ text: String) throws -> Validation {
        let upper = text.uppercased()
        switch upper {
        case "RETURN_ERRORS": return .errors
        case "RETURN_ALL_ERRORS": return .allErrors
        default:
            guard upper.hasPrefix("RETURN_"), upper.hasSuffix("_ROWS"),
                let n = Int(upper.dropFirst("RETURN_".count).dropLast("_ROWS".count)), n > 0
            else {
                throw Executor.invalidValue(text, "VALIDATION_MODE")
            }
            return .rows(n)
        }
    }
}
