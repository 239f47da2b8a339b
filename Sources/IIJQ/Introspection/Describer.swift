/// `describe NAME`: what a metric is, how it breaks down, which periods and sources it has.
struct Describer {
    let base: FactBase

    func describe(_ name: String, at span: Span, definitions: [String: Expr]) throws -> String {
        if let body = definitions[name] { return "\(name) = \(body.text)   (a definition)\n" }
        guard let metric = base.metric(named: name) else {
            throw Diagnostic(.unknownMetric, "unknown metric '\(name)'", at: span,
                             hints: Suggest.hint(for: name, in: base.metricOrder + Array(base.aliases.keys)) + ["`metrics` lists what the fact base holds"])
        }
        let facts = base.facts(of: metric.name)
        var out = "\(metric.name) — \(metric.description)\n"
        if !metric.aliases.isEmpty { out += "  Japanese:   \(metric.aliases.joined(separator: ", "))\n" }
        out += "  kind:       \(metric.kind.rawValue) (\(kindExplanation(metric.kind)))\n"
        var units: [String] = []
        for f in facts where !units.contains(f.quantity.unit.description) { units.append(f.quantity.unit.description) }
        out += "  unit:       \(units.isEmpty ? "–" : units.joined(separator: ", "))\n"
        out += "  facts:      \(facts.count)\n"
        let bases = Basis.allCases.filter { b in facts.contains { $0.basis == b } }
        out += "  bases:      \(bases.map(\.rawValue).joined(separator: ", "))\n"
        for b in bases {
            let periods = Array(Set(facts.filter { $0.basis == b }.map(\.period))).sorted()
            out += "  periods (\(b.rawValue)): \(PeriodRanges.describe(periods))\n"
        }
        if metric.dimensions.isEmpty {
            out += "  dimensions: none\n"
        } else {
            out += "  dimensions:\n"
            for d in metric.dimensions {
                guard let dim = base.dimensions[d] else { continue }
                let used = base.members(of: d, for: metric.name)
                let ja = dim.japanese.map { " (\($0))" } ?? ""
                out += "    \(d)\(ja) — \(dim.description)\(dim.parent.map { ", nested in \($0)" } ?? "")\n"
                for m in used {
                    let member = dim.member(m)!
                    out += "      \(m)\(member.japanese.map { "  \($0)" } ?? "")  — \(member.description)\n"
                }
            }
        }
        var slides: [String] = []
        for f in facts { for c in f.citations where !slides.contains("\(c.document): \(c.slide)") { slides.append("\(c.document): \(c.slide)") } }
        out += "  sources:\n" + slides.map { "    \($0)\n" }.joined()
        return out
    }

    func kindExplanation(_ kind: MetricKind) -> String {
        switch kind {
        case .flow: "sums over time"
        case .stock: "measured at instants; not summed over time"
        case .rate: "a ratio or price; not summed"
        }
    }

    /// Every metric with its kind, units, number of facts and the periods its actual facts cover.
    func catalog() -> String {
        var rows: [[String]] = [["metric", "kind", "unit", "facts", "periods (actual)"]]
        for name in base.metricOrder {
            guard let metric = base.metrics[name] else { continue }
            let facts = base.facts(of: name)
            var units: [String] = []
            for f in facts where !units.contains(f.quantity.unit.description) { units.append(f.quantity.unit.description) }
            let periods = PeriodRanges.describe(Array(Set(facts.filter { $0.basis == .actual }.map(\.period))).sorted())
            rows.append([name, metric.kind.rawValue, units.joined(separator: ", "), String(facts.count), periods.isEmpty ? "–" : periods])
        }
        return TextGrid.render(rows, rightAligned: [false, false, false, true]) + "\(base.metricOrder.count) metrics, \(base.facts.count) facts\n"
    }
}
