/// `periods`: every form the calendar accepts, the dates it stands for, and what the fact base covers.
struct PeriodGuide {
    let base: FactBase

    /// Example forms, each parsed and expanded by the calendar itself, so the dates shown are the ones used.
    static let forms: [(kind: String, text: String, note: String)] = [
        ("fiscal year", "FY24", "also FY2024; IIJ's year starts on 1 April"),
        ("half", "1H24", "the first half; 2H24 the second"),
        ("half", "2H24", ""),
        ("quarter", "1Q24", "1Q–4Q; 1Q24 is April–June 2024"),
        ("quarter", "4Q24", ""),
        ("instant", "1Q24-end", "the last day of a quarter, half or year"),
        ("instant", "FY23-end", ""),
        ("date", "2024-06-30", "any date is an instant"),
        ("range", "1Q23..1Q24", "consecutive periods of the first one's kind"),
        ("range", "FY22..FY24", ""),
        ("range", "1Q23-end..1Q24-end", ""),
        ("list", "1Q23, 1Q24", "periods separated by commas"),
    ]

    func text() -> String {
        var rows: [[String]] = [["form", "written", "stands for", ""]]
        var previousKind = ""
        for form in Self.forms {
            rows.append([form.kind == previousKind ? "" : form.kind, form.text, Self.meaning(of: form.text), form.note])
            previousKind = form.kind
        }
        var out = "After `@`, a query takes one of these (`explain FY24` shows any period's dates):\n\n"
        out += TextGrid.render(rows)
        out += """

            Shifts, for lag and diff: 1y, 1h, 1q (1Q24 − 1y = 1Q23; 1Q24 − 1q = 4Q23).
            A stock asked for over a period is read at its end; a flow asked for at an instant is read
            over the quarter (or, at a year's end, the year) ending then. A half or year that was not
            published is summed from its quarters.

            The fact base holds (actual figures; targets and plans reach later years):

            """
        var covered: [[String]] = []
        for (grain, label) in [(Period.Grain.year, "years"), (.half, "halves"), (.quarter, "quarters"), (.instant, "instants")] {
            let actual = Set(base.facts.filter { $0.basis == .actual && $0.period.grain == grain }.map(\.period))
            let other = Set(base.facts.filter { $0.basis != .actual && $0.period.grain == grain }.map(\.period)).subtracting(actual)
            guard !actual.isEmpty || !other.isEmpty else { continue }
            var text = PeriodRanges.describe(actual.sorted())
            if !other.isEmpty { text += (text.isEmpty ? "" : "; ") + "targets and plans: " + PeriodRanges.describe(other.sorted()) }
            covered.append(["  " + label, text])
        }
        return out + TextGrid.render(covered)
    }

    /// What a written period means: its dates, or for a range or list, the periods it expands to.
    static func meaning(of text: String) -> String {
        let parts = text.split(separator: ",").map { String($0).trimmingSpaces() }
        if parts.count > 1 { return parts.joined(separator: " and ") }
        let ends = text.split(separator: "..").map(String.init)
        let parsed = ends.compactMap { try? PeriodParser.parse($0).get() }
        guard parsed.count == ends.count, let first = parsed.first else { return "" }
        if parsed.count == 2, let periods = first.through(parsed[1]) {
            return periods.map(\.description).joined(separator: ", ")
        }
        return Explainer.dates(first)
    }
}
