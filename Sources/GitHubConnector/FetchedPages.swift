// FetchedPages: the pages an ingestion run has fetched, by normalized URL, for its cycle check (a
// next-page link back to one of them stops the run). A run follows up to max_pages links, and
// GitHub's differ only in their `page=N` parameter, so a URL with one is kept as the text around
// the number, shared by the run's pages, and N in a set of ranges: a run's 10,000 pages in order
// cost one range instead of 10,000 strings. Any other URL is kept whole.
//
// The check stays exact: a URL splits one way only (around its last `page=` parameter whose value
// is a number written without leading zeros) and the two texts and the number give it back, so two
// URLs are one entry only when they are one string.

import Foundation

struct FetchedPages {
    /// A URL with a page number, without the number: the text before it (up to `page=`) and after.
    private struct Template: Hashable {
        var prefix: Substring
        var suffix: Substring
    }

    private var numbered: [Template: IndexSet] = [:]
    private var others: Set<String> = []
    /// How many distinct URLs are in.
    private(set) var count = 0

    /// Adds `url`; it counts once however often it is added.
    mutating func insert(_ url: String) {
        let inserted: Bool
        if let (template, number) = Self.split(url) {
            // Asked first: IndexSet.insert's `inserted` is true for a number already in, on Linux.
            inserted = !(numbered[template]?.contains(number) ?? false)
            if inserted { numbered[template, default: IndexSet()].insert(number) }
        } else {
            inserted = others.insert(url).inserted
        }
        if inserted { count += 1 }
    }

    func contains(_ url: String) -> Bool {
        if let (template, number) = Self.split(url) { return numbered[template]?.contains(number) ?? false }
        return others.contains(url)
    }

    /// `url` around the value of its last `page=` query parameter, when that value is a number
    /// written as Int writes it (digits, no leading zero, at most 18 of them).
    private static func split(_ url: String) -> (Template, Int)? {
        guard let question = url.firstIndex(of: "?") else { return nil }
        let query = url[url.index(after: question)...]
        guard let parameter = query.split(separator: "&", omittingEmptySubsequences: false).last(where: { $0.hasPrefix("page=") })
        else { return nil }
        let digits = parameter.dropFirst("page=".count)
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            digits.first != "0" || digits.count == 1, let number = Int(digits)
        else { return nil }
        return (Template(prefix: url[..<digits.startIndex], suffix: url[digits.endIndex...]), number)
    }
}
