/// One line of `explain` for other programs: what it is about, its value and where that was
/// printed. `part` is query, note, period, selector, selected (a cell a selector reads), result
/// (a cell of the answer) or fact (a fact behind the answer).
struct ExplainRecord {
    var part: String
    var subject: String
    var value: Quantity? = nil
    var citation: Citation? = nil
    var detail = ""

    /// The columns, as CSV heads them and JSON names them.
    static let fields = ["part", "subject", "value", "unit", "document", "slide", "label", "file_line", "note", "detail"]

    /// The record's fields as text, in the order of `fields`; the value as plain digits.
    var texts: [String] {
        let value = value.map { CellText.plain($0.low, places: $0.places) + ($0.isRange ? "~" + CellText.plain($0.high, places: $0.places) : "") } ?? ""
        return [part, subject, value, self.value?.unit.description ?? "", citation?.document ?? "", citation?.slide ?? "", citation?.label ?? "",
                citation.map { "\($0.file):\($0.line)" } ?? "", citation?.note ?? "", detail]
    }
}

extension Explainer {
    /// `explain` as records: every period, selector, cell and fact, none cut short.
    func records(_ query: Query) throws -> [ExplainRecord] {
        var text = query.expressions.map(\.text).joined(separator: ", ")
        if !query.periods.isEmpty { text += " @ " + query.periods.map(\.text).joined(separator: ", ") }
        var out = [ExplainRecord(part: "query", subject: text)]
        var state = QueryState(evaluator: session.evaluator())
        try PeriodsStage(query: query).apply(to: &state)
        out += state.notes.map { ExplainRecord(part: "note", subject: "", detail: $0) }
        out += (state.context.periods ?? []).map { ExplainRecord(part: "period", subject: $0.description, detail: Explainer.dates($0)) }
        var evaluator = state.evaluator
        var seen = Set<String>()
        for selector in query.expressions.flatMap(\.selectors) where seen.insert(selector.text).inserted {
            guard case .selector(let name, let filters) = selector.kind else { continue }
            if let body = session.definitions[name] {
                out.append(ExplainRecord(part: "selector", subject: selector.text, detail: "defined as \(body.text)"))
                continue
            }
            let kind = session.base.metric(named: name).map { "a \($0.kind.rawValue)" } ?? ""
            do {
                let f = try evaluator.select(name, filters, selector, state.context)
                out.append(ExplainRecord(part: "selector", subject: selector.text, detail: [kind, Messages.count(f.cells.count, "cell")].filter { !$0.isEmpty }.joined(separator: ": ")))
                for c in f.cells {
                    let more = c.citations.count > 1 ? "and \(c.citations.count - 1) more source\(c.citations.count == 2 ? "" : "s")" : ""
                    out.append(ExplainRecord(part: "selected", subject: f.address(of: c), value: c.quantity, citation: c.citations.first, detail: more))
                }
                out += f.notes.map { ExplainRecord(part: "note", subject: selector.text, detail: $0) }
            } catch let d as Diagnostic {
                out.append(ExplainRecord(part: "selector", subject: selector.text, detail: d.message))
            }
        }
        do {
            let result = try session.evaluate(query)
            let computed = query.expressions.contains { if case .selector = $0.kind { false } else { true } }
            out += result.notes.map { ExplainRecord(part: "note", subject: "result", detail: $0) }
            for c in result.cells {
                out.append(ExplainRecord(part: "result", subject: result.address(of: c), value: c.quantity, citation: c.citations.first,
                                         detail: Explainer.how(c, computed: computed) ?? ""))
            }
            out += facts(behind: result).map { ExplainRecord(part: "fact", subject: $0.statement, value: $0.fact.quantity, citation: $0.fact.citations.first) }
        } catch let d as Diagnostic {
            out.append(ExplainRecord(part: "result", subject: "", detail: "error: " + d.message))
        }
        return out
    }

    /// The records in a machine format or as a Markdown table.
    static func render(_ records: [ExplainRecord], as format: OutputFormat) -> String {
        let fields = ExplainRecord.fields
        switch format {
        case .json:
            let objects = records.map { r in
                "{" + zip(fields, r.texts).map { name, text in
                    let value = name == "value" ? (text.isEmpty ? "null" : r.value!.isRange ? JSON.string(text) : text) : JSON.string(text)
                    return "\(JSON.string(name)): \(value)"
                }.joined(separator: ", ") + "}"
            }
            return "[\n  " + objects.joined(separator: ",\n  ") + "\n]\n"
        case .markdown:
            return ([fields, fields.map { _ in "---" }] + records.map(\.texts)).map { "| " + $0.map { $0.replacingPipes() }.joined(separator: " | ") + " |\n" }.joined()
        case .csv, .tsv, .table:
            let separator: Character = format == .tsv ? "\t" : ","
            return ([fields] + records.map(\.texts)).map { $0.map { CSV.field($0, separator: separator) }.joined(separator: String(separator)) }.joined(separator: "\n") + "\n"
        }
    }
}
