// WireJSON: the JSON of the driver protocol. Answers are built as `WireJSON` values and written
// by hand (`bytes`): a result's rowset can hold hundreds of thousands of cells, and writing them
// straight into one byte buffer is several times faster than Foundation's JSONSerialization. A
// rowset written ahead of time goes in as `.raw`. Requests are small and read with
// JSONSerialization into `WireObject`, a typed view over the decoded dictionary.

import Foundation

/// A JSON value of an answer, keys in the order given.
package enum WireJSON: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([WireJSON])
    case object([(String, WireJSON)])
    /// JSON text already written (a rowset).
    case raw([UInt8])

    /// The value's JSON text.
    package var bytes: [UInt8] {
        var out: [UInt8] = []
        write(to: &out)
        return out
    }

    package func write(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: WireJSON.nullBytes)
        case .bool(let b): out.append(contentsOf: b ? Array("true".utf8) : Array("false".utf8))
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .string(let s): WireJSON.writeString(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                WireJSON.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .raw(let bytes): out.append(contentsOf: bytes)
        }
    }

    package static let nullBytes = Array("null".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string: quotes, backslashes and control characters escaped; the rest as UTF-8.
    package static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// A request body's JSON object, read with JSONSerialization.
package struct WireObject {
    package let members: [String: Any]

    package init(_ members: [String: Any]) {
        self.members = members
    }

    /// Parses a body; an empty body is an empty object, anything but an object is nil.
    package init?(body: [UInt8]) {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            members = [:]
            return
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) as? [String: Any] else {
            return nil
        }
        members = object
    }

    package func string(_ key: String) -> String? { members[key] as? String }

    package func bool(_ key: String) -> Bool {
        if let b = members[key] as? Bool { return b }
        if let n = members[key] as? NSNumber { return n.boolValue }
        return false
    }

    package func int(_ key: String) -> Int? {
        if let n = members[key] as? NSNumber { return n.intValue }
        if let s = members[key] as? String { return Int(s) }
        return nil
    }

    package func object(_ key: String) -> WireObject? {
        (members[key] as? [String: Any]).map(WireObject.init)
    }
}
