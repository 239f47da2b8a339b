/// How the rounding of printed figures carries through arithmetic.
///
/// A printed figure stands for an interval: 3.53 ¥ bn is any amount in [3.525, 3.535]. A figure
/// computed from printed ones stands for the interval its inputs' intervals give, and
/// `Quantity.tolerance` is that interval's half-width around the computed value (zero for an
/// exact number written in a query, nil when it cannot be bounded). A printed result agrees with
/// the figure computed from its inputs when the two intervals meet (see `Agreement`).
enum Tolerance {
    /// Tolerances are kept to this many decimals, rounded up, so they stay short.
    static let scale = 12

    /// The half-width of a figure printed with `places` decimals: 0.005 for 3.53.
    static func ofPrinted(places: Int) -> Dec { Dec(5, scale: max(0, places) + 1) }

    /// `t` rounded up to `scale` decimals.
    static func roundedUp(_ t: Dec) -> Dec {
        guard t.scale > scale, let r = t.rescaled(to: scale) else { return t }
        return r < t ? r.adding(Dec(1, scale: scale)) ?? r : r
    }

    /// The tolerance of a sum or difference: the two added.
    static func sum(_ a: Dec?, _ b: Dec?) -> Dec? {
        guard let a, let b else { return nil }
        return a.adding(b).map(roundedUp)
    }

    /// The tolerance of `a × b × factor`: |a|·tb + |b|·ta + ta·tb, times the factor.
    static func product(_ a: Quantity, _ b: Quantity, factor: Dec) -> Dec? {
        guard let ta = a.tolerance, let tb = b.tolerance else { return nil }
        if ta.isZero, tb.isZero { return .zero }
        guard let x = a.largest.multiplying(tb), let y = b.largest.multiplying(ta), let z = ta.multiplying(tb),
              let s = x.adding(y)?.adding(z), let t = s.multiplying(factor.magnitude) else { return nil }
        return roundedUp(t)
    }

    /// The tolerance of `a ÷ b × factor`: (|a|·tb + |b|·ta) ÷ (|b|·(|b| − tb)), times the factor;
    /// nil when the divisor's interval reaches zero.
    static func quotient(_ a: Quantity, _ b: Quantity, factor: Dec) -> Dec? {
        guard let ta = a.tolerance, let tb = b.tolerance else { return nil }
        if ta.isZero, tb.isZero { return .zero }
        let divisor = b.smallest
        guard let room = divisor.subtracting(tb), room > .zero,
              let x = a.largest.multiplying(tb), let y = divisor.multiplying(ta), let n = x.adding(y),
              let d = divisor.multiplying(room), let q = n.dividing(by: d), let t = q.multiplying(factor.magnitude) else { return nil }
        return roundedUp(t)
    }

    /// The tolerance of `f(x)` for a monotonic `f`, from `f` at the ends of x's interval.
    static func through(_ x: Quantity, value: Dec, _ f: (Dec) -> Dec?) -> Dec? {
        guard let t = x.tolerance else { return nil }
        if t.isZero { return .zero }
        guard let lo = x.low.subtracting(t), let hi = x.high.adding(t), let a = f(lo), let b = f(hi),
              let da = a.subtracting(value)?.magnitude, let db = b.subtracting(value)?.magnitude else { return nil }
        return roundedUp(max(da, db))
    }

    /// The tolerance after converting from 10^from to 10^to of a unit.
    static func rescaled(_ t: Dec?, from: Int, to: Int) -> Dec? {
        guard let t else { return nil }
        return UnitRules.convert(t, from: from, to: to).map(roundedUp)
    }
}

extension Quantity {
    /// The larger magnitude of its ends.
    var largest: Dec { max(low.magnitude, high.magnitude) }
    /// The smaller magnitude of its ends.
    var smallest: Dec { min(low.magnitude, high.magnitude) }

    /// The interval the value stands for, given the rounding of the figures it came from: its
    /// ends widened by its tolerance (nil when that cannot be bounded).
    public var interval: (low: Dec, high: Dec)? {
        guard let t = tolerance, let lo = low.subtracting(t), let hi = high.adding(t) else { return nil }
        return (lo, hi)
    }
}
