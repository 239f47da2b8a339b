/// Lists every fact behind a result with its source document, slide and printed label.
enum CiteRenderer {
    static func text(_ frame: Frame) -> String {
        var seen = Set<Citation>(), rows: [[String]] = []
        for c in frame.cells {
            for cite in c.citations where seen.insert(cite).inserted {
                rows.append([cite.document, cite.slide, cite.label, "\(cite.file):\(cite.line)"])
            }
        }
        let header = ["document", "slide", "printed label", "recorded at"]
        let widths = header.indices.map { i in ([header] + rows).map { displayWidth($0[i]) }.max() ?? 0 }
        var out = ""
        for r in [header] + rows {
            var line = zip(r, widths).map { pad($0, $1) }.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
