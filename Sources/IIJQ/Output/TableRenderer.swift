/// Renders frames as aligned text tables (and Markdown tables).
enum TableRenderer {
    /// The header, rows and alignment of a frame's table.
    static func grid(_ frame: Frame) -> (header: [String], rows: [[String]], rightAligned: [Bool]) {
        let pivot = Pivot(frame)
        let unitLabel = pivot.units.count == 1 ? pivot.units[0].description : ""
        let keyHeader = frame.rowKeys.joined(separator: " / ")
        var header = [keyHeader.isEmpty ? (unitLabel.isEmpty ? "" : "(\(unitLabel))") : keyHeader + (unitLabel.isEmpty ? "" : " (\(unitLabel))")]
        let perRowUnits = pivot.units.count > 1
        if perRowUnits { header.append("unit") }
        header += pivot.columns.map { $0 != .always ? $0.description : frame.periodRow == nil ? "value" : frame.label }
        var rows: [[String]] = []
        for (i, label) in pivot.rowLabels.enumerated() {
            var row = [label.isEmpty ? frame.label : label.joined(separator: " / ")]
            if perRowUnits { row.append(pivot.values[i].compactMap { $0?.unit.description }.first ?? "") }
            row += pivot.values[i].map { $0.map(CellText.table) ?? "–" }
            rows.append(row)
        }
        let right = header.indices.map { $0 >= (perRowUnits ? 2 : 1) }
        return (header, rows, right)
    }

    /// An aligned table, cut to `layout.maxRows` rows, or one record per row when it would be
    /// wider than `layout.width` (or always or never, as `layout.expanded` says).
    static func text(_ frame: Frame, bold: Bool = false, layout: Layout = Layout()) -> String {
        if frame.cells.isEmpty { return "(no cells)\n" }
        var (header, rows, right) = grid(frame)
        let hidden = layout.cut(&rows)
        rows = DecimalPoints.aligned(rows.map { $0.map(layout.styled) }, columns: right)
        let table = TextGrid.render([header] + rows, rightAligned: right, boldFirstRow: bold)
        let fits = layout.expanded.map { !$0 }
            ?? layout.width.map { w in table.split(separator: "\n").allSatisfy { displayWidth(String($0)) <= w } } ?? true
        return (fits ? table : vertical(header, rows, bold: bold)) + Layout.hiddenNote(hidden)
    }

    /// Each row as a block of `column  value` lines, for tables wider than the terminal.
    static func vertical(_ header: [String], _ rows: [[String]], bold: Bool) -> String {
        var out = ""
        for (i, row) in rows.enumerated() {
            let title = "-[ row \(i + 1) ]-"
            out += (bold ? "\u{1B}[1m" + title + "\u{1B}[0m" : title) + "\n"
            let pairs = zip(header, row).map { [$0.isEmpty ? "row" : $0, $1] }
            out += TextGrid.render(pairs)
        }
        return out
    }

    static func markdown(_ frame: Frame, layout: Layout = Layout()) -> String {
        var (header, rows, right) = grid(frame)
        let hidden = layout.cut(&rows)
        rows = rows.map { $0.map(layout.styled) }
        func esc(_ s: String) -> String { s.replacingPipes() }
        var out = "| " + header.map(esc).joined(separator: " | ") + " |\n"
        out += "|" + right.map { $0 ? "---:|" : "---|" }.joined() + "\n"
        for r in rows { out += "| " + r.map(esc).joined(separator: " | ") + " |\n" }
        return out + Layout.hiddenNote(hidden)
    }
}

extension String {
    func replacingPipes() -> String {
        var s = ""
        for ch in self { if ch == "|" { s += "\\|" } else { s.append(ch) } }
        return s
    }
}
