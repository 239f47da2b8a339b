/// How a metric behaves over time.
public enum MetricKind: String, Sendable, Codable {
    /// Sums over time (revenue).
    case flow
    /// Measured at an instant; never summed over time (subscriptions, employees, balances).
    case stock
    /// A ratio, share or price; never summed.
    case rate
}

/// A published metric: its name, kind, dimensions and aliases.
public struct Metric: Sendable, Codable {
    public var name: String
    public var kind: MetricKind
    public var description: String
    public var dimensions: [String]
    /// Japanese (or other) names that resolve to this metric.
    public var aliases: [String]
    /// Words an analyst may look for it by (`also="EBITDA"`), which `metrics WORD` and the
    /// suggestions for an unknown name match: what it means, not what it is called.
    public var synonyms: [String] = []
    /// The topic `metrics` lists it under (`results`, `mobile` …); nil in a file that declares none.
    public var topic: String?
    /// The sign its figures take (`sign=`): nil when they may take either sign.
    public var sign: SignClass? = nil
    /// The bases its facts may have (`bases=`): `actual` unless declared otherwise.
    public var bases: [Basis] = [.actual]
    public var declaredAt: Citation?
}

/// The sign a metric's figures take, as the financial statements present them.
public enum SignClass: String, Sendable, Codable {
    /// Never negative: revenue, costs and expenses, counts, balances, prices.
    case nonnegative
    /// Either sign: a profit line (a loss is negative), a profit impact (negative when it
    /// reduces profit), a change, a cash flow (an outflow is negative).
    case signed
}

/// A named definition the fact files declare (`define NAME = EXPR "description"`): a derived
/// series usable in any query like a `let`, its own figures never stored.
public struct BuiltInDefinition: Sendable, Codable {
    public var name: String
    /// The expression as written.
    public var body: String
    public var description: String
    public var topic: String?
    /// Names that resolve to it (Japanese).
    public var aliases: [String]
    public var declaredAt: Citation
}

/// A group of metrics that `metrics` lists together: results, segments, mobile, people …
public struct Topic: Sendable, Codable {
    public var name: String
    public var title: String
    public var japanese: String?
}

/// A dimension and its values, in declaration order.
public struct Dimension: Sendable, Codable {
    public var name: String
    public var description: String
    public var japanese: String?
    /// The dimension this one nests in (`service` nests in `segment`).
    public var parent: String?
    /// Whether the members partition their total (so parts must sum to it).
    public var additive: Bool
    /// For an alternate breakdown (`alternate=service`): the dimension of the hierarchy it cuts
    /// across. Its members are not parts of that hierarchy's members; each says `within` which.
    public var alternateOf: String? = nil
    public var members: [Member]

    public func member(_ name: String) -> Member? { members.first { $0.name == name } }

    /// The member called `name` in English or Japanese, by its declared name.
    public func memberName(for name: String) -> String? {
        if member(name) != nil { return name }
        let wanted = CJK.normalize(name)
        return members.first { CJK.names($0.japanese).contains(wanted) }?.name
    }
}

/// One value of a dimension.
public struct Member: Sendable, Codable {
    public var name: String
    public var description: String
    public var japanese: String?
    /// For a nested dimension: the parent dimension's value this member belongs to.
    public var parent: String?
    /// For a member of an alternate breakdown: the members of the hierarchy it lies within
    /// (`within=internet_enterprise,internet_consumer`).
    public var within: [String] = []
}

/// A source document.
public struct Document: Sendable, Codable {
    public var id: String
    public var file: String
    public var title: String
}

/// Where a fact or check was published and where it is recorded.
public struct Citation: Hashable, Sendable, Codable {
    /// The document's file name.
    public var document: String
    /// The slide heading as printed.
    public var slide: String
    /// The label as printed.
    public var label: String
    /// The fact file and line that records it.
    public var file: String
    public var line: Int
    /// How the slide qualifies the figure (`approx.`, `IIJ non-consolidated`, `US-GAAP`), from
    /// the fact's `note=`; nil when it is printed plainly.
    public var note: String? = nil
}

extension Citation {
    /// A slide of a document, without the label and the fact-file line.
    public struct Slide: Hashable, Sendable {
        public var document: String
        public var slide: String
    }

    public var slideKey: Slide { Slide(document: document, slide: slide) }
}

extension Array where Element == Citation {
    /// These citations followed by those of `other` not already among them. A figure computed
    /// from the same fact twice (`a + a`, or a definition used twice) cites it once; without this,
    /// a chain of such definitions doubled its citations at every step.
    func adding(_ other: [Citation]) -> [Citation] {
        if other.isEmpty || self == other { return self }
        if isEmpty { return other }
        var seen = Set(self), all = self
        for c in other where seen.insert(c).inserted { all.append(c) }
        return all
    }

    /// The citations of every list, each once, in order of first appearance.
    init(merging lists: [[Citation]]) {
        // One set for all the lists: adding them one at a time rebuilt it for every list.
        var seen = Set<Citation>(), all: [Citation] = []
        for list in lists { for c in list where seen.insert(c).inserted { all.append(c) } }
        self = all
    }
}

/// The basis of a figure: what kind of number it is.
public enum Basis: String, Sendable, CaseIterable, Comparable, Codable {
    case actual, target, previous_target, plan, forecast, vision

    public static func < (a: Basis, b: Basis) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
