// ResultFormatter: turns a ResultSet into the text snowsql prints for the chosen `output_format`
// (spec §1.7). The box formats follow the python `tabulate` styles snowsql offers: `psql` (the
// default), `grid`, `fancy_grid`, `simple`, `plain`, `pipe`, `orgtbl`; `csv`, `tsv`, `json` and
// `expanded` live in DelimitedFormats.swift. `rst`, `mediawiki`, `html`, `latex` and
// `latex_booktabs` are accepted as option values but rendered as `psql` (not needed by the
// emulator's users; say so in `!options` rather than fail).
//
// Rules: a column is as wide as its widest line (header included); one blank pads each side of a
// cell in the boxed styles; numeric columns (cells and header, as tabulate aligns them) are
// right-aligned, the rest left-aligned; SQL NULL prints `NULL`; a multi-line value occupies
// several lines of the same row.

import Engine
import SnowSQL
import Snowlite

public struct ResultFormatter: Sendable {
    public var format: OutputFormat
    public var header: Bool
    public var emptyForNullInTSV: Bool

    public init(format: OutputFormat = .psql, header: Bool = true, emptyForNullInTSV: Bool = false) {
        self.format = format
        self.header = header
        self.emptyForNullInTSV = emptyForNullInTSV
    }

    /// The result's text, lines joined by `\n`, without a final newline.
    public func render(_ result: ResultSet) -> String {
        let names = result.columns.map(\.name)
        let numeric = result.columns.map(\.type.isNumeric)
        switch format {
        case .csv: return DelimitedFormats.delimited(result, separator: ",", header: header, nullText: "NULL")
        case .tsv: return DelimitedFormats.delimited(result, separator: "\t", header: header,
                                                     nullText: emptyForNullInTSV ? "" : "NULL")
        case .json: return DelimitedFormats.json(result)
        case .expanded:
            return DelimitedFormats.expanded(names: names, rows: result.rows.map(ResultFormatter.cells))
        default:
            let style = TableStyle.named(format)
            return ResultFormatter.table(names: names, rows: result.rows.map(ResultFormatter.cells),
                                         numeric: numeric, style: style, header: header)
        }
    }

    /// The cell texts of a row; NULL prints as `NULL`.
    static func cells(_ row: [Value]) -> [String] {
        row.map { $0.displayText(pretty: true) ?? "NULL" }
    }

    /// A table of text cells in one of the boxed or plain styles.
    public static func table(names: [String], rows: [[String]], numeric: [Bool], style: TableStyle,
                             header: Bool) -> String {
        guard !names.isEmpty else { return "" }
        let headerLines = names.map(lines)
        let rowLines = rows.map { $0.map(lines) }
        var widths = names.indices.map { column in
            rowLines.map { $0[column].map { $0.count }.max() ?? 0 }.max() ?? 0
        }
        if header {
            for column in names.indices {
                widths[column] = max(widths[column], headerLines[column].map { $0.count }.max() ?? 0)
            }
        }
        var out: [String] = []
        let hasHeader = header
        if let above = style.lineAbove, !(hasHeader && style.hideOuterLinesWithHeader) {
            out.append(rule(above, widths: widths, padding: style.padding, numeric: numeric))
        }
        if hasHeader {
            out += row(headerLines, widths: widths, numeric: numeric, style: style)
            if let below = style.lineBelowHeader {
                out.append(rule(below, widths: widths, padding: style.padding, numeric: numeric))
            }
        }
        for (index, cells) in rowLines.enumerated() {
            if index > 0, let between = style.lineBetweenRows {
                out.append(rule(between, widths: widths, padding: style.padding, numeric: numeric))
            }
            out += row(cells, widths: widths, numeric: numeric, style: style)
        }
        if let below = style.lineBelow, !(hasHeader && style.hideOuterLinesWithHeader) {
            out.append(rule(below, widths: widths, padding: style.padding, numeric: numeric))
        }
        return out.joinedText(separator: "\n")
    }

    /// One row, as many text lines as its tallest cell.
    static func row(_ cells: [[String]], widths: [Int], numeric: [Bool], style: TableStyle) -> [String] {
        let height = cells.map { $0.count }.max() ?? 1
        let pad = String(repeating: " ", count: style.padding)
        return (0..<height).map { lineIndex in
            let parts = cells.indices.map { column -> String in
                let text = lineIndex < cells[column].count ? cells[column][lineIndex] : ""
                return pad + aligned(text, width: widths[column], right: numeric[column]) + pad
            }
            let line = style.rowBegin + parts.joinedText(separator: style.rowSeparator) + style.rowEnd
            return style.trimsTrailingBlanks ? String(line.reversed().drop(while: { $0 == " " }).reversed()) : line
        }
    }

    static func rule(_ rule: TableStyle.Rule, widths: [Int], padding: Int, numeric: [Bool]) -> String {
        let parts = widths.indices.map { column -> String in
            let fill = String(repeating: rule.fill, count: widths[column] + 2 * padding)
            guard rule.marksAlignment, fill.count >= 2 else { return fill }
            return numeric[column] ? String(fill.dropLast()) + ":" : ":" + String(fill.dropFirst())
        }
        return rule.begin + parts.joinedText(separator: rule.separator) + rule.end
    }

    static func aligned(_ text: String, width: Int, right: Bool) -> String {
        let gap = String(repeating: " ", count: max(0, width - text.count))
        return right ? gap + text : text + gap
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
    }
}

/// The lines and separators of a tabulate-style table format.
public struct TableStyle: Sendable {
    public struct Rule: Sendable {
        var begin: String, fill: String, separator: String, end: String
        /// `pipe`'s `|:---|---:|`.
        var marksAlignment = false
    }

    var lineAbove: Rule?
    var lineBelowHeader: Rule?
    var lineBetweenRows: Rule?
    var lineBelow: Rule?
    var rowBegin: String, rowSeparator: String, rowEnd: String
    var padding: Int
    /// `simple` draws its outer rules only when there is no header.
    var hideOuterLinesWithHeader = false
    /// `plain` and `simple` do not leave blanks at the end of a line.
    var trimsTrailingBlanks = false

    public static let psql = TableStyle(
        lineAbove: Rule(begin: "+", fill: "-", separator: "+", end: "+"),
        lineBelowHeader: Rule(begin: "|", fill: "-", separator: "+", end: "|"),
        lineBelow: Rule(begin: "+", fill: "-", separator: "+", end: "+"),
        rowBegin: "|", rowSeparator: "|", rowEnd: "|", padding: 1)

    public static let grid = TableStyle(
        lineAbove: Rule(begin: "+", fill: "-", separator: "+", end: "+"),
        lineBelowHeader: Rule(begin: "+", fill: "=", separator: "+", end: "+"),
        lineBetweenRows: Rule(begin: "+", fill: "-", separator: "+", end: "+"),
        lineBelow: Rule(begin: "+", fill: "-", separator: "+", end: "+"),
        rowBegin: "|", rowSeparator: "|", rowEnd: "|", padding: 1)

    public static let fancyGrid = TableStyle(
        lineAbove: Rule(begin: "╒", fill: "═", separator: "╤", end: "╕"),
        lineBelowHeader: Rule(begin: "╞", fill: "═", separator: "╪", end: "╡"),
        lineBetweenRows: Rule(begin: "├", fill: "─", separator: "┼", end: "┤"),
        lineBelow: Rule(begin: "╘", fill: "═", separator: "╧", end: "╛"),
        rowBegin: "│", rowSeparator: "│", rowEnd: "│", padding: 1)

    public static let simple = TableStyle(
        lineAbove: Rule(begin: "", fill: "-", separator: "  ", end: ""),
        lineBelowHeader: Rule(begin: "", fill: "-", separator: "  ", end: ""),
        lineBelow: Rule(begin: "", fill: "-", separator: "  ", end: ""),
        rowBegin: "", rowSeparator: "  ", rowEnd: "", padding: 0,
        hideOuterLinesWithHeader: true, trimsTrailingBlanks: true)

    public static let plain = TableStyle(rowBegin: "", rowSeparator: "  ", rowEnd: "", padding: 0,
                                         trimsTrailingBlanks: true)

    public static let pipe = TableStyle(
        lineBelowHeader: Rule(begin: "|", fill: "-", separator: "|", end: "|", marksAlignment: true),
        rowBegin: "|", rowSeparator: "|", rowEnd: "|", padding: 1)

    public static let orgtbl = TableStyle(
        lineBelowHeader: Rule(begin: "|", fill: "-", separator: "+", end: "|"),
        rowBegin: "|", rowSeparator: "|", rowEnd: "|", padding: 1)

    /// The style of a boxed or plain format; formats without their own style render as `psql`.
    public static func named(_ format: OutputFormat) -> TableStyle {
        switch format {
        case .grid: return .grid
        case .fancy_grid: return .fancyGrid
        case .simple: return .simple
        case .plain: return .plain
        case .pipe: return .pipe
        case .orgtbl: return .orgtbl
        default: return .psql  // psql, and rst/mediawiki/html/latex/latex_booktabs as a fallback
        }
    }
}
