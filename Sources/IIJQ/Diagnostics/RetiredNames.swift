/// Names the fact base used to have, each with where its figures went: an old query meets an
/// error that teaches the new way rather than a guess at a spelling.
enum RetiredNames {
    /// Old name → what to write instead.
    static let replacements: [String: String] = [
        "printed_yoy_growth": "IIJ's printed growth rates answer yoy on the metric itself: yoy(personnel_costs) @ FY23, "
            + "yoy(revenue{segment=nw_services}) @ FY23 (the printed figure, cited, even where the base year is not published)",
    ]

    /// The error for a retired metric name at `span`, or nil when `name` was never retired.
    static func diagnostic(_ name: String, at span: Span) -> Diagnostic? {
        replacements[name].map { Diagnostic(.unknownMetric, "unknown metric '\(name)': the fact base no longer has it", at: span, hints: [$0]) }
    }
}
