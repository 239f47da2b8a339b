/// The built-in functions, with a one-line description and an example each.
public enum Functions {
    /// A built-in function: how it is called, what it does, and an example that runs on the fact base.
    public struct Builtin: Sendable {
        public var name: String
        public var signature: String
        public var summary: String
        public var example: String
    }

    public static let all: [Builtin] = [
        Builtin(name: "sum", signature: "sum(x)", summary: "adds up values, collapsing periods and every dimension not kept by `by`", example: "sum(revenue) @ 1Q23..4Q23"),
        Builtin(name: "avg", signature: "avg(x)", summary: "the mean of the values collapsed", example: "avg(revenue) @ 1Q23..1Q24"),
        Builtin(name: "min", signature: "min(x)", summary: "the smallest value collapsed", example: "min(revenue) @ 1Q23..1Q24"),
        Builtin(name: "max", signature: "max(x)", summary: "the largest value collapsed", example: "max(revenue) @ 1Q23..1Q24"),
        Builtin(name: "count", signature: "count(x)", summary: "how many values are collapsed", example: "count(revenue) @ 1Q23..1Q24 by segment"),
        Builtin(name: "yoy", signature: "yoy(x)", summary: "growth against the same period a year before, in %", example: "yoy(revenue) @ 1Q24"),
        Builtin(name: "qoq", signature: "qoq(x)", summary: "growth against the previous quarter, in %", example: "qoq(revenue) @ 1Q24"),
        Builtin(name: "lag", signature: "lag(x, 1y|1h|1q)", summary: "the value a shift earlier, shown at the current period", example: "lag(revenue, 1y) @ 1Q24"),
        Builtin(name: "share", signature: "share(x)", summary: "each part as a % of its \"all\" total", example: "share(revenue) @ 1Q24 by segment"),
        Builtin(name: "cagr", signature: "cagr(x)", summary: "compound annual growth rate from the first to the last period, in %", example: "cagr(revenue) @ FY20..FY23"),
        Builtin(name: "diff", signature: "diff(x [, 1y|1h|1q])", summary: "the change against the previous period of the same kind, or a shift earlier", example: "diff(revenue) @ 1Q24"),
        Builtin(name: "ttm", signature: "ttm(x)", summary: "the trailing twelve months: the sum of the four quarters to each quarter", example: "ttm(revenue) @ 1Q24"),
        Builtin(name: "first", signature: "first(x)", summary: "the value at the first period collapsed (for stocks too)", example: "first(employees) @ FY21..FY23"),
        Builtin(name: "last", signature: "last(x)", summary: "the value at the last period collapsed (for stocks too)", example: "last(employees) @ FY21..FY23"),
        Builtin(name: "round", signature: "round(x, n)", summary: "rounds to n decimal places", example: "round(gross_profit / revenue, 3) @ 1Q24"),
        Builtin(name: "abs", signature: "abs(x)", summary: "the absolute value", example: "abs(diff(revenue)) @ 1Q23..1Q24"),
    ]

    /// The built-in function called `name`, if there is one.
    public static func named(_ name: String) -> Builtin? { all.first { $0.name == name } }

    public static var names: [String] { all.map(\.name) }
}

extension Evaluator {
    mutating func call(_ name: String, _ arguments: [Expr], _ expr: Expr, _ ctx: Context) throws -> Value {
        func arity(_ n: Int, _ usage: String) throws {
            guard arguments.count == n else {
                throw Diagnostic(.wrongArguments, "\(name) takes \(n) argument\(n == 1 ? "" : "s"), not \(arguments.count)", at: expr.span,
                                 hints: ["write: \(usage)"])
            }
        }
        switch name {
        case "sum", "avg", "min", "max", "count", "first", "last":
            try arity(1, "\(name)(revenue) @ 1Q23..4Q23")
            return .frame(try aggregate(name, arguments[0], expr, ctx))
        case "yoy", "qoq":
            try arity(1, "\(name)(revenue) @ 1Q24")
            return .frame(try growth(arguments[0], by: 1, name == "yoy" ? .year : .quarter, expr, ctx))
        case "lag":
            try arity(2, "lag(revenue, 1y) @ 1Q24")
            guard case .shift(let n, let grain) = try evaluate(arguments[1], ctx) else {
                throw Diagnostic(.wrongArguments, "lag's second argument is a shift such as 1y, 1h or 1q", at: arguments[1].span)
            }
            var f = try shifted(arguments[0], by: n, grain, expr, ctx, function: name)
            f.label = expr.text
            return .frame(f)
        case "share":
            try arity(1, "share(revenue) @ 1Q24 by segment")
            return .frame(try share(arguments[0], expr, ctx))
        case "cagr":
            try arity(1, "cagr(revenue) @ FY20..FY23")
            var fallback = ctx
            fallback.priorBasisFallback = true
            return .frame(try cagr(arguments[0], expr, fallback))
        case "diff":
            guard arguments.count == 1 || arguments.count == 2 else {
                throw Diagnostic(.wrongArguments, "diff takes 1 or 2 arguments, not \(arguments.count)", at: expr.span,
                                 hints: ["write: diff(revenue) @ 1Q24, or diff(revenue, 1y) @ 1Q24"])
            }
            return .frame(try difference(arguments[0], shift: arguments.count == 2 ? arguments[1] : nil, expr, ctx))
        case "ttm":
            try arity(1, "ttm(revenue) @ 1Q24")
            return .frame(try trailing(arguments[0], expr, ctx))
        case "round":
            try arity(2, "round(gross_profit / revenue, 3) @ 1Q24")
            return try rounded(arguments[0], places: arguments[1], expr, ctx)
        case "abs":
            try arity(1, "abs(diff(revenue)) @ 1Q24")
            return try absolute(arguments[0], expr, ctx)
        default:
            if definitions[name] != nil || base.metric(named: name) != nil {
                let what = definitions[name] != nil ? "a definition" : "a metric"
                throw Diagnostic(.unknownFunction, "\(name) is \(what), not a function", at: expr.span,
                                 hints: ["use it without parentheses, or pass it to a function: yoy(\(name))"])
            }
            throw Diagnostic(.unknownFunction, "unknown function '\(name)'", at: expr.span,
                             hints: Suggest.hint(for: name, in: Functions.names) + ["functions: \(Functions.names.joined(separator: ", "))"])
        }
    }

    /// Collapses periods and the dimensions not kept by `by` into one cell per `by` key.
    mutating func aggregate(_ name: String, _ argument: Expr, _ expr: Expr, _ ctx: Context) throws -> Frame {
        let inner = try frame(argument, ctx, for: name)
        let kept = ctx.by.map(\.name).filter { inner.keys.contains($0) }
        let positions = kept.map { inner.keys.firstIndex(of: $0)! }
        if name == "sum" {
            let kinds = metricKinds(argument)
            let periods = Set(inner.cells.map(\.when))
            if periods.count > 1, let stock = kinds.first(where: { $0.kind == .stock }) {
                throw Diagnostic(.stockOverTime, "cannot sum \(stock.name) over time: it is a stock, counted at instants, so its values at \(periods.count) dates do not add up",
                                 at: expr.span, hints: ["take its value at the last date: \(stock.name) @ \(periods.max()!)", "or the mean: avg(\(argument.text)) over the same dates"])
            }
            if let rate = kinds.first(where: { $0.kind == .rate }) {
                throw Diagnostic(.stockOverTime, "cannot sum \(rate.name): it is a rate (a ratio or price), which does not add up",
                                 at: expr.span, hints: ["use avg(\(argument.text)), or sum the underlying amounts and divide"])
            }
        }
        var groups: [[String]: [Cell]] = [:], order: [[String]] = []
        for c in inner.cells {
            let k = positions.map { c.key[$0] }
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(c)
        }
        let whens = inner.cells.map(\.when)
        let span: When = Set(whens).count == 1 ? whens[0] : .over(firstPeriod(whens.min()!), lastPeriod(whens.max()!))
        var cells: [Cell] = []
        for k in order {
            let members = groups[k]!
            var q: Quantity
            do {
                switch name {
                case "count":
                    q = Quantity(Dec(members.count), .number)
                case "first":
                    q = members.min { $0.when < $1.when }!.quantity
                case "last":
                    q = members.max { $0.when < $1.when }!.quantity
                case "min", "max":
                    q = members[0].quantity
                    for m in members.dropFirst() {
                        let d = try UnitRules.add(m.quantity, q, negate: true)
                        if (name == "min") == d.low.isNegative { q = m.quantity }
                    }
                default:
                    q = members[0].quantity
                    for m in members.dropFirst() { q = try UnitRules.add(q, m.quantity, negate: false) }
                    if name == "avg" {
                        q = try UnitRules.divide(q, Quantity(Dec(members.count), .number))
                        q.places = min(members.map(\.quantity.places).max()! + 1, 4)
                    }
                }
            } catch let e as UnitError {
                throw e.diagnostic(at: expr.span)
            }
            let dims = commonDimensions(members)
            cells.append(Cell(key: k, dimensions: dims, when: span, basis: members.allSatisfy { $0.basis == members[0].basis } ? members[0].basis : nil,
                              quantity: q, citations: [Citation](merging: members.map(\.citations))))
        }
        return Frame(label: expr.text, keys: kept, cells: cells, notes: inner.notes)
    }

    func firstPeriod(_ w: When) -> Period {
        switch w { case .at(let p), .over(let p, _): p; case .always: .year(0) }
    }

    func lastPeriod(_ w: When) -> Period {
        switch w { case .at(let p), .over(_, let p): p; case .always: .year(0) }
    }

    func commonDimensions(_ cells: [Cell]) -> [DimensionValue] {
        guard let first = cells.first else { return [] }
        return first.dimensions.filter { d in cells.allSatisfy { $0.dimensions.contains(d) } }
    }

    /// The metrics an expression reads, with their kinds (for the stock/flow rules).
    func metricKinds(_ e: Expr) -> [(name: String, kind: MetricKind)] {
        switch e.kind {
        case .selector(let name, _):
            if let body = definitions[name] { return expanding.contains(name) ? [] : metricKinds(body) }
            return base.metric(named: name).map { [($0.name, $0.kind)] } ?? []
        case .binary(let op, let l, let r):
            // A ratio of two series is a rate; a sum or difference keeps its inputs' kinds.
            if op == .divide, !metricKinds(r).isEmpty {
                return [(e.text, .rate)]
            }
            return metricKinds(l) + metricKinds(r)
        case .negate(let o): return metricKinds(o)
        case .call(let name, let args):
            if ["yoy", "qoq", "share", "cagr", "avg", "min", "max", "count", "first", "last"].contains(name) {
                return [(e.text, .rate)]
            }
            return args.flatMap(metricKinds)
        default: return []
        }
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
        var cells: [Cell] = []
        for var c in inner.cells {
            guard case .at(let p) = c.when else { continue }
            let target = back[p] ?? p.shifted(by: count, grain)
            guard let target else { continue }
            c.when = .at(target)
            cells.append(c)
        }
        inner.cells = cells
        return inner
    }

    /// Percentage change against the value `count` grains earlier, matched by calendar.
    mutating func growth(_ argument: Expr, by count: Int, _ grain: Period.Grain, _ expr: Expr, _ ctx: Context) throws -> Frame {
        let name = grain == .year ? "yoy" : "qoq"
        if grain == .quarter, let p = ctx.periods?.first(where: { $0.grain != .quarter && $0.grain != .instant }) {
            throw Diagnostic(.wrongArguments, "qoq compares a quarter with the one before; \(p) is not a quarter", at: expr.span,
                             hints: ["use yoy for years and halves: yoy(\(argument.text)) @ \(p)"])
        }
        let current = try frame(argument, ctx, for: name)
        try requireSinglePeriods(current, name, argument, expr)
        // No facts at all a year before is a missing prior period, said below in yoy's own words.
        let prior: Frame
        do {
            prior = try shifted(argument, by: count, grain, expr, ctx.at(ctx.periods ?? current.cells.compactMap {
                if case .at(let p) = $0.when { p } else { nil }
            }), function: name)
        } catch let d as Diagnostic where d.reason == .noData {
            prior = Frame(label: current.label, keys: current.keys, cells: [])
        }
        var index: [MatchKey: Cell] = [:]
        for c in prior.cells { index[MatchKey(key: c.key, when: c.when)] = c }
        var cells: [Cell] = [], missing: [String] = []
        for c in current.cells {
            guard let p = index[MatchKey(key: c.key, when: c.when)] else {
                if case .at(let now) = c.when, let before = now.shifted(by: -count, grain) {
                    missing.append(describe(Cell(key: c.key, dimensions: [], when: .at(before), basis: nil, quantity: c.quantity, citations: []), keys: current.keys, in: argument.text))
                }
                continue
            }
            guard !p.quantity.low.isZero else { missing.append("\(argument.text) was 0 a \(grain) before \(c.when)"); continue }
            do {
                var diff = try UnitRules.add(c.quantity, p.quantity, negate: true)
                if diff.unit == .pp { diff.unit = .percent }  // growth of a ratio is relative, like any other
                var magnitude = p.quantity
                if magnitude.low.isNegative { magnitude.low = -magnitude.low; magnitude.high = -magnitude.high }
                let ratio = try UnitRules.ratio(diff, magnitude)
                cells.append(Cell(key: c.key, dimensions: c.dimensions, when: c.when, basis: c.basis, quantity: ratio, citations: c.citations.adding(p.citations)))
            } catch let e as UnitError {
                throw e.diagnostic(at: expr.span)
            }
        }
        guard !cells.isEmpty else {
            throw Diagnostic(.noData, "\(name)(\(argument.text)) needs the prior period, which is not in the fact base: \(missing.prefix(3).joined(separator: "; "))",
                             at: expr.span, hints: ["`describe` shows the periods a metric covers"])
        }
        var notes = current.notes
        if !missing.isEmpty {
            notes.append("\(name): not in the fact base: " + missing.prefix(4).joined(separator: "; ") + (missing.count > 4 ? " and \(missing.count - 4) more" : ""))
        }
        return Frame(label: expr.text, keys: current.keys, cells: cells, notes: notes)
    }

    /// Each cell as a percentage of its "all" total at the same period.
    mutating func share(_ argument: Expr, _ expr: Expr, _ ctx: Context) throws -> Frame {
        let parts = try frame(argument, ctx, for: "share")
        guard !parts.keys.isEmpty else {
            throw Diagnostic(.wrongArguments, "share needs parts: say which dimension to break down with `by`", at: expr.span,
                             hints: ["for example: share(revenue) @ 1Q24 by segment"])
        }
        var totalContext = ctx
        totalContext.by = []
        // No total at all is said below in share's own words, not as the total's "no facts".
        let total: Frame
        do { total = try frame(argument, totalContext, for: "share") } catch let d as Diagnostic where d.reason == .noData {
            total = Frame(label: parts.label, keys: [], cells: [])
        }
        var totals: [When: Quantity] = [:]
        for c in total.cells where c.key.isEmpty { totals[c.when] = c.quantity }
        var cells: [Cell] = []
        for c in parts.cells {
            guard let t = totals[c.when] else { continue }
            do {
                let q = try UnitRules.ratio(c.quantity, t)
                cells.append(Cell(key: c.key, dimensions: c.dimensions, when: c.when, basis: c.basis, quantity: q,
                                  citations: c.citations.adding(total.cells.first { $0.when == c.when }?.citations ?? [])))
            } catch let e as UnitError {
                throw e.diagnostic(at: expr.span)
            }
        }
        guard !cells.isEmpty else {
            throw Diagnostic(.noData, "share(\(argument.text)) needs the total at the same periods, which is not in the fact base", at: expr.span,
                             hints: ["share divides each part by its \"all\" total; `describe` shows the periods that have one"])
        }
        return Frame(label: expr.text, keys: parts.keys, cells: cells, notes: parts.notes)
    }

    /// (last / first)^(1 / years) − 1, per key, from the first to the last period asked for.
    mutating func cagr(_ argument: Expr, _ expr: Expr, _ ctx: Context) throws -> Frame {
        let inner = try frame(argument, ctx, for: "cagr")
        var groups: [[String]: [Cell]] = [:], order: [[String]] = []
        for c in inner.cells {
            if groups[c.key] == nil { order.append(c.key) }
            groups[c.key, default: []].append(c)
        }
        var cells: [Cell] = []
        for k in order {
            let g = groups[k]!.sorted { $0.when < $1.when }
            guard g.count >= 2, case .at(let a) = g.first!.when, case .at(let b) = g.last!.when else { continue }
            let months = (b.endDate.year - a.endDate.year) * 12 + (b.endDate.month - a.endDate.month)
            guard months > 0, months % 12 == 0 else {
                throw Diagnostic(.wrongArguments, "cagr needs whole years between \(a) and \(b)", at: expr.span, hints: ["for example: cagr(revenue) @ FY20..FY23"])
            }
            let years = months / 12
            guard g.first!.quantity.low > .zero, g.last!.quantity.low > .zero,
                  let first = try? UnitRules.rescale(g.first!.quantity, to: g.first!.quantity.unit.withScale(0)),
                  let last = try? UnitRules.rescale(g.last!.quantity, to: g.first!.quantity.unit.withScale(0)),
                  let ratio = last.value.dividing(by: first.value), let root = ratio.root(years),
                  let pct = root.subtracting(.one)?.multiplying(.hundred) else {
                throw Diagnostic(.wrongArguments, "cagr needs positive values at \(a) and \(b)", at: expr.span)
            }
            cells.append(Cell(key: k, dimensions: g[0].dimensions, when: .over(a, b), basis: g[0].basis,
                              quantity: Quantity(pct, .percent, places: 1), citations: g.first!.citations.adding(g.last!.citations)))
        }
        guard !cells.isEmpty else {
            throw Diagnostic(.noData, "cagr(\(argument.text)) needs values at two or more periods", at: expr.span, hints: ["for example: cagr(revenue) @ FY20..FY23"])
        }
        return Frame(label: expr.text, keys: inner.keys, cells: cells, notes: inner.notes)
    }
}
