/// `diff`, `ttm`, `round` and `abs`: changes, trailing sums and presentation of a series.
extension Evaluator {
    /// The change against the previous period of each cell's own kind (1Q24 − 4Q23, FY24 − FY23),
    /// or against a shift (`diff(x, 1y)`). A percentage's change is in percentage points.
    mutating func difference(_ argument: Expr, shift: Expr?, _ expr: Expr, _ ctx: Context) throws -> Frame {
        var explicit: (Int, Period.Grain)?
        if let shift {
            guard case .shift(let n, let g) = try evaluate(shift, ctx) else {
                throw Diagnostic(.wrongArguments, "diff's second argument is a shift such as 1y, 1h or 1q", at: shift.span)
            }
            explicit = (n, g)
        }
        let current = try frame(argument, ctx, for: "diff")
        try requireSinglePeriods(current, "diff", argument, expr)
        var periodsByGrain: [Period.Grain: [Period]] = [:]
        for c in current.cells { if case .at(let p) = c.when { periodsByGrain[p.grain == .instant ? .quarter : p.grain, default: []].append(p) } }
        var prior: [MatchKey: Cell] = [:]
        var notes = current.notes
        for (grain, periods) in periodsByGrain.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let (n, g) = explicit ?? (1, grain)
            let inner = ctx.at(Array(Set(periods)).sorted())
            guard let before = try attempt({ try shifted(argument, by: n, g, expr, inner, function: "diff") }) else { continue }
            for c in before.cells { prior[MatchKey(key: c.key, when: c.when)] = c }
            notes += before.notes.filter { !notes.contains($0) }
        }
        var cells: [Cell] = [], missing: [String] = []
        for c in current.cells {
            guard let p = prior[MatchKey(key: c.key, when: c.when)] else {
                missing.append("\(c.when)\(c.key.isEmpty ? "" : " " + c.key.joined(separator: "/"))")
                continue
            }
            do {
                let d = try UnitRules.add(c.quantity, p.quantity, negate: true)
                cells.append(Cell(key: c.key, dimensions: c.dimensions, when: c.when, basis: c.basis, quantity: d, citations: c.citations.adding(p.citations)))
            } catch let e as UnitError {
                throw e.diagnostic(at: expr.span)
            }
        }
        guard !cells.isEmpty else {
            throw Diagnostic(.noData, "diff(\(argument.text)) needs the period before, which is not in the fact base for \(missing.prefix(3).joined(separator: ", "))",
                             at: expr.span, hints: ["`describe` shows the periods each metric covers"])
        }
        if !missing.isEmpty { notes.append("diff: the period before is not in the fact base for " + missing.prefix(4).joined(separator: ", ") + (missing.count > 4 ? " and \(missing.count - 4) more" : "")) }
        return Frame(label: expr.text, keys: current.keys, cells: cells, notes: notes)
    }

    /// The sum of the four quarters ending at each quarter asked for (a flow's trailing twelve months).
    mutating func trailing(_ argument: Expr, _ expr: Expr, _ ctx: Context) throws -> Frame {
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
            asked = try frame(argument, ctx, for: "ttm").cells.compactMap { if case .at(let p) = $0.when, p.grain == .quarter { p } else { nil } }
        }
        var windows: [Period: [Period]] = [:], needed = Set<Period>()
        for p in asked {
            let window = (0..<4).compactMap { p.shifted(by: -$0, .quarter) }.reversed()
            windows[p] = Array(window)
            needed.formUnion(window)
        }
        let quarters = try frame(argument, ctx.at(needed.sorted()), for: "ttm")
        try requireSinglePeriods(quarters, "ttm", argument, expr)
        var index: [MatchKey: Cell] = [:], keys: [[String]] = []
        for c in quarters.cells {
            index[MatchKey(key: c.key, when: c.when)] = c
            if !keys.contains(c.key) { keys.append(c.key) }
        }
        var cells: [Cell] = [], missing: [String] = []
        for key in keys {
            for p in asked {
                let window = windows[p]!
                let parts = window.compactMap { index[MatchKey(key: key, when: .at($0))] }
                guard parts.count == 4 else {
                    let absent = window.filter { index[MatchKey(key: key, when: .at($0))] == nil }.map(\.description)
                    missing.append("ttm at \(p) needs \(absent.joined(separator: ", ")), not in the fact base")
                    continue
                }
                do {
                    var q = parts[0].quantity
                    for c in parts.dropFirst() { q = try UnitRules.add(q, c.quantity, negate: false) }
                    cells.append(Cell(key: key, dimensions: parts[0].dimensions, when: .at(p), basis: parts[0].basis, quantity: q, citations: [Citation](merging: parts.map(\.citations))))
                } catch let e as UnitError {
                    throw e.diagnostic(at: expr.span)
                }
            }
        }
        guard !cells.isEmpty else {
            throw Diagnostic(.noData, missing.first ?? "ttm(\(argument.text)) has no quarters", at: expr.span,
                             hints: ["`describe \(argument.text)` shows the quarters it covers"])
        }
        return Frame(label: expr.text, keys: quarters.keys, cells: cells, notes: Array(Set(missing)).sorted())
    }

    /// Every value rounded half away from zero to `places` decimals.
    mutating func rounded(_ argument: Expr, places: Expr, _ expr: Expr, _ ctx: Context) throws -> Value {
        guard case .number(let n) = places.kind, n.scale == 0 || n.normalized.scale == 0, let count = Int(n.normalized.description), (0...12).contains(count) else {
            throw Diagnostic(.wrongArguments, "round's second argument is a whole number of decimal places from 0 to 12", at: places.span,
                             hints: ["for example: round(gross_profit / revenue, 3) @ 1Q24"])
        }
        return try map(argument, expr, ctx) { q in
            var r = q
            r.low = q.low.rounded(count)
            r.high = q.high.rounded(count)
            r.places = count
            return r
        }
    }

    mutating func absolute(_ argument: Expr, _ expr: Expr, _ ctx: Context) throws -> Value {
        try map(argument, expr, ctx) { q in
            var r = q
            if q.high.isNegative { (r.low, r.high) = (-q.high, -q.low) } else if q.low.isNegative { (r.low, r.high) = (.zero, max(-q.low, q.high)) }
            return r
        }
    }

    /// Applies `transform` to every value of the argument (a number or a frame).
    mutating func map(_ argument: Expr, _ expr: Expr, _ ctx: Context, _ transform: (Quantity) -> Quantity) throws -> Value {
        switch try evaluate(argument, ctx) {
        case .scalar(let q): return .scalar(transform(q))
        case .frame(var f):
            for i in f.cells.indices { f.cells[i].quantity = transform(f.cells[i].quantity) }
            f.label = expr.text
            return .frame(f)
        case .shift: throw Diagnostic(.wrongArguments, "a shift such as \(argument.text) is only an argument of lag or diff", at: argument.span)
        }
    }
}
