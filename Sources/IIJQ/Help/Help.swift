/// The help texts behind `.help [topic]` and `iijq --help-topic`.
///
/// Each topic is a `.help` file beside this one, embedded in the binary: its first line is the
/// topic's summary, the rest its text. Examples are written `  iijq> QUERY` followed by the output
/// the query prints; the tests run every example and compare.
public enum Help {
    /// A topic: its name, a one-line summary and its text.
    public struct Topic: Sendable {
        public var name: String
        public var summary: String
        public var text: String
    }

    /// The order topics are listed in.
    static let order = ["syntax", "periods", "dimensions", "functions", "units", "stocks-flows", "targets",
                        "output", "charts", "provenance", "scripts", "commands", "keys"]

    /// The topic named `name`, or nil.
    public static func topic(_ name: String) -> Topic? { topics.first { $0.name == name } }

    public static let topics: [Topic] = {
        var found: [Topic] = []
        for file in embeddedTexts where file.name.hasSuffix(".help") {
            let name = String(file.name.dropLast(5))
            var lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
            let summary = lines.isEmpty ? "" : String(lines.removeFirst())
            while lines.last?.isEmpty == true { lines.removeLast() }
            let text = lines.joined(separator: "\n").replacing("{{functions}}", with: Catalog.functions().trimmingNewlines())
            found.append(Topic(name: name, summary: summary, text: text))
        }
        return found.sorted { (order.firstIndex(of: $0.name) ?? order.count, $0.name) < (order.firstIndex(of: $1.name) ?? order.count, $1.name) }
    }()

    /// The overview `.help` prints with no topic.
    public static var index: String {
        var out = """
            iijq answers questions about IIJ's published results. A query names a metric, picks
            members of its dimensions, periods and a breakdown:

              revenue @ 1Q24
              revenue{segment=si} @ 1Q23..1Q24
              operating_profit / revenue @ FY24
              yoy(revenue) @ 1Q24 by segment

            `metrics` lists what the fact base holds; `describe revenue` shows one metric;
            `.tour` teaches the data model in eight short lessons. Topics (.help TOPIC):

            """
        let width = topics.map(\.name.count).max() ?? 0
        for t in topics { out += "  " + t.name + String(repeating: " ", count: width - t.name.count + 2) + t.summary + "\n" }
        return out
    }
}

extension String {
    func trimmingNewlines() -> String {
        var s = Substring(self)
        while s.last == "\n" { s = s.dropLast() }
        return String(s)
    }
}
