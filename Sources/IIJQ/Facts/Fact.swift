/// One published number.
public struct Fact: Sendable {
    public var metric: String
    /// Dimension values, sorted by dimension name; a dimension not listed is its "all" member.
    public var dimensions: [DimensionValue]
    public var period: Period
    public var basis: Basis
    public var quantity: Quantity
    /// Every place the figure was published (more than one when documents repeat it).
    public var citations: [Citation]

    /// The value of `dimension`, or nil for the "all" member.
    public func value(of dimension: String) -> String? {
        dimensions.value(of: dimension)
    }
}

extension [DimensionValue] {
    /// The value of `dimension` in this set, or nil for the "all" member.
    func value(of dimension: String) -> String? { first { $0.dimension == dimension }?.value }
}

public struct DimensionValue: Hashable, Sendable, Comparable, Codable {
    public var dimension: String
    public var value: String

    public static func < (a: DimensionValue, b: DimensionValue) -> Bool { a.dimension < b.dimension }
}

/// A figure IIJ printed that is computed from facts rather than being one (a growth rate, a
/// margin, a difference): a query and the value printed for it. The evaluator answers that
/// query with it (see `PrintedAnswers`), and the tests check it against the stored inputs.
public struct PrintedResult: Sendable, Codable {
    public var query: String
    public var expected: Quantity
    public var citation: Citation
    /// The column where the query starts on its line.
    public var column: Int
    /// The query's form, matched against the queries asked (nil until indexed, or when the query
    /// is not one a cell can match).
    var form: PrintedForm?

    /// What a fact image keeps: the form is worked out again when a query is matched.
    enum CodingKeys: String, CodingKey { case query, expected, citation, column }
}
