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
                let substituted = cells.indices.filter { cells.bases[$0] == used && !asked.contains(used.rawValue) }
                guard !substituted.isEmpty else { continue }
                for i in substituted { cells.setDerivation("\(cells.when(at: i)) is the \(used.rawValue): no \(wanted) was published", at: i) }
                notes.append("no \(wanted) for \(Messages.list(substituted.map { cells[$0].address(label, keys: keys) })): the \(used.rawValue) is used instead")
            }
        }
        // Every row the selector has at some period, in order: at the periods asked for, each is expected.
        let expected = ctx.periods == nil ? [] : Set(keyOf.values).sorted { $0.lexicographicallyPrecedes($1) }
        if metric.kind == .flow, ctx.derivesPeriods, let periods = ctx.periods {
            cells += try derive(metric, filters, expr, ctx, periods: periods, have: cells, expected: expected, notes: &notes)
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
    /// Each matching set's row key and dimensions are numbered once; a fact adds a row of numbers.
    func readCells(_ metric: Metric, keyOf: [UInt64: [String]], at wanted: [Period: Period]?, _ expr: Expr) throws -> Cells {
        let store = base.facts
        let positions = factPositions(metric, keyOf: keyOf, at: wanted)
        var cells = Cells()
        cells.reserveCapacity(positions.count)
        var numbered: [UInt64: (row: UInt32, dimensions: UInt32)?] = [:]
        var last: (combination: UInt64, ids: (row: UInt32, dimensions: UInt32)?)?
        // Each period read is numbered once, by its number in the store.
        var whenOf = [UInt32](repeating: .max, count: store.periodTable.count)
        for (n, position) in positions.enumerated() {
            if n & 1023 == 1023 { try checkCancelled(expr.span) }
            let i = Int(position)
            let combination = store.combination(at: i)
            let ids: (row: UInt32, dimensions: UInt32)?
            if let last, last.combination == combination {
                ids = last.ids
            } else if let known = numbered[combination] {
                ids = known
            } else {
                ids = keyOf[combination].map { (cells.row(for: $0), cells.dimensions(for: store.dimensions(at: i))) }
                numbered[combination] = ids
            }
            last = (combination, ids)
            guard let ids else { continue }
            let p = Int(store.periodIDs[i])
            if whenOf[p] == .max {
                let period = store.periodTable[UInt32(p)]
                whenOf[p] = cells.when(for: .at(wanted?[period] ?? period))
            }
            cells.append(row: ids.row, dimensions: ids.dimensions, when: whenOf[p], basis: store.bases[i],
                         quantity: store.quantity(at: i), sources: CitationSources(fact: i, of: citationTable))
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
    func preferredBasis(_ cells: Cells, asked: Set<String>) -> Cells {
        func rank(_ b: Basis?) -> Int {
            guard let b else { return 99 }
            return asked.contains(b.rawValue) ? 0 : 1 + Basis.allCases.firstIndex(of: b)!
        }
        var best: [MatchKey: Int] = [:]
        for i in cells.indices {
            let k = MatchKey(key: cells.key(at: i), when: cells.when(at: i))
            best[k] = min(best[k] ?? 99, rank(cells.bases[i]))
        }
        return cells.picking(cells.indices.filter { rank(cells.bases[$0]) == best[MatchKey(key: cells.key(at: $0), when: cells.when(at: $0))] })
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

    /// Orders cells by their key members' declaration order, then by period (stably). Each row
    /// key is ranked once, not each cell; cells already in order (as a selection usually reads
    /// them) are left as they are.
    func sortCells(_ cells: inout Cells, keys: [String]) {
        guard cells.count > 1 else { return }
        let rank: [[String: Int]] = keys.map { k in
            if k == "basis" { return Dictionary(uniqueKeysWithValues: Basis.allCases.enumerated().map { ($1.rawValue, $0) }) }
            return Dictionary(uniqueKeysWithValues: (base.dimensions[k]?.members ?? []).enumerated().map { ($1.name, $0) })
        }
        // The rows in order, by their members' ranks (an unranked member by its name, after the ranked).
        let table = cells.keyTable.values
        let rowOrder = table.indices.sorted { a, b in
            for i in rank.indices {
                let (x, y) = (table[a][i], table[b][i])
                let (ra, rb) = (rank[i][x] ?? Int.max, rank[i][y] ?? Int.max)
                if ra != rb { return ra < rb }
                if ra == Int.max, x != y { return x < y }
            }
            return false
        }
        var place = [Int](repeating: 0, count: table.count)
        for (n, r) in rowOrder.enumerated() { place[r] = n }
        // The periods ranked once too; periods equal in order (1Q24 and 1Q24..1Q24) share a rank.
        let whens = cells.whenTable.values
        let whenOrder = whens.indices.sorted { whens[$0] < whens[$1] }
        var whenRank = [Int](repeating: 0, count: whens.count)
        for (n, w) in whenOrder.enumerated().dropFirst() {
            let previous = whenOrder[n - 1]
            whenRank[w] = whens[previous] < whens[w] ? n : whenRank[previous]
        }
        let (rows, whenIDs) = (cells.rows, cells.whenIDs)
        func before(_ a: Int, _ b: Int) -> Bool {
            let (pa, pb) = (place[Int(rows[a])], place[Int(rows[b])])
            if pa != pb { return pa < pb }
            let (wa, wb) = (whenRank[Int(whenIDs[a])], whenRank[Int(whenIDs[b])])
            return wa != wb ? wa < wb : a < b
        }
        if cells.indices.dropFirst().allSatisfy({ before($0 - 1, $0) }) { return }
        cells = cells.picking(cells.indices.sorted(by: before))
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
