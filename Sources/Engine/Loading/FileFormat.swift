// FileFormat: a file format's TYPE and options, as CREATE FILE FORMAT, a stage's FILE_FORMAT and an
// inline `FILE_FORMAT = (…)` write them. Each type has Snowflake's options in DESCRIBE FILE
// FORMAT's order with their defaults; a format keeps only what was written, so DESCRIBE shows the
// value beside the default. CSV and JSON files are read (CSVReader, JSONReader); a PARQUET
// format can be created and described, but reading one is refused (no Parquet reader is available
// to Swift here: README.md says so). AVRO, ORC and XML formats are refused at CREATE.
// https://docs.snowflake.com/en/sql-reference/sql/create-file-format,
// https://docs.snowflake.com/en/sql-reference/sql/desc-file-format

import Foundation
import SnowSQL

/// One option's kind, as DESCRIBE FILE FORMAT's `property_type` names it.
enum FileFormatOptionKind: String {
    case string = "String", integer = "Integer", boolean = "Boolean", list = "List"
}

/// A written option value: text, an integer, a boolean or a list of strings.
enum FileFormatValue: Equatable, Codable {
    case text(String)
    case integer(Int)
    case boolean(Bool)
    case list([String])
}

struct FileFormatOptionSpec {
    var name: String
    var kind: FileFormatOptionKind
    var defaultValue: FileFormatValue
    /// What DESCRIBE shows as the default when it differs from `defaultValue` (JSON's NULL_IF
    /// is empty but shows the CSV default, as Snowflake's example does).
    var shownDefault: FileFormatValue? = nil
}

struct FileFormat: Equatable {
    static let readableTypes: Set<String> = ["CSV", "JSON"]

    var type: String
    /// The options written, by name; the others take their defaults.
    var written: [String: FileFormatValue]

    init(type: String = "CSV", written: [String: FileFormatValue] = [:]) {
        self.type = type
        self.written = written
    }

    /// The options of `type`, in DESCRIBE FILE FORMAT's order (TYPE first).
    static func specs(_ type: String) -> [FileFormatOptionSpec] {
        let typeSpec = FileFormatOptionSpec(name: "TYPE", kind: .string, defaultValue: .text("CSV"))
        let formats = ["DATE_FORMAT", "TIME_FORMAT", "TIMESTAMP_FORMAT"].map {
            FileFormatOptionSpec(name: $0, kind: .string, defaultValue: .text("AUTO"))
        }
        func text(_ name: String, _ value: String) -> FileFormatOptionSpec { .init(name: name, kind: .string, defaultValue: .text(value)) }
        func flag(_ name: String, _ value: Bool) -> FileFormatOptionSpec { .init(name: name, kind: .boolean, defaultValue: .boolean(value)) }
        switch type {
        case "CSV":
            return [
                typeSpec, text("RECORD_DELIMITER", "\n"), text("FIELD_DELIMITER", ","), text("FILE_EXTENSION", ""),
                .init(name: "SKIP_HEADER", kind: .integer, defaultValue: .integer(0)), flag("PARSE_HEADER", false),
            ]
                + formats
                + [
                    text("BINARY_FORMAT", "HEX"), text("ESCAPE", "NONE"), text("ESCAPE_UNENCLOSED_FIELD", "\\"),
                    flag("TRIM_SPACE", false), text("FIELD_OPTIONALLY_ENCLOSED_BY", "NONE"),
                    .init(name: "NULL_IF", kind: .list, defaultValue: .list(["\\N"])), text("COMPRESSION", "AUTO"),
                    flag("ERROR_ON_COLUMN_COUNT_MISMATCH", true), flag("VALIDATE_UTF8", true), flag("SKIP_BLANK_LINES", false),
                    flag("REPLACE_INVALID_CHARACTERS", false), flag("EMPTY_FIELD_AS_NULL", true),
                    flag("SKIP_BYTE_ORDER_MARK", true), text("ENCODING", "UTF8"),
                ]
        case "JSON":
            return [typeSpec, text("FILE_EXTENSION", "")] + formats
                + [
                    text("BINARY_FORMAT", "HEX"), flag("TRIM_SPACE", false),
                    .init(name: "NULL_IF", kind: .list, defaultValue: .list([]), shownDefault: .list(["\\N"])),
                    text("COMPRESSION", "AUTO"), flag("ENABLE_OCTAL", false), flag("ALLOW_DUPLICATE", false),
                    flag("STRIP_OUTER_ARRAY", false), flag("STRIP_NULL_VALUES", false), flag("IGNORE_UTF8_ERRORS", false),
                    flag("REPLACE_INVALID_CHARACTERS", false), flag("SKIP_BYTE_ORDER_MARK", true),
                ]
        case "PARQUET":
            return [
                typeSpec, flag("TRIM_SPACE", false),
                .init(name: "NULL_IF", kind: .list, defaultValue: .list([]), shownDefault: .list(["\\N"])),
                text("COMPRESSION", "AUTO"), flag("BINARY_AS_TEXT", true),
            ]
        default:
            return []
        }
    }

    /// An option's value: as written, else its default.
    func value(_ name: String) -> FileFormatValue? {
        written[name] ?? FileFormat.specs(type).first { $0.name == name }?.defaultValue
    }

    func text(_ name: String) -> String {
        if case .text(let text)? = value(name) { return text }
        return ""
    }

    func flag(_ name: String) -> Bool {
        if case .boolean(let flag)? = value(name) { return flag }
        return false
    }

    func integer(_ name: String) -> Int {
        if case .integer(let n)? = value(name) { return n }
        return 0
    }

    func list(_ name: String) -> [String] {
        if case .list(let items)? = value(name) { return items }
        return []
    }

    /// A one-character option (ESCAPE, FIELD_OPTIONALLY_ENCLOSED_BY): nil for NONE.
    func byte(_ name: String) -> UInt8? {
        let text = self.text(name)
        guard text.uppercased() != "NONE", let first = text.utf8.first else { return nil }
        return first
    }

    /// A delimiter's bytes: nil for NONE.
    func delimiter(_ name: String) -> [UInt8]? {
        let text = self.text(name)
        return text.uppercased() == "NONE" || text.isEmpty ? nil : Array(text.utf8)
    }

    // MARK: - From what was written

    /// A format of `type` with `properties` applied over `base` (ALTER keeps the rest). TYPE and
    /// COMMENT are left to the caller; an option `type` does not take, or a value of the wrong
    /// kind, is refused.
    static func make(type: String, properties: [Property], base: [String: FileFormatValue] = [:]) throws -> FileFormat {
        guard ["CSV", "JSON", "PARQUET"].contains(type) else {
            if ["AVRO", "ORC", "XML"].contains(type) { throw SnowflakeError.unsupported("File format type \(type)") }
            throw Executor.invalidValue(type, "TYPE")
        }
        var format = FileFormat(type: type, written: base)
        let specs = FileFormat.specs(type)
        for property in properties where property.name != "TYPE" && property.name != "COMMENT" && property.name != "FORMAT_NAME" {
            guard let spec = specs.first(where: { $0.name == property.name }) else {
                throw SnowflakeError.compilationError("File format option \(property.name) is not valid for file format type \(type).")
            }
            format.written[spec.name] = try value(property.value, for: spec)
        }
        try format.check()
        return format
    }

    private static func value(_ written: PropertyValue, for spec: FileFormatOptionSpec) throws -> FileFormatValue {
        let bad = Executor.invalidValue(written.text, spec.name)
        switch (spec.kind, written) {
        case (.string, .string(let text)): return .text(text)
        case (.string, .word(let word)): return .text(word)
        case (.integer, .number(let text)):
            guard let n = Int(text), n >= 0 else { throw bad }
            return .integer(n)
        case (.boolean, .word(let word)), (.boolean, .string(let word)):
            switch word.uppercased() {
            case "TRUE": return .boolean(true)
            case "FALSE": return .boolean(false)
            default: throw bad
            }
        case (.list, .list(let items)):
            return .list(
                try items.map { item in
                    guard case .string(let text) = item else { throw bad }
                    return text
                })
        case (.list, .string(let text)): return .list([text])
        default: throw bad
        }
    }

    static let compressions: Set<String> = ["AUTO", "GZIP", "BZ2", "BROTLI", "ZSTD", "DEFLATE", "RAW_DEFLATE", "NONE", "SNAPPY", "LZO"]

    /// The rules that hold between values.
    private func check() throws {
        let compression = text("COMPRESSION").uppercased()
        guard FileFormat.compressions.contains(compression) else { throw Executor.invalidValue(text("COMPRESSION"), "COMPRESSION") }
        guard type == "CSV" else { return }
        let enclosure = text("FIELD_OPTIONALLY_ENCLOSED_BY")
        guard ["NONE", "\"", "'"].contains(enclosure.uppercased()) else {
            throw Executor.invalidValue(enclosure, "FIELD_OPTIONALLY_ENCLOSED_BY")
        }
        for name in ["ESCAPE", "ESCAPE_UNENCLOSED_FIELD"] {
            let escape = text(name)
            guard escape.uppercased() == "NONE" || escape.utf8.count == 1 else { throw Executor.invalidValue(escape, name) }
        }
        if flag("PARSE_HEADER") && integer("SKIP_HEADER") > 0 {
            throw SnowflakeError.compilationError("Option SKIP_HEADER is not supported with PARSE_HEADER = true.")
        }
        guard ["UTF8", "UTF-8"].contains(text("ENCODING").uppercased()) else { throw SnowflakeError.unsupported("ENCODING = '\(text("ENCODING"))'") }
    }
}

// MARK: - How DESCRIBE and SHOW show a format

extension FileFormat {
    /// DESCRIBE FILE FORMAT's rows: property, property_type, property_value, property_default.
    var describedRows: [[Value]] {
        FileFormat.specs(type).map { spec in
            let value = spec.name == "TYPE" ? FileFormatValue.text(type) : (written[spec.name] ?? spec.defaultValue)
            return [
                .string(spec.name), .string(spec.kind.rawValue), .string(FileFormat.described(value)),
                .string(FileFormat.described(spec.shownDefault ?? spec.defaultValue)),
            ]
        }
    }

    /// A value as DESCRIBE prints it: `\n` for a newline, `\\` for a backslash, TRUE/FALSE, `[\\N]`.
    static func described(_ value: FileFormatValue) -> String {
        switch value {
        case .text(let text): return escaped(text)
        case .integer(let n): return String(n)
        case .boolean(let flag): return flag ? "TRUE" : "FALSE"
        case .list(let items): return "[" + items.map(escaped).joined(separator: ", ") + "]"
        }
    }

    private static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.append(character)
            }
        }
        return out
    }

    /// SHOW FILE FORMATS' `format_options`: every option as compact JSON, FILE_EXTENSION null when unset.
    var optionsJSON: String {
        let pairs = FileFormat.specs(type).map { spec -> String in
            let value = spec.name == "TYPE" ? FileFormatValue.text(type) : (written[spec.name] ?? spec.defaultValue)
            let json: JSONValue
            switch value {
            case .text(let text) where spec.name == "FILE_EXTENSION" && text.isEmpty: json = .null
            case .text(let text): json = .string(text)
            case .integer(let n): json = .number(String(n))
            case .boolean(let flag): json = .bool(flag)
            case .list(let items): json = .array(items.map { .string($0) })
            }
            return JSONText.compact(.string(spec.name)) + ":" + JSONText.compact(json)
        }
        return "{" + pairs.joined(separator: ",") + "}"
    }

    /// The catalog's form: the written options as JSON.
    var storedOptions: String {
        String(decoding: (try? JSONEncoder().encode(written)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func stored(type: String, options: String?) -> FileFormat {
        let written = options.flatMap { try? JSONDecoder().decode([String: FileFormatValue].self, from: Data($0.utf8)) } ?? [:]
        return FileFormat(type: type, written: written)
    }
}
