/// `sources`: the documents and their slides with how many facts each prints, and
/// `sources "Ⅱ- 3"`: every fact printed on the slides (or documents) whose name contains the text,
/// with the statement that reads it — the fact base entered from the page an analyst holds.
struct SourceIndex {
    let base: FactBase

    /// Every document, then each of its slides with its fact count, in the order first recorded.
    func overview() -> String {
        var counts: [String: [(slide: String, facts: Int)]] = [:]
        for fact in base.facts {
            for cite in Set(fact.citations.map { SlideKey(document: $0.document, slide: $0.slide) }) {
                var slides = counts[cite.document, default: []]
                if let i = slides.firstIndex(where: { $0.slide == cite.slide }) { slides[i].facts += 1 } else { slides.append((cite.slide, 1)) }
                counts[cite.document] = slides
            }
        }
        var out = ""
        for doc in base.documents {
            let slides = (counts[doc.file] ?? []).sorted { SourceIndex.natural($0.slide) < SourceIndex.natural($1.slide) }
            out += "\(doc.id) \(doc.title) (\(doc.file)): \(Messages.count(slides.reduce(0) { $0 + $1.facts }, "fact")) on \(Messages.count(slides.count, "slide"))\n"
            out += TextGrid.render(slides.map { ["  " + $0.slide, Dec($0.facts).formatted()] }, rightAligned: [false, true])
        }
        return out + "`sources \"TEXT\"` lists the facts of every slide or document whose name contains TEXT\n"
    }

    /// The facts printed on the slides or in the documents whose name contains `text`, grouped
    /// by slide, each as the statement that reads it, its value and its printed label; then the
    /// printed results there (growth rates, margins), each as the query it answers.
    func facts(matching text: String, at span: Span) throws -> String {
        let wanted = SourceIndex.folded(text)
        let documents = Set(base.documents.filter { d in [d.id, d.file, d.title].contains { SourceIndex.folded($0).contains(wanted) } }.map(\.file))
        var groups: [SlideKey: [[String]]] = [:], order: [SlideKey] = []
        for fact in base.facts {
            for cite in fact.citations where documents.contains(cite.document) || SourceIndex.folded(cite.slide).contains(wanted) {
                let key = SlideKey(document: cite.document, slide: cite.slide)
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append([statement(for: fact), CellText.withUnit(fact.quantity), "\"\(cite.label)\""])
            }
        }
        var printed: [SlideKey: [[String]]] = [:]
        for p in base.printed where documents.contains(p.citation.document) || SourceIndex.folded(p.citation.slide).contains(wanted) {
            let key = SlideKey(document: p.citation.document, slide: p.citation.slide)
            if groups[key] == nil, printed[key] == nil { order.append(key) }
            printed[key, default: []].append([p.query, CellText.withUnit(p.expected), "\"\(p.citation.label)\""])
        }
        guard !order.isEmpty else {
            let slides = Set(base.facts.flatMap { $0.citations.map(\.slide) }).sorted()
            throw Diagnostic(.noData, "no slide or document name contains \"\(text)\"", at: span,
                             hints: Suggest.hint(for: text, in: slides) + ["`sources` lists the documents and slides"])
        }
        var out = ""
        for key in order.sorted(by: { ($0.document, SourceIndex.natural($0.slide)) < ($1.document, SourceIndex.natural($1.slide)) }) {
            let rows = groups[key] ?? [], results = printed[key] ?? []
            let counts = [rows.isEmpty ? nil : Messages.count(rows.count, "fact"), results.isEmpty ? nil : Messages.count(results.count, "printed result")]
            out += "\(key.document) — \(key.slide): \(counts.compactMap { $0 }.joined(separator: ", "))\n"
                + TextGrid.render((rows + results).map { ["  " + $0[0]] + $0.dropFirst() })
        }
        return out
    }

    /// The statement that reads one fact: its metric, every dimension it fixes, its basis when not
    /// an actual, and its period.
    func statement(for fact: Fact) -> String {
        let filters = fact.dimensions.map { "\($0.dimension)=\($0.value)" } + (fact.basis == .actual ? [] : ["basis=\(fact.basis.rawValue)"])
        return fact.metric + (filters.isEmpty ? "" : "{\(filters.joined(separator: ", "))}") + " @ \(fact.period)"
    }

    /// A slide title as a sort key: its runs of digits compared as numbers (Ⅱ- 2 before Ⅱ- 10).
    static func natural(_ s: String) -> String {
        var out = "", digits = ""
        for ch in folded(s) + " " {
            if ch.isASCII, ch.isNumber { digits.append(ch); continue }
            if !digits.isEmpty { out += String(repeating: "0", count: max(0, 8 - digits.count)) + digits; digits = "" }
            out.append(ch)
        }
        return out
    }

    /// Text compared without case, spaces or the CJK radical forms of PDF extraction.
    static func folded(_ s: String) -> String {
        CJK.normalize(s).lowercased().filter { !$0.isWhitespace }
    }

    struct SlideKey: Hashable {
        var document: String
        var slide: String
    }
}
