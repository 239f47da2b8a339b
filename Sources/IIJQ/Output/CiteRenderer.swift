/// `| cite`: for every cell of a result, the facts it was computed from and where each was printed.
enum CiteRenderer {
    static func text(_ frame: Frame) -> String {
        var rows: [[String]] = []
        for c in frame.cells {
            var seen = Set<Citation>(), first = true
            let cell = frame.address(of: c) + " = " + CellText.withUnit(c.quantity)
            for cite in c.citations where seen.insert(cite).inserted {
                rows.append([first ? cell : "", cite.document, cite.slide, cite.label, "\(cite.file):\(cite.line)"])
                first = false
            }
            if first { rows.append([cell, "(a plain number: no facts)", "", "", ""]) }
        }
        return TextGrid.render([["cell", "document", "slide", "printed label", "recorded at"]] + rows)
    }
}
