/// An exact decimal number: `significand × 10^-scale`, with the scale kept as printed
/// (`312.0` has scale 1), so values are never binary floating point.
///
/// The significand never is `Int128.min`, which has no negation: every operation that would
/// produce it reports an overflow instead, so `-`, `magnitude` and `formatted` cannot trap.
public struct Dec: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public var significand: Int128
    /// Number of digits after the decimal point (0 ... `Dec.maxScale`).
    public var scale: Int

    /// The most fractional digits a quotient keeps.
    public static let divisionScale = 18
    static let maxScale = 36

    public init(_ significand: Int128, scale: Int = 0) {
        self.significand = significand
        self.scale = scale
    }

    public init(_ value: Int) { self.init(Int128(value)) }

    public static let zero = Dec(0)
    public static let one = Dec(1)
    public static let hundred = Dec(100)

    /// Parses `1234`, `-0.52`, `1_234.50`; nil when the text is not a plain decimal or overflows.
    public init?(parsing text: some StringProtocol) {
        var digits: Int128 = 0
        var scale = 0, seenDigit = false, seenPoint = false, negative = false
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() } else if bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        for b in bytes {
            if b == UInt8(ascii: "_") || b == UInt8(ascii: ",") { continue }
            if b == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
                continue
            }
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            let (m, o1) = digits.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int128(b - UInt8(ascii: "0")))
            if o1 || o2 { return nil }
            digits = s
            seenDigit = true
            if seenPoint { scale += 1 }
            if scale > Dec.maxScale { return nil }
        }
        guard seenDigit else { return nil }
        self.init(negative ? -digits : digits, scale: scale)
    }

    static func pow10(_ n: Int) -> Int128? {
        var r: Int128 = 1
        for _ in 0..<n {
            let (m, o) = r.multipliedReportingOverflow(by: 10)
            if o { return nil }
            r = m
        }
        return r
    }

    /// The same value with `scale` fractional digits (exact when growing; rounds half away from zero when shrinking).
    public func rescaled(to newScale: Int) -> Dec? {
        if newScale == scale { return self }
        if newScale > scale {
            if significand == 0 { return Dec(0, scale: newScale) }
            guard let f = Dec.pow10(newScale - scale) else { return nil }
            let (m, o) = significand.multipliedReportingOverflow(by: f)
            return o || m == .min ? nil : Dec(m, scale: newScale)
        }
        guard let f = Dec.pow10(scale - newScale) else { return Dec(0, scale: newScale) }
        let q = significand / f, r = significand % f
        var result = q
        // Half or more of f left over rounds away from zero; compared as r ≥ f − r, since 2r
        // overflows when f is 10^38 (a product rescaled from 56 decimals to 18).
        let rest = r.magnitude, divisor = f.magnitude
        if rest >= divisor - rest { result += significand < 0 ? -1 : 1 }
        return Dec(result, scale: newScale)
    }

    /// Rounds to `places` fractional digits, half away from zero, as printed figures are.
    public func rounded(_ places: Int) -> Dec { rescaled(to: places) ?? self }

    public var isZero: Bool { significand == 0 }
    public var isNegative: Bool { significand < 0 }
    public var magnitude: Dec { Dec(significand < 0 ? -significand : significand, scale: scale) }

    /// The value with trailing fractional zeros removed.
    public var normalized: Dec {
        var d = self
        while d.scale > 0, d.significand % 10 == 0 { d.significand /= 10; d.scale -= 1 }
        return d
    }

    static func aligned(_ a: Dec, _ b: Dec) -> (Int128, Int128, Int)? {
        let s = max(a.scale, b.scale)
        guard let x = a.rescaled(to: s), let y = b.rescaled(to: s) else { return nil }
        return (x.significand, y.significand, s)
    }

    /// The sum; nil when it has more than 38 digits. When the two cannot be aligned to the finer
    /// scale in 38 digits, the finer one is rounded to the finest scale the coarser one fits at
    /// (its digits there are below the sum's last digit), instead of failing.
    public func adding(_ other: Dec) -> Dec? {
        var (a, b) = (self, other)
        if Dec.aligned(a, b) == nil {
            let (coarse, fine) = a.scale < b.scale ? (a, b) : (b, a)
            var scale = fine.scale - 1
            while scale > coarse.scale, coarse.rescaled(to: scale) == nil { scale -= 1 }
            (a, b) = (coarse, fine.rescaled(to: scale) ?? Dec(0, scale: scale))
        }
        guard let (x, y, s) = Dec.aligned(a, b) else { return nil }
        let (r, o) = x.addingReportingOverflow(y)
        return o || r == .min ? nil : Dec(r, scale: s)
    }

    public func subtracting(_ other: Dec) -> Dec? { adding(-other) }

    /// The product, exact when it fits in 38 digits. Otherwise it is rounded from its exact
    /// full-width (256-bit) value: to `maxScale` decimals, but never so far that a small product
    /// loses its 18 leading digits (0.000…001 × 0.1 stays 1E-37, not 0), and as far as it takes
    /// to fit 38 digits; nil only when its integer part has more than 38 digits.
    public func multiplying(_ other: Dec) -> Dec? {
        let (r, o) = significand.multipliedReportingOverflow(by: other.significand)
        if !o, r != .min, scale + other.scale <= Dec.maxScale { return Dec(r, scale: scale + other.scale) }
        let negative = (significand < 0) != (other.significand < 0)
        var wide = Wide(significand.magnitude.multipliedFullWidth(by: other.significand.magnitude))
        let scale = self.scale + other.scale
        var target = scale
        if scale > Dec.maxScale { target = min(scale, max(Dec.maxScale, scale - wide.digits + Dec.divisionScale)) }
        target = min(target, scale - max(0, wide.digits - 38))
        guard target >= 0 else { return nil }
        wide.divideRounding(byPowerOfTen: scale - target)
        guard wide.high == 0, wide.low <= UInt128(Int128.max) else {
            guard target > 0 else { return nil }
            wide.divideRounding(byPowerOfTen: 1)  // 38 digits that still exceed Int128
            guard wide.high == 0, wide.low <= UInt128(Int128.max) else { return nil }
            return Dec(negative ? -Int128(wide.low) : Int128(wide.low), scale: target - 1)
        }
        return Dec(negative ? -Int128(wide.low) : Int128(wide.low), scale: target)
    }

    /// An unsigned 256-bit integer, for products of two significands.
    struct Wide {
        var high: UInt128, low: UInt128

        init(_ parts: (high: UInt128, low: UInt128.Magnitude)) { (high, low) = (parts.high, parts.low) }

        /// Decimal digits (0 for zero).
        var digits: Int {
            var copy = self, n = 0
            while copy.high != 0 || copy.low != 0 {
                _ = copy.divide(by: 10)
                n += 1
            }
            return n
        }

        /// Divides by `d`, returning the remainder.
        mutating func divide(by d: UInt128) -> UInt128 {
            let (qh, rh) = high.quotientAndRemainder(dividingBy: d)
            let (ql, rl) = d.dividingFullWidth((rh, low))
            (high, low) = (qh, ql)
            return rl
        }

        /// Divides by 10^n, rounding half away from zero (the first digit dropped decides).
        mutating func divideRounding(byPowerOfTen n: Int) {
            guard n > 0 else { return }
            for _ in 1..<n { _ = divide(by: 10) }
            if divide(by: 10) >= 5 {
                let (l, carry) = low.addingReportingOverflow(1)
                (high, low) = (carry ? high + 1 : high, l)
            }
        }
    }

    /// The quotient to `Dec.divisionScale` fractional digits; nil on division by zero or overflow.
    public func dividing(by other: Dec) -> Dec? {
        guard !other.isZero else { return nil }
        var target = Dec.divisionScale
        while target >= 0 {
            // self / other = (s1 / s2) × 10^(e2 - e1); want the significand at scale `target`.
            let shift = target + other.scale - scale
            if shift >= 0, let f = Dec.pow10(shift) {
                let (n, o) = significand.multipliedReportingOverflow(by: f)
                if !o {
                    let q = n / other.significand, r = n % other.significand
                    var result = q
                    // Half or more of the divisor left over rounds away from zero; compared as
                    // r ≥ divisor − r, since 2r overflows when the divisor has 38 digits.
                    let rest = r.magnitude, divisor = other.significand.magnitude
                    if rest >= divisor - rest { result += (n < 0) != (other.significand < 0) ? -1 : 1 }
                    return result == .min ? nil : Dec(result, scale: target)
                }
            } else if shift < 0, let f = Dec.pow10(-shift) {
                return Dec(significand / f / other.significand, scale: target)
            }
            target -= 1
        }
        return nil
    }

    /// The `n`-th root of a non-negative value, by Newton's method at `divisionScale` digits.
    public func root(_ n: Int) -> Dec? {
        guard n >= 1, !isNegative else { return nil }
        if n == 1 || isZero { return self }
        var x = self > Dec.one ? self.dividing(by: Dec(n))!.adding(.one)! : Dec.one
        for _ in 0..<200 {
            guard let p = x.power(n - 1), let q = dividing(by: p),
                  let a = x.multiplying(Dec(n - 1)), let s = a.adding(q), let next = s.dividing(by: Dec(n)) else { return nil }
            let delta = next.subtracting(x)?.magnitude ?? .zero
            x = next.rounded(Dec.divisionScale)
            if delta <= Dec(1, scale: Dec.divisionScale - 2) { break }
        }
        return x
    }

    func power(_ n: Int) -> Dec? {
        var r = Dec.one
        for _ in 0..<n {
            guard let m = r.multiplying(self) else { return nil }
            r = m.scale > Dec.divisionScale ? m.rounded(Dec.divisionScale) : m
        }
        return r
    }

    public static prefix func - (d: Dec) -> Dec { Dec(-d.significand, scale: d.scale) }

    public static func < (a: Dec, b: Dec) -> Bool {
        guard let (x, y, _) = aligned(a, b) else {
            // Only the value with fewer decimals can overflow on the way to the other's scale (zero
            // never does), and then it is the larger in magnitude: its sign decides. (Comparing signs
            // alone made 200 and 0.000…01 (36 decimals) neither less nor greater, and min/max wrong.)
            return a.scale < b.scale ? a.isNegative : !b.isNegative
        }
        return x < y
    }

    public static func == (a: Dec, b: Dec) -> Bool {
        guard let (x, y, _) = aligned(a, b) else { return false }
        return x == y
    }

    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.significand)
        hasher.combine(n.scale)
    }

    /// Plain digits, `-1234.50`: the exact value with its scale.
    public var description: String { formatted(grouping: false) }

    /// The digits with `places` fractional digits (default: the value's own scale), grouped by thousands if asked.
    public func formatted(places: Int? = nil, grouping: Bool = true) -> String {
        let d = places.map { rounded($0) } ?? self
        let negative = d.significand < 0
        var digits = String(negative ? -d.significand : d.significand)
        if digits.count <= d.scale { digits = String(repeating: "0", count: d.scale - digits.count + 1) + digits }
        let intPart = digits.dropLast(d.scale), fracPart = digits.suffix(d.scale)
        var grouped = ""
        for (i, ch) in intPart.enumerated() {
            if grouping, i > 0, (intPart.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        let sign = negative && !(d.significand == 0) ? "-" : ""
        return sign + grouped + (d.scale > 0 ? "." + fracPart : "")
    }
}

extension Dec {
    /// This value raised to `e`: a whole power (negative too, up to 1,000), or a fractional one
    /// whose denominator is at most 100 (`1/3`, `0.25`) by roots at `divisionScale` digits; nil
    /// when the power cannot be taken (a root of a negative value, an exponent that is no such
    /// fraction) or overflows.
    public func raised(to e: Dec) -> Dec? {
        guard let (p, q) = Dec.fraction(e) else { return nil }
        var base = self
        if q > 1 {
            guard let root = root(q) else { return nil }
            base = root
        }
        guard let whole = base.power(abs(p)) else {
            // A negative power of a value above 1 too large to hold is below the smallest quotient.
            return p < 0 && base.magnitude > .one ? Dec(0, scale: Dec.divisionScale) : nil
        }
        return p < 0 ? Dec.one.dividing(by: whole) : whole
    }

    /// `e` as p/q with 1 ≤ q ≤ 100 and |p| ≤ 1,000, when it is one to 12 decimals.
    static func fraction(_ e: Dec) -> (Int, Int)? {
        for q in 1...100 {
            guard let scaled = e.multiplying(Dec(q)) else { return nil }
            let nearest = scaled.rounded(0)
            guard let gap = scaled.subtracting(nearest)?.magnitude, gap <= Dec(1, scale: 12) else { continue }
            guard let p = Int(exactly: nearest.significand), abs(p) <= 1_000 else { return nil }
            return (p, q)
        }
        return nil
    }
}
