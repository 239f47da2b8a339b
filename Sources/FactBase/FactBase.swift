/// The fact files compiled into the binary, in the order they load.
///
/// Each `.facts` file beside this one is embedded as a string by the `EmbedTexts` plugin. A file
/// is named for its document and the part it covers (`004_1_results.facts`: document 004, slides
/// Ⅰ to Ⅱ-4); docs/fact-format.md says where new facts go.
///
/// Load order shows in listings: metrics and dimensions are listed in the order they are
/// declared, a metric's units in the order its facts are read, and a figure printed twice cites
/// first the printing read first. So the order is written down here rather than left to the file
/// names: the files in `loadOrder` (the schema, then the order they loaded in before they were
/// named by document), then any other file in name order — a new document's files need no entry.
public enum EmbeddedFacts {
    /// The files that load first, in this order.
    static let loadOrder = [
        "schema.facts", "004_3_finance_and_targets.facts", "004_3b_financial_position_and_targets.facts",
        "004_4_mobile_security_appendix.facts", "004_2_segments_and_people.facts", "004_2b_si_costs_and_people.facts",
        "000_1_overview.facts", "000_1b_results_and_plans.facts", "004_6_reference_history.facts",
        "004_5_reference_overview.facts", "004_1_results.facts", "004_7_other_figures.facts", "000_2_other_figures.facts",
    ]

    /// The embedded files as (file name, text) pairs, in load order.
    public static var files: [(name: String, text: String)] { inLoadOrder(embeddedTexts) }

    /// The fact files among `texts`, in load order (FactCompiler reads them from disk).
    public static func inLoadOrder(_ texts: [(name: String, text: String)]) -> [(name: String, text: String)] {
        let rank = Dictionary(uniqueKeysWithValues: loadOrder.enumerated().map { ($1, $0) })
        let facts = texts.enumerated().filter { $0.element.name.hasSuffix(".facts") }
        return facts.sorted { (rank[$0.element.name] ?? loadOrder.count, $0.offset) < (rank[$1.element.name] ?? loadOrder.count, $1.offset) }
            .map(\.element)
    }
}
