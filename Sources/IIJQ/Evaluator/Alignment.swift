/// Two frames' cells paired by row key and period: the one way cells of two results meet
/// (arithmetic, growth, difference, share, `vs` and `where`).
///
/// The left side may have more key dimensions than the right: each left cell is matched on its
/// members of the right's keys, so one right cell can pair with many left cells (a total beside
/// its parts). Pairs keep the left side's order.
struct Alignment {
    /// A left cell and the right cell it matched.
    var pairs: [(left: Cell, right: Cell)] = []
    /// Left cells with no partner, in order.
    var unmatchedLeft: [Cell] = []
    /// Right cells no left cell matched, in order.
    var unmatchedRight: [Cell] = []

    /// Pairs `left` with `right`; `leftKeys` and `rightKeys` name each side's key dimensions
    /// (the right's must be among the left's). `check` runs every 1,024 cells, for Ctrl-C.
    init<L: Collection<Cell>, R: RandomAccessCollection<Cell>>(_ left: L, keys leftKeys: [String], with right: R, keys rightKeys: [String],
                                                               check: () throws -> Void) rethrows where R.Index == Int {
        let projection = rightKeys.map { k in leftKeys.firstIndex(of: k)! }
        let identity = projection == Array(leftKeys.indices)
        var index: [MatchKey: Int] = [:]
        for (i, c) in right.enumerated() where index[MatchKey(key: c.key, when: c.when)] == nil {
            index[MatchKey(key: c.key, when: c.when)] = i
        }
        var used = Set<Int>()
        for (n, c) in left.enumerated() {
            if n & 1023 == 1023 { try check() }
            let k = MatchKey(key: identity ? c.key : projection.map { c.key[$0] }, when: c.when)
            guard let j = index[k] else { unmatchedLeft.append(c); continue }
            used.insert(j)
            pairs.append((c, right[j]))
        }
        unmatchedRight = right.indices.filter { !used.contains($0) }.map { right[$0] }
    }

    /// Pairs `left` with `right` (see above), with nothing to check on the way.
    init<L: Collection<Cell>, R: RandomAccessCollection<Cell>>(_ left: L, keys leftKeys: [String], with right: R, keys rightKeys: [String]) where R.Index == Int {
        self.init(left, keys: leftKeys, with: right, keys: rightKeys, check: {})
    }

    /// Pairs two frames with the same keys.
    init(_ left: Frame, _ right: Frame) {
        self.init(left.cells, keys: left.keys, with: right.cells, keys: left.keys)
    }
}

/// A cell's row key and period: what pairs cells.
struct MatchKey: Hashable {
    var key: [String]
    var when: When
}

extension Cell {
    /// This cell with another value, citing `other`'s sources too (a rate over a prior period,
    /// a part over its total); its basis is mixed (nil) when the two bases differ.
    func with(_ quantity: Quantity, citing other: Cell) -> Cell {
        var c = self
        c.quantity = quantity
        c.sources = sources.adding(other.sources)
        c.derivation = Cell.merged(derivation, other.derivation)
        if basis != other.basis { c.basis = nil }
        return c
    }
}

/// Runs `body`, reporting a unit error (a mismatch, an overflow, a division by zero) at `span`.
func unitChecked<T>(at span: Span, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as UnitError { throw e.diagnostic(at: span) }
}
