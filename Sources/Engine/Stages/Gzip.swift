// Gzip: the gzip container PUT's AUTO_COMPRESS writes (`x.csv` → `x.csv.gz`), and its inverse
// for readers of staged `.gz` files. Foundation on Linux has no gzip API, so this is zlib through
// the CZlib system module — the only file that imports it. Output carries mtime 0, so the same
// content always gives the same bytes (and the same md5 in LIST).

import CZlib

public enum Gzip {
    public struct Failure: Error, CustomStringConvertible {
        public var status: Int32
        public var description: String { "zlib status \(status)" }
    }

    /// The gzip form of `bytes` (default compression level).
    public static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(snowlite_gzip_bound(UInt(bytes.count))))
        var length = UInt(output.count)
        let status = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                snowlite_gzip(input.baseAddress, UInt(input.count), out.baseAddress, &length)
            }
        }
        guard status == 0 else { throw Failure(status: status) }
        return Array(output.prefix(Int(length)))
    }

    /// The content of gzip data; throws on data that is not gzip or is cut short.
    public static func decompress(_ bytes: [UInt8]) throws -> [UInt8] {
        var capacity = max(256, bytes.count * 4)
        while true {
            var output = [UInt8](repeating: 0, count: capacity)
            var length = UInt(capacity)
            let status = bytes.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { out in
                    snowlite_gunzip(input.baseAddress, UInt(input.count), out.baseAddress, &length)
                }
            }
            switch status {
            case 0: return Array(output.prefix(Int(length)))
            case 1: capacity *= 4
            default: throw Failure(status: status)
            }
        }
    }
}
