/// Which (row key, period) pairs a selection's cells cover: what `gaps` reports missing and
/// `derive` fills in.
///
/// Each row key is numbered once, and the cell before usually has the same key (cells come a
/// row at a time), so a cell costs one hash of its period, not of its key's strings too: over
/// a hundred thousand cells this was a fifth of a full aggregate.
struct Coverage {
    /// The row keys, in the order first seen.
    private(set) var rows: [[String]] = []
    private var rowOf: [[String]: Int] = [:]
    private var last: (key: [String], row: Int)?
    private var pairs = Set<Pair>()

    private struct Pair: Hashable {
        var row: Int
        var when: When
    }

    init(_ cells: [Cell]) {
        pairs.reserveCapacity(cells.count)
        for c in cells { insert(c.key, c.when) }
    }

    /// Records a cell of row `key` at `when`.
    mutating func insert(_ key: [String], _ when: When) {
        pairs.insert(Pair(row: row(key), when: when))
    }

    /// Adds row `key` with no cells, when it is new.
    mutating func addRow(_ key: [String]) { _ = row(key) }

    /// Whether a cell of row `key` at `when` was recorded.
    func contains(_ key: [String], _ when: When) -> Bool {
        let row = last.flatMap { $0.key == key ? $0.row : nil } ?? rowOf[key]
        return row.map { pairs.contains(Pair(row: $0, when: when)) } ?? false
    }

    private mutating func row(_ key: [String]) -> Int {
        if let last, last.key == key { return last.row }
        let row: Int
        if let known = rowOf[key] {
            row = known
        } else {
            row = rows.count
            rowOf[key] = row
            rows.append(key)
        }
        last = (key, row)
        return row
    }
}
