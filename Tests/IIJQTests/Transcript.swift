/// Examples written as a transcript inside prose: a prompt line holding a query, followed by the
/// output the query prints. Help topics write `  iijq> QUERY`; the README writes
/// `$ iijq -c 'QUERY'`. The tests run every example and compare; recording rewrites the outputs.
struct Transcript: Sendable {
    struct Example {
        var query: String
        var expected: String
        /// The line after the prompt line, where the output starts.
        var outputLine: Int
        /// How many lines the output occupies (trailing blank lines excluded).
        var outputLength: Int
    }

    /// Where a query starts; `query` turns a prompt line into the query it runs, or nil.
    var query: @Sendable (Substring) -> String?
    /// The indentation every output line carries (stripped before comparing).
    var indent: String

    /// Help topics: `  iijq> QUERY`, output indented by two spaces.
    static let help = Transcript(query: { line in
        line.hasPrefix("  iijq> ") ? String(line.dropFirst(8)) : nil
    }, indent: "  ")

    /// The README: `$ iijq -c 'QUERY'` inside a fenced block, output unindented.
    static let readme = Transcript(query: { line in
        guard line.hasPrefix("$ iijq -c '"), line.hasSuffix("'") else { return nil }
        return String(line.dropFirst(11).dropLast()).replacing("'\\''", with: "'")
    }, indent: "")

    func examples(in text: String) -> [Example] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [Example] = []
        var i = 0
        while i < lines.count {
            guard let q = query(lines[i]) else { i += 1; continue }
            let start = i + 1
            var end = start
            // Output runs to the next prompt, a fence, or a line without the indentation.
            while end < lines.count, query(lines[end]) == nil, !lines[end].hasPrefix("```"),
                  lines[end].isEmpty || lines[end].hasPrefix(indent) {
                end += 1
            }
            var length = end - start
            while length > 0, lines[start + length - 1].isEmpty { length -= 1 }
            let expected = lines[start..<(start + length)].map { $0.isEmpty ? "" : String($0.dropFirst(indent.count)) }
            out.append(Example(query: q, expected: expected.joined(separator: "\n"), outputLine: start, outputLength: length))
            i = end
        }
        return out
    }

    /// `text` with each example's output replaced by `output(query)`.
    func recorded(_ text: String, output: (String) -> String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for e in examples(in: text).reversed() {
            let new = output(e.query).split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : indent + $0 }
            var replacement = new
            // Keep one blank line between an example's output and what follows it.
            if e.outputLine + e.outputLength < lines.count, !lines[e.outputLine + e.outputLength].isEmpty,
               !lines[e.outputLine + e.outputLength].hasPrefix("```") {
                replacement.append("")
            }
            lines.replaceSubrange(e.outputLine..<(e.outputLine + e.outputLength), with: replacement)
        }
        return lines.joined(separator: "\n")
    }
}
