/// How the slides qualify the figures a result shows: "approx.", "IIJ non-consolidated",
/// "US-GAAP", "up to" — the `note=` of the facts behind each cell, said once per result.
extension Frame {
    /// The note naming each qualification once, with the cells it applies to; nil when the
    /// facts behind the result are printed plainly.
    func qualificationsNote() -> String? {
        var order: [String] = [], cellsOf: [String: [String]] = [:]
        for (i, sources) in cells.sources.enumerated() {
            var seen = Set<String>()
            for note in sources.notes where seen.insert(note).inserted {
                if cellsOf[note] == nil { order.append(note) }
                cellsOf[note, default: []].append(address(of: cells[i]))
            }
        }
        guard !order.isEmpty else { return nil }
        return "as the slides qualify them: "
            + Messages.list(order.map { note in
                let those = cellsOf[note] ?? []
                return "\(note) — " + (those.count == cells.count && cells.count > 1 ? "every cell" : Messages.list(those, separator: ", "))
            })
    }
}
