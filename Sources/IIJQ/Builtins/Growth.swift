/// `yoy`, `qoq`, `share` and `cagr`: growth rates and shares of a series.
extension Evaluator {
    /// qoq compares quarters: a year or half asked for is an error before anything is read.
    @Sendable static func checkQuarters(_ call: Call) throws {
        if let p = call.ctx.periods?.first(where: { $0.grain != .quarter && $0.grain != .instant }) {
            throw Diagnostic(.wrongArguments, "qoq compares a quarter with the one before; \(p) is not a quarter", at: call.expr.span,
                             hints: ["use yoy for years and halves: yoy(\(call.argument.text)) @ \(p)"])
        }
    }

    /// Percentage change of `current` (the argument evaluated) against its value a `grain` earlier,
    /// or a shift earlier when the call gives one (`yoy(x, 3y)`), matched by calendar.
    mutating func growth(_ current: Frame, _ call: Call, _ grain: Period.Grain) throws -> Frame {
        let (argument, expr, ctx) = (call.argument, call.expr, call.ctx)
        let (count, grain) = call.arguments.count == 2 ? try shiftArgument(call) : (1, grain)
        try requireSinglePeriods(current, call.name, argument, expr)
        // No facts at all a year before is a missing prior period, said below in the function's own words.
        let prior: Frame
        do {
            prior = try shifted(argument, by: count, grain, expr, ctx.at(ctx.periods ?? current.periods), function: call.name)
        } catch let d as Diagnostic where d.reason == .noData {
            prior = Frame(label: current.label, keys: current.keys, cells: [])
        }
        let aligned = Alignment(current, prior)
        var missing = aligned.unmatchedLeft.compactMap { c -> String? in
            guard case .at(let now) = c.when, let before = now.shifted(by: -count, grain) else { return nil }
            return Messages.address(argument.text, keys: current.keys, key: c.key, when: .at(before))
        }
        var cells: Cells = []
        for (c, p) in aligned.pairs {
            guard !p.quantity.low.isZero else { missing.append("\(argument.text) was 0 a \(grain) before \(c.when)"); continue }
            let ratio = try unitChecked(at: expr.span) { try Evaluator.growthRate(from: p.quantity, to: c.quantity) }
            cells.append(c.with(ratio, citing: p))
        }
        guard !cells.isEmpty else {
            throw Diagnostic(.noData, "\(call.name)(\(argument.text)) needs the prior period, which is not in the fact base: \(missing.prefix(3).joined(separator: "; "))",
                             at: expr.span, hints: ["`describe` shows the periods a metric covers"])
        }
        // What reading the prior period said (another basis used, say), but its gaps: the line below lists them.
        var notes = current.notes + prior.notes.filter { !$0.hasPrefix(Evaluator.gapNote) && !Evaluator.isReadingNote($0) && !current.notes.contains($0) }
        if !missing.isEmpty { notes.append("\(call.name): not in the fact base: " + Messages.list(missing)) }
        return Frame(label: expr.text, keys: current.keys, cells: cells, notes: notes)
    }

    /// (b − a) / |a| in %: growth of a ratio is relative too, like any other.
    static func growthRate(from a: Quantity, to b: Quantity) throws -> Quantity {
        var diff = try UnitRules.add(b, a, negate: true)
        if diff.unit == .pp { diff.unit = .percent }
        var magnitude = a
        if magnitude.low.isNegative { magnitude.low = -magnitude.low; magnitude.high = -magnitude.high }
        return try UnitRules.ratio(diff, magnitude)
    }

    /// `growth(a, b)` and `cagr(a, b)`: from the first point to the second, each at the periods and
    /// on the basis it names (`cagr(revenue @ FY24, revenue{basis=plan} @ FY26)`).
    mutating func twoPoint(_ call: Call, compound: Bool) throws -> Frame {
        let a = try frame(call.arguments[0], call.ctx, for: call.name), b = try frame(call.arguments[1], call.ctx, for: call.name)
        let (x, y) = Evaluator.pinnedPeriods(a, b)
        var f = try combine(x, y, call.expr) { from, to in
            // A side fixed at one period was moved to meet the other: its own period is where it is.
            let (start, end) = (a.singlePeriod ?? from.when, b.singlePeriod ?? to.when)
            guard start.last <= end.first else {
                throw Diagnostic(.wrongArguments, "\(call.name) runs from its first argument to its second, but \(start) comes after \(end)", at: call.expr.span,
                                 hints: ["swap them: \(call.name)(\(call.arguments[1].text), \(call.arguments[0].text))"])
            }
            guard compound else { return try Evaluator.growthRate(from: from.quantity, to: to.quantity) }
            return try Evaluator.compoundGrowth(call, from: (start.last, from.quantity), to: (end.first, to.quantity))
        }
        let mixed = f.cells.filter { $0.basis == nil }.count
        if mixed > 0 {
            let bases = [a, b].map { Set($0.cells.compactMap { $0.basis?.rawValue }).sorted().joined(separator: "/") }
            f.notes.append("\(call.name) runs from the \(bases[0]) of \(call.arguments[0].text) to the \(bases[1]) of \(call.arguments[1].text); the basis of the result is mixed")
        }
        return f
    }

    /// The compound annual rate between two points whole years apart.
    static func compoundGrowth(_ call: Call, from: (Period, Quantity), to: (Period, Quantity)) throws -> Quantity {
        let months = (to.0.endDate.year - from.0.endDate.year) * 12 + (to.0.endDate.month - from.0.endDate.month)
        guard months > 0, months % 12 == 0 else {
            throw Diagnostic(.wrongArguments, "cagr needs whole years between \(from.0) and \(to.0)", at: call.expr.span,
                             hints: ["for example: cagr(revenue @ FY21, revenue @ FY24)"])
        }
        guard let pct = compoundGrowth(from: from.1, to: to.1, years: months / 12) else {
            throw Diagnostic(.wrongArguments, "cagr needs positive values at \(from.0) and \(to.0)", at: call.expr.span)
        }
        return pct
    }

    /// Each cell of `parts` (the argument evaluated) as a percentage of its "all" total at the same period.
    mutating func share(_ parts: Frame, _ call: Call) throws -> Frame {
        let (argument, expr) = (call.argument, call.expr)
        guard !parts.keys.isEmpty else {
            throw Diagnostic(.wrongArguments, "share needs parts: say which dimension to break down with `by`", at: expr.span,
                             hints: ["for example: share(revenue) @ 1Q24 by segment"])
        }
        var totalContext = call.ctx
        totalContext.by = []
        // No total at all is said below in share's own words, not as the total's "no facts".
        let total: Frame
        // `{DIM=*}` breaks a total down: the total is the same expression without it.
        do { total = try frame(argument.withoutEveryMember, totalContext, for: "share") } catch let d as Diagnostic where d.reason == .noData {
            total = Frame(label: parts.label, keys: [], cells: [])
        }
        let aligned = Alignment(parts.cells, keys: parts.keys, with: total.cells.filter { $0.key.isEmpty }, keys: [])
        let cells = try Cells(aligned.pairs.map { c, t in try c.with(unitChecked(at: expr.span) { try UnitRules.ratio(c.quantity, t.quantity) }, citing: t) })
        guard !cells.isEmpty else {
            throw Diagnostic(.noData, "share(\(argument.text)) needs the total at the same periods, which is not in the fact base", at: expr.span,
                             hints: ["share divides each part by its \"all\" total; `describe` shows the periods that have one"])
        }
        return Frame(label: expr.text, keys: parts.keys, cells: cells, notes: parts.notes + overlapNotes(parts, collapsing: parts.keys))
    }

    /// (last / first)^(1 / years) − 1, per key, from the first to the last period asked for.
    mutating func cagr(_ call: Call) throws -> Frame {
        var ctx = call.ctx
        ctx.priorBasisFallback = true
        let expr = call.expr
        let inner = try frame(call.argument, ctx, for: "cagr")
        var groups: [[String]: [Cell]] = [:], order: [[String]] = []
        for c in inner.cells {
            if groups[c.key] == nil { order.append(c.key) }
            groups[c.key, default: []].append(c)
        }
        var cells: Cells = []
        for k in order {
            let g = groups[k]!.sorted { $0.when < $1.when }
            guard g.count >= 2, case .at(let a) = g.first!.when, case .at(let b) = g.last!.when else { continue }
            let months = (b.endDate.year - a.endDate.year) * 12 + (b.endDate.month - a.endDate.month)
            guard months > 0, months % 12 == 0 else {
                throw Diagnostic(.wrongArguments, "cagr needs whole years between \(a) and \(b)", at: expr.span, hints: ["for example: cagr(revenue) @ FY20..FY23"])
            }
            guard let pct = Evaluator.compoundGrowth(from: g.first!.quantity, to: g.last!.quantity, years: months / 12) else {
                throw Diagnostic(.wrongArguments, "cagr needs positive values at \(a) and \(b)", at: expr.span)
            }
            cells.append(Cell(key: k, dimensions: g[0].dimensions, when: .over(a, b), basis: g[0].basis,
                              quantity: pct, sources: g.first!.sources.adding(g.last!.sources)))
        }
        guard !cells.isEmpty else {
            throw Diagnostic(.noData, "cagr(\(call.argument.text)) needs values at two or more periods", at: expr.span, hints: ["for example: cagr(revenue) @ FY20..FY23"])
        }
        var notes = inner.notes
        if let start = inner.cells.min(by: { $0.when < $1.when }), let end = inner.cells.max(by: { $0.when < $1.when }),
           let basis = start.basis, basis != .actual {
            let from = call.argument.withoutBasis.text
            notes.append("cagr starts from the \(start.when) \(basis.rawValue); to grow from the actual, write cagr(\(from) @ \(start.when), \(call.argument.text) @ \(end.when))")
        }
        return Frame(label: expr.text, keys: inner.keys, cells: cells, notes: notes)
    }

    /// (last / first)^(1 / years) − 1 in %, or nil unless both are positive and convertible.
    static func compoundGrowth(from first: Quantity, to last: Quantity, years: Int) -> Quantity? {
        guard first.low > .zero, last.low > .zero,
              let a = try? UnitRules.rescale(first, to: first.unit.withScale(0)),
              let b = try? UnitRules.rescale(last, to: first.unit.withScale(0)) else { return nil }
        let growth = { (x: Dec, y: Dec) -> Dec? in
            guard let ratio = y.dividing(by: x), let root = ratio.root(years) else { return nil }
            return root.subtracting(.one)?.multiplying(.hundred)
        }
        guard let pct = growth(a.value, b.value) else { return nil }
        var q = Quantity(pct, .percent, places: 1)
        // Growth is least from the highest start to the lowest end, and most the other way round.
        if let ta = a.tolerance, let tb = b.tolerance {
            if let aHigh = a.value.adding(ta), let bLow = b.value.subtracting(tb), let aLow = a.value.subtracting(ta), let bHigh = b.value.adding(tb),
               aLow > .zero, bLow > .zero, let least = growth(aHigh, bLow), let most = growth(aLow, bHigh),
               let below = pct.subtracting(least), let above = most.subtracting(pct) {
                q.tolerance = Tolerance.roundedUp(max(below, above))
            } else {
                q.tolerance = nil
            }
        } else {
            q.tolerance = nil
        }
        return q
    }
}

extension Frame {
    /// The one period of a frame pinned to it (`revenue @ FY21`), or nil.
    var singlePeriod: When? {
        guard pinned, let first = cells.first?.when, cells.allSatisfy({ $0.when == first }) else { return nil }
        return first
    }

    /// The single periods its cells are at, in order.
    var periods: [Period] {
        cells.compactMap { if case .at(let p) = $0.when { p } else { nil } }
    }
}
