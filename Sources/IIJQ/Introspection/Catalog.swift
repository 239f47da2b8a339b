/// The listings behind `metrics`, `dimensions` and `functions`, and the Markdown catalogue
/// (`iijq --catalog markdown`, committed as docs/catalog.md).
public struct Catalog {
    public let base: FactBase

    /// The forms `iijq --catalog` prints.
    public enum Format: String, Sendable, CaseIterable { case text, markdown }

    public init(base: FactBase) { self.base = base }

    /// The topics in order, with a last group for metrics that name none (from `--facts` files).
    var groups: [(topic: Topic, metrics: [Metric])] {
        var out: [(Topic, [Metric])] = []
        let metrics = base.metricOrder.compactMap { base.metrics[$0] }
        for topic in base.topics {
            let members = metrics.filter { $0.topic == topic.name }
            if !members.isEmpty { out.append((topic, members)) }
        }
        let known = Set(base.topics.map(\.name))
        let others = metrics.filter { $0.topic.map { !known.contains($0) } ?? true }
        if !others.isEmpty { out.append((Topic(name: "other", title: "Metrics without a topic", japanese: nil), others)) }
        return out
    }

    func units(of metric: Metric) -> String { Describer.units(of: base.facts(of: metric.name)).joined(separator: ", ") }

    /// The periods of a metric's actual facts, exactly as they can be asked for: those with a
    /// total first, then those published only broken down, with the `by` that reaches them.
    func actualPeriods(of metric: Metric) -> String {
        let actual = base.facts(of: metric.name).filter { $0.basis == .actual }
        let totals = Set(actual.filter { $0.dimensions.isEmpty }.map(\.period))
        var parts = totals.isEmpty ? [] : [PeriodRanges.describe(totals.sorted())]
        let rest = actual.filter { !totals.contains($0.period) }
        if !rest.isEmpty {
            let dims = metric.dimensions.filter { d in rest.contains { $0.value(of: d) != nil } }
            let by = dims.first.map { " by \($0)" } ?? ""
            parts.append(PeriodRanges.describe(Set(rest.map(\.period)).sorted()) + by)
        }
        return parts.isEmpty ? "–" : parts.joined(separator: "; ")
    }

    /// `metrics [topic]`: the metrics grouped by topic, each with kind, units, facts and actual periods.
    /// At `width` columns the meanings are cut shorter to fit; when too little room is left
    /// for them, each is shown under its metric, with the periods and then the units when
    /// even those do not fit beside it.
    public func metrics(topic: String? = nil, width: Int? = nil) -> String {
        let chosen = groups.filter { topic == nil || $0.topic.name == topic }
        var rows: [[String]] = [["  metric", "kind", "unit", "facts", "periods (actual)"]]
        let all = chosen.flatMap(\.metrics)
        for m in all {
            rows.append(["  " + m.name, m.kind.rawValue, units(of: m), String(base.facts(of: m.name).count), actualPeriods(of: m)])
        }
        let widths = (0..<rows[0].count).map { c in rows.map { displayWidth($0[c]) }.max() ?? 0 }
        func span(_ columns: [Int]) -> Int { columns.reduce(0) { $0 + widths[$1] + 2 } }
        var beside = Array(rows[0].indices), moved: [Int] = []
        let room = width.map { $0 - span(beside) } ?? 48
        let under = room < 16
        if under, let width {
            for c in [4, 2] where span(beside) > width {
                beside.removeAll { $0 == c }
                moved.insert(c, at: 0)
            }
        }
        let unders = rows.dropFirst().enumerated().map { i, row in (moved.map { row[$0] } + [all[i].description]).joined(separator: " · ") }
        rows = rows.map { row in beside.map { row[$0] } }
        if !under {
            rows[0].append("meaning")
            for (i, m) in all.enumerated() { rows[i + 1].append(Catalog.shortened(m.description, min(48, room))) }
        }
        let lines = TextGrid.render(rows, rightAligned: beside.map { $0 == 3 }).split(separator: "\n", omittingEmptySubsequences: false)
        var out = ""
        var index = 1
        for group in chosen {
            out += "\(group.topic.name) — \(group.topic.title)\(group.topic.japanese.map { " (\($0))" } ?? "")\n"
            if index == 1 { out += lines[0] + "\n" }
            for (i, line) in lines[index..<(index + group.metrics.count)].enumerated() {
                out += line + "\n"
                if under, let width { out += "      " + Catalog.shortened(unders[index - 1 + i], max(16, width - 6)) + "\n" }
            }
            index += group.metrics.count
        }
        let count = chosen.reduce(0) { $0 + $1.metrics.count }
        if topic == nil {
            out += "\(count) metrics in \(chosen.count) topics, \(Dec(base.facts.count).formatted()) facts · `metrics TOPIC` lists one topic · `describe NAME` shows one metric\n"
        } else {
            out += "\(count) metric\(count == 1 ? "" : "s") · `describe NAME` shows one\n"
        }
        return out
    }

    /// `dimensions`: each dimension with its Japanese name, members and the metrics that use it.
    /// Wider than `width`, each dimension's members and users go on a line under it.
    func dimensions(width: Int? = nil) -> String {
        var rows: [[String]] = [["dimension", "Japanese", "nested in", "members", "", "used by"]]
        for name in base.dimensionOrder {
            guard let d = base.dimensions[name] else { continue }
            let users = base.metricOrder.filter { base.metrics[$0]?.dimensions.contains(name) == true }
            let members = d.members.map(\.name)
            rows.append([name, d.japanese ?? "", d.parent ?? "", String(members.count), Self.abbreviated(members, 36), Self.abbreviated(users, 36)])
        }
        var table = TextGrid.render(rows, rightAligned: [false, false, false, true])
        if let width, table.split(separator: "\n").contains(where: { displayWidth(String($0)) > width }) {
            let lines = TextGrid.render(rows.map { Array($0.prefix(4)) }, rightAligned: [false, false, false, true]).split(separator: "\n")
            table = lines[0] + "\n"
            for (line, row) in zip(lines.dropFirst(), rows.dropFirst()) { table += line + "\n    " + row[4] + "; used by " + row[5] + "\n" }
        }
        return table + "`describe DIMENSION` lists its members with their Japanese names; every dimension also has the \"all\" member (leave it out)\n"
    }

    /// `text` cut at a word to at most `width` columns, with `…` when cut.
    static func shortened(_ text: String, _ width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        var out = ""
        for word in text.split(separator: " ") {
            guard displayWidth(out) + displayWidth(String(word)) + 1 <= width - 1 else { break }
            out += (out.isEmpty ? "" : " ") + word
        }
        return out + "…"
    }

    /// As many of `names` as fit in about `width` characters, then how many there are in all.
    static func abbreviated(_ names: [String], _ width: Int) -> String {
        var shown: [String] = []
        for name in names {
            guard shown.isEmpty || shown.joined(separator: ", ").count + name.count + 2 <= width else { break }
            shown.append(name)
        }
        return shown.joined(separator: ", ") + (shown.count < names.count ? ", … (\(names.count))" : "")
    }

    /// `functions`: every built-in function with what it does and an example.
    static func functions() -> String {
        TextGrid.render(Builtins.all.flatMap { [[$0.signature, $0.summary], ["", "e.g. " + $0.example]] })
    }

    /// The function table of docs/language.md §8, from the registry.
    public static func functionTable() -> String {
        "| function | result |\n|---|---|\n" + Builtins.all.map { "| `\($0.signature.replacing("|", with: "\\|"))` | \(cell($0.summary)) |\n" }.joined()
    }

    /// The whole fact base as Markdown: documents, metrics by topic, dimensions with their members.
    public func markdown() -> String {
        var out = """
            # The iijq fact base

            Generated by `iijq --catalog markdown` from the fact files in `Sources/FactBase/`; a test fails
            when this file is out of date. \(base.metricOrder.count) metrics in \(groups.count) topics, \
            \(Dec(base.facts.count).formatted()) facts, \(base.dimensionOrder.count) dimensions, from \(base.documents.count) documents.
            Periods in ranges are consecutive (`1Q23..1Q24` is five quarters); `-end` marks an instant.

            ## Documents

            | id | file | title |
            |---|---|---|

            """
        for d in base.documents { out += "| \(d.id) | `\(d.file)` | \(Self.cell(d.title)) |\n" }
        out += "\n## Metrics by topic\n"
        for group in groups {
            out += "\n### \(group.topic.name): \(Self.cell(group.topic.title))\(group.topic.japanese.map { " (\($0))" } ?? "")\n\n"
            out += "| metric | Japanese | kind | unit | dimensions | periods (actual) | other bases | facts | description |\n"
            out += "|---|---|---|---|---|---|---|--:|---|\n"
            for m in group.metrics {
                let facts = base.facts(of: m.name)
                let bases = Basis.allCases.filter { b in b != .actual && facts.contains { $0.basis == b } }.map(\.rawValue)
                let cells = [
                    "`\(m.name)`", m.aliases.joined(separator: ", "), m.kind.rawValue, units(of: m),
                    m.dimensions.joined(separator: ", "), actualPeriods(of: m), bases.joined(separator: ", "),
                    String(facts.count), m.description,
                ]
                out += "| " + cells.map(Self.cell).joined(separator: " | ") + " |\n"
            }
        }
        if !base.definitions.isEmpty {
            out += "\n## Definitions\n\nDerived series the fact files define (`define`): usable in any query like a `let`, computed "
            out += "from the facts at every period they cover and never stored; the document's own printings of them are `printed` lines.\n\n"
            out += "| name | Japanese | defined as | description |\n|---|---|---|---|\n"
            for d in base.definitions {
                out += "| `\(d.name)` | \(Self.cell(d.aliases.joined(separator: ", "))) | `\(Self.cell(d.body))` | \(Self.cell(d.description)) |\n"
            }
        }
        out += "\n## Dimensions\n\nEvery dimension also has the \"all\" member: leave the dimension out to get the total.\n"
        for name in base.dimensionOrder {
            guard let d = base.dimensions[name] else { continue }
            out += "\n### \(name)\(d.japanese.map { " (\($0))" } ?? ""): \(Self.cell(d.description))\n\n"
            if let parent = d.parent { out += "Nested in `\(parent)`. " }
            if let target = d.alternateOf {
                out += "An alternate breakdown of the `\(target)` hierarchy: each member lies within the members named, "
                    + "so its figures are never added to theirs. "
            } else if !d.additive { out += "Members overlap, so they need not add up to the total. " }
            if d.parent != nil || !d.additive { out += "\n\n" }
            out += "| member | Japanese | description |\n|---|---|---|\n"
            for m in d.members {
                let within = m.within.isEmpty ? "" : " (within " + m.within.map { "`\($0)`" }.joined(separator: ", ") + ")"
                out += "| `\(m.name)` | \(Self.cell(m.japanese ?? "")) | \(Self.cell(m.description + (m.parent.map { " (in `\($0)`)" } ?? "") + within)) |\n"
            }
        }
        return out
    }

    /// A Markdown table cell: pipes escaped, newlines flattened.
    static func cell(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "|": out += "\\|"
            case "\n": out += " "
            default: out.append(ch)
            }
        }
        return out
    }
}
