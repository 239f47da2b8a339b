/// Lists every fact behind a result with its source document, slide and printed label.
enum CiteRenderer {
    static func text(_ frame: Frame) -> String {
        var seen = Set<Citation>(), rows: [[String]] = []
        for c in frame.cells {
            for cite in c.citations where seen.insert(cite).inserted {
                rows.append([cite.document, cite.slide, cite.label, "\(cite.file):\(cite.line)"])
            }
        }
        return TextGrid.render([["document", "slide", "printed label", "recorded at"]] + rows)
    }
}
