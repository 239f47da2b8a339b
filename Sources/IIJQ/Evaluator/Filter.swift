/// `| where value > 10 bn`: keeps the cells whose subject satisfies a unit-checked condition.
extension Evaluator {
    mutating func filter(_ frame: Frame, _ condition: Condition, _ expr: Expr, _ ctx: Context) throws -> Frame {
        // The subject: the cells themselves, or a function of the query's expression at the same cells.
        var subject: [MatchKey: Quantity] = [:]
        if condition.subject == "value" {
            for c in frame.cells { subject[MatchKey(key: c.key, when: c.when)] = c.quantity }
        } else {
            let call = Expr(kind: .call(name: condition.subject, arguments: [expr]), span: condition.subjectSpan)
            for c in try self.frame(call, ctx, for: condition.subject).cells { subject[MatchKey(key: c.key, when: c.when)] = c.quantity }
        }
        var kept: [Cell] = [], dropped = 0, untested = 0
        for c in frame.cells {
            guard let q = subject[MatchKey(key: c.key, when: c.when)] else { untested += 1; continue }
            if try holds(q, condition) { kept.append(c) } else { dropped += 1 }
        }
        var f = frame
        f.cells = kept
        let literal = condition.literal
        if dropped > 0 { f.notes.append("where \(condition.subject) \(condition.comparison.rawValue) \(literal.text): \(dropped) cell\(dropped == 1 ? "" : "s") left out") }
        if untested > 0 { f.notes.append("where: \(untested) cell\(untested == 1 ? "" : "s") without a \(condition.subject) left out") }
        return f
    }

    /// Compares a value with the literal, converting scales; a unit that differs is an error.
    func holds(_ q: Quantity, _ condition: Condition) throws -> Bool {
        let literal = condition.literal
        let unit = literal.unit ?? q.unit
        if literal.unit == nil, q.unit != .number, !literal.value.isZero {
            throw Diagnostic(.unitMismatch, "\(literal.value.formatted()) has no unit, and \(condition.subject) is in \(q.unit)", at: literal.span,
                             hints: ["write the unit: \(example(for: q.unit))"])
        }
        let other = Quantity(literal.value, unit)
        let difference: Quantity
        do {
            difference = try UnitRules.add(q, other, negate: true)
        } catch let e as UnitError where e.reason == .unitMismatch {
            throw Diagnostic(.unitMismatch, "cannot compare \(condition.subject) in \(q.unit) with \(other.unit.readable)", at: literal.span,
                             hints: ["\(condition.subject) is in \(q.unit): write, for example, \(example(for: q.unit))"])
        } catch let e as UnitError {
            // Units that match but scales too far apart for 38 digits.
            throw e.diagnostic(at: literal.span)
        }
        let d = difference.low
        switch condition.comparison {
        case .greater: return !d.isNegative && !d.isZero
        case .greaterOrEqual: return !d.isNegative
        case .less: return d.isNegative
        case .lessOrEqual: return d.isNegative || d.isZero
        case .equal: return d.isZero
        case .notEqual: return !d.isZero
        }
    }

    func example(for unit: Unit) -> String {
        switch unit {
        case .money: "10 bn, 500 mn or 300 億円"
        case .percent: "5%"
        case .pp: "1 pp"
        case .count(let name, let s): "1,000 \(s == 3 ? "thousand " : s == 6 ? "million " : "")\(name)"
        case .price(let per): "a number of yen per \(per)"
        case .number: "a plain number"
        }
    }
}
