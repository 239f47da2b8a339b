/// Finding metrics by what they mean: `metrics WORD` and `search WORD` match the word against
/// metric names, Japanese names, the words each declaration lists with `also=` (EBITDA, backlog,
/// headcount …) and descriptions; an unknown name is answered with the same matches.
struct MetricSearch {
    let base: FactBase

    /// A metric found, and what matched.
    struct Match {
        var metric: Metric
        var reason: String
        var rank: Int
    }

    /// The metrics `word` finds, best first: a name or Japanese name, a word it is also known by,
    /// then a part of a name, then its description.
    func matches(_ word: String) -> [Match] {
        let w = MetricSearch.folded(word)
        guard !w.isEmpty else { return [] }
        // A part of a word matches only from three letters (or two kana/kanji) on: `x` means nothing.
        let partial = w.count >= (w.unicodeScalars.allSatisfy(\.isASCII) ? 3 : 2)
        var found: [Match] = []
        for name in base.metricOrder {
            guard let m = base.metrics[name] else { continue }
            let synonyms = m.synonyms.map(MetricSearch.folded), aliases = m.aliases.map(MetricSearch.folded)
            let match: (String, Int)? =
                MetricSearch.folded(m.name) == w || aliases.contains(w) ? ("its name", 0)
                : synonyms.contains(w) ? ("also known as \(m.synonyms[synonyms.firstIndex(of: w)!])", 1)
                : !partial ? nil
                : MetricSearch.folded(m.name).contains(w) ? ("its name", 2)
                : aliases.contains(where: { $0.contains(w) }) ? ("its Japanese name", 2)
                : synonyms.contains(where: { $0.contains(w) }) ? ("also known as \(m.synonyms.joined(separator: ", "))", 3)
                : MetricSearch.folded(m.description).contains(w) ? ("its description", 4) : nil
            if let (reason, rank) = match { found.append(Match(metric: m, reason: reason, rank: rank)) }
        }
        return found.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element)
    }

    /// The listing `metrics WORD` prints, or nil when nothing matches.
    func listing(_ word: String) -> String? {
        let found = matches(word)
        // A margin is a ratio: say which, before the amounts it is made of.
        let ratios = RetiredNames.ratios.filter { r in r.words.contains { MetricSearch.folded($0).contains(MetricSearch.folded(word)) } }
        let ratioLines = MetricSearch.folded(word).count < 3 ? "" : ratios.map { "  a ratio: \($0.query)  (\($0.words[0]), \($0.words.last ?? ""))\n" }.joined()
        guard !found.isEmpty || !ratioLines.isEmpty else { return nil }
        var rows: [[String]] = [["  metric", "kind", "meaning", "found by"]]
        for f in found { rows.append(["  " + f.metric.name, f.metric.kind.rawValue, Catalog.shortened(f.metric.description, 64), Catalog.shortened(f.reason, 40)]) }
        let table = found.isEmpty ? "" : TextGrid.render(rows) + "\(Messages.count(found.count, "metric")) · `describe NAME` shows one\n"
        return "metrics for '\(visibleText(word))'\n" + ratioLines + table
    }

    /// Hints for an unknown name: the metrics it finds by meaning.
    func hints(for word: String) -> [String] {
        let found = matches(word).prefix(3)
        guard !found.isEmpty else { return [] }
        return ["by meaning: " + found.map { "\($0.metric.name) (\($0.metric.description))" }.joined(separator: "; ")]
    }

    /// Letters and digits only, lower-cased, CJK radicals as plain kanji: `Gross margin` and
    /// `gross_margin` are one word.
    static func folded(_ s: String) -> String {
        String(CJK.normalize(s).lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init))
    }
}
