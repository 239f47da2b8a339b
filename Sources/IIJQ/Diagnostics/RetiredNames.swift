/// Names the fact base used to have, each with where its figures went: an old query meets an
/// error that teaches the new way rather than a guess at a spelling.
enum RetiredNames {
    /// Old name → what to write instead.
    static let replacements: [String: String] = [
        "printed_yoy_growth": "IIJ's printed growth rates answer yoy on the metric itself: yoy(personnel_costs) @ FY23, "
            + "yoy(revenue{segment=nw_services}) @ FY23 (the printed figure, cited, even where the base year is not published)",
        // Issue #16: revenue is one metric; its business lines are an alternate breakdown (`describe business_line`).
        "business_line_revenue": "revenue by business line: revenue @ FY23 by business_line (WAN and systems construction are revenue{service=…})",
        "mobile_revenue": "mobile revenue is revenue{business_line=mobile}; by type: revenue{business_line=mobile} @ 1Q24 by type",
        "security_revenue": "security revenue is revenue{business_line=security}",
        "cloud_revenue": "cloud revenue is revenue{business_line=cloud}; by where it is booked: revenue{business_line=cloud} @ 1Q24 by cloud_type",
        "private_cloud_revenue": "all cloud booked in SI O&M is revenue{cloud_type=si_om_cloud}; the chart series is revenue{cloud_type=private_cloud}",
        "public_cloud_revenue": "public cloud revenue is revenue{cloud_type=public_cloud}",
        "cloud_type_revenue": "cloud revenue by type is revenue{business_line=cloud} @ 1Q24 by cloud_type",
        "ip_service_revenue": "IP service revenue is revenue{enterprise_connectivity=ip_service}",
        "one_time_revenue": "one-time revenue is systems construction revenue: revenue{service=systems_construction}",
        "nw_services_gross_margin": "the NW services gross margin is gross_profit{segment=nw_services} / revenue{segment=nw_services} @ FY16..FY23 "
            + "(IIJ's printed margins, cited, where the inputs are not published)",
        "employee_increase": "the change in employees is diff(employees, 1y) @ 1Q23-end; the FY24 target: diff(employees{basis=target}, 1y) @ FY24-end "
            + "(IIJ's printed figures, cited, where the headcount a year before is not published)",
        "new_graduate_salary_increase": "the raise is yoy(new_graduate_monthly_salary, 4y) @ FY23 (against the Apr. 2019 table; IIJ's printed 4.8%)",
        "cash_flow_yoy_change": "a cash-flow line's printed YoY change is diff(cash_flow{cf_item=dividends_paid}, 1y) @ 1Q24 "
            + "(IIJ's printed figures, cited; the 1Q23 lines are not published)",
        "decurret_related_loss": "decurret_related_profit holds it, a loss negative (the sign rule: `describe decurret_related_profit`)",
    ]

    /// Ratios analysts name as if they were metrics, each with the query that computes it (and
    /// answers with IIJ's printed figure where there is one). Keys are compared folded
    /// (`Operating margin`, `operating_margin` and `operatingmargin` are one).
    static let ratios: [(words: [String], query: String)] = [
        (["operating margin", "operating_margin", "op margin", "営業利益率"], "operating_profit / revenue"),
        (["gross margin", "gross_margin", "gross profit ratio", "粗利率", "売上総利益率"], "gross_profit / revenue"),
        (["net margin", "net_margin", "当期利益率"], "net_profit / revenue"),
        (["sga ratio", "sga_ratio", "販管費率"], "sga / revenue"),
    ]

    /// The query a ratio's name stands for (`operating_margin` → `operating_profit / revenue`).
    static func ratio(_ name: String) -> String? {
        let folded = MetricSearch.folded(name)
        return ratios.first { $0.words.contains { MetricSearch.folded($0) == folded } }?.query
    }

    /// The error for a retired metric name, or a ratio's name, at `span`; nil for any other name.
    static func diagnostic(_ name: String, at span: Span) -> Diagnostic? {
        if let query = ratio(name) {
            return Diagnostic(.unknownMetric, "unknown metric '\(name)': a margin is a ratio of two metrics", at: span,
                              hints: ["write: \(query) @ FY24 (IIJ's printed margins answer it, cited)"])
        }
        return replacements[name].map { Diagnostic(.unknownMetric, "unknown metric '\(name)': the fact base no longer has it", at: span, hints: [$0]) }
    }
}
