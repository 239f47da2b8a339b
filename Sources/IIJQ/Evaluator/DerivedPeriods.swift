/// A flow's halves, quarters and years that are not published, derived from those that are: the
/// sum of their parts (1H23 = 1Q23 + 2Q23) or the difference from a whole (2H25 = FY25 − 1H25),
/// on whatever basis is read, each with a note saying how.
struct Derivation {
    /// Periods added.
    var plus: [Period]
    /// Periods subtracted.
    var minus: [Period] = []

    var periods: [Period] { plus + minus }

    /// The ways `p` can be derived, in the order they are tried: sums of parts first.
    static func ways(_ p: Period) -> [Derivation] {
        switch p {
        case .year:
            return [Derivation(plus: p.parts(.quarter)), Derivation(plus: p.parts(.half))]
        case .half(let y, let h):
            return [Derivation(plus: p.parts(.quarter)), Derivation(plus: [.year(y)], minus: [.half(y, 3 - h)]),
                    Derivation(plus: [.year(y)], minus: Period.half(y, 3 - h).parts(.quarter))]
        case .quarter(let y, let q):
            let half = Period.half(y, (q + 1) / 2)
            let sibling = Period.quarter(y, q % 2 == 1 ? q + 1 : q - 1)
            return [Derivation(plus: [half], minus: [sibling]),
                    Derivation(plus: [.year(y)], minus: Period.year(y).parts(.quarter).filter { $0 != p })]
        case .instant, .span, .onward, .undated:
            return []
        }
    }

    /// How a note states it: `the sum of its published quarters 1Q23..2Q23`, `FY25 − 1H25`.
    func explanation(of p: Period) -> String {
        if minus.isEmpty {
            let grain = plus[0].grain == .quarter ? "quarters" : "halves"
            return "the sum of its published \(grain) \(plus.first!)..\(plus.last!)"
        }
        return (plus + minus).map(\.description).enumerated().map { $0 == 0 ? $1 : ($0 < plus.count ? " + " : " − ") + $1 }.joined()
            + " (derived by difference)"
    }
}

extension Evaluator {
    /// Cells for the periods asked for that have none, derived where every period a derivation
    /// needs is published for the row, on one basis.
    /// `expected` holds the rows the selector has at any period: a period is derived only while one lacks it.
    mutating func derive(_ metric: Metric, _ filters: [Filter], _ expr: Expr, _ ctx: Context, periods: [Period],
                         have: Cells, expected: [[String]], notes: inout [String]) throws -> [Cell] {
        var out: [Cell] = []
        var present = Coverage(have, periods: periods, expected: expected)
        for p in periods {
            for way in Derivation.ways(p) where !present.isComplete(at: p) {
                var partCtx = ctx.at(way.periods)
                partCtx.derivesPeriods = false
                guard let parts = try attempt({ try select(metric.name, filters, expr, partCtx) }) else { continue }
                var groups: [[String]: [Period: Cell]] = [:], order: [[String]] = []
                for c in parts.cells {
                    guard case .at(let q) = c.when else { continue }
                    if groups[c.key] == nil { order.append(c.key) }
                    groups[c.key, default: [:]][q] = c
                }
                var derived: [[String]] = []
                for key in order where !present.contains(key, p) {
                    let found = way.periods.compactMap { groups[key]![$0] }
                    guard found.count == way.periods.count, Set(found.map(\.basis)).count == 1 else { continue }
                    let q = try unitChecked(at: expr.span) {
                        let total = try Aggregate.total(found.prefix(way.plus.count).map(\.quantity))
                        return try found.dropFirst(way.plus.count).reduce(total) { try UnitRules.add($0, $1.quantity, negate: true) }
                    }
                    out.append(Cell(key: key, dimensions: found[0].dimensions, when: .at(p), basis: found[0].basis, quantity: q,
                                    sources: CitationSources(merging: found.map(\.sources)), derivation: "\(p) is \(way.explanation(of: p))"))
                    present.insert(key, p)
                    derived.append(key)
                }
                guard !derived.isEmpty else { continue }
                let which = ctx.by.isEmpty && derived == [[]] ? "" : " for " + derived.map { $0.joined(separator: "/") }.joined(separator: ", ")
                notes.append("\(p) \(metric.name)\(which) is \(way.explanation(of: p))")
            }
        }
        return out
    }
}
