/// A figure printed as a bound rather than a value: "over 400", "8% or more", "less than 1%",
/// "up to ¥70.0 bn". The number is the bound; the open side is the figure's other end.
public enum Bound: String, Sendable, Hashable, CaseIterable, Codable {
    case exact, over, atLeast, under, atMost

    /// How a fact file writes each bound before its number: `>400`, `>=8`, `<1`, `<=70.0`.
    static let prefixes: [(text: String, bound: Bound)] = [(">=", .atLeast), (">", .over), ("<=", .atMost), ("<", .under)]

    /// Whether the figure lies above the number (over, at least).
    var isLower: Bool { self == .over || self == .atLeast }
    /// Whether the figure lies below the number (under, at most).
    var isUpper: Bool { self == .under || self == .atMost }
    /// Whether the number itself is excluded.
    var isStrict: Bool { self == .over || self == .under }

    /// The bound of the negated figure: −(over 400) is under −400.
    var flipped: Bound {
        switch self {
        case .exact: .exact
        case .over: .under
        case .atLeast: .atMost
        case .under: .over
        case .atMost: .atLeast
        }
    }

    /// The number with its bound in words, as printed: `over 400`, `8% or more`.
    func text(_ number: String) -> String {
        switch self {
        case .exact: number
        case .over: "over " + number
        case .atLeast: number + " or more"
        case .under: "less than " + number
        case .atMost: "up to " + number
        }
    }

    /// The bound of a result whose operands, as they enter it (a subtrahend or a divisor
    /// flipped, an operand times a negative flipped), are bounded by `a` and `b`: the same
    /// side when both open to it, an error when they open to opposite sides.
    static func combined(_ a: Bound, _ b: Bound, _ what: String) throws -> Bound {
        if a == .exact { return b }
        if b == .exact || a == b { return a }
        if a.isLower == b.isLower { return a.isStrict ? a : b }
        throw UnitError(reason: .unitMismatch, message: "cannot \(what) a lower bound and an upper bound: the result could be anything",
                        hints: ["one side is printed as a bound (\"over\", \"or more\") and the other as the opposite (\"up to\", \"less than\")"])
    }

    /// `bound` as it enters a product with `other`: flipped when `other` is negative.
    static func times(_ bound: Bound, _ other: Quantity) -> Bound { other.low.isNegative ? bound.flipped : bound }
}
