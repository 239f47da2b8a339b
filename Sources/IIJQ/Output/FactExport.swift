/// Writes the whole fact base (embedded plus `--facts`) for other tools.
public enum FactExport {
    public enum Format: String, Sendable, CaseIterable { case csv, sql }

    /// One CSV row per fact, with a header; a figure published in several places lists every
    /// source, separated by " | ". Then one row per printed result — a growth rate, margin or
    /// difference IIJ printed — whose `kind` is `printed` and whose `metric` is the query iijq
    /// answers with it (`yoy(revenue) @ FY24`), so IIJ's own rates travel with the facts.
    public static func csv(_ base: FactBase) -> String {
        var out = "metric,dimensions,period,value,high,bound,unit,basis,kind,document,slide,printed label,note\n"
        for f in base.facts {
            let dims = f.dimensions.map { "\($0.dimension)=\($0.value)" }.joined(separator: ";")
            let q = f.quantity
            let row = [f.metric, dims, f.period.description, q.low.formatted(places: q.places, grouping: false),
                       q.isRange ? q.high.formatted(places: q.places, grouping: false) : "", q.bound == .exact ? "" : q.bound.rawValue,
                       q.unit.description, f.basis.rawValue,
                       base.metrics[f.metric]?.kind.rawValue ?? "",
                       f.citations.map(\.document).joined(separator: " | "), f.citations.map(\.slide).joined(separator: " | "),
                       f.citations.map(\.label).joined(separator: " | "), notes(f.citations)]
            out += row.map { CSV.field($0) }.joined(separator: ",") + "\n"
        }
        for p in base.printed.map(base.formed) {
            let q = p.expected, form = p.form
            let row = [p.query, form?.dimensions?.map { "\($0.dimension)=\($0.value)" }.joined(separator: ";") ?? "", form?.periods ?? "",
                       q.low.formatted(places: q.places, grouping: false), q.isRange ? q.high.formatted(places: q.places, grouping: false) : "",
                       q.bound == .exact ? "" : q.bound.rawValue, q.unit.description, form?.basis.rawValue ?? "", "printed", p.citation.document, p.citation.slide, p.citation.label,
                       notes([p.citation])]
            out += row.map { CSV.field($0) }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// How the slides qualify a figure (`approx.`, `US-GAAP`), one per citation joined with " | "
    /// as the labels are; empty when every printing is plain.
    static func notes(_ citations: [Citation]) -> String {
        citations.allSatisfy { $0.note == nil } ? "" : citations.map { $0.note ?? "" }.joined(separator: " | ")
    }

    /// SQL that creates and fills SQLite tables of every fact, in one transaction, with the
    /// natural indexes: a `facts` table with a column per dimension (see `SQLExport`).
    public static func sql(_ base: FactBase) -> String { SQLExport.sql(base) }
}
