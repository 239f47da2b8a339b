/// The periods a query or an operand asks for, with `latest` counted from the facts.
extension Evaluator {
    /// The periods of `items` for `expr`, ranges expanded and repeats dropped; nil when there are
    /// none. A `latest` end is the latest period at which `expr` has an actual; `note` says which.
    mutating func periods(of items: [PeriodItem], for expressions: [Expr], _ ctx: Context, note: inout String?) throws -> [Period]? {
        guard !items.isEmpty else { return nil }
        var latest: Period?
        if let relative = items.first(where: \.isRelative) {
            latest = try latestPeriod(of: expressions, ctx, at: relative.span)
            let names = expressions.flatMap(\.withoutBasis.selectors).map(\.text).uniqued()
            note = "latest is \(latest!), the latest period with an actual of \(names.joined(separator: " and "))"
        }
        var seen = Set<Period>(), list: [Period] = []
        for item in items {
            let periods = item.periods(latest: latest)
            if item.isRelative { try check(item, periods, latest: latest!) }
            for p in periods where seen.insert(p).inserted { list.append(p) }
        }
        return list
    }

    /// Fails when a relative item does not resolve to a range of periods.
    func check(_ item: PeriodItem, _ periods: [Period], latest: Period) throws {
        guard let a = item.first.resolved(latest: latest) else {
            throw Diagnostic(.invalidPeriod, "cannot count \(item.first.text) from \(latest), the latest period", at: item.span,
                             hints: [latest.grain == .quarter || latest.isInstant ? "count quarters or years back: latest - 1q, latest - 1y"
                                 : "\(latest) is a \(latest.grain): count it back in years, as in latest - 1y"])
        }
        guard let last = item.last else { return }
        guard let b = last.resolved(latest: latest) else {
            throw Diagnostic(.invalidPeriod, "cannot count \(last.text) from \(latest), the latest period", at: item.span,
                             hints: ["count years back from a year: latest - 1y"])
        }
        try Parser.checkRange(a, b, at: item.span)
    }

    /// The latest period (by its end, the longer on a tie) at which every metric of `expr` has an
    /// actual: the earliest of their latest periods, each read with the query's rows.
    mutating func latestPeriod(of expressions: [Expr], _ ctx: Context, at span: Span) throws -> Period {
        var actual = ctx
        actual.periods = nil
        actual.basis = .actual
        let rank: [Period.Grain: Int] = [.instant: 0, .quarter: 1, .half: 2, .year: 3, .several: 4]
        let order: (Period, Period) -> Bool = { ($0.endDate, rank[$0.grain]!) < ($1.endDate, rank[$1.grain]!) }
        var latest: [Period] = []
        var seen = Set<String>()
        for selector in expressions.flatMap(\.withoutBasis.selectors) where seen.insert(selector.text).inserted {
            let cells: Cells
            do { cells = try result(selector, actual).cells } catch let d as Diagnostic where d.reason == .noData { continue }
            if let p = cells.filter({ $0.basis == .actual }).compactMap({ c -> Period? in
                // A span, a horizon or an undated figure is on no timeline to count back along.
                if case .at(let p) = c.when, p.grain != .several { p } else { nil }
            }).max(by: order) {
                latest.append(p)
            }
        }
        guard let earliest = latest.min(by: order) else {
            throw Diagnostic(.noData, "\(expressions.map(\.text).joined(separator: ", ")) has no actual to count 'latest' from", at: span,
                             hints: ["name the periods instead, as in @ FY24"])
        }
        return earliest
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
