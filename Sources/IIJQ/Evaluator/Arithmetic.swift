extension Evaluator {
    /// `lhs op rhs`: numbers broadcast over frames; frames match cell by cell on their
    /// shared key dimensions and period. Cells without a partner are reported in the notes.
    func arithmetic(_ op: BinaryOp, _ lhs: Value, _ rhs: Value, _ expr: Expr) throws -> Value {
        let apply: (Quantity, Quantity) throws -> Quantity = { a, b in
            try unitChecked(at: expr.span) {
                switch op {
                case .add: try UnitRules.add(a, b, negate: false)
                case .subtract: try UnitRules.add(a, b, negate: true)
                case .multiply: try UnitRules.multiply(a, b)
                case .divide: try UnitRules.divide(a, b)
                case .power: try UnitRules.power(a, b)
                }
            }
        }
        switch (lhs, rhs) {
        case (.shift, _), (_, .shift):
            // Point at the shift itself: the right operand of a binary or a negation, unless the left is the shift.
            var shift = expr
            switch expr.kind {
            case .binary(_, let l, let r): if case .shift = lhs { shift = l } else { shift = r }
            case .negate(let o): shift = o
            default: break
            }
            throw Diagnostic.shiftOutsideCall(shift)
        case (.scalar(let a), .scalar(let b)):
            return .scalar(try apply(a, b))
        case (.frame(var f), .scalar(let b)):
            for i in f.cells.indices { f.cells[i].quantity = try apply(f.cells[i].quantity, b) }
            f.label = expr.text
            return .frame(f)
        case (.scalar(let a), .frame(var f)):
            for i in f.cells.indices { f.cells[i].quantity = try apply(a, f.cells[i].quantity) }
            f.label = expr.text
            return .frame(f)
        case (.frame(let a), .frame(let b)):
            let (x, y) = Evaluator.pinnedPeriods(a, b)
            var f = try combine(x, y, expr) { l, r in try apply(l.quantity, r.quantity) }
            f.pinned = a.pinned && b.pinned
            return .frame(f)
        }
    }

    /// Matches two frames cell by cell and applies `apply` to each pair (the left cell first).
    func combine(_ a: Frame, _ b: Frame, _ expr: Expr, _ apply: (Cell, Cell) throws -> Quantity) throws -> Frame {
        // The side with fewer key dimensions is broadcast over the other (revenue by segment / revenue).
        guard Set(a.keys).isSubset(of: Set(b.keys)) || Set(b.keys).isSubset(of: Set(a.keys)) else {
            throw Diagnostic(.unmatched, "cannot match cells keyed by \(a.keys.joined(separator: ", ")) with cells keyed by \(b.keys.joined(separator: ", "))",
                             at: expr.span, hints: ["give both sides the same dimensions, e.g. with the same `by` or filters"])
        }
        let wideIsLeft = a.keys.count >= b.keys.count
        let (wide, narrow) = wideIsLeft ? (a, b) : (b, a)
        let aligned = try Alignment(wide.cells, keys: wide.keys, with: narrow.cells, keys: narrow.keys) { try checkCancelled(expr.span) }
        var cells: Cells = []
        for (w, n) in aligned.pairs {
            let (l, r) = wideIsLeft ? (w, n) : (n, w)
            let dims = l.dimensions.filter { r.dimensions.contains($0) } + wide.keys.enumerated().compactMap { i, k in
                k == "basis" || l.dimensions.contains { $0.dimension == k } ? nil : DimensionValue(dimension: k, value: w.key[i])
            }
            cells.append(Cell(key: w.key, dimensions: Array(Set(dims)).sorted(), when: w.when,
                              basis: l.basis == r.basis ? l.basis : nil, quantity: try apply(l, r),
                              sources: l.sources.adding(r.sources), derivation: Cell.merged(l.derivation, r.derivation)))
        }
        let unmatched = aligned.unmatchedLeft.map { $0.address(wide.label, keys: wide.keys) + " has no match in \(narrow.label)" }
            + aligned.unmatchedRight.map { $0.address(narrow.label, keys: narrow.keys) + " has no match in \(wide.label)" }
        guard !cells.isEmpty else {
            throw Diagnostic(.unmatched, "no cells of \(a.label) and \(b.label) match on period\(wide.keys.isEmpty ? "" : " and " + wide.keys.joined(separator: ", "))",
                             at: expr.span, hints: unmatched.prefix(3).map { $0 } + ["ask both sides for the same periods"])
        }
        var notes = a.notes + b.notes.filter { !a.notes.contains($0) }
        if !unmatched.isEmpty { notes.append("left out, present on one side only: " + Messages.list(unmatched)) }
        return Frame(label: expr.text, keys: wide.keys, cells: cells, notes: notes)
    }
}

extension Evaluator {
    /// Two frames made to pair across periods where one was fixed in the expression: a side
    /// pinned to one period (`revenue @ FY21`) pairs with every period of the other side; two sides
    /// pinned to different single periods meet at the pair of them (FY21→FY24).
    static func pinnedPeriods(_ a: Frame, _ b: Frame) -> (Frame, Frame) {
        let pa = Set(a.cells.map(\.when)), pb = Set(b.cells.map(\.when))
        guard a.pinned || b.pinned, pa != pb else { return (a, b) }
        if a.pinned, b.pinned, pa.count == 1, pb.count == 1, case .at(let x) = pa.first!, case .at(let y) = pb.first! {
            let pair = When.between(min(x, y), max(x, y))
            return (a.moved(to: pair), b.moved(to: pair))
        }
        if a.pinned, pa.count == 1 { return (a.spread(over: b), b) }
        if b.pinned, pb.count == 1 { return (a, b.spread(over: a)) }
        return (a, b)
    }
}

extension Frame {
    /// Every cell at `when`.
    func moved(to when: When) -> Frame {
        var f = self
        for i in f.cells.indices { f.cells[i].when = when }
        return f
    }

    /// This one-period frame repeated at each period of `other`, so each of its cells pairs there.
    func spread(over other: Frame) -> Frame {
        var f = self, seen = Set<When>()
        f.cells = Cells(other.cells.map(\.when).filter { seen.insert($0).inserted }.flatMap { w in cells.map { c in
            var moved = c
            moved.when = w
            return moved
        } })
        return f
    }
}
