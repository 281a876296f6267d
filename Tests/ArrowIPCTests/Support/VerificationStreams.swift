// The verification streams: one per family of types and edge cases (nulls, empty strings, the
// extreme integers, NaN and infinities, 38-digit decimals, structs with null rows, several batches,
// a zero-row batch, no batch at all) and a result set as Snowflake describes one. The XCTests read
// each back with the tests' own reader; `verify_with_pyarrow.py` reads the same streams (dumped by
// `StreamStructureTests.testDumpVerificationStreamsWhenAsked`) with pyarrow and Snowflake's
// connector, and states the values it expects independently of this file.

@testable import ArrowIPC

/// A stream to write and check: its schema and, per batch, per field, the values appended.
struct VerificationStream {
    let name: String
    let fields: [ArrowField]
    let batches: [[[ArrowValue]]]

    /// The stream the writer makes of it.
    func bytes() throws -> [UInt8] {
        var writer = try ArrowStreamWriter(fields: fields)
        for batch in batches {
            var columns: [ArrowColumn] = []
            for (field, values) in zip(fields, batch) {
                var builder = ArrowColumnBuilder(for: field)
                for value in values { try builder.append(value) }
                columns.append(builder.build())
            }
            try writer.append(batch: columns)
        }
        return writer.finish()
    }
}

/// Shorthands for building fields and values.
private func field(_ name: String, _ type: ArrowType, nullable: Bool = true,
                   _ metadata: [(key: String, value: String)] = []) -> ArrowField {
    ArrowField(name: name, type: type, nullable: nullable, metadata: metadata)
}
private func ints(_ values: [Int64?]) -> [ArrowValue] { values.map { $0.map(ArrowValue.integer) ?? .null } }
private func texts(_ values: [String?]) -> [ArrowValue] { values.map { $0.map(ArrowValue.string) ?? .null } }
private func decimals(_ values: [String?]) -> [ArrowValue] { values.map { $0.map(ArrowValue.decimalText) ?? .null } }
private func epochFraction(_ epoch: Int64, _ fraction: Int64) -> ArrowValue { .structure([.integer(epoch), .integer(fraction)]) }
private func epochFractionZone(_ epoch: Int64, _ fraction: Int64, _ zone: Int64) -> ArrowValue {
    .structure([.integer(epoch), .integer(fraction), .integer(zone)])
}

/// Snowflake's two timestamp structs: TIMESTAMP_NTZ/LTZ with scale > 7, and TIMESTAMP_TZ's
/// 16-byte form (the timezone is minutes east of UTC plus 1440).
let epochFractionType = ArrowType.structure([
    ArrowField(name: "epoch", type: .int64, nullable: false),
    ArrowField(name: "fraction", type: .int32, nullable: false),
])
let epochFractionZoneType = ArrowType.structure([
    ArrowField(name: "epoch", type: .int64, nullable: false),
    ArrowField(name: "fraction", type: .int32, nullable: false),
    ArrowField(name: "timezone", type: .int32, nullable: false),
])

enum VerificationStreams {
    static let all: [VerificationStream] = [
        VerificationStream(name: "integers", fields: [
            field("i8", .int8), field("i16", .int16), field("i32", .int32),
            field("i64", .int64, nullable: false, [("logicalType", "FIXED"), ("precision", "19"), ("scale", "0")]),
        ], batches: [[
            ints([-128, 127, nil, 0]),
            ints([-32768, 32767, nil, -1]),
            ints([-2_147_483_648, 2_147_483_647, nil, 42]),
            ints([.min, .max, -1, 0]),
        ]]),
        VerificationStream(name: "floats_and_booleans", fields: [field("f", .float64), field("b", .bool)], batches: [[
            [.double(1.5), .double(-0.0), .double(.nan), .double(.infinity), .double(-.infinity), .null,
             .double(.leastNonzeroMagnitude), .double(1.7976931348623157e308), .double(-2.5), .double(0)],
            [.bool(true), .bool(false), .null, .bool(true), .bool(true), .bool(false), .null, .bool(true),
             .bool(false), .bool(true)],
        ]]),
        VerificationStream(name: "strings_and_binary", fields: [
            field("s", .utf8, [("logicalType", "TEXT"), ("charLength", "16777216")]),
            field("bin", .binary),
            field("s2", .utf8, nullable: false),
        ], batches: [[
            texts(["", "a", nil, "héllo ✓ 😀", "", String(repeating: "xyz", count: 100)]),
            [.binary([]), .binary([0, 255]), .null, .binary([1, 2, 3]), .binary([]), .binary(Array(0...255))],
            texts(["only", "non", "null", "text", "", "z"]),
        ]]),
        VerificationStream(name: "dates", fields: [field("d", .date32)], batches: [[
            ints([0, -1, nil, 19000, -719_162, 2_932_896]),
        ]]),
        VerificationStream(name: "decimals", fields: [
            field("d38_0", .decimal128(precision: 38, scale: 0)),
            field("d10_2", .decimal128(precision: 10, scale: 2)),
            field("d38_37", .decimal128(precision: 38, scale: 37)),
            field("d5_5", .decimal128(precision: 5, scale: 5), nullable: false),
        ], batches: [[
            decimals(["99999999999999999999999999999999999999", "-99999999999999999999999999999999999999", "0", nil]),
            [.decimalText("-12.340"), .decimalText("0.01"), .integer(-7), .decimalText("99999999.99")],
            decimals(["9.9999999999999999999999999999999999999", "-0.0000000000000000000000000000000000001", nil, "1"]),
            decimals([".12345", "-0.99999", "0", "0.00001"]),
        ]]),
        VerificationStream(name: "structs", fields: [
            field("ntz", epochFractionType, [("logicalType", "TIMESTAMP_NTZ"), ("scale", "9")]),
            field("tz", epochFractionZoneType, [("logicalType", "TIMESTAMP_TZ"), ("scale", "9"), ("byteLength", "16")]),
            field("nested", .structure([
                field("inner", .structure([field("x", .int64), field("s", .utf8)])),
                field("flag", .bool, nullable: false),
            ])),
        ], batches: [[
            [epochFraction(1_700_000_000, 123_456_789), .null, epochFraction(-1, 999_999_999)],
            [epochFractionZone(0, 0, 1440), epochFractionZone(1_700_000_000, 5, 1380), .null],
            [.structure([.structure([.integer(7), .string("a")]), .bool(true)]), .null,
             .structure([.null, .bool(false)])],
        ]]),
        VerificationStream(name: "several_batches", fields: [field("id", .int64, nullable: false), field("name", .utf8)],
                           batches: [
                               [ints([1, 2, 3]), texts(["a", nil, "c"])],
                               [[], []],
                               [ints([4, 5]), texts(["", "e"])],
                           ]),
        VerificationStream(name: "zero_row_batch", fields: allTypesFields, batches: [allTypesFields.map { _ in [] }]),
        VerificationStream(name: "no_batches", fields: allTypesFields, batches: []),
        VerificationStream(name: "snowflake_result", fields: snowflakeResultFields, batches: [
            [
                ints([1, -2, nil]),
                ints([127, -128, nil]),
                ints([32767, -32768, nil]),
                ints([123_456, -1, 0]),
                decimals(["1.50", "-0.01", nil]),
                [.double(1.5), .double(-0.25), .null],
                texts(["hello", "", nil]),
                [.bool(true), .bool(false), .null],
                ints([19000, 0, nil]),
                [.binary([0xAB]), .binary([]), .null],
                [epochFraction(1_700_000_000, 123_456_789), epochFraction(0, 0), .null],
                [epochFractionZone(1_700_000_000, 0, 1500), epochFractionZone(0, 500_000_000, 1440 - 300), .null],
            ],
            [
                ints([.max]), ints([0]), ints([1]), ints([2_147_483_647]),
                decimals(["-999999999999999999999999999999999999.99"]), [.double(-.infinity)],
                texts(["naïve"]), [.bool(false)], ints([-1]), [.binary([0, 1])],
                [epochFraction(-86_400, 1)], [epochFractionZone(-1, 999_999_999, 1440)],
            ],
        ]),
        VerificationStream(name: "snowflake_empty_result", fields: snowflakeResultFields, batches: []),
        VerificationStream(name: "tiny_int32", fields: [field("a", .int32)], batches: [[ints([1, nil, -3])]]),
        VerificationStream(name: "tiny_text", fields: [field("s", .utf8, nullable: false, [("logicalType", "TEXT")])],
                           batches: [[texts(["hi", ""])]]),
    ]

    /// A result set as Snowflake describes one to its connectors: the physical type per column, the
    /// Snowflake type in the field metadata (FIXED is sent as INT8…INT64 or DECIMAL128).
    static let snowflakeResultFields: [ArrowField] = [
        field("N", .int64, [("logicalType", "FIXED"), ("precision", "38"), ("scale", "0")]),
        field("N8", .int8, [("logicalType", "FIXED"), ("precision", "3"), ("scale", "0")]),
        field("N16", .int16, [("logicalType", "FIXED"), ("precision", "5"), ("scale", "0")]),
        field("N32S3", .int32, nullable: false, [("logicalType", "FIXED"), ("precision", "10"), ("scale", "3")]),
        field("D", .decimal128(precision: 38, scale: 2), [("logicalType", "FIXED"), ("precision", "38"), ("scale", "2")]),
        field("R", .float64, [("logicalType", "REAL")]),
        field("T", .utf8, [("logicalType", "TEXT"), ("charLength", "16777216")]),
        field("B", .bool, [("logicalType", "BOOLEAN")]),
        field("DT", .date32, [("logicalType", "DATE")]),
        field("BIN", .binary, [("logicalType", "BINARY"), ("byteLength", "8388608")]),
        field("TS", epochFractionType, [("logicalType", "TIMESTAMP_NTZ"), ("scale", "9")]),
        field("TZ", epochFractionZoneType, [("logicalType", "TIMESTAMP_TZ"), ("scale", "9"), ("byteLength", "16")]),
    ]

    /// One field of every type, for the streams without rows.
    static let allTypesFields: [ArrowField] = [
        field("i8", .int8), field("i16", .int16), field("i32", .int32), field("i64", .int64),
        field("f", .float64), field("b", .bool), field("s", .utf8), field("bin", .binary), field("d", .date32),
        field("dec", .decimal128(precision: 38, scale: 2)), field("ts", epochFractionType),
    ]
}
