/// `lag`, `diff` and `ttm`: a series read at earlier periods.
extension Evaluator {
    /// `lag(x, 1y)`: the argument a shift earlier, shown at the periods asked for.
    mutating func lag(_ call: Call) throws -> Frame {
        let (n, grain) = try shiftArgument(call)
        var f = try shifted(call.argument, by: n, grain, call.expr, call.ctx, function: call.name)
        f.label = call.expr.text
        return f
    }

    /// The shift a call's second argument gives (`1y`).
    mutating func shiftArgument(_ call: Call) throws -> (Int, Period.Grain) {
        guard case .shift(let n, let g) = try evaluate(call.arguments[1], call.ctx) else {
            throw Diagnostic(.wrongArguments, "\(call.name)'s second argument is a shift such as 1y, 1h or 1q", at: call.arguments[1].span)
        }
        return (n, g)
    }

    /// Fails when a cell spans periods (an aggregate such as sum(x) @ FY20..FY23): `function`
    /// compares a period with an earlier one, and such a cell has no one period to shift.
    /// `shown` turns the span found into the one to name (lag reads its argument a shift earlier).
    func requireSinglePeriods(_ f: Frame, _ function: String, _ argument: Expr, _ expr: Expr, shown: (Period) -> Period = { $0 }) throws {
        guard let c = f.cells.first(where: { if case .over = $0.when { true } else { false } }), case .over(let a, let b) = c.when else { return }
        throw Diagnostic(.wrongArguments, "\(function) works period by period, but \(argument.text) is one value over \(shown(a))..\(shown(b))", at: expr.span,
                         hints: ["take \(function) of each period, then aggregate: avg(\(function)(…)); or ask for one whole period, as in \(function)(revenue) @ FY23"])
    }

    /// The argument evaluated `count` grains earlier, with each cell relabelled to the period asked for.
    mutating func shifted(_ argument: Expr, by count: Int, _ grain: Period.Grain, _ expr: Expr, _ ctx: Context, function: String) throws -> Frame {
        var back: [Period: Period] = [:]
        var priorPeriods: [Period]? = nil
        if let periods = ctx.periods {
            priorPeriods = []
            for p in periods {
                guard let q = p.shifted(by: -count, grain) else {
                    throw Diagnostic(.wrongArguments, "\(function) cannot shift \(p) by \(count) \(grain)\(count == 1 ? "" : "s")", at: expr.span,
                                     hints: [grain == .quarter ? "quarterly shifts apply to quarters and quarter-ends" : "shift fiscal years by years: lag(x, 1y)"])
                }
                back[q] = p
                priorPeriods!.append(q)
            }
        }
        var priorCtx = ctx.at(priorPeriods)
        priorCtx.priorBasisFallback = true
        var inner = try frame(argument, priorCtx, for: function)
        try requireSinglePeriods(inner, function, argument, expr) { $0.shifted(by: count, grain) ?? $0 }
        inner.cells = Cells(inner.cells.compactMap { c -> Cell? in
            guard case .at(let p) = c.when, let target = back[p] ?? p.shifted(by: count, grain) else { return nil }
            var moved = c
            moved.when = .at(target)
            return moved
        })
        return inner
    }

    /// The change of `current` (the argument evaluated) against the previous period of each
    /// cell's own kind (1Q24 − 4Q23, FY24 − FY23), or against a shift (`diff(x, 1y)`). A
    /// percentage's change is in percentage points.
    mutating func difference(_ current: Frame, _ call: Call) throws -> Frame {
        let (argument, expr, ctx) = (call.argument, call.expr, call.ctx)
        let explicit = call.arguments.count == 2 ? try shiftArgument(call) : nil
        try requireSinglePeriods(current, "diff", argument, expr)
        var periodsByGrain: [Period.Grain: [Period]] = [:]
        for p in current.periods { periodsByGrain[p.grain == .instant ? .quarter : p.grain, default: []].append(p) }
        var prior: Cells = []
        var notes = current.notes
        for (grain, periods) in periodsByGrain.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let (n, g) = explicit ?? (1, grain)
            let inner = ctx.at(Array(Set(periods)).sorted())
            guard let before = try attempt({ try shifted(argument, by: n, g, expr, inner, function: "diff") }) else { continue }
            prior += before.cells
            notes += before.notes.filter { !notes.contains($0) && !Evaluator.isReadingNote($0) }
        }
        let aligned = Alignment(current.cells, keys: current.keys, with: prior, keys: current.keys)
        let cells = try Cells(aligned.pairs.map { c, p in try c.with(unitChecked(at: expr.span) { try UnitRules.add(c.quantity, p.quantity, negate: true) }, citing: p) })
        let missing = aligned.unmatchedLeft.map { $0.address(argument.text, keys: current.keys) }
        guard !cells.isEmpty else {
            throw Diagnostic(.noData, "diff(\(argument.text)) needs the period before, which is not in the fact base for \(missing.prefix(3).joined(separator: "; "))",
                             at: expr.span, hints: ["`describe` shows the periods each metric covers"])
        }
        if !missing.isEmpty { notes.append("diff: the period before is not in the fact base for " + Messages.list(missing)) }
        return Frame(label: expr.text, keys: current.keys, cells: cells, notes: notes)
    }

    /// The sum of the four quarters ending at each quarter asked for (a flow's trailing twelve months).
    mutating func trailing(_ call: Call) throws -> Frame {
        let (argument, expr, ctx) = (call.argument, call.expr, call.ctx)
        if let stock = metricKinds(argument).first(where: { $0.kind != .flow }) {
            throw Diagnostic(.stockOverTime, "ttm sums four quarters, but \(stock.name) is a \(stock.kind.rawValue), which does not add up over time",
                             at: expr.span, hints: ["read a stock at the quarter's end: \(argument.text) @ 1Q24"])
        }
        let asked: [Period]
        if let periods = ctx.periods {
            if let p = periods.first(where: { $0.grain != .quarter }) {
                throw Diagnostic(.wrongArguments, "ttm is taken at quarters; \(p) is not a quarter", at: expr.span,
                                 hints: ["for example: ttm(\(argument.text)) @ 1Q24, or ttm(\(argument.text)) @ 4Q23..1Q24"])
            }
            asked = periods
        } else {
            asked = try frame(argument, ctx, for: "ttm").periods.filter { $0.grain == .quarter }
        }
        let windows = Dictionary(asked.map { p in (p, Array((0..<4).compactMap { p.shifted(by: -$0, .quarter) }.reversed())) }) { a, _ in a }
        let quarters = try frame(argument, ctx.at(Set(windows.values.joined()).sorted()), for: "ttm")
        try requireSinglePeriods(quarters, "ttm", argument, expr)
        var index: [MatchKey: Cell] = [:], keys: [[String]] = [], seen = Set<[String]>()
        for c in quarters.cells {
            index[MatchKey(key: c.key, when: c.when)] = c
            if seen.insert(c.key).inserted { keys.append(c.key) }
        }
        var cells: Cells = [], missing: [String] = []
        for key in keys {
            for p in asked {
                let window = windows[p]!
                let parts = window.compactMap { index[MatchKey(key: key, when: .at($0))] }
                guard parts.count == 4 else {
                    let absent = window.filter { index[MatchKey(key: key, when: .at($0))] == nil }.map(\.description)
                    missing.append("ttm at \(p) needs \(absent.joined(separator: ", ")), not in the fact base")
                    continue
                }
                let q = try unitChecked(at: expr.span) { try Aggregate.total(parts.map(\.quantity)) }
                cells.append(Cell(key: key, dimensions: parts[0].dimensions, when: .at(p), basis: parts[0].basis, quantity: q,
                                  sources: CitationSources(merging: parts.map(\.sources))))
            }
        }
        guard !cells.isEmpty else {
            throw Diagnostic(.noData, missing.first ?? "ttm(\(argument.text)) has no quarters", at: expr.span,
                             hints: ["`describe \(argument.text)` shows the quarters it covers"])
        }
        return Frame(label: expr.text, keys: quarters.keys, cells: cells, notes: Array(Set(missing)).sorted())
    }
}
