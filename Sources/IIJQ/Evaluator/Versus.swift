/// `x @ FY24 vs target`: actuals beside another basis, with the difference and the attainment.
extension Evaluator {
    /// A frame keyed by the query's keys plus `vs`: rows `actual`, the basis, `difference`, `attainment`.
    mutating func versus(_ expr: Expr, _ target: Basis, _ span: Span, _ ctx: Context) throws -> Frame {
        let basis = target.rawValue
        let actual = try result(expr, ctx)
        var other = ctx
        other.basis = target
        let planned: Frame
        do { planned = try result(expr, other) } catch let d as Diagnostic where d.reason == .noData {
            // The bases it does have there, each as the comparison to write.
            var instead: [String] = []
            let at = ctx.periods.map { " @ " + PeriodRanges.describe($0) } ?? ""
            for b in Basis.allCases where b != .actual && b != target {
                var c = ctx
                c.basis = b
                if try attempt({ try result(expr, c) }) != nil { instead.append("\(expr.text)\(at) vs \(b.rawValue)") }
            }
            // Where the basis is published instead (the vision is undated; a plan runs to FY26).
            var elsewhere: [String] = []
            for case .selector(let name, _) in expr.selectors.map(\.kind) {
                guard let m = base.metric(named: name) else { continue }
                let periods = Set(base.facts(of: m.name).filter { $0.basis == target }.map(\.period)).sorted()
                guard let first = periods.first else { continue }
                elsewhere.append("\(m.name) has \(basis) figures at \(PeriodRanges.describe(periods)): \(m.name){basis=\(basis)} @ \(first)")
            }
            throw Diagnostic(.noData, "\(expr.text) has no \(basis) at the periods asked for", at: span,
                             hints: (instead.isEmpty ? [] : ["it has other bases there: " + instead.joined(separator: "; ")])
                                 + elsewhere.prefix(2) + ["`describe` lists each basis's periods"])
        }
        let aligned = Alignment(actual, planned)
        var cells: Cells = [], unattainable: [String] = []
        for (a, t) in aligned.pairs {
            // Attainment is actual over target: against a target that is zero or negative (a loss,
            // a reduction of profit) that ratio means nothing, so the row is left out and said so.
            let positive = !t.quantity.low.isNegative && !t.quantity.low.isZero
            let (difference, attainment) = try unitChecked(at: expr.span) {
                (try UnitRules.add(a.quantity, t.quantity, negate: true), positive ? try UnitRules.ratio(a.quantity, t.quantity) : nil)
            }
            let both = a.citations.adding(t.citations)
            var rows: [(String, Quantity, Basis?, [Citation])] = [
                ("actual", a.quantity, .actual, a.citations), (basis, t.quantity, t.basis, t.citations),
                ("difference", difference, nil, both),
            ]
            if let attainment { rows.append(("attainment", attainment, nil, both)) } else { unattainable.append(t.address(expr.text, keys: actual.keys)) }
            for (name, q, b, citations) in rows {
                cells.append(Cell(key: a.key + [name], dimensions: a.dimensions, when: a.when, basis: b, quantity: q, citations: citations))
            }
        }
        let unmatched = aligned.unmatchedLeft.map { $0.address(expr.text, keys: actual.keys) + " has no \(basis)" }
            + aligned.unmatchedRight.map { $0.address(expr.text, keys: actual.keys) + " has no actual" }
        guard !cells.isEmpty else {
            throw Diagnostic(.unmatched, "no period has both an actual and a \(basis) of \(expr.text)", at: span,
                             hints: unmatched.prefix(3).map { $0 } + ["`describe` lists each basis's periods"])
        }
        var notes = actual.notes + planned.notes
        if !unmatched.isEmpty { notes.append("vs \(basis): left out: " + unmatched.sorted().joined(separator: "; ")) }
        if !unattainable.isEmpty {
            notes.append("no attainment where the \(basis) is zero or negative (actual over it would read upside down): " + Messages.list(unattainable))
        }
        if cells.contains(where: { $0.quantity.isRange }) {
            notes.append("a range shows the low and high of a target announced as a range; attainment is against each end")
        }
        return Frame(label: expr.text, keys: actual.keys + ["vs"], cells: cells, notes: notes)
    }
}
