/// The one scale each metric is shown at, whatever the query (docs/display.md).
///
/// A metric's display scale, for each kind of unit its facts have, is the coarsest scale any of
/// them is printed at: revenue is printed in ¥ mn, 億円 and ¥ bn, so it shows in ¥ bn. Re-scaling
/// to a coarser scale is exact and only adds decimals — 276,080 ¥ mn is 276.080 ¥ bn, 3,168.3 億円
/// is 316.83 ¥ bn — so every figure keeps the digits it was printed with and none gains a digit
/// it was not printed with. The session's money scale (`.scale`, `--scale`) overrides it for
/// money; `in` overrides both for one query.
enum DisplayScale {
    /// The scale to show each kind of unit at (keyed by the unit at scale 0) for the metrics the
    /// expressions name, through the definitions they use; `money` overrides the metrics' scale for money.
    static func targets(for expressions: [Expr], base: FactBase, definitions: [String: Expr], money: Int?) -> [Unit: Int] {
        var targets: [Unit: Int] = [:]
        for metric in metrics(in: expressions, base: base, definitions: definitions) {
            for (kind, scale) in scales(of: metric, in: base) { targets[kind] = max(targets[kind] ?? scale, scale) }
        }
        if let money { targets[.money(scale: 0)] = money }
        return targets
    }

    /// The coarsest scale of each kind of unit among the facts of `metric` (once per base: it
    /// reads the unit of every fact of the metric).
    static func scales(of metric: String, in base: FactBase) -> [Unit: Int] {
        base.displayScales.value(for: metric) { unscaled(metric, in: base) }
    }

    private static func unscaled(_ metric: String, in base: FactBase) -> [Unit: Int] {
        var scales: [Unit: Int] = [:]
        for unit in base.facts.units(of: metric) {
            guard let s = unit.scale else { continue }
            scales[unit.withScale(0)] = max(scales[unit.withScale(0)] ?? s, s)
        }
        return scales
    }

    /// The metrics named in `expressions`, and in the definitions they use.
    static func metrics(in expressions: [Expr], base: FactBase, definitions: [String: Expr]) -> [String] {
        var found: [String] = [], seen = Set<String>()
        var pending = expressions.flatMap(\.selectorNames)
        while let name = pending.popLast() {
            guard seen.insert(name).inserted else { continue }
            if let body = definitions[name] {
                pending += body.selectorNames
            } else if let metric = base.metric(named: name) {
                found.append(metric.name)
            }
        }
        return found
    }

    /// What `explain` says of the re-scaled cells of `frame`: how many, and the first of them
    /// from its printed unit to the one shown; nil when none was re-scaled.
    static func explanation(_ frame: Frame) -> String? {
        let moved = frame.cells.filter { $0.original != nil && $0.original?.unit != $0.quantity.unit }
        guard let first = moved.first, let from = first.original else { return nil }
        let units = Set(moved.map(\.quantity.unit)).map(\.description).sorted().joined(separator: ", ")
        return "shown in \(units): \(moved.count) figure\(moved.count == 1 ? "" : "s") re-scaled exactly from the unit printed "
            + "(\(frame.address(of: first)): \(CellText.withUnit(from)) → \(CellText.withUnit(first.quantity))); "
            + "a metric shows at the coarsest scale its facts are printed in unless `in` or `.scale` says otherwise\n"
    }

    /// The cell with its value at `scale` of its kind, remembering the value before (see
    /// `Cell.original`); nil when it is already there, has no scale, or cannot be re-scaled.
    static func rescaled(_ cell: Cell, to scale: Int) -> Cell? {
        let q = cell.quantity
        guard let s = q.unit.scale, s != scale, let r = try? UnitRules.rescale(q, to: q.unit.withScale(scale)) else { return nil }
        var c = cell
        c.original = cell.original ?? q
        c.quantity = r
        return c
    }
}

/// Shows every value of a metric at the metric's display scale (or the session's money scale),
/// when the query has no `in`.
struct DisplayScaleStage: QueryStage {
    let query: Query
    /// The session's money scale (`.scale`, `--scale`).
    let money: Int?
    var name: String { "display scale" }

    func apply(to state: inout QueryState) throws {
        let targets = DisplayScale.targets(for: query.expressions, base: state.evaluator.base, definitions: state.evaluator.definitions, money: money)
        guard !targets.isEmpty else { return }
        for (i, q) in state.frame.cells.quantities.enumerated() {
            guard let scale = q.unit.scale, let target = targets[q.unit.withScale(0)], scale != target,
                  let shown = DisplayScale.rescaled(state.frame.cells[i], to: target) else { continue }
            state.frame.cells[i] = shown
        }
    }
}

extension FactStore {
    /// The distinct units the facts of `metric` are printed in.
    func units(of metric: String) -> Set<Unit> {
        var ids = Set<UInt16>(), units = Set<Unit>()
        for i in positions(of: metric) {
            let id = formats[Int(i)].unit
            if id == ValueFormat.wide { units.insert(quantity(at: Int(i)).unit) } else { ids.insert(id) }
        }
        for id in ids { units.insert(unitTable[UInt32(id)]) }
        return units
    }
}
