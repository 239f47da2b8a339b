/// What a selection says about what it did not find: periods read elsewhere, cells missing, no facts at all.
extension Evaluator {
    /// How the note on cells missing from a selection starts.
    static let gapNote = "not in the fact base: "

    /// One note for the periods read at another point: `asked → read`.
    /// More than two periods read elsewhere are shown as the first and the last.
    func resolutionNote(_ metric: Metric, _ moved: [(asked: Period, read: Period)]) -> String? {
        guard let first = moved.first, let last = moved.last else { return nil }
        let shown = moved.count > 2 ? [first, last] : moved
        let joiner = moved.count > 2 ? " … " : ", "
        if metric.kind == .stock {
            if moved.count == 1 { return "\(metric.name) is a stock: \(first.asked) means its end, \(first.read) (\(first.read.endDate))" }
            return "\(metric.name)\(Evaluator.stockNote)" + shown.map { "\($0.asked) → \($0.read) (\($0.read.endDate))" }.joined(separator: joiner)
        }
        return "\(metric.name)\(Evaluator.flowNote)" + shown.map { "\($0.asked) → \($0.read)" }.joined(separator: joiner)
    }

    static let stockNote = " is a stock, read at each period's end: "
    static let flowNote = " is a flow, read over the period ending at each instant asked for: "

    /// Whether a note is one that says where periods were read (a stock at their ends): the
    /// periods a function reads before those asked for need not say it again.
    static func isReadingNote(_ note: String) -> Bool {
        note.contains(stockNote) || note.contains(flowNote) || note.contains(" is a stock: ")
    }

    /// Notes for the key × period cells that the fact base lacks.
    /// `expected` adds keys that have no cell at all (a member missing at every period asked for).
    func gaps(_ cells: Cells, keys: [String], periods: [Period], label: String, expected: [[String]] = []) -> [String] {
        let coverage = Coverage(cells, periods: periods, expected: expected)
        var missing: [String] = []
        for k in coverage.rows {
            for p in periods where !coverage.contains(k, p) {
                missing.append(Messages.address(label, keys: keys, key: k, when: .at(p)))
            }
        }
        return missing.isEmpty ? [] : [Evaluator.gapNote + Messages.list(missing)]
    }

    /// "No facts", with what does exist: the periods of the bases asked for, the other bases at
    /// the periods asked for, and for a total that is not published, the breakdown that is — each
    /// with the statement to type.
    func noData(_ metric: Metric, filters: [Filter], expr: Expr, ctx: Context, bases: Set<String>) -> Diagnostic {
        let facts = base.facts(of: metric.name)
        let all = facts.filter { bases.contains($0.basis.rawValue) }
        let covered = PeriodRanges.describe(Array(Set(all.map(\.period))).sorted())
        let asked = ctx.periods.map { " @ " + PeriodRanges.describe($0) } ?? ""
        let by = ctx.by.map(\.name).filter { $0 != "basis" }
        var hints: [String] = []
        if covered.isEmpty {
            let other = Set(facts.map(\.basis.rawValue)).sorted()
            hints.append("\(metric.name) has no \(bases.sorted().joined(separator: "/")) facts; "
                + (other.isEmpty ? "it has no facts on any basis yet" : "bases it has: \(other.joined(separator: ", "))"))
        } else {
            hints.append("\(metric.name) has \(bases.sorted().joined(separator: "/")) facts for \(covered)")
        }
        // The same selection at the same periods (a stock's at their ends), on the other bases.
        let read = ctx.periods.map { Set($0.map { (try? resolvePeriod($0, metric, expr)) ?? $0 }) }
        let selected = facts.filter { f in
            (read?.contains(f.period) ?? true) && by.allSatisfy { f.value(of: $0) != nil }
                && filters.allSatisfy { flt in flt.dimension == "basis" || flt.isEveryMember || flt.values.contains { $0.name == f.value(of: flt.dimension) } }
        }
        let nonBasis = filters.filter { $0.dimension != "basis" }
        for other in Basis.allCases where !bases.contains(other.rawValue) && selected.contains(where: { $0.basis == other }) {
            let selector = Expr(kind: .selector(name: metric.name, filters: nonBasis + (other == .actual ? [] : [Filter.basis(other)])), span: expr.span).text
            hints.append("\(asked.isEmpty ? "" : "at \(asked.dropFirst(3)), ")\(metric.name) has \(other.rawValue) figures: \(selector)\(asked)\(by.isEmpty ? "" : " by " + by.joined(separator: ", "))")
        }
        // Published at these periods, but only broken down further: there is no total to read.
        let constrained = Set(filters.map(\.dimension) + by)
        let matching = selected.filter { bases.contains($0.basis.rawValue) }
        let breakdowns = metric.dimensions.filter { d in !constrained.contains(d) && matching.contains { $0.value(of: d) != nil } }
        let hasTotal = matching.contains { f in breakdowns.allSatisfy { f.value(of: $0) == nil } }
        if !hasTotal, let d = breakdowns.first {
            let statement = "\(expr.text)\(asked) by \(([d] + by).joined(separator: ", "))"
            hints.append("\(asked.isEmpty ? "" : "at \(asked.dropFirst(3)), ")\(metric.name)\(by.isEmpty ? "" : " by " + by.joined(separator: ", ")) is published only within \(breakdowns.joined(separator: ", ")) (no total): write \(statement), or pick members with {\(d)=…}")
        }
        if !filters.isEmpty || !ctx.by.isEmpty {
            hints.append("`describe \(metric.name)` shows which dimension values each period has")
        }
        return Diagnostic(.noData, "no facts for \(expr.text)\(asked)", at: expr.span, hints: hints)
    }
}

/// Writes period lists compactly: `1Q23..1Q24, FY16..FY24`.
/// Every range it writes can be typed back after `@` and stands for exactly the periods listed:
/// runs of one grain, and of instants only consecutive quarter-ends (the only instants a range
/// steps through); other instants are listed one by one.
enum PeriodRanges {
    static func describe(_ periods: [Period]) -> String {
        var groups: [Period.Grain: [Period]] = [:]
        for p in periods { groups[p.grain, default: []].append(p) }
        var parts: [String] = []
        for grain in [Period.Grain.quarter, .half, .year, .instant] {
            guard let ps = groups[grain]?.sorted(), !ps.isEmpty else { continue }
            var runStart = ps[0], prev = ps[0]
            for p in ps.dropFirst() {
                let quarterEnds = grain != .instant || (Period.isQuarterEnd(prev.endDate) && Period.isQuarterEnd(p.endDate))
                if quarterEnds, prev.shifted(by: 1, grain == .instant ? .quarter : grain) == p {
                    prev = p
                    continue
                }
                parts.append(runStart == prev ? "\(runStart)" : "\(runStart)..\(prev)")
                runStart = p
                prev = p
            }
            parts.append(runStart == prev ? "\(runStart)" : "\(runStart)..\(prev)")
        }
        // Spans, horizons and undated figures are listed one by one: they form no runs.
        parts += (groups[.several] ?? []).sorted().map(\.description)
        return parts.joined(separator: ", ")
    }
}
