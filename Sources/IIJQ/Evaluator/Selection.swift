extension Evaluator {
    /// Every name an expression may start with, for "did you mean".
    var knownNames: [String] { base.operandNames(definitions: definitions) }

    /// Resolves a selector (a `let` name or a metric with filters) to a frame.
    mutating func select(_ name: String, _ filters: [Filter], _ expr: Expr, _ ctx: Context) throws -> Frame {
        if let body = definitions[name] {
            return try expand(name, body, filters, expr, ctx)
        }
        guard let metric = base.metric(named: name) else {
            if Functions.names.contains(name) {
                throw Diagnostic(.unknownMetric, "\(name) is a function, not a metric", at: expr.span, hints: ["call it: \(name)(revenue)"])
            }
            // Full-width letters (ｒｅｖｅｎｕｅ) are compared as the ASCII they stand for.
            throw Diagnostic(.unknownMetric, "unknown metric '\(name)'", at: expr.span,
                             hints: Suggest.hint(for: PeriodParser.asciiFolded(name), in: knownNames) + ["`metrics` lists what the fact base holds"])
        }
        let dims = metric.dimensions + ["basis"]
        var allowed: [String: Set<String>] = [:]
        var keys: [String] = []
        for f in filters {
            guard dims.contains(f.dimension) else {
                throw Diagnostic(.unknownDimension, "\(metric.name) has no dimension '\(f.dimension)'", at: f.dimensionSpan,
                                 hints: Suggest.hint(for: f.dimension, in: dims) + ["\(metric.name)'s dimensions: \(dims.joined(separator: ", "))"])
            }
            let members = f.dimension == "basis" ? Basis.allCases.map(\.rawValue) : base.dimensions[f.dimension]?.members.map(\.name) ?? []
            for v in f.values where !members.contains(v.name) {
                // A value of another of the metric's dimensions: {segment=wan} for {service=wan}.
                let elsewhere = metric.dimensions.first { $0 != f.dimension && base.dimensions[$0]?.member(v.name) != nil }
                throw Diagnostic(.unknownMember, "'\(v.name)' is not a value of \(f.dimension)", at: v.span,
                                 hints: (elsewhere.map { ["'\(v.name)' is a value of \($0): \(metric.name){\($0)=\(v.name)}"] } ?? Suggest.hint(for: v.name, in: members))
                                     + ["values of \(f.dimension): \(members.joined(separator: ", "))"])
            }
            allowed[f.dimension, default: []].formUnion(f.values.map(\.name))
            if f.isList, !keys.contains(f.dimension) { keys.append(f.dimension) }
        }
        for d in ctx.by {
            guard dims.contains(d.name) else {
                throw Diagnostic(.unknownDimension, "\(metric.name) has no dimension '\(d.name)'", at: d.span,
                                 hints: Suggest.hint(for: d.name, in: dims) + ["\(metric.name)'s dimensions: \(dims.joined(separator: ", "))"])
            }
            if !keys.contains(d.name) { keys.append(d.name) }
        }
        keys = orderedKeys(keys, by: ctx.by.map(\.name))
        var bases = allowed["basis"] ?? (keys.contains("basis") ? Set(Basis.allCases.map(\.rawValue)) : [ctx.basis.rawValue])
        let fallback = ctx.priorBasisFallback && !bases.contains("actual") && !keys.contains("basis")
        if fallback { bases.insert("actual") }
        // Dimensions that may be set without being asked for: parents of the named ones.
        var implied = Set<String>()
        for d in Set(keys).union(allowed.keys) {
            var parent = base.dimensions[d]?.parent
            while let p = parent { implied.insert(p); parent = base.dimensions[p]?.parent }
        }

        var notes: [String] = []
        var wanted: [Period: Period]? = nil
        if let periods = ctx.periods {
            wanted = [:]
            var moved: [(asked: Period, read: Period)] = []
            for p in periods {
                let resolved = try resolvePeriod(p, metric, expr)
                wanted![resolved] = p
                if resolved != p { moved.append((p, resolved)) }
            }
            if let note = resolutionNote(metric, moved) { notes.append(note) }
        }
        let store = base.facts
        // Which dimension sets (with their basis) the selector matches, and each one's key: a
        // million facts have a few thousand sets, so the facts themselves are only counted.
        var keyOf: [UInt64: [String]] = [:]
        // A filter narrows the sets to those holding one of its values (the filter with fewest values).
        let narrowest = allowed.filter { $0.key != "basis" }.min { ($0.value.count, $0.key) < ($1.value.count, $1.key) }
        let candidates = narrowest.map { d, values in
            values.sorted().flatMap { store.combinations(of: metric.name, with: DimensionValue(dimension: d, value: $0)) }
        } ?? store.combinations(of: metric.name)
        for c in candidates where bases.contains(c.basis.rawValue) {
            let dimensions = store.dimensionSets[c.dimensions]
            var ok = true
            for d in metric.dimensions {
                let v = dimensions.value(of: d)
                if let set = allowed[d] { ok = v.map { set.contains($0) } ?? false }
                else if keys.contains(d) { ok = v != nil }
                else if !implied.contains(d) { ok = v == nil }
                if !ok { break }
            }
            if ok { keyOf[c.key] = keys.map { $0 == "basis" ? c.basis.rawValue : dimensions.value(of: $0) ?? "" } }
        }
        // Keys of the facts that match at any period, to say which rows a period lacks.
        let published = Set(keyOf.values)
        // Only the facts at the periods asked for are read (in load order): found by their keys
        // when the matching sets are few, else among all the metric's facts at those periods.
        let positions: [UInt32]
        if let wanted {
            let atPeriods = wanted.keys.map { store.positions(of: metric.name, at: $0) }
            let scanned = atPeriods.reduce(0) { $0 + $1.count }
            if keyOf.count * wanted.count < scanned {
                positions = wanted.keys.flatMap { p in keyOf.keys.compactMap { store.position(of: metric.name, $0, at: p) } }.sorted()
            } else {
                positions = atPeriods.flatMap { $0 }.sorted()
            }
        } else {
            positions = store.positions(of: metric.name)
        }
        var cells: [Cell] = []
        for (n, position) in positions.enumerated() {
            if n & 1023 == 1023 { try checkCancelled(expr.span) }
            let i = Int(position)
            guard let key = keyOf[store.combination(at: i)] else { continue }
            let period = store.period(at: i)
            // A stock read at a period's end is shown at the period asked for, so it lines up with flows.
            let when = wanted?[period] ?? period
            cells.append(Cell(key: key, dimensions: store.dimensions(at: i), when: .at(when), basis: store.bases[i],
                              quantity: store.quantity(at: i), citations: store.citations(at: i)))
        }
        if fallback { cells = preferAskedBasis(cells) }
        if metric.kind == .flow, let periods = ctx.periods {
            cells += try rollUp(metric, filters, expr, ctx, periods: periods, have: cells, notes: &notes)
        }
        let label = Expr(kind: .selector(name: metric.name, filters: filters), span: expr.span).text
        if cells.isEmpty {
            throw noData(metric, filters: filters, expr: expr, ctx: ctx, bases: bases)
        }
        sortCells(&cells, keys: keys)
        if let periods = ctx.periods {
            // A breakdown expects every row the selector has at some period.
            let expected = published.sorted { $0.lexicographicallyPrecedes($1) }
            notes += gaps(cells, keys: keys, periods: periods, label: label, expected: expected)
        }
        return Frame(label: label, keys: keys, cells: cells, notes: notes)
    }

    /// Halves and years that are not published, summed from their published quarters.
    mutating func rollUp(_ metric: Metric, _ filters: [Filter], _ expr: Expr, _ ctx: Context, periods: [Period],
                         have: [Cell], notes: inout [String]) throws -> [Cell] {
        var out: [Cell] = []
        let present = Set(have.map { MatchKey(key: $0.key, when: $0.when) })
        for p in periods where p.grain == .year || p.grain == .half {
            let parts = p.parts(.quarter)
            let partCtx = ctx.at(parts)
            guard let quarters = try attempt({ try select(metric.name, filters, expr, partCtx) }) else { continue }
            var groups: [[String]: [Cell]] = [:]
            for c in quarters.cells where c.basis == (have.first?.basis ?? c.basis) { groups[c.key, default: []].append(c) }
            var rolled: [[String]] = []
            for (key, cells) in groups.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) where cells.count == parts.count && !present.contains(MatchKey(key: key, when: .at(p))) {
                var q = cells[0].quantity
                for c in cells.dropFirst() {
                    guard let sum = try? UnitRules.add(q, c.quantity, negate: false) else { continue }
                    q = sum
                }
                out.append(Cell(key: key, dimensions: cells[0].dimensions, when: .at(p), basis: cells[0].basis, quantity: q,
                                citations: [Citation](merging: cells.map(\.citations))))
                rolled.append(key)
            }
            guard !rolled.isEmpty else { continue }
            let which = ctx.by.isEmpty && rolled == [[]] ? "" : " for " + rolled.map { $0.joined(separator: "/") }.joined(separator: ", ")
            notes.append("\(p) \(metric.name)\(which) is the sum of its published quarters \(parts.first!)..\(parts.last!)")
        }
        return out
    }

    /// Drops actual cells where a cell of the asked basis exists for the same key and period.
    func preferAskedBasis(_ cells: [Cell]) -> [Cell] {
        let asked = Set(cells.filter { $0.basis != .actual }.map { MatchKey(key: $0.key, when: $0.when) })
        return cells.filter { $0.basis != .actual || !asked.contains(MatchKey(key: $0.key, when: $0.when)) }
    }

    func orderedKeys(_ keys: [String], by: [String]) -> [String] {
        keys.filter { !by.contains($0) } + by.filter { keys.contains($0) }
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

    /// One note for the periods read at another point: `asked → read`.
    func resolutionNote(_ metric: Metric, _ moved: [(asked: Period, read: Period)]) -> String? {
        guard let first = moved.first else { return nil }
        if metric.kind == .stock {
            if moved.count == 1 { return "\(metric.name) is a stock: \(first.asked) means its end, \(first.read) (\(first.read.endDate))" }
            return "\(metric.name) is a stock, read at each period's end: " + moved.map { "\($0.asked) → \($0.read) (\($0.read.endDate))" }.joined(separator: ", ")
        }
        return "\(metric.name) is a flow, read over the period ending at each instant asked for: " + moved.map { "\($0.asked) → \($0.read)" }.joined(separator: ", ")
    }

    /// Orders cells by their key members' declaration order, then by period.
    func sortCells(_ cells: inout [Cell], keys: [String]) {
        let rank: [[String: Int]] = keys.map { k in
            if k == "basis" { return Dictionary(uniqueKeysWithValues: Basis.allCases.enumerated().map { ($1.rawValue, $0) }) }
            return Dictionary(uniqueKeysWithValues: (base.dimensions[k]?.members ?? []).enumerated().map { ($1.name, $0) })
        }
        cells.sort { a, b in
            for (i, r) in rank.enumerated() where a.key[i] != b.key[i] {
                return (r[a.key[i]] ?? Int.max, a.key[i]) < (r[b.key[i]] ?? Int.max, b.key[i])
            }
            return a.when < b.when
        }
    }

    /// Notes for the key × period cells that the fact base lacks.
    /// `expected` adds keys that have no cell at all (a member missing at every period asked for).
    func gaps(_ cells: [Cell], keys: [String], periods: [Period], label: String, expected: [[String]] = []) -> [String] {
        var present = Set<[String]>(), seen: [[String]] = []
        var have = Set<String>()
        for c in cells {
            if present.insert(c.key).inserted { seen.append(c.key) }
            have.insert(c.key.joined(separator: "\u{1}") + "\u{2}" + c.when.description)
        }
        for k in expected where present.insert(k).inserted { seen.append(k) }
        var missing: [String] = []
        for k in seen {
            for p in periods where !have.contains(k.joined(separator: "\u{1}") + "\u{2}" + p.description) {
                let sel = keys.isEmpty ? label : "\(label) {\(zip(keys, k).map { "\($0)=\($1)" }.joined(separator: ", "))}"
                missing.append("\(sel) @ \(p)")
            }
        }
        if missing.isEmpty { return [] }
        let shown = missing.prefix(5).joined(separator: "; ")
        return ["not in the fact base: \(shown)\(missing.count > 5 ? " and \(missing.count - 5) more" : "")"]
    }

    func noData(_ metric: Metric, filters: [Filter], expr: Expr, ctx: Context, bases: Set<String>) -> Diagnostic {
        let all = base.facts(of: metric.name).filter { bases.contains($0.basis.rawValue) }
        let covered = PeriodRanges.describe(Array(Set(all.map(\.period))).sorted())
        let asked = ctx.periods.map { " @ " + PeriodRanges.describe($0) } ?? ""
        var hints: [String] = []
        if covered.isEmpty {
            let other = Set(base.facts(of: metric.name).map(\.basis.rawValue)).sorted()
            hints.append("\(metric.name) has no \(bases.sorted().joined(separator: "/")) facts; bases it has: \(other.joined(separator: ", "))")
        } else {
            hints.append("\(metric.name) has \(bases.sorted().joined(separator: "/")) facts for \(covered)")
        }
        // Published at these periods, but only broken down: there is no total to read.
        let constrained = Set(filters.map(\.dimension) + ctx.by.map(\.name))
        let matching = all.filter { f in
            (ctx.periods?.contains(f.period) ?? true)
                && filters.allSatisfy { flt in flt.dimension == "basis" || flt.values.contains { $0.name == f.value(of: flt.dimension) } }
        }
        let breakdowns = metric.dimensions.filter { d in !constrained.contains(d) && matching.contains { $0.value(of: d) != nil } }
        let hasTotal = matching.contains { f in breakdowns.allSatisfy { f.value(of: $0) == nil } }
        if !hasTotal, let d = breakdowns.first {
            hints.append("\(asked.isEmpty ? "" : "at \(asked.dropFirst(3)), ")\(metric.name) is published only by \(breakdowns.joined(separator: ", ")) (no total): add `by \(d)`, or pick members with {\(d)=…}")
        }
        if !filters.isEmpty || !ctx.by.isEmpty {
            hints.append("`describe \(metric.name)` shows which dimension values each period has")
        }
        return Diagnostic(.noData, "no facts for \(expr.text)\(asked)", at: expr.span, hints: hints)
    }

    /// Expands a `let` definition, refusing cycles.
    mutating func expand(_ name: String, _ body: Expr, _ filters: [Filter], _ expr: Expr, _ ctx: Context) throws -> Frame {
        if let first = filters.first {
            throw Diagnostic(.invalidStatement, "'\(name)' is a definition; filters apply to metrics", at: first.dimensionSpan,
                             hints: ["filter the metrics inside the definition instead"])
        }
        if expanding.contains(name) {
            let chain = (expanding.drop { $0 != name } + [name]).joined(separator: " → ")
            throw Diagnostic(.cyclicDefinition, "'\(name)' refers to itself: \(chain)", at: expr.span,
                             hints: ["a definition must bottom out in metrics"])
        }
        guard expanding.count < Limits.definitionDepth else {
            throw Diagnostic(.limit, "definitions nest more than \(Limits.definitionDepth) deep", at: expr.span)
        }
        let key = Expansion(name, ctx)
        if let done = expanded[key] { return done }
        expanding.append(name)
        defer { expanding.removeLast() }
        let value: Value
        do {
            value = try evaluate(body, ctx)
        } catch var d as Diagnostic {
            if d.isFromDefinition || d.span.map(Evaluator.spans(of: body).contains) == true {
                d.pointAtUse(expr.span, of: name, body: body)
            }
            throw d
        }
        guard case .frame(var f) = value else {
            throw Diagnostic(.wrongArguments, "'\(name)' is a plain number, not a series", at: expr.span)
        }
        f.label = name
        expanded[key] = f
        return f
    }

    /// The places of an expression's nodes, names and filter words: where an error inside a
    /// definition's body may point.
    static func spans(of e: Expr) -> Set<Span> {
        var out: Set<Span> = [e.span]
        switch e.kind {
        case .selector(_, let filters):
            for f in filters { out.insert(f.dimensionSpan); out.formUnion(f.values.map(\.span)) }
        case .binary(_, let l, let r): out.formUnion(spans(of: l)); out.formUnion(spans(of: r))
        case .negate(let o): out.formUnion(spans(of: o))
        case .call(_, let args): for a in args { out.formUnion(spans(of: a)) }
        case .number, .shift: break
        }
        return out
    }
}

/// Writes period lists compactly: `1Q23..1Q24, FY16..FY24`.
enum PeriodRanges {
    static func describe(_ periods: [Period]) -> String {
        var groups: [Period.Grain: [Period]] = [:]
        for p in periods { groups[p.grain, default: []].append(p) }
        var parts: [String] = []
        for grain in [Period.Grain.quarter, .half, .year, .instant] {
            guard let ps = groups[grain]?.sorted(), !ps.isEmpty else { continue }
            // Instants run by quarter-ends or by year-ends; periods by their own grain.
            let steps: [Period.Grain] = grain == .instant ? [.quarter, .year] : [grain]
            var runStart = ps[0], prev = ps[0], step: Period.Grain? = nil
            for p in ps.dropFirst() {
                if let s = steps.first(where: { (step == nil || step == $0) && prev.shifted(by: 1, $0) == p }) {
                    step = s
                    prev = p
                    continue
                }
                parts.append(runStart == prev ? "\(runStart)" : "\(runStart)..\(prev)")
                runStart = p
                prev = p
                step = nil
            }
            parts.append(runStart == prev ? "\(runStart)" : "\(runStart)..\(prev)")
        }
        return parts.joined(separator: ", ")
    }
}

extension FactBase {
    /// Every name an operand may start with: metrics, their aliases, definitions and functions.
    func operandNames(definitions: [String: Expr]) -> [String] {
        metricOrder + Array(aliases.keys) + Array(definitions.keys) + Functions.names
    }
}

extension Diagnostic {
    static let definitionMarker = "from the definition "

    /// Whether the error came from inside a definition and already says which.
    var isFromDefinition: Bool { hints.first?.hasPrefix(Diagnostic.definitionMarker) == true }

    /// Points an error from inside the body of definition `name` at `use`, where the definition
    /// is used. The body was written in an earlier statement, maybe in another source, so a place
    /// inside it means nothing beside the statement being shown. The first hint names the
    /// definition the error came from, then each definition that used it.
    mutating func pointAtUse(_ use: Span, of name: String, body: Expr) {
        if isFromDefinition {
            hints[0] += (hints[0].contains(", used by ") ? ", " : ", used by ") + name
        } else {
            hints.insert(Diagnostic.definitionMarker + "\(name) = \(body.text)", at: 0)
        }
        span = use
    }
}
