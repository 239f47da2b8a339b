/// `| where value > 10 bn`, `| where yoy >= 5%`: keeps the cells whose subject satisfies a
/// unit-checked condition. The subject is the value itself or a function of it (`yoy`, `diff`,
/// `share`, … — the built-ins that apply to a result), computed on the cells this stage is given.
struct WhereStage: QueryStage {
    let condition: Condition
    var name: String { "where" }

    func apply(to state: inout QueryState) throws {
        let frame = state.frame
        let subject: Cells
        if condition.subject == "value" {
            subject = frame.cells
        } else if let builtin = Builtins.named(condition.subject), let onFrame = builtin.onFrame {
            // Each expression's own cells, through the function applied to that expression; of
            // several expressions, one whose subject is not in the fact base leaves its cells untested.
            subject = try Cells(state.expressions.flatMap { (expr: Expr) -> [Cell] in
                let part = frame.hasExpressionKey ? frame.part(expr.text) : frame
                let call = Call(name: builtin.name, arguments: [expr], expr: Expr(kind: .call(name: builtin.name, arguments: [expr]), span: condition.subjectSpan),
                                ctx: state.context)
                let computed: Frame
                do { computed = try onFrame(&state.evaluator, part, call) } catch let d as Diagnostic where d.reason == .noData && frame.hasExpressionKey { return [] }
                return computed.cells.map { c in
                    var k = c
                    if frame.hasExpressionKey { k.key.insert(expr.text, at: 0) }
                    return k
                }
            })
        } else {
            subject = []
        }
        let aligned = Alignment(frame.cells, keys: frame.keys, with: subject, keys: frame.keys)
        var kept: Cells = [], dropped = 0, undecided: [String] = []
        for (c, s) in aligned.pairs {
            switch try verdict(s.quantity) {
            case true?: kept.append(c)
            case false?: dropped += 1
            case nil: undecided.append("\(frame.address(of: c)) = \(CellText.withUnit(c.quantity))")
            }
        }
        let untested = aligned.unmatchedLeft.count
        state.frame.cells = kept
        let test = "where \(condition.subject) \(condition.comparison.rawValue) \(condition.literal.text)"
        if dropped > 0 { state.frame.notes.append("\(test): \(Messages.count(dropped, "cell")) left out") }
        if !undecided.isEmpty {
            state.frame.notes.append("\(test): left out, as a range or bound that holds for part of it only: " + Messages.list(undecided))
        }
        if untested > 0 { state.frame.notes.append("where: \(Messages.count(untested, "cell")) without a \(condition.subject) left out") }
    }

    /// Whether the condition holds for every value a cell stands for (true), for none (false), or
    /// for some only (nil): a range is each value between its ends, a bound ("over 400") each value
    /// on its open side.
    func verdict(_ q: Quantity) throws -> Bool? {
        if q.bound == .exact, !q.isRange { return try holds(q.low, q) }
        // The condition is monotonic in the value, or an (in)equality: its ends decide it.
        let low = q.bound.isUpper ? nil : try holds(q.low, q, open: q.bound == .over ? 1 : 0)
        let high = q.bound.isLower ? nil : try holds(q.high, q, open: q.bound == .under ? -1 : 0)
        switch condition.comparison {
        case .greater, .greaterOrEqual: return low == true ? true : high == false ? false : nil
        case .less, .lessOrEqual: return high == true ? true : low == false ? false : nil
        // Whether a range or bound equals a number cannot be told from its ends.
        case .equal, .notEqual: return nil
        }
    }

    /// Compares one end `d` of a value in `q`'s unit with the literal, converting scales; a unit
    /// that differs is an error. `open` is the side a bound's own number is excluded towards.
    func holds(_ d: Dec, _ quantity: Quantity, open: Int = 0) throws -> Bool {
        var q = quantity
        q.low = d
        q.high = d
        q.bound = .exact
        let literal = condition.literal
        let unit = literal.unit ?? q.unit
        if literal.unit == nil, q.unit != .number, !literal.value.isZero {
            throw Diagnostic(.unitMismatch, "\(literal.value.formatted()) has no unit, and \(condition.subject) is in \(q.unit)", at: literal.span,
                             hints: ["write the unit: \(example(for: q.unit))"])
        }
        // Values in one unit, or in scales of one (¥ and ¥ bn), compare exactly as decimals, each
        // shifted by its unit's power of ten: never rescaled into overflow, never rounded.
        let exponents: (Int, Int)? = q.unit == unit ? (0, 0)
            : q.unit.isCommensurable(with: unit) ? q.unit.scale.flatMap { a in unit.scale.map { (a, $0) } } : nil
        var sign: Int
        if let (ea, eb) = exponents {
            let top = max(ea, eb)
            let x = Dec(q.low.significand, scale: q.low.scale + top - ea), y = Dec(literal.value.significand, scale: literal.value.scale + top - eb)
            sign = x == y ? 0 : x < y ? -1 : 1
        } else {
            let other = Quantity(literal.value, unit)
            let difference: Quantity
            do {
                difference = try UnitRules.add(q, other, negate: true)
            } catch let e as UnitError where e.reason == .unitMismatch {
                throw Diagnostic(.unitMismatch, "cannot compare \(condition.subject) in \(q.unit) with \(other.unit.readable)", at: literal.span,
                                 hints: ["\(condition.subject) is in \(q.unit): write, for example, \(example(for: q.unit))"])
            } catch let e as UnitError {
                throw e.diagnostic(at: literal.span)
            }
            sign = difference.low.isZero ? 0 : difference.low.isNegative ? -1 : 1
        }
        // "over 400" is never 400 itself: at its number it is just above (or, "less than", below).
        if sign == 0, open != 0 { sign = open }
        switch condition.comparison {
        case .greater: return sign > 0
        case .greaterOrEqual: return sign >= 0
        case .less: return sign < 0
        case .lessOrEqual: return sign <= 0
        case .equal: return sign == 0
        case .notEqual: return sign != 0
        }
    }

    func example(for unit: Unit) -> String {
        switch unit {
        case .money: "10 bn, 500 mn or 300 億円"
        case .percent: "5%"
        case .pp: "1 pp"
        case .count(let name, let s): "1,000 \(s == 3 ? "thousand " : s == 6 ? "million " : "")\(name)"
        case .price(let per, _): "an amount of yen per \(per), as in 500 yen or 2 mn"
        case .number: "a plain number"
        }
    }
}

/// `| sort [asc|desc]`: rows ordered by their value in the last period they have.
struct SortStage: QueryStage {
    let descending: Bool
    var name: String { "sort" }

    func apply(to state: inout QueryState) throws {
        let pivot = Pivot(state.frame)
        var rank: [[String]: Int] = [:]
        let order = pivot.rowLabels.indices.sorted { i, j in
            let a = pivot.values[i].last { $0 != nil } ?? nil, b = pivot.values[j].last { $0 != nil } ?? nil
            guard let a, let b else { return a != nil }
            let x = (try? UnitRules.rescale(a, to: a.unit.withScale(0)).low) ?? a.low
            let y = (try? UnitRules.rescale(b, to: b.unit.withScale(0)).low) ?? b.low
            return descending ? x > y : x < y
        }
        for (r, i) in order.enumerated() { rank[pivot.rowLabels[i]] = r }
        let f = state.frame
        state.frame.cells.sort { (rank[f.row(of: $0)] ?? 0, $0.when) < (rank[f.row(of: $1)] ?? 0, $1.when) }
        if pivot.rowLabels.count == 1, pivot.columns.count > 1 {
            state.frame.notes.append("sort orders rows, and this result is one row over \(pivot.columns.count) periods: "
                                     + "to rank the periods, make them rows with `by period` (… by period | sort\(descending ? " desc" : ""))")
        }
    }
}

/// `| top N`: the first N rows.
struct TopStage: QueryStage {
    let count: Int
    /// Whether a `sort` comes before it: otherwise the rows are in declared order, and a note says so.
    let afterSort: Bool
    var name: String { "top" }

    func apply(to state: inout QueryState) throws {
        let f = state.frame
        var seen = Set<[String]>(), order: [[String]] = []
        for c in f.cells where seen.insert(f.row(of: c)).inserted && order.count < count { order.append(f.row(of: c)) }
        let allowed = Set(order)
        state.frame.cells = f.cells.filter { allowed.contains(f.row(of: $0)) }
        if seen.count > count {
            state.frame.notes.append("top \(count): \(Messages.count(seen.count - count, "more row")) left out"
                                     + (afterSort ? "" : "; these are the first in declared order, not the largest: `| sort desc | top \(count)` takes those"))
        }
    }
}
