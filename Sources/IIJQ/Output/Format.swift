/// Output formats for results. Each knows how it renders a frame and whether it is for other
/// programs; help, hints and completion list the formats from `allCases`.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, tsv, json, markdown

    /// Whether the format is for other programs (csv, tsv, json): notes then go to standard
    /// error, and results follow one another with no blank line between them.
    public var isMachine: Bool {
        switch self {
        case .table, .markdown: false
        case .csv, .tsv, .json: true
        }
    }

    /// One frame in this format; `color` allows terminal escapes (bold headers).
    public func render(_ frame: Frame, color: Bool = false, layout: Layout = Layout()) -> String {
        switch self {
        case .table: TableRenderer.text(frame, bold: color, layout: layout)
        case .markdown: TableRenderer.markdown(frame, layout: layout)
        case .csv: layout.records == .wide ? WideRecords.csv(frame, separator: ",") : RecordRenderer.csv(frame, separator: ",")
        case .tsv: layout.records == .wide ? WideRecords.csv(frame, separator: "\t") : RecordRenderer.csv(frame, separator: "\t")
        case .json: layout.records == .wide ? WideRecords.json(frame) : RecordRenderer.json([frame])
        }
    }

    /// The formats' names as prose, "table, csv, tsv, json or markdown": for help and hints.
    public static var names: String { prose(allCases) }

    /// The machine formats' names, "csv|tsv|json": for help that shows `--format` for other tools.
    public static var machineNames: String { allCases.filter(\.isMachine).map(\.rawValue).joined(separator: "|") }

    static func prose(_ formats: [OutputFormat]) -> String {
        let names = formats.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + (names.count > 1 ? " or " : "") + (names.last ?? "")
    }
}

enum CellText {
    /// A quantity as shown in a table cell: grouped digits, a range as `low ~ high`, `%`/`pp` suffixes.
    static func table(_ q: Quantity) -> String {
        let suffix = q.unit == .percent ? "%" : q.unit == .pp ? "pp" : ""
        let lo = q.low.formatted(places: q.places) + suffix
        return q.isRange ? lo + " ~ " + q.high.formatted(places: q.places) + suffix : q.bound.text(lo)
    }

    /// A quantity with its unit, as cited: `39,058 ¥ mn`, `7.4%`, `4,803 persons`.
    static func withUnit(_ q: Quantity) -> String {
        [.percent, .pp, .number].contains(q.unit) ? table(q) : table(q) + " " + q.unit.description
    }

    /// A bound as plain digits for CSV/JSON: a printed figure exactly as printed (312.0), a derived
    /// value to three more decimals than it displays (17.2517).
    static func plain(_ d: Dec, places: Int) -> String {
        if d.scale <= places { return d.formatted(places: places, grouping: false) }
        var r = d.rounded(places + 3)
        while r.scale > places, r.significand % 10 == 0 { r = Dec(r.significand / 10, scale: r.scale - 1) }
        return r.formatted(grouping: false)
    }
}

/// How much of a table to show, and how wide it may be: set by the shell (`.maxrows`, the
/// terminal's width) and by `--max-rows`.
public struct Layout: Sendable, Equatable {
    /// Rows shown at most; nil shows all.
    public var maxRows: Int?
    /// Columns available; a wider table is shown one record per row. Nil: no limit.
    public var width: Int?
    /// Negative numbers in accounting style, `(1,234)`, instead of `-1,234`.
    public var parentheses = false
    /// Whether a table is shown one record per row: always (true), never (false), or when it is
    /// wider than `width` (nil, the default): the shell's `.expanded on|off|auto`.
    public var expanded: Bool?
    /// How csv, tsv and json lay a result out: a record per cell, or the pivot as shown.
    public var records = RecordLayout.long

    public init(maxRows: Int? = nil, width: Int? = nil, parentheses: Bool = false) {
        self.maxRows = maxRows
        self.width = width
        self.parentheses = parentheses
    }

    /// A cell's text with the negative style applied.
    func styled(_ text: String) -> String {
        guard parentheses, text.hasPrefix("-"), !text.contains(" ~ ") else { return text }
        return "(" + text.dropFirst() + ")"
    }

    /// Drops the rows past `maxRows`; returns how many were dropped.
    func cut(_ rows: inout [[String]]) -> Int {
        guard let maxRows, rows.count > maxRows else { return 0 }
        let hidden = rows.count - maxRows
        rows.removeLast(hidden)
        return hidden
    }

    static func hiddenNote(_ hidden: Int) -> String {
        hidden == 0 ? "" : "(\(hidden) more row\(hidden == 1 ? "" : "s") not shown: raise the limit with .maxrows or --max-rows)\n"
    }
}
