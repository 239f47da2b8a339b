/// Output formats for results.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, tsv, json, markdown
}

/// A result ready to print: a frame and how to show it.
public struct Rendered: Sendable {
    public var text: String
    /// Notes to print after the result (for machine formats, to standard error).
    public var notes: [String]
}

enum CellText {
    /// A quantity as shown in a table cell: grouped digits, a range as `low ~ high`, `%`/`pp` suffixes.
    static func table(_ q: Quantity) -> String {
        let suffix = q.unit == .percent ? "%" : q.unit == .pp ? "pp" : ""
        let lo = q.low.formatted(places: q.places) + suffix
        return q.isRange ? lo + " ~ " + q.high.formatted(places: q.places) + suffix : lo
    }

    /// A quantity as plain digits for CSV/JSON (no grouping; the exact value).
    static func plain(_ d: Dec) -> String { d.normalized.description }
}

/// Builds a pivot: rows are key combinations, columns are periods.
struct Pivot {
    var rowLabels: [[String]]
    var columns: [When]
    var values: [[Quantity?]]
    var units: [Unit]

    init(_ frame: Frame) {
        var rows: [[String]] = [], rowIndex: [[String]: Int] = [:]
        for c in frame.cells where rowIndex[c.key] == nil {
            rowIndex[c.key] = rows.count
            rows.append(c.key)
        }
        columns = Array(Set(frame.cells.map(\.when))).sorted()
        let colIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        values = Array(repeating: Array(repeating: nil, count: columns.count), count: rows.count)
        for c in frame.cells { values[rowIndex[c.key]!][colIndex[c.when]!] = c.quantity }
        rowLabels = rows
        var seen: [Unit] = []
        for c in frame.cells where !seen.contains(c.quantity.unit) { seen.append(c.quantity.unit) }
        units = seen
    }
}
