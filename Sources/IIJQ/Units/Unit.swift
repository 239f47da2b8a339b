/// The unit of a value. Money keeps its printed scale (¥, ¥ thousand, ¥ mn, 億円, ¥ bn) and
/// converts exactly; counts keep their kind and scale; prices are their own units.
public enum Unit: Hashable, Sendable, CustomStringConvertible, Codable {
    /// A pure number.
    case number
    case percent
    /// Percentage points: the difference of two percentages.
    case pp
    /// Yen × 10^scale: 0 ¥, 3 ¥ thousand, 6 ¥ mn, 8 億円, 9 ¥ bn, 12 ¥ tn.
    case money(scale: Int)
    /// A count of `name` (persons, subscriptions, racks …) × 10^scale.
    case count(String, scale: Int)
    /// Yen per `per` (share, month …).
    /// Yen × 10^scale per one counted thing: ¥ per share, ¥ mn per deal.
    case price(per: String, scale: Int)

    /// Reads a fact-file unit name: `yen_mn`, `yen_100mn`, `percent`, `thousand_subscriptions`, `yen_per_share`.
    public init?(name: String) {
        switch name {
        case "yen": self = .money(scale: 0)
        case "yen_k", "yen_thousand": self = .money(scale: 3)
        case "yen_mn", "yen_million": self = .money(scale: 6)
        case "yen_100mn", "oku_yen": self = .money(scale: 8)
        case "yen_bn", "yen_billion": self = .money(scale: 9)
        case "yen_tn", "yen_trillion": self = .money(scale: 12)
        case "percent": self = .percent
        case "pp": self = .pp
        case "number", "ratio": self = .number
        default:
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }),
                  name.first!.isLetter else { return nil }
            if name.hasPrefix("yen_per_") {
                self = .price(per: String(name.dropFirst(8)), scale: 0)
            } else if name.hasPrefix("thousand_") {
                self = .count(String(name.dropFirst(9)), scale: 3)
            } else if name.hasPrefix("million_") {
                self = .count(String(name.dropFirst(8)), scale: 6)
            } else if name.hasPrefix("yen") {
                return nil
            } else {
                self = .count(name, scale: 0)
            }
        }
    }

    /// The unit as a reader sees it: `¥ mn`, `億円`, `%`, `thousand subscriptions`, `¥ per share`.
    public var description: String {
        switch self {
        case .number: return ""
        case .percent: return "%"
        case .pp: return "pp"
        case .money(let s): return Unit.money(s)
        case .count(let name, let s):
            let words = name.replacingUnderscores()
            switch s {
            case 0: return words
            case 3: return "thousand " + words
            case 6: return "million " + words
            default: return "×10^\(s) " + words
            }
        case .price(let per, let s): return Unit.money(s) + " per " + per.replacingUnderscores()
        }
    }

    /// Yen at a scale: `¥`, `¥ mn`, `億円` …
    static func money(_ s: Int) -> String {
        switch s {
        case 0: "¥"
        case 3: "¥ thousand"
        case 6: "¥ mn"
        case 8: "億円"
        case 9: "¥ bn"
        case 12: "¥ tn"
        default: "¥ ×10^\(s)"
        }
    }

    /// The power-of-ten scale of a scaled unit, nil for unscaled units.
    public var scale: Int? {
        switch self {
        case .money(let s), .count(_, let s), .price(_, let s): s
        default: nil
        }
    }

    /// True when values of the two units can be added after conversion.
    public func isCommensurable(with other: Unit) -> Bool {
        switch (self, other) {
        case (.money, .money): true
        case (.count(let a, _), .count(let b, _)), (.price(let a, _), .price(let b, _)): a == b
        default: self == other
        }
    }

    /// The same kind of unit at another scale.
    public func withScale(_ s: Int) -> Unit {
        switch self {
        case .money: .money(scale: s)
        case .count(let n, _): .count(n, scale: s)
        case .price(let per, _): .price(per: per, scale: s)
        default: self
        }
    }
}

extension String {
    func replacingUnderscores() -> String { String(map { $0 == "_" ? " " : $0 }) }
}
