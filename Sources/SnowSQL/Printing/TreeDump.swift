// TreeDump: an indented dump of any AST node, one node per line, for debugging (`snowlite parse`)
// and for golden tests. It walks the tree by reflection so every new node kind dumps without
// extra code; empty lists, nils and false flags are left out to keep dumps short. A ShowFilter's
// parts dump as fields of the SHOW that holds it (`like:`, `scope:`…), as they did before the
// filter was one value.

public enum TreeDump {
    public static func dump(_ node: Any) -> String {
        var lines: [String] = []
        walk(node, label: nil, depth: 0, into: &lines)
        return lines.joined(separator: "\n")
    }

    private static func walk(_ node: Any, label: String?, depth: Int, into lines: inout [String]) {
        let indent = String(repeating: "  ", count: depth)
        let prefix = indent + (label.map { $0 + ": " } ?? "")
        if let text = leafText(node) {
            lines.append(prefix + text)
            return
        }
        let mirror = Mirror(reflecting: node)
        switch mirror.displayStyle {
        case .optional:
            if let some = mirror.children.first { walk(some.value, label: label, depth: depth, into: &lines) }
        case .collection:
            lines.append(prefix + "[\(mirror.children.count)]")
            for child in mirror.children { walk(child.value, label: nil, depth: depth + 1, into: &lines) }
        case .enum:
            let caseName = String(describing: node).split(separator: "(").first.map(String.init) ?? "?"
            guard let payload = mirror.children.first else {
                lines.append(prefix + caseName)
                return
            }
            lines.append(prefix + (payload.label ?? caseName))
            walkChildren(of: payload.value, depth: depth + 1, into: &lines)
        case .struct, .class, .tuple:
            lines.append(prefix + String(describing: type(of: node)))
            walkChildren(of: node, depth: depth + 1, into: &lines)
        default:
            lines.append(prefix + String(describing: node))
        }
    }

    private static func walkChildren(of value: Any, depth: Int, into lines: inout [String]) {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .tuple || mirror.displayStyle == .struct || mirror.displayStyle == .class {
            for child in mirror.children where !isEmpty(child.value) {
                if child.value is ShowFilter {
                    walkChildren(of: child.value, depth: depth, into: &lines)
                    continue
                }
                walk(child.value, label: child.label.flatMap { $0.hasPrefix(".") ? nil : $0 }, depth: depth, into: &lines)
            }
        } else {
            walk(value, label: nil, depth: depth, into: &lines)
        }
    }

    private static func leafText(_ node: Any) -> String? {
        switch node {
        case let s as String: return SQLPrinter.quoteString(s)
        case let b as Bool: return String(b)
        case let i as Int: return String(i)
        case let identifier as Identifier: return identifier.quoted ? SQLPrinter.quoteIdentifier(identifier.name) : identifier.name
        case let type as DataTypeName: return type.description
        case let text as SourceText: return SQLPrinter.quoteString(text.text)
        case let literal as Literal: return SQLPrinter.print(literal)
        default: return nil
        }
    }

    private static func isEmpty(_ value: Any) -> Bool {
        if value is SourceText { return true }
        let mirror = Mirror(reflecting: value)
        // Only nil is empty for an optional: a `Bool?` false (RESTRICT, NULLS LAST) is a value, not a flag.
        if mirror.displayStyle == .optional { return mirror.children.isEmpty }
        if let b = value as? Bool { return !b }
        if mirror.displayStyle == .collection { return mirror.children.isEmpty }
        return false
    }
}
