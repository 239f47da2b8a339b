/// `describe NAME`: what a metric, definition, dimension or function is, and how to ask for it.
struct Describer {
    let base: FactBase

    func describe(_ name: String, at span: Span, definitions: [String: Expr]) throws -> String {
        if let d = base.definition(named: name) { return describe(d) }
        if let body = definitions[name] { return "\(name) = \(body.text)   (a definition)\n" }
        if let metric = base.metric(named: name) { return describe(metric) }
        if let dimension = base.dimensions[name] { return describe(dimension) }
        if let function = Builtins.named(name) { return describe(function) }
        if let topic = base.topics.first(where: { $0.name == name }) {
            return Catalog(base: base).metrics(topic: topic.name)
        }
        if let retired = RetiredNames.diagnostic(name, at: span) { throw retired }
        let known = base.operandNames(definitions: definitions) + base.dimensionOrder
        throw Diagnostic(.unknownMetric, "nothing called '\(name)' to describe", at: span,
                         hints: Suggest.hint(for: name, in: known) + ["describe takes a metric, dimension or function; `metrics` lists the metrics"])
    }

    /// Labelled lines: the label in a column of its own, continuation lines indented under the text.
    struct Sheet {
        var out = ""
        static let indent = 14

        mutating func add(_ label: String, _ lines: [String]) {
            for (i, line) in lines.enumerated() {
                let head = i == 0 ? "  " + label : ""
                out += head + String(repeating: " ", count: max(1, Self.indent - head.count)) + line + "\n"
            }
        }

        mutating func add(_ label: String, _ line: String) { add(label, [line]) }
    }

    func describe(_ metric: Metric) -> String {
        let facts = base.facts(of: metric.name)
        var sheet = Sheet(out: "\(metric.name) — \(metric.description)\n")
        if let topic = metric.topic.flatMap({ t in base.topics.first { $0.name == t } }) {
            sheet.add("topic", "\(topic.name): \(topic.title)")
        }
        if !metric.aliases.isEmpty { sheet.add("Japanese", metric.aliases.joined(separator: ", ")) }
        sheet.add("kind", "\(metric.kind.rawValue): \(Self.explanation(of: metric.kind))")
        let units = Self.units(of: facts)
        // Several scales of one kind show at the coarsest (docs/display.md).
        let shown = DisplayScale.scales(of: metric.name, in: base).map { $0.withScale($1).description }.sorted()
        let display = shown.count == 1 && units.count > 1 ? " (as printed; shown in \(shown[0]), the coarsest, exactly)" : " (as printed; scales convert exactly)"
        sheet.add("unit", units.isEmpty ? "–" : units.joined(separator: ", ") + (units.count > 1 ? display : ""))
        let bases = Basis.allCases.filter { b in facts.contains { $0.basis == b } }
        sheet.add("periods", bases.map { b in
            let ofBasis = facts.filter { $0.basis == b }
            return "\(b.rawValue): \(PeriodRanges.describe(Array(Set(ofBasis.map(\.period))).sorted()))  (\(ofBasis.count) fact\(ofBasis.count == 1 ? "" : "s"))"
        })
        let model = Self.model(of: metric, in: base)
        if !model.isEmpty { sheet.add("model", model) }
        if let sign = metric.sign { sheet.add("sign", Self.explanation(of: sign)) }
        if metric.bases != [.actual] { sheet.add("bases", metric.bases.map { "\($0.rawValue): \(Self.meaning(of: $0))" }) }
        if metric.dimensions.isEmpty {
            sheet.add("dimensions", "none: one figure per period")
        } else {
            var lines: [String] = []
            for d in metric.dimensions {
                guard let dim = base.dimensions[d] else { continue }
                lines.append(Self.heading(of: dim))
                let rows = base.members(of: d, for: metric.name).compactMap { dim.member($0) }.map { m in
                    ["  " + m.name, m.japanese ?? "", m.description + Self.within(m), Self.periods(of: facts.filter { $0.value(of: d) == m.name })]
                }
                lines += TextGrid.render(rows).split(separator: "\n").map(String.init)
            }
            sheet.add("dimensions", lines)
        }
        sheet.add("sources", sources(of: facts))
        sheet.add("try", examples(for: metric))
        return sheet.out
    }

    func describe(_ dimension: Dimension) -> String {
        var sheet = Sheet(out: Self.heading(of: dimension) + "\n")
        let rows = dimension.members.map { ["  " + $0.name, $0.japanese ?? "", $0.description + ($0.parent.map { " (in \($0))" } ?? "") + Self.within($0)] }
        sheet.add("members", rows.isEmpty ? ["none declared"] : TextGrid.render(rows).split(separator: "\n").map { String($0.dropFirst(2)) })
        if let target = dimension.alternateOf {
            sheet.add("totals", ["an alternate breakdown of \(target): its members cut across the \(target) hierarchy, each",
                                 "within the members named, so they are never added to \(target)'s members, and they",
                                 "need not add up to the total (the hierarchy's other members make up the rest)"])
        } else if dimension.additive {
            sheet.add("totals", "members add up to the \"all\" total, which the tests check")
        } else {
            sheet.add("totals", "members overlap: they need not add up to the total")
        }
        let children = base.dimensionOrder.filter { base.dimensions[$0]?.parent == dimension.name }
        if !children.isEmpty { sheet.add("nested", children.map { "\($0) nests in \(dimension.name)" }) }
        let users = base.metricOrder.filter { base.metrics[$0]?.dimensions.contains(dimension.name) == true }
        sheet.add("used by", users.isEmpty ? "no metric" : users.joined(separator: ", "))
        for metric in users {
            guard let period = base.facts(of: metric).filter({ $0.basis == .actual && $0.value(of: dimension.name) != nil }).map(\.period).max(),
                  let (selector, _) = shape(of: metric, at: period, dimensions: [dimension.name], by: dimension.name) else { continue }
            sheet.add("try", "\(selector) @ \(period) by \(dimension.name)")
            break
        }
        return sheet.out
    }

    /// A definition of the fact base: what it computes, from what, and where IIJ prints it.
    func describe(_ d: BuiltInDefinition) -> String {
        var sheet = Sheet(out: "\(d.name) — \(d.description)\n")
        if let topic = d.topic.flatMap({ t in base.topics.first { $0.name == t } }) { sheet.add("topic", "\(topic.name): \(topic.title)") }
        if !d.aliases.isEmpty { sheet.add("Japanese", d.aliases.joined(separator: ", ")) }
        sheet.add("defined as", d.body)
        sheet.add("kind", "derived: computed from the facts at every period they cover, never stored")
        let printed = base.printed.filter { $0.query.contains(d.name) }
        if !printed.isEmpty {
            sheet.add("printed", printed.map { "\($0.query) == \($0.expected.low) \($0.expected.unit)   (\($0.citation.slide))" })
        }
        sheet.add("declared", "\(d.declaredAt.file):\(d.declaredAt.line)")
        let tries = base.periods(forDefinition: d).suffix(1).map { "\(d.name) @ \($0)" }.filter(runs)
        if !tries.isEmpty { sheet.add("try", tries) }
        return sheet.out
    }

    /// Where a metric sits in the model: the hierarchy of its dimensions and the alternate
    /// breakdowns beside it.
    static func model(of metric: Metric, in base: FactBase) -> [String] {
        let dims = metric.dimensions.compactMap { base.dimensions[$0] }
        let alternates = dims.filter { $0.alternateOf != nil }
        guard !alternates.isEmpty else { return [] }
        func chain(_ d: Dimension) -> String { (base.parents(ofDimension: d.name).reversed() + [d.name]).joined(separator: " → ") }
        let hierarchy = dims.filter { d in d.alternateOf == nil && !dims.contains { $0.parent == d.name }
            && !alternates.contains { a in chain(d).contains(a.name) } }
        var lines = hierarchy.map { "hierarchy: \(chain($0))  (parts add up to their total)" }
        for a in alternates {
            let nested = dims.filter { $0.parent == a.name }.map(\.name)
            lines.append("alternate breakdown: \(a.name)\(nested.isEmpty ? "" : " → " + nested.joined(separator: ", ")), across \(a.alternateOf!); each member lies within:")
            for m in a.members where !m.within.isEmpty { lines.append("  \(m.name) ⊂ \(m.within.joined(separator: " + "))") }
        }
        return lines
    }

    /// " (within a, b)" for a member of an alternate breakdown.
    static func within(_ m: Member) -> String {
        m.within.isEmpty ? "" : " (within \(m.within.joined(separator: ", ")))"
    }

    static func explanation(of sign: SignClass) -> String {
        switch sign {
        case .nonnegative: "never negative (revenue, a cost or expense, a count or balance is shown positive)"
        case .signed: "either sign: a loss, an outflow or a reduction of profit is negative"
        }
    }

    /// What a basis means: one definition, shared by `describe` and docs/fact-format.md.
    static func meaning(of basis: Basis) -> String {
        switch basis {
        case .actual: "the reported result"
        case .target: "IIJ's current target for the period: the fiscal year's results targets (業績目標), or a KPI the slides call a target"
        case .previous_target: "the target as published before its latest revision (May 2024 for the FY24 targets)"
        case .plan: "a figure of a plan: the mid-term plan (FY24–FY26), the annual business plan (000's 計画), the FY24 plan premises, a construction or allocation plan"
        case .forecast: "an expected figure the document calls a forecast or projection: IIJ's dividend forecast, NTT Docomo's projected charges, a project's expected revenue"
        case .vision: "the mid-to-long-term vision: a scale IIJ presents as an assumed image, with no target year (its figures are undated)"
        }
    }

    func describe(_ function: Builtin) -> String {
        var sheet = Sheet(out: "\(function.signature) — \(function.summary)\n")
        sheet.add("try", function.example)
        sheet.add("more", "`functions` lists every function; .help functions explains them")
        return sheet.out
    }

    /// Each basis's periods in `facts`, compactly: `actual 1Q23..1Q24, FY23; target FY24`.
    static func periods(of facts: [Fact]) -> String {
        Basis.allCases.compactMap { b in
            let ps = Set(facts.filter { $0.basis == b }.map(\.period))
            return ps.isEmpty ? nil : "\(b.rawValue) \(PeriodRanges.describe(ps.sorted()))"
        }.joined(separator: "; ")
    }

    static func heading(of dimension: Dimension) -> String {
        dimension.name + (dimension.japanese.map { " (\($0))" } ?? "") + " — " + dimension.description
            + (dimension.parent.map { ", nested in \($0)" } ?? "")
    }

    static func explanation(of kind: MetricKind) -> String {
        switch kind {
        case .flow: "measured over periods and summed over time; at a quarter's end it is read over that quarter"
        case .stock: "measured at instants, never summed over time; over a quarter it is read at the quarter's end"
        case .rate: "a ratio or price; never summed"
        }
    }

    static func units(of facts: [Fact]) -> [String] {
        var units: [String] = []
        for f in facts {
            let unit = f.quantity.unit.description.isEmpty ? "a plain number" : f.quantity.unit.description
            if !units.contains(unit) { units.append(unit) }
        }
        return units
    }

    /// The slides behind `facts`, grouped by document, with how many facts each holds.
    func sources(of facts: [Fact]) -> [String] {
        var counts: [Citation.Slide: Int] = [:]
        var order: [Citation.Slide] = []
        for f in facts {
            for slide in Set(f.citations.map(\.slideKey)) {
                if counts[slide] == nil { order.append(slide) }
                counts[slide, default: 0] += 1
            }
        }
        var lines: [String] = []
        for document in base.documents {
            let slides = order.filter { $0.document == document.file }.sorted { $0.slide < $1.slide }
            guard !slides.isEmpty else { continue }
            lines.append("\(document.id) \(document.title)")
            let rows = slides.map { ["  " + $0.slide, "\(counts[$0]!) fact\(counts[$0]! == 1 ? "" : "s")"] }
            lines += TextGrid.render(rows, rightAligned: [false, true]).split(separator: "\n").map(String.init)
        }
        return lines
    }

    /// Queries worth trying on `metric`, built from its own periods, dimensions and bases; each one
    /// is run before it is suggested, so every suggestion works.
    func examples(for metric: Metric) -> [String] {
        let facts = base.facts(of: metric.name)
        let actual = Array(Set(facts.filter { $0.basis == .actual }.map(\.period))).sorted()
        guard let latest = actual.max() else {
            guard let fact = facts.max(by: { $0.period < $1.period }) else { return [] }
            let query = "\(Self.selector(metric.name, fact.dimensions, basis: fact.basis)) @ \(fact.period)"
            return runs(query) ? [query] : []
        }
        guard let (selector, by) = shape(of: metric.name, at: latest, dimensions: metric.dimensions) else { return [] }
        let breakdown = by.map { " by \($0)" } ?? ""
        var out = ["\(selector) @ \(latest)\(breakdown)"]
        let sameGrain = actual.filter { $0.grain == latest.grain }
        if sameGrain.count >= 2 { out.append("\(selector) @ \(sameGrain[max(0, sameGrain.count - 5)])..\(latest)\(breakdown)") }
        if metric.kind != .rate { out.append("yoy(\(selector)) @ \(latest)\(breakdown)") }
        if let target = Basis.allCases.first(where: { b in b != .actual && facts.contains { $0.basis == b && actual.contains($0.period) } }),
           let p = actual.last(where: { p in facts.contains { $0.basis == target && $0.period == p } }) {
            out.append("\(selector) @ \(p) vs \(target.rawValue)")
        }
        out.append("\(selector) @ \(latest)\(breakdown) | cite")
        out.append("\(selector) @ latest - 1y..latest\(breakdown)")
        return [out[0]] + out.dropFirst().filter(runs)  // the first ran in shape(of:)
    }

    /// A selector and breakdown that has facts at `period`: the metric by one of its dimensions, the
    /// metric's total, or the members of one published fact.
    /// With `by`, only breakdowns by that dimension.
    func shape(of metric: String, at period: Period, dimensions: [String], by required: String? = nil) -> (String, String?)? {
        var candidates: [(String, String?)] = dimensions.map { (metric, $0) } + [(metric, nil)]
        for fact in base.facts(of: metric) where fact.period == period && fact.basis == .actual {
            for d in dimensions where fact.value(of: d) != nil {
                candidates.append((Self.selector(metric, fact.dimensions.filter { $0.dimension != d }, basis: .actual), d))
            }
            candidates.append((Self.selector(metric, fact.dimensions, basis: .actual), nil))
        }
        return candidates.first { candidate in
            (required == nil || candidate.1 == required) && runs("\(candidate.0) @ \(period)\(candidate.1.map { " by \($0)" } ?? "")")
        }
    }

    static func selector(_ metric: String, _ members: [DimensionValue], basis: Basis) -> String {
        var filters = members.map { "\($0.dimension)=\($0.value)" }
        if basis != .actual { filters.append("basis=\(basis.rawValue)") }
        return filters.isEmpty ? metric : "\(metric){\(filters.joined(separator: ", "))}"
    }

    /// Whether `query` runs without an error.
    func runs(_ query: String) -> Bool {
        var session = Session(base: base)
        return session.run(Source(name: "", text: query)).allSatisfy { if case .failure = $0 { false } else { true } }
    }
}
