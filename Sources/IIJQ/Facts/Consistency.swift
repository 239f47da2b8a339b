/// Arithmetic checks over the fact base: parts against totals, quarters against years.
public enum SumCheck {
    /// Half a unit of the last printed digit, in the unit's base scale.
    static func halfResolution(_ q: Quantity) -> Dec {
        FactLoader.resolution(q).multiplying(Dec(5, scale: 1)) ?? .zero
    }

    /// Compares `parts` with `total` within the rounding of every printed figure; a message when they differ.
    static func compare(_ parts: [Fact], _ total: Fact, what: String) -> String? {
        let base = total.quantity.unit.withScale(0)
        var sumLow = Dec.zero, sumHigh = Dec.zero, tolerance = halfResolution(total.quantity)
        for p in parts {
            guard p.quantity.unit.isCommensurable(with: total.quantity.unit),
                  let q = try? UnitRules.rescale(p.quantity, to: base) else { return nil }
            sumLow = sumLow.adding(q.low) ?? sumLow
            sumHigh = sumHigh.adding(q.high) ?? sumHigh
            tolerance = tolerance.adding(halfResolution(p.quantity)) ?? tolerance
        }
        guard let t = try? UnitRules.rescale(total.quantity, to: base) else { return nil }
        let dLow = sumLow.subtracting(t.low)?.magnitude ?? .zero, dHigh = sumHigh.subtracting(t.high)?.magnitude ?? .zero
        guard dLow > tolerance || dHigh > tolerance else { return nil }
        let cite = total.citations[0]
        return "\(total.metric)\(describe(total.dimensions)) @ \(total.period) [\(total.basis.rawValue)]: \(what) sum to \(sumLow) but the total is \(t.low) (\(base)), off by \(dLow) — \(cite.file):\(cite.line), \(cite.slide)"
    }

    static func describe(_ dims: [DimensionValue]) -> String {
        dims.isEmpty ? "" : "{" + dims.map { "\($0.dimension)=\($0.value)" }.joined(separator: ", ") + "}"
    }

    /// Every total whose additive breakdown is fully published, checked against the sum of its parts.
    public static func partsVersusTotals(_ base: FactBase) -> [String] {
        var failures: [String] = []
        for fact in base.facts {
            guard let metric = base.metrics[fact.metric] else { continue }
            for d in metric.dimensions where fact.value(of: d) == nil {
                guard let dim = base.dimensions[d], dim.additive else { continue }
                var members = dim.members
                if let parent = dim.parent, metric.dimensions.contains(parent) {
                    guard let pv = fact.value(of: parent) else { continue }
                    members = members.filter { $0.parent == pv }
                }
                guard !members.isEmpty else { continue }
                var parts: [Fact] = []
                for m in members {
                    let dims = (fact.dimensions + [DimensionValue(dimension: d, value: m.name)]).sorted()
                    guard let i = base.facts.index(metric: fact.metric, dimensions: dims, period: fact.period, basis: fact.basis) else { break }
                    parts.append(base.facts[i])
                }
                guard parts.count == members.count else { continue }
                if let failure = compare(parts, fact, what: "its \(d) parts") { failures.append(failure) }
            }
        }
        return failures
    }

    /// Every published year or half of a flow whose quarters are all published, checked against their sum.
    public static func quartersVersusYears(_ base: FactBase) -> [String] {
        var failures: [String] = []
        for fact in base.facts where fact.period.grain == .year || fact.period.grain == .half {
            guard base.metrics[fact.metric]?.kind == .flow else { continue }
            let quarters = fact.period.parts(.quarter).compactMap {
                base.facts.index(metric: fact.metric, dimensions: fact.dimensions, period: $0, basis: fact.basis).map { base.facts[$0] }
            }
            guard quarters.count == fact.period.parts(.quarter).count else { continue }
            if let failure = compare(quarters, fact, what: "its quarters") { failures.append(failure) }
        }
        return failures
    }
}

extension Quantity {
    /// The same quantity at another scale of its unit (72,016 ¥ mn → 72.016 ¥ bn), exactly.
    public func converted(to unit: Unit) throws -> Quantity { try UnitRules.rescale(self, to: unit) }
}

