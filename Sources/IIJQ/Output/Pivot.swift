/// Builds a pivot: rows are key combinations, columns are periods — or, when the periods are
/// rows (`by period`), one column of values.
struct Pivot {
    var rowLabels: [[String]]
    var columns: [When]
    var values: [[Quantity?]]
    var units: [Unit]

    init(_ frame: Frame) {
        // Read on the frame's columns: a breakdown of a thousand rows builds no cell.
        let cells = frame.cells
        var rows: [[String]] = [], rowIndex: [[String]: Int] = [:], rowOfCell: [Int] = []
        rowOfCell.reserveCapacity(cells.count)
        for i in cells.indices {
            let row = frame.row(at: i)
            if rowIndex[row] == nil {
                rowIndex[row] = rows.count
                rows.append(row)
            }
            rowOfCell.append(rowIndex[row]!)
        }
        let asked = (frame.askedPeriods ?? []).map(When.at)
        columns = frame.periodRow == nil ? Array(cells.distinctWhens.union(cells.isEmpty ? [] : asked)).sorted() : [.always]
        let colIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        let columnOfWhen = cells.whenTable.values.map { colIndex[$0] ?? 0 }
        values = Array(repeating: Array(repeating: nil, count: columns.count), count: rows.count)
        // Money (or counts) printed at several scales are shown at the coarsest one, which is exact
        // and claims no precision the sources did not print (151,347 ¥ mn beside 1,218 億円 → 1,513.47 億円).
        var coarsest: [Unit: Int] = [:]
        for q in cells.quantities {
            if let s = q.unit.scale { coarsest[q.unit.withScale(0)] = max(coarsest[q.unit.withScale(0)] ?? s, s) }
        }
        var seen: [Unit] = []
        for (i, original) in cells.quantities.enumerated() {
            var q = original
            if let s = coarsest[q.unit.withScale(0)], let converted = try? UnitRules.rescale(q, to: q.unit.withScale(s)) { q = converted }
            values[rowOfCell[i]][frame.periodRow == nil ? columnOfWhen[Int(cells.whenIDs[i])] : 0] = q
            if !seen.contains(q.unit) { seen.append(q.unit) }
        }
        rowLabels = rows
        units = seen
    }
}
