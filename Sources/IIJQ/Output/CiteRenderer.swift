/// `| cite`: for every cell of a result, the facts it was computed from and where each was printed.
enum CiteRenderer {
    /// The cite's columns, as the text table heads them and the machine formats name them.
    static let header = ["cell", "document", "slide", "printed label", "recorded at", "note"]

    /// One row per fact behind each cell (a cell computed from no fact has one row saying so):
    /// the cell first, then the fact's document, slide, label and fact-file line.
    static func rows(_ frame: Frame) -> [(cell: Cell, fields: [String])] {
        var rows: [(cell: Cell, fields: [String])] = []
        for c in frame.cells {
            var seen = Set<Citation>(), first = true
            let cell = frame.address(of: c) + " = " + CellText.withUnit(c.asPrinted)
            for cite in c.citations where seen.insert(cite).inserted {
                rows.append((c, [first ? cell : "", cite.document, cite.slide, cite.label, "\(cite.file):\(cite.line)", cite.note ?? ""]))
                first = false
            }
            if first { rows.append((c, [cell, "(a plain number: no facts)", "", "", "", ""])) }
        }
        return rows
    }

    /// The cite as a table (the note column only when a fact has a note), or, when that is wider
    /// than `width`, each cell followed by its facts as `field  value` lines, fitted to the width.
    static func text(_ frame: Frame, width: Int? = nil) -> String {
        let rows = rows(frame)
        let withNotes = rows.contains { !$0.fields[5].isEmpty }
        let heads = withNotes ? header : Array(header.dropLast())
        let table = TextGrid.render([heads] + rows.map { withNotes ? $0.fields : Array($0.fields.dropLast()) })
        guard let width, table.split(separator: "\n").contains(where: { displayWidth(String($0)) > width }) else { return table }
        var out = ""
        for row in rows {
            if !row.fields[0].isEmpty { out += row.fields[0] + "\n" }
            let pairs = zip(header.dropFirst(), row.fields.dropFirst()).filter { !$1.isEmpty }.map { ["  " + $0, $1] }
            out += TextGrid.render(pairs)
        }
        return Fit.lines(out, width: width)
    }

    /// The cite in `format`: the text table (fitted to `width`); a Markdown table; in CSV, TSV
    /// and JSON one record per fact, each naming its cell and giving the cell's value as a plain
    /// number and its unit.
    static func render(_ frame: Frame, as format: OutputFormat, width: Int? = nil) -> String {
        switch format {
        case .table: return text(frame, width: width)
        case .markdown:
            let lines = ([header, header.map { _ in "---" }] + rows(frame).map(\.fields)).map { row in
                "| " + row.map { $0.replacingPipes() }.joined(separator: " | ") + " |\n"
            }
            return lines.joined()
        case .csv, .tsv:
            let separator: Character = format == .csv ? "," : "\t"
            let names = ["cell", "value", "unit", "document", "slide", "label", "file_line", "note"]
            let rows = records(frame).map { r in
                [r.cell, CellText.plain(r.value.quantity.low, places: r.value.quantity.places), r.value.quantity.unit.description] + r.fields
            }
            return ([names] + rows).map { row in
                row.map { CSV.field($0, separator: separator) }.joined(separator: String(separator))
            }.joined(separator: "\n") + "\n"
        case .json:
            let records = records(frame).map { r in
                "{\"cell\": \(JSON.string(r.cell)), \"value\": \(CellText.plain(r.value.quantity.low, places: r.value.quantity.places)), "
                    + "\"unit\": \(JSON.string(r.value.quantity.unit.description)), \"document\": \(JSON.string(r.fields[0])), "
                    + "\"slide\": \(JSON.string(r.fields[1])), \"label\": \(JSON.string(r.fields[2])), \"file_line\": \(JSON.string(r.fields[3])), \"note\": \(r.fields[4].isEmpty ? "null" : JSON.string(r.fields[4]))}"
            }
            return records.isEmpty ? "[]\n" : "[\n  " + records.joined(separator: ",\n  ") + "\n]\n"
        }
    }

    /// The rows for the machine formats: every one names its cell (the text leaves it blank
    /// after the first of a cell's facts).
    static func records(_ frame: Frame) -> [(cell: String, value: Cell, fields: [String])] {
        rows(frame).map { row in (frame.address(of: row.cell), row.cell, Array(row.fields.dropFirst())) }
    }
}
