/// How an aggregate collapses the cells of one group into one value.
enum Aggregate: Sendable {
    case sum, mean, median, min, max, count, first, last

    /// The value of a group of cells, given their values and periods; unit errors go up as `UnitError`.
    func apply(_ values: [Quantity], at whens: @autoclosure () -> [When]) throws -> Quantity {
        switch self {
        case .count: return Quantity(Dec(values.count), .number)
        case .first, .last:
            let whens = whens()
            return values[self == .first ? whens.indices.min { whens[$0] < whens[$1] }! : whens.indices.max { whens[$0] < whens[$1] }!]
        case .min, .max:
            var q = values[0]
            // On a tie, min keeps the earlier value and max the later, as they are ordered.
            for v in values.dropFirst() where try Aggregate.less(v, q) == (self == .min) { q = v }
            return q
        case .sum: return try Aggregate.total(values)
        case .mean: return try Aggregate.mean(values)
        case .median:
            let sorted = try Aggregate.sorted(values)
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
        // On the columns: a sum of 100,000 facts reads their values, not 100,000 cells.
        let columns = inner.cells
        let whens = columns.distinctWhens
        guard let first = whens.first else { return Frame(label: expr.text, keys: kept, cells: [], notes: notes) }
        let span: When = whens.count == 1 ? first : .over(whens.min()!.first, whens.max()!.last)
        var cells: Cells = []
        // Asked once, not per group: it reads every cell's extras.
        let derived = columns.hasExtras
        for (k, members) in columns.grouped(on: positions) {
            // One group of every cell (no `by`) reads the columns as they are, not copied.
            let whole = members.count == columns.count
            let values = whole ? columns.quantities : members.map { columns.quantities[$0] }
            let q = try unitChecked(at: expr.span) { try rule.apply(values, at: members.map { columns.when(at: $0) }) }
            let basis = columns.bases[members[0]]
            cells.append(Cell(key: k, dimensions: columns.commonDimensions(members), when: span,
                              basis: members.allSatisfy { columns.bases[$0] == basis } ? basis : nil,
                              quantity: q, sources: CitationSources(merging: whole ? columns.sources : members.map { columns.sources[$0] }),
                              derivation: derived ? members.map { columns.derivation(at: $0) }.reduce(nil, Cell.merged) : nil))
        }
        return Frame(label: expr.text, keys: kept, cells: cells, notes: notes)
    }

    /// A note for each dimension `frame` breaks down by whose members overlap (an alternate
    /// breakdown, or a dimension declared non-additive), when they are added up or shared out:
    /// their sum is not a total.
    func overlapNotes(_ frame: Frame, collapsing dims: [String]) -> [String] {
        dims.compactMap { d in
            guard let dim = base.dimensions[d], !dim.additive,
                  Set(frame.cells.distinctKeys.compactMap { k in frame.keys.firstIndex(of: d).map { k[$0] } }).count > 1 else { return nil }
            if let target = dim.alternateOf {
                return "\(d) is an alternate breakdown of \(target): its members cut across \(target) and overlap, so they do not add up to a total (`describe \(d)`)"
            }
            return "the members of \(d) overlap: they need not add up to a total"
        }
    }

    /// Refuses to add up a stock over time or a rate at all, but for the shares of one total at
    /// one period, which add up to the share of their sum (returns a note saying so).
    func checkSummable(_ argument: Expr, _ inner: Frame, _ expr: Expr) throws -> String? {
        let periods = inner.cells.distinctWhens
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
