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

public struct DimensionValue: Hashable, Sendable, Comparable {
    public var dimension: String
    public var value: String

    public static func < (a: DimensionValue, b: DimensionValue) -> Bool { a.dimension < b.dimension }
}

/// A printed figure derived from facts, checked by evaluating a query.
public struct Check: Sendable {
    public var query: String
    public var expected: Quantity
    public var citation: Citation
    /// The column where the query starts on its line.
    public var column: Int
}
