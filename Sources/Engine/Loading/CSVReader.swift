// CSVReader: the records of a CSV file as a file format describes them — FIELD_DELIMITER and
// RECORD_DELIMITER (any length, or NONE; the default newline also ends at `\r\n`),
// FIELD_OPTIONALLY_ENCLOSED_BY (a doubled quote inside is one quote), ESCAPE inside enclosed
// fields, ESCAPE_UNENCLOSED_FIELD outside them (the next character is taken as written),
// TRIM_SPACE, NULL_IF, EMPTY_FIELD_AS_NULL, SKIP_BLANK_LINES, SKIP_BYTE_ORDER_MARK and
// VALIDATE_UTF8 / REPLACE_INVALID_CHARACTERS. SKIP_HEADER and PARSE_HEADER are the caller's.
//
// A record that cannot be read (an unterminated quote, text after a closing quote, bytes that are
// not UTF-8) is a `failure` with its place; reading goes on at the next record, so ON_ERROR =
// CONTINUE can count it and move on. Positions are computed only for failures: a record keeps
// its start offset and line, and each field's start offset.
// https://docs.snowflake.com/en/sql-reference/sql/create-file-format#format-type-options-formattypeoptions

import Foundation

/// Records come out as StagedRecords' items (their row numbers are StagedRecords' to give).
struct CSVReader {
    typealias Item = StagedRecords.Item

    let bytes: [UInt8]
    private let fieldDelimiter: [UInt8]?
    private let recordDelimiter: [UInt8]?
    private let enclosure: UInt8?
    private let escape: UInt8?
    private let unenclosedEscape: UInt8?
    private let trimSpace: Bool
    private let emptyAsNull: Bool
    private let nullIf: Set<String>
    private let nullIfBytes: [[UInt8]]
    /// The record delimiter's first byte, for a quick look before matching it.
    private let recordFirst: UInt8?
    private let skipBlankLines: Bool
    private let validateUTF8: Bool
    private let replaceInvalid: Bool
    /// The default newline: `\r\n` ends a record too.
    private let newlineRecords: Bool
    private(set) var position = 0
    private(set) var line = 1
    /// A quoted field ran to the end of the file.
    private var unterminated = false
    /// The most fields a record has had, to size the next one's arrays.
    private var widest = 4

    init(bytes: [UInt8], format: FileFormat) {
        self.bytes = bytes
        fieldDelimiter = format.delimiter("FIELD_DELIMITER")
        recordDelimiter = format.delimiter("RECORD_DELIMITER")
        enclosure = format.byte("FIELD_OPTIONALLY_ENCLOSED_BY")
        escape = format.byte("ESCAPE")
        unenclosedEscape = format.byte("ESCAPE_UNENCLOSED_FIELD")
        trimSpace = format.flag("TRIM_SPACE")
        emptyAsNull = format.flag("EMPTY_FIELD_AS_NULL")
        nullIf = Set(format.list("NULL_IF"))
        nullIfBytes = format.list("NULL_IF").map { Array($0.utf8) }
        recordFirst = recordDelimiter?.first
        skipBlankLines = format.flag("SKIP_BLANK_LINES")
        validateUTF8 = format.flag("VALIDATE_UTF8")
        replaceInvalid = format.flag("REPLACE_INVALID_CHARACTERS")
        newlineRecords = recordDelimiter == [0x0A]
        if format.flag("SKIP_BYTE_ORDER_MARK"), bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// The next record, a failure, or nil at the end of the file.
    mutating func next() -> Item? {
        let bytes = self.bytes
        return bytes.withUnsafeBufferPointer { input -> Item? in
            while position < input.count {
                if skipBlankLines, atRecordEnd(input, position) {
                    position = afterRecordEnd(position)
                    continue
                }
                return readRecord(input)
            }
            return nil
        }
    }

    // MARK: - Records and fields

    private mutating func readRecord(_ input: UnsafeBufferPointer<UInt8>) -> Item {
        let start = position
        let startLine = line
        var fields: [String?] = []
        var offsets: [Int] = []
        fields.reserveCapacity(widest)
        offsets.reserveCapacity(widest)
        while true {
            offsets.append(position)
            let field: Result<String?, SnowflakeError>
            if let enclosure, let opening = firstNonSpace(input, from: position), opening < input.count, input[opening] == enclosure {
                field = enclosedField(input, quote: enclosure, from: opening)
            } else {
                field = unenclosedField(input)
            }
            switch field {
            case .success(let value): fields.append(value)
            case .failure(let error):
                let errorOffset = position
                if unterminated { position = input.count } else { skipToRecordEnd(input) }
                return .failure(StagedFailure(error: error, rowNumber: 0, line: startLine, offset: start, errorOffset: errorOffset))
            }
            if position >= input.count { break }
            if let fieldDelimiter, matches(input, fieldDelimiter, at: position) {
                position += fieldDelimiter.count
                // A delimiter at the very end of the file leaves one more, empty field.
                if position >= input.count { offsets.append(position); fields.append(emptyAsNull ? nil : "") }
                continue
            }
            position = afterRecordEnd(position)
            break
        }
        widest = max(widest, fields.count)
        return .record(StagedRecord(values: fields, rowNumber: 0, line: startLine, offset: start, valueOffsets: offsets))
    }

    /// A field without quotes: up to the next delimiter, an escape taking the next byte as written.
    private mutating func unenclosedField(_ input: UnsafeBufferPointer<UInt8>) -> Result<String?, SnowflakeError> {
        let start = position
        var index = position
        let fieldFirst = fieldDelimiter?.first
        while index < input.count {
            let byte = input[index]
            if byte == unenclosedEscape, index + 1 < input.count { return escapedField(input, from: start) }
            if byte == fieldFirst, matches(input, fieldDelimiter!, at: index) { break }
            if byte == recordFirst || byte == 0x0D, atRecordEnd(input, index) { break }
            index += 1
        }
        position = index
        var (low, high) = (start, index)
        if trimSpace {
            while low < high, input[low] == 0x20 || input[low] == 0x09 { low += 1 }
            while high > low, input[high - 1] == 0x20 || input[high - 1] == 0x09 { high -= 1 }
        }
        if low == high { return .success(emptyAsNull ? nil : "") }
        let raw = UnsafeBufferPointer(rebasing: input[low..<high])
        for candidate in nullIfBytes where candidate.count == raw.count && candidate.elementsEqual(raw) { return .success(nil) }
        return decode(raw)
    }

    /// The slow form of an unenclosed field, once an escape is met: bytes copied one by one.
    private mutating func escapedField(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Result<String?, SnowflakeError> {
        var bytes: [UInt8] = []
        var index = start
        while index < input.count {
            let byte = input[index]
            if let unenclosedEscape, byte == unenclosedEscape, index + 1 < input.count {
                let next = input[index + 1]
                if next == 0x0A { line += 1 }
                bytes.append(next)
                index += 2
                continue
            }
            if let fieldDelimiter, byte == fieldDelimiter[0], matches(input, fieldDelimiter, at: index) { break }
            if atRecordEnd(input, index) { break }
            bytes.append(byte)
            index += 1
        }
        position = index
        // NULL_IF compares the field as written: `\N` before its escape is taken.
        var written = decodeLossy(ArraySlice(UnsafeBufferPointer(rebasing: input[start..<index])))
        if trimSpace { written = written.trimmingCharacters(in: .whitespaces) }
        if nullIf.contains(written) { return .success(nil) }
        var text = bytes[...]
        if trimSpace {
            while let first = text.first, first == 0x20 || first == 0x09 { text = text.dropFirst() }
            while let last = text.last, last == 0x20 || last == 0x09 { text = text.dropLast() }
        }
        if text.isEmpty { return .success(emptyAsNull ? nil : "") }
        return Array(text).withUnsafeBufferPointer { decode($0) }
    }

    /// A quoted field from its opening quote at `opening`: a doubled quote (or ESCAPE and a byte)
    /// stands for that byte; after the closing quote only blanks may come before the delimiter.
    private mutating func enclosedField(
        _ input: UnsafeBufferPointer<UInt8>, quote: UInt8,
        from opening: Int
    ) -> Result<String?, SnowflakeError> {
        var index = opening + 1
        // The field's bytes, copied only once a doubled quote or an escape makes them differ from the input's.
        var content: [UInt8]?
        var closing = index
        while true {
            guard index < input.count else {
                // Reported at the opening quote; the rest of the file was the field.
                position = opening
                unterminated = true
                return .failure(SnowflakeError.unterminatedQuotedField)
            }
            let byte = input[index]
            if byte == quote {
                if index + 1 < input.count, input[index + 1] == quote {
                    if content == nil { content = Array(input[(opening + 1)..<index]) }
                    content?.append(quote)
                    index += 2
                    continue
                }
                closing = index
                index += 1
                break
            }
            if let escape, byte == escape, escape != quote, index + 1 < input.count {
                if content == nil { content = Array(input[(opening + 1)..<index]) }
                content?.append(input[index + 1])
                if input[index + 1] == 0x0A { line += 1 }
                index += 2
                continue
            }
            if byte == 0x0A { line += 1 }
            content?.append(byte)
            index += 1
        }
        while index < input.count, input[index] == 0x20 || input[index] == 0x09 { index += 1 }
        position = index
        if index < input.count, !atRecordEnd(input, index), !(fieldDelimiter.map { matches(input, $0, at: index) } ?? false) {
            let found = decodeLossy(ArraySlice(UnsafeBufferPointer(rebasing: input[index..<index + 1])))
            return .failure(SnowflakeError.expectedDelimiter(found: found, delimiter: Self.shown(fieldDelimiter)))
        }
        let decoded =
            content.map { bytes in bytes.withUnsafeBufferPointer { decode($0) } }
            ?? decode(UnsafeBufferPointer(rebasing: input[(opening + 1)..<closing]))
        return decoded.map { text in text.flatMap { nullIf.contains($0) ? nil : $0 } }
    }

    // MARK: - Pieces

    /// Text from bytes: ASCII as it is, other bytes checked as UTF-8 (VALIDATE_UTF8), replaced
    /// (REPLACE_INVALID_CHARACTERS) or refused.
    private func decode(_ raw: UnsafeBufferPointer<UInt8>) -> Result<String?, SnowflakeError> {
        var ascii = true
        for byte in raw where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii { return .success(String(decoding: raw, as: UTF8.self)) }
        if let text = String(validating: raw, as: UTF8.self) { return .success(text) }
        if replaceInvalid || !validateUTF8 { return .success(String(decoding: raw, as: UTF8.self)) }
        return .failure(SnowflakeError.invalidUTF8(raw.prefix(32).map { String(format: "%02X", $0) }.joined()))
    }

    private func decodeLossy(_ raw: ArraySlice<UInt8>) -> String { String(decoding: raw, as: UTF8.self) }

    private func firstNonSpace(_ input: UnsafeBufferPointer<UInt8>, from index: Int) -> Int? {
        var i = index
        if trimSpace { while i < input.count, input[i] == 0x20 || input[i] == 0x09 { i += 1 } }
        return i
    }

    private func matches(_ input: UnsafeBufferPointer<UInt8>, _ pattern: [UInt8], at index: Int) -> Bool {
        guard index + pattern.count <= input.count else { return false }
        for k in 0..<pattern.count where input[index + k] != pattern[k] { return false }
        return true
    }

    /// Whether a record ends at `index`: the record delimiter, or `\r\n` for the default newline.
    private func atRecordEnd(_ input: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        guard let recordDelimiter else { return false }
        if newlineRecords, input[index] == 0x0D, index + 1 < input.count, input[index + 1] == 0x0A { return true }
        return input[index] == recordDelimiter[0] && matches(input, recordDelimiter, at: index)
    }

    /// The offset after the record end at `index` (or the file's end), counting its line.
    private mutating func afterRecordEnd(_ index: Int) -> Int {
        guard index < bytes.count, let recordDelimiter else { return bytes.count }
        if newlineRecords && bytes[index] == 0x0D { line += 1; return index + 2 }
        if recordDelimiter.contains(0x0A) { line += 1 }
        return index + recordDelimiter.count
    }

    private mutating func skipToRecordEnd(_ input: UnsafeBufferPointer<UInt8>) {
        while position < input.count, !atRecordEnd(input, position) {
            if input[position] == 0x0A { line += 1 }
            position += 1
        }
        position = afterRecordEnd(position)
    }

    static func shown(_ delimiter: [UInt8]?) -> String {
        guard let delimiter else { return "NONE" }
        return String(decoding: delimiter, as: UTF8.self).replacingOccurrences(of: "\n", with: "\\n")
    }
}
