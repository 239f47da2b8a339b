/// Builds a pivot: rows are key combinations, columns are periods — or, when the periods are
/// rows (`by period`), one column of values.
struct Pivot {
    var rowLabels: [[String]]
    var columns: [When]
    var values: [[Quantity?]]
    var units: [Unit]

    init(_ frame: Frame) {
        var rows: [[String]] = [], rowIndex: [[String]: Int] = [:]
        for c in frame.cells {
            let row = frame.row(of: c)
            if rowIndex[row] == nil {
                rowIndex[row] = rows.count
                rows.append(row)
            }
        }
        let present = Set(frame.cells.map(\.when))
        let asked = (frame.askedPeriods ?? []).map(When.at)
        columns = frame.periodRow == nil ? Array(present.union(frame.cells.isEmpty ? [] : asked)).sorted() : [.always]
        let colIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        values = Array(repeating: Array(repeating: nil, count: columns.count), count: rows.count)
        // Money (or counts) printed at several scales are shown at the coarsest one, which is exact
        // and claims no precision the sources did not print (151,347 ¥ mn beside 1,218 億円 → 1,513.47 億円).
        var coarsest: [Unit: Int] = [:]
        for c in frame.cells {
            if let s = c.quantity.unit.scale { coarsest[c.quantity.unit.withScale(0)] = max(coarsest[c.quantity.unit.withScale(0)] ?? s, s) }
        }
        var seen: [Unit] = []
        for c in frame.cells {
            var q = c.quantity
            if let s = coarsest[q.unit.withScale(0)], let converted = try? UnitRules.rescale(q, to: q.unit.withScale(s)) { q = converted }
            values[rowIndex[frame.row(of: c)]!][frame.periodRow == nil ? colIndex[c.when]! : 0] = q
            if !seen.contains(q.unit) { seen.append(q.unit) }
        }
        rowLabels = rows
        units = seen
    }
}
