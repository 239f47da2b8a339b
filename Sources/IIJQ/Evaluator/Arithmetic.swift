extension Evaluator {
    /// `lhs op rhs`: numbers broadcast over frames; frames match cell by cell on their
    /// shared key dimensions and period. Cells without a partner are reported in the notes.
    func arithmetic(_ op: BinaryOp, _ lhs: Value, _ rhs: Value, _ expr: Expr) throws -> Value {
        let apply: (Quantity, Quantity) throws -> Quantity = { a, b in
            do {
                switch op {
                case .add: return try UnitRules.add(a, b, negate: false)
                case .subtract: return try UnitRules.add(a, b, negate: true)
                case .multiply: return try UnitRules.multiply(a, b)
                case .divide: return try UnitRules.divide(a, b)
                }
            } catch let e as UnitError {
                throw e.diagnostic(at: expr.span)
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
            throw Diagnostic(.wrongArguments, "a shift such as \(shift.text) is only an argument of lag or diff", at: shift.span,
                             hints: ["for example: lag(revenue, \(shift.text))"])
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
            return .frame(try combine(a, b, expr, apply))
        }
    }

    /// Matches two frames cell by cell and applies `apply` to each pair.
    func combine(_ a: Frame, _ b: Frame, _ expr: Expr, _ apply: (Quantity, Quantity) throws -> Quantity) throws -> Frame {
        // The side with fewer key dimensions is broadcast over the other (revenue by segment / revenue).
        let aKeys = Set(a.keys), bKeys = Set(b.keys)
        guard aKeys.isSubset(of: bKeys) || bKeys.isSubset(of: aKeys) else {
            throw Diagnostic(.unmatched, "cannot match cells keyed by \(a.keys.joined(separator: ", ")) with cells keyed by \(b.keys.joined(separator: ", "))",
                             at: expr.span, hints: ["give both sides the same dimensions, e.g. with the same `by` or filters"])
        }
        let wide = a.keys.count >= b.keys.count ? a : b
        let narrow = a.keys.count >= b.keys.count ? b : a
        let wideIsLeft = a.keys.count >= b.keys.count
        let projection = narrow.keys.map { k in wide.keys.firstIndex(of: k)! }
        var index: [MatchKey: Int] = [:]
        for (i, c) in narrow.cells.enumerated() { index[MatchKey(key: c.key, when: c.when)] = i }
        var used = Set<Int>()
        var cells: [Cell] = []
        var unmatched: [String] = []
        for (i, c) in wide.cells.enumerated() {
            if i & 1023 == 1023 { try checkCancelled(expr.span) }
            let k = MatchKey(key: projection.map { c.key[$0] }, when: c.when)
            guard let j = index[k] else {
                unmatched.append(describe(c, keys: wide.keys, in: wide.label) + " has no match in \(narrow.label)")
                continue
            }
            used.insert(j)
            let n = narrow.cells[j]
            let (l, r) = wideIsLeft ? (c, n) : (n, c)
            let q = try apply(l.quantity, r.quantity)
            let dims = l.dimensions.filter { r.dimensions.contains($0) } + wide.keys.enumerated().compactMap { i, k in
                k == "basis" || l.dimensions.contains { $0.dimension == k } ? nil : DimensionValue(dimension: k, value: c.key[i])
            }
            cells.append(Cell(key: c.key, dimensions: Array(Set(dims)).sorted(), when: c.when,
                              basis: l.basis == r.basis ? l.basis : nil, quantity: q, citations: l.citations.adding(r.citations)))
        }
        for (j, c) in narrow.cells.enumerated() where !used.contains(j) {
            unmatched.append(describe(c, keys: narrow.keys, in: narrow.label) + " has no match in \(wide.label)")
        }
        guard !cells.isEmpty else {
            throw Diagnostic(.unmatched, "no cells of \(a.label) and \(b.label) match on period\(wide.keys.isEmpty ? "" : " and " + wide.keys.joined(separator: ", "))",
                             at: expr.span, hints: unmatched.prefix(3).map { $0 } + ["ask both sides for the same periods"])
        }
        var notes = a.notes + b.notes.filter { !a.notes.contains($0) }
        if !unmatched.isEmpty {
            notes.append("left out, present on one side only: " + unmatched.prefix(4).joined(separator: "; ") + (unmatched.count > 4 ? " and \(unmatched.count - 4) more" : ""))
        }
        return Frame(label: expr.text, keys: wide.keys, cells: cells, notes: notes)
    }

    func describe(_ c: Cell, keys: [String], in label: String) -> String {
        let k = keys.isEmpty ? "" : "{" + zip(keys, c.key).map { "\($0)=\($1)" }.joined(separator: ", ") + "}"
        return "\(label)\(k) @ \(c.when)"
    }
}

struct MatchKey: Hashable {
    var key: [String]
    var when: When
}
