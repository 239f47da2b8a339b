/// `explain`: how a query is evaluated (each selector's facts, the cells matched and missing),
/// and what dates a period covers.
struct Explainer {
    let session: Session

    func explain(_ query: Query) throws -> String {
        var out = "query: \(query.expressions.map(\.text).joined(separator: ", "))"
        let items = query.periods.map(\.text)
        if !items.isEmpty { out += " @ " + items.joined(separator: ", ") }
        out += "\n"
        // The periods and rows as the query's own first stage reads them (`latest` counted, Japanese names resolved).
        var state = QueryState(evaluator: session.evaluator())
        try PeriodsStage(query: query).apply(to: &state)
        for n in state.notes { out += "note: \(n)\n" }
        if let periods = state.context.periods {
            out += "periods:\n"
            for p in periods.prefix(12) { out += "  \(p)  \(Explainer.dates(p))\n" }
            if periods.count > 12 { out += "  … and \(periods.count - 12) more\n" }
        } else {
            out += "periods: every period the facts have\n"
        }
        if !query.by.isEmpty { out += "rows: one per \(query.by.map(\.name).joined(separator: " × "))\n" }
        if let v = query.versus { out += "compared: actual vs \(v.basis), with the difference and attainment (actual ÷ \(v.basis))\n" }
        var evaluator = state.evaluator
        let context = state.context
        out += "selectors:\n"
        var seen = Set<String>()
        for selector in query.expressions.flatMap(\.selectors) where seen.insert(selector.text).inserted {
            guard case .selector(let name, let filters) = selector.kind else { continue }
            if let body = session.definitions[name] {
                out += "  \(selector.text) is defined as \(body.text)\n"
                continue
            }
            let metric = session.base.metric(named: name)
            let kind = metric.map { " — a \($0.kind.rawValue)" } ?? ""
            do {
                let f = try evaluator.select(name, filters, selector, context)
                out += "  \(selector.text)\(kind): \(f.cells.count) cell\(f.cells.count == 1 ? "" : "s")\n"
                for c in f.cells.prefix(20) {
                    let source = c.citations.first?.reference ?? ""
                    let more = c.citations.count > 1 ? " and \(c.citations.count - 1) more source\(c.citations.count == 2 ? "" : "s")" : ""
                    out += "    \(f.address(of: c))  \(CellText.withUnit(c.quantity))  ← \(source)\(more)\n"
                }
                if f.cells.count > 20 { out += "    … and \(f.cells.count - 20) more cells\n" }
                for n in f.notes { out += "    note: \(n)\n" }
            } catch let d as Diagnostic {
                out += "  \(selector.text)\(kind): \(d.message)\n"
            }
        }
        do {
            let result = try session.evaluate(query)
            out += "result: \(result.cells.count) cell\(result.cells.count == 1 ? "" : "s")"
            out += result.keys.isEmpty ? "\n" : ", keyed by \(result.keys.joined(separator: ", "))\n"
            for n in result.notes { out += "  note: \(n)\n" }
            out += DisplayScale.explanation(result).map { "  " + $0 } ?? ""
            out += cells(result, computed: query.expressions.contains { if case .selector = $0.kind { false } else { true } })
            out += factsRead(result)
        } catch let d as Diagnostic {
            out += "result: error: \(d.message)\n"
        }
        return out
    }

    /// Each printed cell of the result, and each cell of a `computed` expression: the printed
    /// figure and where, the figure the stored inputs give, and the interval their rounding allows.
    func cells(_ result: Frame, computed: Bool) -> String {
        var rows: [[String]] = []
        for c in result.cells.prefix(20) {
            guard let how = Explainer.how(c, computed: computed) else { continue }
            rows.append(["  " + result.address(of: c), CellText.withUnit(c.quantity), how])
        }
        guard !rows.isEmpty else { return "" }
        return "cells:\n" + TextGrid.render(rows) + (result.cells.count > 20 ? "  … and \(result.cells.count - 20) more\n" : "")
    }

    /// How a cell of the result came about: as printed (and what the stored inputs give), or
    /// computed, with the interval its inputs allow; nil for a cell read as stored.
    static func how(_ c: Cell, computed: Bool) -> String? {
        if c.printed {
            let cite = c.citations[0]
            let inputs = c.computed.map { "the stored inputs give \(Explainer.interval($0, places: c.quantity.places))" } ?? "the stored inputs give none"
            return "as printed on \(cite.place) (\"\(cite.label)\"); " + inputs
        }
        return computed ? "computed: \(Explainer.interval(c.quantity, places: c.quantity.places))" : nil
    }

    /// A computed value to two more decimals than shown, with the interval its inputs' rounding allows.
    static func interval(_ q: Quantity, places: Int) -> String {
        let unit = [.percent, .pp].contains(q.unit) ? (q.unit == .percent ? "%" : "pp") : " " + q.unit.description
        let shown = { (d: Dec) in d.rounded(places + 2).formatted(places: places + 2) }
        let value = shown(q.low) + (q.isRange ? "～" + shown(q.high) : "") + unit
        guard let (lo, hi) = q.interval, q.tolerance != .zero else { return value + " (exact)" }
        return value + ", which the rounding of its inputs allows anywhere in \(shown(lo)) … \(shown(hi))"
    }

    /// Every fact behind the result — the prior periods of `yoy`, `lag` and `diff`, the totals of
    /// `share`, the quarters of a derived year included — as the statement that reads it.
    func factsRead(_ result: Frame) -> String {
        let rows = facts(behind: result).map { statement, fact in
            ["  " + statement, CellText.withUnit(fact.quantity), "← " + fact.citations[0].reference]
        }
        guard result.cells.contains(where: { !$0.citations.isEmpty }) else { return "" }
        let shown = rows.prefix(40)
        return "facts read: \(rows.count)\n" + TextGrid.render(Array(shown)) + (rows.count > 40 ? "  … and \(rows.count - 40) more\n" : "")
    }

    /// The facts behind a result, each once, with the statement that reads it.
    func facts(behind result: Frame) -> [(statement: String, fact: Fact)] {
        var wanted: [String] = [], seen = Set<String>()
        for c in result.cells {
            for cite in c.citations where seen.insert("\(cite.file):\(cite.line)").inserted { wanted.append("\(cite.file):\(cite.line)") }
        }
        guard !wanted.isEmpty else { return [] }
        var byLine: [String: Fact] = [:]
        for fact in session.base.facts {
            for cite in fact.citations where seen.contains("\(cite.file):\(cite.line)") { byLine["\(cite.file):\(cite.line)"] = fact }
        }
        let index = SourceIndex(base: session.base)
        var out: [(statement: String, fact: Fact)] = [], listed = Set<String>()
        for place in wanted {
            guard let fact = byLine[place] else { continue }
            let statement = index.statement(for: fact)
            guard listed.insert(statement).inserted else { continue }
            out.append((statement, fact))
        }
        return out
    }

    /// `FY24` → its first and last days, and what it holds.
    static func explain(_ p: Period, written: String) -> String {
        var out = (written == p.description ? "" : "\(written) = ") + "\(p): \(dates(p))\n"
        switch p.grain {
        case .year: out += "  a fiscal year (IIJ's starts on 1 April); halves \(p.parts(.half).map(\.description).joined(separator: ", ")); quarters \(p.parts(.quarter).first!)..\(p.parts(.quarter).last!)\n"
        case .half: out += "  a half of FY\(Period.twoDigits(p.fiscalYear)); quarters \(p.parts(.quarter).map(\.description).joined(separator: ", "))\n"
        case .quarter: out += "  a quarter of FY\(Period.twoDigits(p.fiscalYear)); its end is the instant \(p.end)\n"
        case .instant: out += "  an instant (the end of a day): stocks are read here; a flow is read over the quarter that ends here\n"
        case .several:
            switch p {
            case .span: out += "  fiscal years taken as one period: an amount over all of them together, such as a three-year plan\n"
            case .onward: out += "  a fiscal year and every one after it, as printed \"in or after\": no single year holds it\n"
            default: out += "  no period: the document prints the figure without saying when\n"
            }
        }
        return out
    }

    static func dates(_ p: Period) -> String {
        switch p {
        case .undated: "no date printed"
        case .onward: "from \(p.startDate), with no end"
        default: p.isInstant ? "\(p.endDate)" : "\(p.startDate) … \(p.endDate)"
        }
    }
}

extension Citation {
    /// Where a fact is recorded and printed, as `explain` lists it: `FILE:LINE (slide: "label")`,
    /// and the slide's qualification in brackets (`[approx.]`).
    var reference: String { "\(file):\(line) (\(slide): \"\(label)\")" + (note.map { " [\($0)]" } ?? "") }
}
