extension Evaluator {
    /// Every name an expression may start with, for "did you mean".
    var knownNames: [String] { base.operandNames(definitions: definitions) }

    /// Resolves a selector (a `let` name or a metric with filters) to a frame, in steps: the
    /// metric, its filters, the row keys, the periods, the matching dimension sets, the cells at
    /// those periods, the halves and years rolled up from quarters, and notes on the gaps.
    mutating func select(_ name: String, _ filters: [Filter], _ expr: Expr, _ ctx: Context) throws -> Frame {
        if let body = definitions[name] {
            return try expand(name, body, filters, expr, ctx)
        }
        let metric = try metric(named: name, expr)
        let filters = filters.map { base.canonical($0, of: metric) }
        let allowed = try checkFilters(filters, of: metric)
        let keys = try rowKeys(metric, filters, ctx)
        var bases = allowed["basis"] ?? (keys.contains("basis") ? Set(Basis.allCases.map(\.rawValue)) : [ctx.basis.rawValue])
        // A prior period asked for on a target, plan or forecast that has none is read on the
        // actual, and failing that on another forward-looking basis — each substitution said.
        let asked = bases
        let fallback = ctx.priorBasisFallback && !bases.contains("actual") && !keys.contains("basis")
        if fallback { bases = Set(Basis.allCases.map(\.rawValue)) }
        var notes: [String] = []
        let wanted = try resolvePeriods(metric, ctx, expr, notes: &notes)
        let keyOf = matchingCombinations(metric, allowed: allowed, keys: keys, bases: bases)
        var cells = try readCells(metric, keyOf: keyOf, at: wanted, expr)
        if fallback {
            cells = preferredBasis(cells, asked: asked)
            let label = Expr(kind: .selector(name: metric.name, filters: filters), span: expr.span).text
            let wanted = asked.sorted().joined(separator: "/")
            for used in Basis.allCases {
                let substituted = cells.indices.filter { cells[$0].basis == used && !asked.contains(used.rawValue) }
                guard !substituted.isEmpty else { continue }
                for i in substituted { cells[i].derivation = "\(cells[i].when) is the \(used.rawValue): no \(wanted) was published" }
                notes.append("no \(wanted) for \(Messages.list(substituted.map { cells[$0].address(label, keys: keys) })): the \(used.rawValue) is used instead")
            }
        }
        if metric.kind == .flow, ctx.derivesPeriods, let periods = ctx.periods {
            cells += try derive(metric, filters, expr, ctx, periods: periods, have: cells, expected: Set(keyOf.values), notes: &notes)
        }
        if cells.isEmpty {
            // Reading the parts of a derivation, a failure only means "not derivable here" and is
            // dropped (`attempt`): the hints, which scan every fact of the metric, are not worked out.
            guard ctx.derivesPeriods else { throw Diagnostic(.noData, "no facts for \(expr.text)", at: expr.span) }
            throw noData(metric, filters: filters, expr: expr, ctx: ctx, bases: bases)
        }
        sortCells(&cells, keys: keys)
        let label = Expr(kind: .selector(name: metric.name, filters: filters), span: expr.span).text
        if let periods = ctx.periods {
            // A breakdown expects every row the selector has at some period.
            let expected = Set(keyOf.values).sorted { $0.lexicographicallyPrecedes($1) }
            notes += gaps(cells, keys: keys, periods: periods, label: label, expected: expected)
        }
        return Frame(label: label, keys: keys, cells: cells, notes: notes)
    }

    /// The metric `name` stands for (or its alias), or an error that suggests one.
    func metric(named name: String, _ expr: Expr) throws -> Metric {
        guard let metric = base.metric(named: name) else {
            if let retired = RetiredNames.diagnostic(name, at: expr.span) { throw retired }
            if Builtins.names.contains(name) {
                throw Diagnostic(.unknownMetric, "\(name) is a function, not a metric", at: expr.span, hints: ["call it: \(name)(revenue)"])
            }
            // Full-width letters (ｒｅｖｅｎｕｅ) are compared as the ASCII they stand for.
            // A near spelling first; failing that, what the word means.
            let spelling = Suggest.hint(for: PeriodParser.asciiFolded(name), in: knownNames)
            throw Diagnostic(.unknownMetric, "unknown metric '\(name)'", at: expr.span,
                             hints: (spelling.isEmpty ? MetricSearch(base: base).hints(for: name) : spelling)
                                 + ["`metrics WORD` finds metrics by meaning; `metrics` lists them all"])
        }
        return metric
    }

    /// The members each filtered dimension allows; an unknown dimension or member is an error.
    func checkFilters(_ filters: [Filter], of metric: Metric) throws -> [String: Set<String>] {
        let dims = metric.dimensions + ["basis"]
        var allowed: [String: Set<String>] = [:]
        for f in filters {
            guard dims.contains(f.dimension) else {
                throw Diagnostic.unknownDimension(f.dimension, of: metric.name, dimensions: dims, at: f.dimensionSpan)
            }
            let members = f.dimension == "basis" ? Basis.allCases.map(\.rawValue) : base.dimensions[f.dimension]?.members.map(\.name) ?? []
            if f.isEveryMember {
                allowed[f.dimension, default: []].formUnion(members)
                continue
            }
            let known = Set(members)
            for v in f.values where !known.contains(v.name) {
                // A value of another of the metric's dimensions: {segment=wan} for {service=wan}.
                let elsewhere = metric.dimensions.first { $0 != f.dimension && base.dimensions[$0]?.member(v.name) != nil }
                // A name typed in Japanese is matched against, and answered with, the Japanese names.
                let japanese = v.name.unicodeScalars.allSatisfy(\.isASCII) ? [] : base.dimensions[f.dimension]?.members.compactMap { FactBase.first($0.japanese) } ?? []
                throw Diagnostic(.unknownMember, "'\(v.name)' is not a value of \(f.dimension)", at: v.span,
                                 hints: (elsewhere.map { ["'\(v.name)' is a value of \($0): \(metric.name){\($0)=\(v.name)}"] }
                                         ?? Suggest.hint(for: v.name, in: japanese.isEmpty ? members : japanese))
                                     + ["values of \(f.dimension): \(members.joined(separator: ", "))"]
                                     + (japanese.isEmpty ? [] : ["in Japanese: \(japanese.joined(separator: ", "))"]))
            }
            allowed[f.dimension, default: []].formUnion(f.values.map(\.name))
        }
        return allowed
    }

    /// The dimensions kept as row keys: those listed with `in [...]`, then those after `by`.
    func rowKeys(_ metric: Metric, _ filters: [Filter], _ ctx: Context) throws -> [String] {
        let dims = metric.dimensions + ["basis"]
        var keys: [String] = []
        for f in filters where f.isList && !keys.contains(f.dimension) { keys.append(f.dimension) }
        for d in ctx.by {
            guard dims.contains(d.name) else {
                throw Diagnostic.unknownDimension(d.name, of: metric.name, dimensions: dims, at: d.span)
            }
            if !keys.contains(d.name) { keys.append(d.name) }
        }
        let by = ctx.by.map(\.name)
        return keys.filter { !by.contains($0) } + by.filter { keys.contains($0) }
    }

    /// The period each asked-for period is read at (a stock at a period's end), keyed by the
    /// period read; nil when no periods were asked for. Adds a note for the periods moved.
    func resolvePeriods(_ metric: Metric, _ ctx: Context, _ expr: Expr, notes: inout [String]) throws -> [Period: Period]? {
        guard let periods = ctx.periods else { return nil }
        var wanted: [Period: Period] = [:]
        var moved: [(asked: Period, read: Period)] = []
        for p in periods {
            let resolved = try resolvePeriod(p, metric, expr)
            wanted[resolved] = p
            if resolved != p { moved.append((p, resolved)) }
        }
        if let note = resolutionNote(metric, moved) { notes.append(note) }
        return wanted
    }

    /// The dimension sets (with their basis) the selector matches, each with its row key: a
    /// million facts have a few thousand sets, so the facts themselves are only counted.
    func matchingCombinations(_ metric: Metric, allowed: [String: Set<String>], keys: [String], bases: Set<String>) -> [UInt64: [String]] {
        let store = base.facts
        // Dimensions that may be set without being asked for: parents of the named ones.
        let implied = Set(Set(keys).union(allowed.keys).flatMap { base.parents(ofDimension: $0) })
        // A filter narrows the sets to those holding one of its values (the filter with fewest values).
        let narrowest = allowed.filter { $0.key != "basis" }.min { ($0.value.count, $0.key) < ($1.value.count, $1.key) }
        let candidates = narrowest.map { d, values in
            values.sorted().flatMap { store.combinations(of: metric.name, with: DimensionValue(dimension: d, value: $0)) }
        } ?? store.combinations(of: metric.name)
        var keyOf: [UInt64: [String]] = [:]
        for c in candidates where bases.contains(c.basis.rawValue) {
            let dimensions = store.dimensionSets[c.dimensions]
            let matches = metric.dimensions.allSatisfy { d in
                let v = dimensions.value(of: d)
                if let set = allowed[d] { return v.map { set.contains($0) } ?? false }
                if keys.contains(d) { return v != nil }
                return implied.contains(d) || v == nil
            }
            if matches { keyOf[c.key] = keys.map { $0 == "basis" ? c.basis.rawValue : dimensions.value(of: $0) ?? "" } }
        }
        return keyOf
    }

    /// The cells of the matching sets at the periods wanted (every period when nil), in load order;
    /// a stock read at a period's end is shown at the period asked for, so it lines up with flows.
    func readCells(_ metric: Metric, keyOf: [UInt64: [String]], at wanted: [Period: Period]?, _ expr: Expr) throws -> [Cell] {
        let store = base.facts
        var cells: [Cell] = []
        for (n, position) in factPositions(metric, keyOf: keyOf, at: wanted).enumerated() {
            if n & 1023 == 1023 { try checkCancelled(expr.span) }
            let i = Int(position)
            guard let key = keyOf[store.combination(at: i)] else { continue }
            let period = store.period(at: i)
            cells.append(Cell(key: key, dimensions: store.dimensions(at: i), when: .at(wanted?[period] ?? period), basis: store.bases[i],
                              quantity: store.quantity(at: i), sources: CitationSources(fact: i, of: citationTable)))
        }
        return cells
    }

    /// Where the facts to read are: found by their keys when the matching sets are few, else
    /// among all the metric's facts at the periods wanted.
    func factPositions(_ metric: Metric, keyOf: [UInt64: [String]], at wanted: [Period: Period]?) -> [UInt32] {
        let store = base.facts
        guard let wanted else { return Array(store.positions(of: metric.name)) }
        let atPeriods = wanted.keys.map { store.positions(of: metric.name, at: $0) }
        let scanned = atPeriods.reduce(0) { $0 + $1.count }
        if keyOf.count * wanted.count < scanned {
            return wanted.keys.flatMap { p in keyOf.keys.compactMap { store.position(of: metric.name, $0, at: p) } }.sorted()
        }
        return atPeriods.flatMap { $0 }.sorted()
    }

    /// One cell per key and period: on a basis asked for, else the actual (a period that has
    /// one is over), else another forward-looking basis (target, previous target, plan, forecast).
    func preferredBasis(_ cells: [Cell], asked: Set<String>) -> [Cell] {
        func rank(_ b: Basis?) -> Int {
            guard let b else { return 99 }
            return asked.contains(b.rawValue) ? 0 : 1 + Basis.allCases.firstIndex(of: b)!
        }
        var best: [MatchKey: Int] = [:]
        for c in cells { best[MatchKey(key: c.key, when: c.when)] = min(best[MatchKey(key: c.key, when: c.when)] ?? 99, rank(c.basis)) }
        return cells.filter { rank($0.basis) == best[MatchKey(key: $0.key, when: $0.when)] }
    }

    /// A stock asked for over a period is read at the period's end; a flow asked for at a
    /// quarter-end is read over the quarter ending then (the year, at a fiscal year's end).
    func resolvePeriod(_ p: Period, _ metric: Metric, _ expr: Expr) throws -> Period {
        switch (metric.kind, p.isInstant) {
        case (.stock, false):
            return p.end
        case (.flow, true):
            let d = p.endDate
            if d.month == 3, d.day == 31 { return .year(p.fiscalYear) }
            if Period.isQuarterEnd(d) { return .quarter(p.fiscalYear, (d.month + 8) % 12 / 3 + 1) }
            throw Diagnostic(.stockOverTime, "\(metric.name) is a flow, measured over periods, so it has no value at the instant \(p)", at: expr.span,
                             hints: ["ask for a period such as 1Q24 or FY24; a quarter's end (1Q24-end) reads the quarter"])
        default:
            return p
        }
    }

    /// Orders cells by their key members' declaration order, then by period (stably).
    func sortCells(_ cells: inout [Cell], keys: [String]) {
        guard cells.count > 1 else { return }
        let rank: [[String: Int]] = keys.map { k in
            if k == "basis" { return Dictionary(uniqueKeysWithValues: Basis.allCases.enumerated().map { ($1.rawValue, $0) }) }
            return Dictionary(uniqueKeysWithValues: (base.dimensions[k]?.members ?? []).enumerated().map { ($1.name, $0) })
        }
        // Each cell's ranks looked up once, in one flat array: a comparison then compares numbers.
        let width = rank.count
        var ranks = [Int](repeating: 0, count: cells.count * width)
        for (n, c) in cells.enumerated() { for i in 0..<width { ranks[n * width + i] = rank[i][c.key[i]] ?? Int.max } }
        let order = cells.indices.sorted { a, b in
            for i in 0..<width {
                let ra = ranks[a * width + i], rb = ranks[b * width + i]
                if ra != rb { return ra < rb }
                if ra == Int.max, cells[a].key[i] != cells[b].key[i] { return cells[a].key[i] < cells[b].key[i] }
            }
            if cells[a].when < cells[b].when { return true }
            if cells[b].when < cells[a].when { return false }
            return a < b
        }
        cells = order.map { cells[$0] }
    }

}

extension FactBase {
    /// A filter with its dimension and members named as declared: Japanese names (セグメント,
    /// ネットワークサービス) are accepted wherever English ones are.
    func canonical(_ f: Filter, of metric: Metric) -> Filter {
        var out = f
        if !metric.dimensions.contains(f.dimension) && f.dimension != "basis", let d = dimensionName(for: f.dimension) { out.dimension = d }
        guard let dimension = dimensions[out.dimension] else { return out }
        out.values = f.values.map { v in (dimension.memberName(for: v.name) ?? v.name, v.span) }
        return out
    }

    /// The dimension called `name` in English or Japanese.
    func dimensionName(for name: String) -> String? {
        if dimensions[name] != nil { return name }
        let wanted = CJK.normalize(name)
        return dimensionOrder.first { d in CJK.names(dimensions[d]?.japanese).contains(wanted) }
    }

    /// Every name an operand may start with: metrics, their aliases, definitions and functions.
    func operandNames(definitions: [String: Expr]) -> [String] {
        metricOrder + Array(aliases.keys) + Array(definitions.keys) + Builtins.names
    }
}
