/// `round` and `abs`: a value's presentation, cell by cell.
extension Evaluator {
    /// Every value rounded half away from zero to `places` decimals.
    mutating func rounded(_ call: Call) throws -> Value {
        let places = call.arguments[1]
        guard case .number(let n) = places.kind, n.scale == 0 || n.normalized.scale == 0, let count = Int(n.normalized.description), (0...12).contains(count) else {
            throw Diagnostic(.wrongArguments, "round's second argument is a whole number of decimal places from 0 to 12", at: places.span,
                             hints: ["for example: round(gross_profit / revenue, 3) @ 1Q24"])
        }
        return try map(call) { q in
            var r = q
            r.low = q.low.rounded(count)
            r.high = q.high.rounded(count)
            r.places = count
            return r
        }
    }

    mutating func absolute(_ call: Call) throws -> Value {
        try map(call) { q in
            var r = q
            if q.high.isNegative { (r.low, r.high) = (-q.high, -q.low) } else if q.low.isNegative { (r.low, r.high) = (.zero, max(-q.low, q.high)) }
            return r
        }
    }

    /// Applies `transform` to every value of the argument (a number or a frame).
    mutating func map(_ call: Call, _ transform: (Quantity) -> Quantity) throws -> Value {
        switch try evaluate(call.argument, call.ctx) {
        case .scalar(let q): return .scalar(transform(q))
        case .frame(var f):
            for i in f.cells.indices { f.cells[i].quantity = transform(f.cells[i].quantity) }
            f.label = call.expr.text
            return .frame(f)
        case .shift: throw Diagnostic.shiftOutsideCall(call.argument)
        }
    }
}
