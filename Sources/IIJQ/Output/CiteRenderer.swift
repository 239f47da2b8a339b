/// `| cite`: for every cell of a result, the facts it was computed from and where each was printed.
enum CiteRenderer {
    /// The cite's columns, as the text table heads them and the machine formats name them.
    static let header = ["cell", "document", "slide", "printed label", "recorded at"]

    /// One row per fact behind each cell (a cell computed from no fact has one row saying so):
    /// the cell first, then the fact's document, slide, label and fact-file line.
    static func rows(_ frame: Frame) -> [(cell: Cell, fields: [String])] {
        var rows: [(cell: Cell, fields: [String])] = []
        for c in frame.cells {
            var seen = Set<Citation>(), first = true
            let cell = frame.address(of: c) + " = " + CellText.withUnit(c.asPrinted)
            for cite in c.citations where seen.insert(cite).inserted {
                rows.append((c, [first ? cell : "", cite.document, cite.slide, cite.label, "\(cite.file):\(cite.line)"]))
                first = false
            }
            if first { rows.append((c, [cell, "(a plain number: no facts)", "", "", ""])) }
        }
        return rows
    }

    static func text(_ frame: Frame) -> String {
        TextGrid.render([header] + rows(frame).map(\.fields))
    }

    /// The cite in `format`: the text table; a Markdown table; in CSV, TSV and JSON one record
    /// per fact, each naming its cell and giving the cell's value as a plain number and its unit.
    static func render(_ frame: Frame, as format: OutputFormat) -> String {
        switch format {
        case .table: return text(frame)
        case .markdown:
            let lines = ([header, header.map { _ in "---" }] + rows(frame).map(\.fields)).map { row in
                "| " + row.map { $0.replacingPipes() }.joined(separator: " | ") + " |\n"
            }
            return lines.joined()
        case .csv, .tsv:
            let separator: Character = format == .csv ? "," : "\t"
            let names = ["cell", "value", "unit", "document", "slide", "label", "file_line"]
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
                    + "\"slide\": \(JSON.string(r.fields[1])), \"label\": \(JSON.string(r.fields[2])), \"file_line\": \(JSON.string(r.fields[3]))}"
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
