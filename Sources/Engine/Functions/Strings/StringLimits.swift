// StringLimits: Snowflake's 16 MB limit on a value (16,777,216 bytes), checked before a string is
// built, so a function asked for 2^63 characters (LPAD, RPAD, REPEAT, CONCAT and `||`, LISTAGG)
// fails with Snowflake's LOB-size error instead of trying to allocate it and taking the process
// down. Sizes are counted in 128 bits: 2^63 copies of a 4-byte character overflow 64.
// https://docs.snowflake.com/en/sql-reference/data-types-text#varchar (the 16 MB default and maximum),
// https://docs.snowflake.com/en/release-notes/bcr-bundles/2024_08/bcr-1779 (the 100082 error)

import GRDB

enum StringLimits {
    /// The largest value Snowflake stores or returns, in bytes.
    static let maximumBytes = 16_777_216

    /// Throws 100082 when a value of `bytes` bytes would pass the limit.
    static func check(bytes: Int128) throws {
        if bytes > Int128(maximumBytes) { throw SnowflakeError.maxLOBSizeExceeded(actual: bytes).encoded }
    }

    /// The SQL functions that build long strings in Swift and check the limit first.
    static func install(in db: Database) {
        // sf_repeat(s, n): `s` n times; nothing for n ≤ 0.
        db.add(function: ScalarFunction("sf_repeat", argumentCount: 2, pure: true) { v in
            guard let s = SQLFunctions.text(of: v[0]), let n = Int.fromDatabaseValue(v[1]) else { return nil }
            guard n > 0, !s.isEmpty else { return "" }
            try check(bytes: Int128(s.utf8.count) * Int128(n))
            return String(repeating: s, count: n)
        })
    }

    /// LPAD/RPAD's result size: `s` cut or filled with `pad` to `length` characters (Unicode scalars).
    static func paddedBytes(_ s: [Unicode.Scalar], to length: Int, with pad: [Unicode.Scalar]) -> Int128 {
        guard length > 0 else { return 0 }
        func bytes(_ scalars: ArraySlice<Unicode.Scalar>) -> Int128 { Int128(scalars.reduce(0) { $0 + UTF8.width($1) }) }
        if s.count >= length { return bytes(s.prefix(length)) }
        guard !pad.isEmpty else { return bytes(s[...]) }
        let fill = length - s.count
        return bytes(s[...]) + Int128(fill / pad.count) * bytes(pad[...]) + bytes(pad.prefix(fill % pad.count))
    }
}
