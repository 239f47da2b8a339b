/// How an aggregate collapses the cells of one group into one value.
enum Aggregate: Sendable {
    case sum, mean, median, min, max, count, first, last

    /// The group's value; unit errors go up as `UnitError`.
    func apply(_ members: [Cell]) throws -> Quantity {
        switch self {
        case .count: return Quantity(Dec(members.count), .number)
        case .first: return members.min { $0.when < $1.when }!.quantity
        case .last: return members.max { $0.when < $1.when }!.quantity
        case .min, .max:
            var q = members[0].quantity
            // On a tie, min keeps the earlier value and max the later, as they are ordered.
            for m in members.dropFirst() where try Aggregate.less(m.quantity, q) == (self == .min) { q = m.quantity }
            return q
        case .sum: return try Aggregate.total(members.map(\.quantity))
        case .mean: return try Aggregate.mean(members.map(\.quantity))
        case .median:
            let sorted = try Aggregate.sorted(members.map(\.quantity))
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : try Aggregate.mean([sorted[middle - 1], sorted[middle]])
        }
    }

    static func total(_ values: [Quantity]) throws -> Quantity {
        var q = values[0]
        for v in values.dropFirst() { q = try UnitRules.add(q, v, negate: false) }
        return q
    }

    /// The mean, shown to one more decimal than the most precise value (at most 4).
    static func mean(_ values: [Quantity]) throws -> Quantity {
        var q = try UnitRules.divide(try total(values), Quantity(Dec(values.count), .number))
        q.places = Swift.min(values.map(\.places).max()! + 1, 4)
        return q
    }

    /// Whether `a` is below `b` (by their low ends), converting scales; mixed units are an error.
    static func less(_ a: Quantity, _ b: Quantity) throws -> Bool {
        try UnitRules.add(a, b, negate: true).low.isNegative
    }

    /// The values in ascending order (a stable insertion sort: comparisons can fail on units).
    static func sorted(_ values: [Quantity]) throws -> [Quantity] {
        var out: [Quantity] = []
        for v in values {
            var i = out.count
            while i > 0, try less(v, out[i - 1]) { i -= 1 }
            out.insert(v, at: i)
        }
        return out
    }
}

extension Evaluator {
    /// Collapses periods and the dimensions not kept by `by` into one cell per `by` key.
    mutating func aggregate(_ rule: Aggregate, _ call: Call) throws -> Frame {
        let (argument, expr, ctx) = (call.argument, call.expr, call.ctx)
        let inner = try frame(argument, ctx, for: call.name)
        var notes = inner.notes
        if rule == .sum, let note = try checkSummable(argument, inner, expr) { notes.append(note) }
        let kept = ctx.by.map(\.name).filter { inner.keys.contains($0) }
        if rule == .sum { notes += overlapNotes(inner, collapsing: inner.keys.filter { !kept.contains($0) }) }
        let positions = kept.map { inner.keys.firstIndex(of: $0)! }
        var groups: [[String]: [Cell]] = [:], order: [[String]] = []
        if kept.isEmpty, !inner.cells.isEmpty {
            // One group: the cells as they are, not copied one by one (a sum of 100,000 facts).
            groups[[]] = inner.cells
            order = [[]]
        }
        for c in inner.cells where !kept.isEmpty {
            let k = positions.map { c.key[$0] }
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(c)
        }
        let whens = inner.cells.map(\.when)
        let span: When = Set(whens).count == 1 ? whens[0] : .over(whens.min()!.first, whens.max()!.last)
        var cells: [Cell] = []
        for k in order {
            let members = groups[k]!
            let q = try unitChecked(at: expr.span) { try rule.apply(members) }
            cells.append(Cell(key: k, dimensions: commonDimensions(members), when: span,
                              basis: members.allSatisfy { $0.basis == members[0].basis } ? members[0].basis : nil,
                              quantity: q, sources: CitationSources(merging: members.map(\.sources)),
                              derivation: members.map(\.derivation).reduce(nil, Cell.merged)))
        }
        return Frame(label: expr.text, keys: kept, cells: cells, notes: notes)
    }

    /// A note for each dimension `frame` breaks down by whose members overlap (an alternate
    /// breakdown, or a dimension declared non-additive), when they are added up or shared out:
    /// their sum is not a total.
    func overlapNotes(_ frame: Frame, collapsing dims: [String]) -> [String] {
        dims.compactMap { d in
            guard let dim = base.dimensions[d], !dim.additive,
                  Set(frame.cells.compactMap { c in frame.keys.firstIndex(of: d).map { c.key[$0] } }).count > 1 else { return nil }
            if let target = dim.alternateOf {
                return "\(d) is an alternate breakdown of \(target): its members cut across \(target) and overlap, so they do not add up to a total (`describe \(d)`)"
            }
            return "the members of \(d) overlap: they need not add up to a total"
        }
    }

    /// Refuses to add up a stock over time or a rate at all, but for the shares of one total at
    /// one period, which add up to the share of their sum (returns a note saying so).
    func checkSummable(_ argument: Expr, _ inner: Frame, _ expr: Expr) throws -> String? {
        let periods = Set(inner.cells.map(\.when))
        if case .call("share", _) = argument.kind {
            guard periods.count == 1 else {
                throw Diagnostic(.stockOverTime, "cannot sum \(argument.text) over \(periods.count) periods: each period's shares are of another total",
                                 at: expr.span, hints: ["sum the shares at one period: \(expr.text) @ \(periods.max()!)"])
            }
            return "\(expr.text): the shares are of one total, so they add up"
        }
        let kinds = metricKinds(argument)
        if periods.count > 1, let stock = kinds.first(where: { $0.kind == .stock }) {
            throw Diagnostic(.stockOverTime, "cannot sum \(stock.name) over time: it is a stock, counted at instants, so its values at \(periods.count) dates do not add up",
                             at: expr.span, hints: ["take its value at the last date: \(stock.name) @ \(periods.max()!)", "or the mean: avg(\(argument.text)) over the same dates"])
        }
        if let rate = kinds.first(where: { $0.kind == .rate }) {
            throw Diagnostic(.stockOverTime, "cannot sum \(rate.name): it is a rate (a ratio or price), which does not add up",
                             at: expr.span, hints: ["use avg(\(argument.text)), or sum the underlying amounts and divide"])
        }
        return nil
    }

    func commonDimensions(_ cells: [Cell]) -> [DimensionValue] {
        guard let first = cells.first else { return [] }
        return first.dimensions.filter { d in cells.allSatisfy { $0.dimensions.contains(d) } }
    }

    /// The metrics an expression reads, with their kinds (for the stock/flow rules): a function's
    /// result has the kind its registry entry says.
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
        case .negate(let o), .at(let o, _): return metricKinds(o)
        case .call(let name, let args):
            switch Builtins.named(name)?.resultKind {
            case .rate?: return [(e.text, .rate)]
            case .count?: return [(e.text, .flow)]
            case .argument?, nil: return args.flatMap(metricKinds)
            }
        default: return []
        }
    }
}

extension When {
    /// The first period this covers.
    var first: Period {
        switch self { case .at(let p), .over(let p, _), .between(let p, _): p; case .always: .year(0) }
    }

    /// The last period this covers.
    var last: Period {
        switch self { case .at(let p), .over(_, let p), .between(_, let p): p; case .always: .year(0) }
    }
}
