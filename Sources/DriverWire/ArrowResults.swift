// ArrowResults: a query's rows as the Arrow IPC stream the clients' Arrow readers take
// (driver-protocol.md §7.4; `fetch_pandas_all`, `fetch_arrow_all`, Snowpark's `to_pandas`). Each
// column is an Arrow field whose metadata names its Snowflake type (`logicalType`, `precision`,
// `scale`, `charLength`, `byteLength`) and whose physical type is the one the connector's converter
// expects for it: FIXED as int64 (or decimal128 when it has a scale or a value beyond 64 bits),
// REAL float64, TEXT/VARIANT/OBJECT/ARRAY utf8, BOOLEAN bool, DATE date32, TIME int64 nanoseconds,
// timestamps a struct of epoch seconds and nanoseconds (plus the offset in minutes + 1440 for
// TIMESTAMP_TZ), BINARY binary. A wrong physical type crashes the 4.x client, so there is one
// mapping, here. An empty result is sent as no stream at all (a zero-row batch also crashes it).

import ArrowIPC
import Engine
import Foundation

package enum ArrowResults {
    /// Rows per record batch.
    package static let batchRows = 65_536

    /// The `queryResultFormat` and `rowsetBase64` members of an answer.
    package static func members(_ result: ResultSet) throws -> [(String, WireJSON)] {
        guard !result.rows.isEmpty else { return [("queryResultFormat", .string("arrow")), ("rowsetBase64", .string(""))] }
        let fields = result.columns.enumerated().map { index, column in field(column, rows: result.rows, index: index) }
        var writer = try ArrowStreamWriter(fields: fields)
        var start = 0
        while start < result.rows.count {
            let end = min(start + batchRows, result.rows.count)
            var builders = fields.map(ArrowColumnBuilder.init(for:))
            for row in result.rows[start..<end] {
                for (c, column) in result.columns.enumerated() {
                    try builders[c].append(arrowValue(row[c], type: column.type, arrowType: fields[c].type))
                }
            }
            try writer.append(batch: builders.map { $0.build() })
            start = end
        }
        return [("queryResultFormat", .string("arrow")), ("rowsetBase64", .string(Data(writer.finish()).base64EncodedString()))]
    }

    package static let epochFraction = ArrowType.structure([
        ArrowField(name: "epoch", type: .int64, nullable: false), ArrowField(name: "fraction", type: .int32, nullable: false),
    ])
    package static let epochFractionZone = ArrowType.structure([
        ArrowField(name: "epoch", type: .int64, nullable: false), ArrowField(name: "fraction", type: .int32, nullable: false),
        ArrowField(name: "timezone", type: .int32, nullable: false),
    ])

    /// The Arrow field of a column; FIXED's physical type depends on the values it holds.
    package static func field(_ column: ResultColumn, rows: [[Value]], index: Int) -> ArrowField {
        let (length, precision, scale, byteLength) = WireCells.sizes(column.type)
        var metadata: [(key: String, value: String)] = [("logicalType", column.type.familyName.uppercased())]
        if let precision { metadata.append(("precision", String(precision))) }
        if let scale { metadata.append(("scale", String(scale))) }
        if let length { metadata.append(("charLength", String(length))) }
        if let byteLength { metadata.append(("byteLength", String(byteLength))) }
        let type: ArrowType
        switch column.type {
        case .number(let p, let s):
            let fitsInt64 = s == 0 && rows.allSatisfy { row in
                if case .decimal = row[index] { return false } else { return true }
            }
            type = fitsInt64 ? .int64 : .decimal128(precision: p, scale: s)
        case .float: type = .float64
        case .varchar, .variant, .object, .array: type = .utf8
        case .binary: type = .binary
        case .boolean: type = .bool
        case .date: type = .date32
        case .time: type = .int64
        case .timestampNTZ, .timestampLTZ: type = epochFraction
        case .timestampTZ:
            type = epochFractionZone
            metadata.removeAll { $0.key == "byteLength" }
            metadata.append(("byteLength", "16"))
        }
        return ArrowField(name: column.name, type: type, nullable: true, metadata: metadata)
    }

    /// One cell as the field's Arrow value.
    package static func arrowValue(_ value: Value, type: SnowflakeType, arrowType: ArrowType) throws -> ArrowValue {
        func unrepresentable() -> WireCells.Unrepresentable { WireCells.Unrepresentable(value: value, type: type) }
        switch value {
        case .null: return .null
        case .integer(let i): return .integer(i)
        case .decimal(let text): return .decimalText(text)
        case .double(let d):
            guard case .number = type else { return .double(d) }
            // As in WireCells.cell: exact digits or a refusal, never a rounded number.
            guard let text = try WireCells.cell(value, type: type) else { return .null }
            return arrowType == .int64 ? .integer(Int64(text) ?? 0) : .decimalText(text)
        case .boolean(let b): return .bool(b)
        case .string(let s):
            // A string cast to BINARY is kept as its hex text (WireCells.cell).
            guard case .binary = type else { return .string(s) }
            guard let bytes = WireBindings.bytes(hex: s) else { throw unrepresentable() }
            return .binary(bytes)
        case .variant: return .string(value.displayText(pretty: true) ?? "")
        case .binary(let bytes): return .binary(bytes)
        case .date(let text):
            guard let days = EpochTime.days(ofDate: text) else { throw unrepresentable() }
            return .integer(Int64(days))
        case .time(let text):
            guard let nanos = EpochTime.nanos(ofTime: text) else { throw unrepresentable() }
            return .integer(nanos)
        case .timestamp(let text):
            guard let instant = EpochTime.instant(ofTimestamp: text) else { throw unrepresentable() }
            guard case .timestampTZ = type else { return .structure([.integer(instant.seconds), .integer(instant.nanos)]) }
            return .structure([.integer(instant.seconds), .integer(instant.nanos), .integer(Int64((instant.offsetMinutes ?? 0) + 1440))])
        }
    }
}
