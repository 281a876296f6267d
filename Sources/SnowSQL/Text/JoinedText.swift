// JoinedText: strings joined by a separator, in code every client start runs. The standard library's
// `joined(separator:)` on an array of strings is generic and not inlined into its callers: the first
// call in a process has the Swift runtime resolve `[String]`'s collection associated types by their
// mangled names, some 300,000 instructions, 4% of `snowsql -q 'select 1'` (bench/results.md, start-up).
// This one is concrete. Elsewhere `joined(separator:)` is as good.

extension Array where Element == String {
    /// The strings in order with `separator` between each two.
    public func joinedText(separator: String) -> String {
        var text = ""
        for (position, element) in enumerated() {
            if position > 0 { text += separator }
            text += element
        }
        return text
    }
}
