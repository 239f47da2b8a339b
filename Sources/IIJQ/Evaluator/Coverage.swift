/// Which rows of a selection have a cell at each period asked for: what `gaps` reports missing
/// and `derive` fills in.
///
/// Its rows are the cells' row keys in the order first seen, then the rows expected; each cell
/// marks one (row, period) place in a flat table. A row is numbered once, from the cells' own
/// numbers, so a hundred thousand cells cost a lookup of their period each, not a hash of
/// their keys' strings.
struct Coverage {
    /// The rows, in order.
    private(set) var rows: [[String]] = []
    private var rowOf: [[String]: Int] = [:]
    private let periods: [Period]
    private var periodOf: [When: Int] = [:]
    /// Whether row r has a cell at period p: `present[r * periods.count + p]`.
    private var present: [Bool] = []
    /// How many rows have a cell at each period.
    private var filled: [Int]

    init(_ cells: Cells, periods: [Period], expected: [[String]] = []) {
        self.periods = periods
        filled = Array(repeating: 0, count: periods.count)
        for (i, p) in periods.enumerated() where periodOf[.at(p)] == nil { periodOf[.at(p)] = i }
        var rowOfCellRow = [Int](repeating: -1, count: cells.keyTable.count)
        let periodOfWhen = cells.whenTable.values.map { periodOf[$0] ?? -1 }
        for (r, w) in zip(cells.rows, cells.whenIDs) {
            var row = rowOfCellRow[Int(r)]
            if row < 0 {
                row = addRow(cells.keyTable[r])
                rowOfCellRow[Int(r)] = row
            }
            let p = periodOfWhen[Int(w)]
            if p >= 0 { mark(row, p) }
        }
        for k in expected { addRow(k) }
    }

    /// Whether row `key` has a cell at `p`.
    func contains(_ key: [String], _ p: Period) -> Bool {
        guard let row = rowOf[key], let i = periodOf[.at(p)] else { return false }
        return present[row * periods.count + i]
    }

    /// Whether every row has a cell at `p`.
    func isComplete(at p: Period) -> Bool {
        guard let i = periodOf[.at(p)] else { return rows.isEmpty }
        return filled[i] == rows.count
    }

    /// Records a cell of row `key` at `p`, one of the periods asked for.
    mutating func insert(_ key: [String], _ p: Period) {
        guard let i = periodOf[.at(p)] else { return }
        mark(addRow(key), i)
    }

    private mutating func mark(_ row: Int, _ p: Int) {
        let at = row * periods.count + p
        if !present[at] {
            present[at] = true
            filled[p] += 1
        }
    }

    /// The number of row `key`, adding it, with no cells, when it is new.
    @discardableResult
    private mutating func addRow(_ key: [String]) -> Int {
        if let known = rowOf[key] { return known }
        rowOf[key] = rows.count
        rows.append(key)
        present += repeatElement(false, count: periods.count)
        return rows.count - 1
    }
}
