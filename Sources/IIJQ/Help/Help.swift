/// The help texts behind `.help [topic]` and `iijq --help-topic`.
///
/// Each topic is a `.help` file beside this one, embedded in the binary: its first line is the
/// topic's summary, the rest its text. Examples are written `  iijq> QUERY` followed by the output
/// the query prints; the tests run every example and compare. `{{functions}}`, `{{formats}}` and
/// `{{machine-formats}}` in a text are filled in from the function table and the output formats.
public enum Help {
    /// A topic: its name, a one-line summary and its text.
    public struct Topic: Sendable {
        public var name: String
        public var summary: String
        public var text: String
    }

    /// The topics' names, in the order they are listed. Fixed at build time, so listing or
    /// completing them loads no help text.
    public static let names = ["syntax", "periods", "dimensions", "functions", "units", "stocks-flows", "targets",
                        "output", "charts", "provenance", "scripts", "commands", "keys"]

    /// The topic named `name`, or nil.
    public static func topic(_ name: String) -> Topic? { topics.first { $0.name == name } }

    /// The topics, in the order of `names`, from the embedded `NAME.help` files.
    public static let topics: [Topic] = names.compactMap { name in
        guard let file = embeddedTexts.first(where: { $0.name == name + ".help" }) else { return nil }
        var lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        let summary = lines.isEmpty ? "" : String(lines.removeFirst())
        while lines.last?.isEmpty == true { lines.removeLast() }
        let text = lines.joined(separator: "\n").replacing("{{functions}}", with: Catalog.functions().trimmingNewlines())
            .replacing("{{formats}}", with: OutputFormat.names).replacing("{{machine-formats}}", with: OutputFormat.machineNames)
        return Topic(name: name, summary: summary, text: text)
    }

    /// The overview `.help` prints with no topic.
    public static var index: String {
        let out = """
            iijq answers questions about IIJ's published results. A query names a metric, picks
            members of its dimensions, periods and a breakdown:

              revenue @ 1Q24
              revenue{segment=si} @ 1Q23..1Q24
              operating_profit / revenue @ FY24
              yoy(revenue) @ 1Q24 by segment

            `metrics` lists what the fact base holds; `describe revenue` shows one metric;
            `.tour` teaches the data model in nine short lessons. Topics (.help TOPIC):

            """
        return out + TextGrid.render(topics.map { ["  " + $0.name, $0.summary] })
    }
}

extension Help {
    /// A topic's text fitted to `width` columns: prose re-flowed, and an example whose output is
    /// wider shown as `run` answers its query at that width (less the example's indentation).
    /// `run` is called for every example in order, so that a definition reaches the ones after it.
    public static func fitted(_ text: String, width: Int?, run: (String) -> String) -> String {
        guard let width else { return text }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = [], prose: [Substring] = [], i = 0
        func flush() {
            if !prose.isEmpty { out.append(Fit.prose(prose.joined(separator: "\n"), width: width)) }
            prose = []
        }
        while i < lines.count {
            guard lines[i].hasPrefix("  iijq> ") else {
                prose.append(lines[i])
                i += 1
                continue
            }
            flush()
            let query = String(lines[i].dropFirst(8))
            out.append(Fit.lines(String(lines[i]), width: width))
            var end = i + 1
            while end < lines.count, lines[end].hasPrefix("  "), !lines[end].hasPrefix("  iijq> ") { end += 1 }
            let shown = lines[(i + 1)..<end]
            let answer = run(query)
            if shown.contains(where: { displayWidth(String($0)) > width }) {
                out += answer.trimmingNewlines().split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
            } else {
                out += shown.map(String.init)
            }
            i = end
        }
        flush()
        return out.joined(separator: "\n")
    }
}

extension String {
    func trimmingNewlines() -> String {
        var s = Substring(self)
        while s.last == "\n" { s = s.dropLast() }
        return String(s)
    }
}
