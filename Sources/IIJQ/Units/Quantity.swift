/// A value as it travels through evaluation: an exact number or a published range
/// (`142.0 ～ 143.0`), with its unit and the number of decimals to display.
public struct Quantity: Hashable, Sendable, Codable {
    public var low: Dec
    public var high: Dec
    public var unit: Unit
    /// Decimals shown by default: the printed precision of a fact, or a derived precision.
    public var places: Int
    /// Whether a quotient, root or fractional power on the way was rounded (to 18 decimals): the
    /// value is then exact only to about its 18th decimal, which `add` guards.
    public var rounded = false
    /// How far the exact figure may lie beyond `low` and `high` because the printed figures it
    /// was computed from were rounded: 0.005 for a fact printed as 3.53, zero for a number
    /// written in a query, nil when it cannot be bounded (see `Tolerance`).
    public var tolerance: Dec? = .zero
    /// Whether the figure was printed as a bound ("over 400"): then the number is one end and
    /// the other side is open.
    public var bound: Bound = .exact

    public init(_ value: Dec, _ unit: Unit, places: Int? = nil) {
        self.init(low: value, high: value, unit: unit, places: places)
    }

    public init(low: Dec, high: Dec, unit: Unit, places: Int? = nil) {
        self.low = low
        self.high = high
        self.unit = unit
        self.places = places ?? max(low.scale, high.scale)
    }

    public var isRange: Bool { low != high }
    /// The exact value of a point quantity (the low bound of a range).
    public var value: Dec { low }
}

/// An arithmetic failure, described without a source location (the evaluator adds it).
struct UnitError: Error {
    var reason: Reason
    var message: String
    var hints: [String] = []
}

/// The unit rules: what adding, subtracting, multiplying and dividing does to units and values.
enum UnitRules {
    static func convert(_ d: Dec, from: Int, to: Int) -> Dec? {
        guard let f = Dec.pow10(abs(from - to)) else { return nil }
        return from > to ? d.multiplying(Dec(f)) : d.dividing(by: Dec(f)).map { $0.normalized }
    }

    /// The quantity converted to another scale of the same unit, exactly.
    static func rescale(_ q: Quantity, to unit: Unit) throws -> Quantity {
        guard let from = q.unit.scale, let to = unit.scale else { return q }
        if from == to { return q }
        guard let lo = convert(q.low, from: from, to: to), let hi = convert(q.high, from: from, to: to) else {
            throw UnitError(reason: .limit, message: "number out of range converting \(q.unit) to \(unit)")
        }
        var r = Quantity(low: lo, high: hi, unit: unit, places: max(0, q.places - (from - to)))
        r.rounded = q.rounded
        r.tolerance = Tolerance.rescaled(q.tolerance, from: from, to: to)
        r.bound = q.bound
        return r
    }

    /// A plain number as a percentage: 0.173 is 17.3%.
    static func percent(_ q: Quantity) throws -> Quantity {
        var p = try multiply(q, Quantity(.hundred, .number))
        p.unit = .percent
        return p
    }

    /// `a ÷ b` as growth, shares and attainment show it: a plain ratio becomes a %, to one decimal.
    static func ratio(_ a: Quantity, _ b: Quantity) throws -> Quantity {
        var q = try divide(a, b)
        if q.unit == .number { q = try percent(q) }
        q.places = 1
        return q
    }

    static func overflow() -> UnitError { UnitError(reason: .limit, message: "number out of range: the result exceeds 38 digits") }

    static func add(_ a: Quantity, _ b: Quantity, negate: Bool) throws -> Quantity {
        let op = negate ? "subtract" : "add"
        guard a.unit.isCommensurable(with: b.unit) || a.unit == .number || b.unit == .number else {
            throw UnitError(reason: .unitMismatch, message: "cannot \(op) \(a.unit.readable) and \(b.unit.readable)",
                            hints: ["only values of one kind add up: money with money (any scale), a count with the same count, % with %"])
        }
        var (x, y) = (a, b)
        // A plain number beside a percentage is a ratio: 1 is 100%.
        if x.unit == .percent, y.unit == .number { y = try percent(y) }
        if y.unit == .percent, x.unit == .number { x = try percent(x) }
        let ratioArithmetic = a.unit == .number || b.unit == .number
        if let sa = a.unit.scale, let sb = b.unit.scale, sa != sb {
            let target = a.unit.withScale(min(sa, sb))
            x = try rescale(a, to: target)
            y = try rescale(b, to: target)
        }
        let unit: Unit = (x.unit == .percent && y.unit == .percent && negate && !ratioArithmetic) ? .pp : (x.unit == .number ? y.unit : x.unit)
        var sum = try corners(x, y, unit: unit, places: max(x.places, y.places)) { p, q in p.adding(negate ? -q : q) }
        sum.tolerance = Tolerance.sum(x.tolerance, y.tolerance)
        sum.bound = try Bound.combined(x.bound, negate ? y.bound.flipped : y.bound, op)
        try checkCancellation(sum, of: x, y)
        return sum
    }

    /// A sum or difference of a rounded value whose result is smaller than that rounding (18
    /// decimals) has lost every trustworthy digit: `1/3 − 0.333…3` (36 threes) is an error, not
    /// −3.3×10⁻¹⁹ nor its reciprocal −3×10¹⁸.
    static func checkCancellation(_ sum: Quantity, of a: Quantity, _ b: Quantity) throws {
        guard a.rounded || b.rounded else { return }
        let grain = Dec(1, scale: Dec.divisionScale - 1)
        for v in [sum.low, sum.high] where !v.isZero && v.magnitude < grain {
            throw UnitError(reason: .limit, message: "the result is smaller than the rounding of a quotient (18 decimals), so neither its sign nor its size can be trusted",
                            hints: ["a quotient such as 1/3 carries 18 decimals; write the number it stands for exactly, or compare the values themselves"])
        }
    }

    static func multiply(_ a: Quantity, _ b: Quantity) throws -> Quantity {
        let unit: Unit
        var places = max(a.places, b.places)
        var factor = Dec.one
        switch (a.unit, b.unit) {
        case (.number, let u), (let u, .number): unit = u
        case (.percent, let u) where u != .percent, (let u, .percent) where u != .percent:
            unit = u
            factor = Dec(1, scale: 2)
        default:
            let percents = [Unit.percent, .pp]
            throw UnitError(reason: .unitMismatch, message: "cannot multiply \(a.unit.readable) by \(b.unit.readable)",
                            hints: [percents.contains(a.unit) && percents.contains(b.unit)
                                ? "a percentage multiplies an amount or a plain number, not another percentage"
                                : "multiply by a plain number or a percentage"])
        }
        if a.unit == .number { places = b.places } else if b.unit == .number { places = a.places }
        var product = try corners(a, b, unit: unit, places: places) { x, y in x.multiplying(y)?.multiplying(factor) }
        product.tolerance = Tolerance.product(a, b, factor: factor)
        product.bound = try Bound.combined(Bound.times(a.bound, b), Bound.times(b.bound, a), "multiply")
        return product
    }

    static func divide(_ a: Quantity, _ b: Quantity) throws -> Quantity {
        guard !(b.low.isZero || b.high.isZero || (b.low.isNegative != b.high.isNegative)) else {
            throw UnitError(reason: .divisionByZero, message: "division by zero", hints: ["the divisor is 0 for this cell"])
        }
        var x = a, y = b
        var unit: Unit
        var places = max(a.places, b.places, 2)
        var factor = Dec.one
        switch (a.unit, b.unit) {
        case (_, .number):
            unit = a.unit
        case (.percent, .percent), (.pp, .pp):
            unit = .number
        default:
            guard a.unit.isCommensurable(with: b.unit) else {
                if case .money(let sa) = a.unit, case .count(let n, let sb) = b.unit {
                    // Money per one counted thing, at the money's own scale less the count's
                    // (¥ bn ÷ deals is ¥ bn per deal; ¥ mn ÷ thousand subscriptions is ¥ thousand per subscription),
                    // so the figure shows at a readable size and converts with `in`.
                    let s = sa - sb
                    factor = s >= 0 ? .one : Dec(1, scale: -s)
                    unit = .price(per: n.hasSuffix("s") ? String(n.dropLast()) : n, scale: max(s, 0))
                    places = max(a.places, 2)
                    break
                }
                throw UnitError(reason: .unitMismatch, message: "cannot divide \(a.unit.readable) by \(b.unit.readable)",
                                hints: ["divide money by money (a ratio), a count by the same count, or anything by a plain number"])
            }
            if let sa = a.unit.scale, let sb = b.unit.scale, sa != sb {
                let target = a.unit.withScale(min(sa, sb))
                x = try rescale(a, to: target)
                y = try rescale(b, to: target)
            }
            unit = .percent
            factor = .hundred
            places = 1
        }
        var inexact = false
        var q = try corners(x, y, unit: unit, places: places) { p, q in
            guard let r = p.dividing(by: q) else { return nil }
            if r.multiplying(q) != p { inexact = true }
            return r.multiplying(factor)
        }
        q.rounded = q.rounded || inexact
        q.tolerance = Tolerance.quotient(x, y, factor: factor)
        q.bound = try Bound.combined(Bound.times(x.bound, y), Bound.times(y.bound.flipped, x), "divide")
        return try readable(q)
    }

    /// A price rescaled down (¥ mn → ¥ thousand → ¥) until its value has two whole digits, so
    /// that 0.0014 ¥ mn per subscription shows as 1,433 ¥ and 57.48 ¥ mn per person stays.
    static func readable(_ q: Quantity) throws -> Quantity {
        guard case .price(_, let s) = q.unit, s > 0, q.low.magnitude < Dec(10), !q.low.isZero else { return q }
        let smaller = [6, 3, 0].first { $0 < s } ?? 0
        return try readable(try rescale(q, to: q.unit.withScale(smaller)))
    }

    /// `a ^ b`: a plain number or a percentage (taken as the ratio it is, 130% as 1.3) raised to a
    /// plain number: `(x @ FY24 / x @ FY21) ^ (1 / 3) - 1` is a compound annual growth rate.
    static func power(_ a: Quantity, _ b: Quantity) throws -> Quantity {
        guard b.unit == .number, !b.isRange else {
            throw UnitError(reason: .unitMismatch, message: "the exponent of ^ is a plain number, not \(b.unit.readable)",
                            hints: ["for example: (revenue @ FY24 / revenue @ FY21) ^ (1 / 3)"])
        }
        guard a.unit == .number || a.unit == .percent else {
            throw UnitError(reason: .unitMismatch, message: "^ raises a plain number or a ratio, not \(a.unit.readable)",
                            hints: ["divide first, so the base is a ratio: (revenue @ FY24 / revenue @ FY21) ^ (1 / 3)"])
        }
        guard let (p, q) = Dec.fraction(b.low) else {
            throw UnitError(reason: .wrongArguments, message: "cannot raise to \(b.low.formatted()): an exponent is a whole number up to 1,000 or a fraction with a denominator up to 100",
                            hints: ["for example: ^ 2, ^ (1 / 3), ^ 0.25"])
        }
        if q > 1, a.low.isNegative {
            throw UnitError(reason: .wrongArguments, message: "cannot take a fractional power of a negative value", hints: ["the base is \(a.low.formatted())"])
        }
        if a.bound != .exact {
            throw UnitError(reason: .unitMismatch, message: "cannot raise \(a.bound.text("a figure")) to a power",
                            hints: ["the base is printed as a bound; ^ needs a value"])
        }
        if p < 0, a.low.isZero || a.high.isZero {
            throw UnitError(reason: .divisionByZero, message: "division by zero", hints: ["0 raised to a negative power"])
        }
        let percent = a.unit == .percent
        let whole = q == 1 && p >= 0 ? p : nil
        let places = percent ? 1 : whole.map { min(a.places * $0, 6) } ?? 4
        let raise = { (x: Dec, e: Dec) -> Dec? in
            let ratio = percent ? x.dividing(by: .hundred) : x
            guard let r = ratio?.raised(to: e) else { return nil }
            return percent ? r.multiplying(.hundred) : r
        }
        var result = try corners(a, b, unit: a.unit, places: places, raise)
        result.tolerance = b.tolerance == .zero ? Tolerance.through(a, value: result.low) { raise($0, b.low) } : nil
        return result
    }

    /// Applies `op` to the ends of two values, keeping the smaller and larger result.
    ///
    /// A range is a guidance announced as two scenarios (revenue 312.0～315.0 with gross profit
    /// 64.5～67.0), so when both values are ranges their ends pair up, low with low and high with
    /// high, as IIJ computes its own ratios (004 Ⅲ- 1 prints the gross margin range 20.6%～21.1%,
    /// low ÷ low and high ÷ high). A single value pairs with both ends of a range.
    static func corners(_ a: Quantity, _ b: Quantity, unit: Unit, places: Int, _ op: (Dec, Dec) -> Dec?) throws -> Quantity {
        guard let first = op(a.low, b.low), let second = op(a.high, b.high) else { throw overflow() }
        var q = Quantity(low: min(first, second), high: max(first, second), unit: unit, places: places)
        q.rounded = a.rounded || b.rounded
        return q
    }
}

extension Unit {
    /// The unit as named in an error message.
    var readable: String { self == .number ? "a plain number" : description }
}

extension UnitError {
    /// The error as a diagnostic pointing at `span`.
    func diagnostic(at span: Span) -> Diagnostic { Diagnostic(reason, message, at: span, hints: hints) }
}
