import Foundation
import Testing

/// One case from a `.case` file: a query, how to format it, and the output it must produce.
struct TestCase: CustomTestStringConvertible, Sendable {
    var file: String
    var line: Int
    var format: String
    var query: String
    var expected: String

    var testDescription: String { "\(file):\(line): \(query.split(separator: "\n").first ?? "")" }
}

/// Reads and writes case files.
///
/// A case is one or more `> QUERY` lines (`>json`, `>csv`, `>tsv`, `>markdown` pick a format;
/// `>complete TEXT` lists what Tab offers after TEXT, the last line being the one typed;
/// `>command .LINE` shows how the shell reads a dot-command),
/// followed by the expected output: results, `note:` lines, and rendered errors, exactly as
/// `iijq -c` prints them. A line starting with `--` outside expected output is a comment
/// (it says which slide each figure comes from). Re-record with `IIJQ_RECORD=1 swift test`.
enum CaseFile {
    static var directory: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Cases") }

    static func files() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".case") }.sorted().map { directory.appendingPathComponent($0) }
    }

    static func load() -> [TestCase] { files().flatMap { parse(url: $0) } }

    static func parse(url: URL) -> [TestCase] {
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return parse(text, file: url.lastPathComponent)
    }

    static func isQueryLine(_ line: Substring) -> (format: String, query: String)? {
        guard line.hasPrefix(">") else { return nil }
        let head = line.prefix { $0 != " " }
        let format = String(head.dropFirst())
        guard ["", "json", "csv", "tsv", "markdown", "complete", "command"].contains(format) else { return nil }
        return (format.isEmpty ? "table" : format, String(line.dropFirst(head.count + 1)))
    }

    static func parse(_ text: String, file: String) -> [TestCase] {
        var cases: [TestCase] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var i = 0
        while i < lines.count {
            guard let (format, first) = isQueryLine(lines[i]) else { i += 1; continue }
            let start = i + 1
            var query = [first]
            i += 1
            while i < lines.count, let (_, more) = isQueryLine(lines[i]) { query.append(more); i += 1 }
            var expected: [Substring] = []
            while i < lines.count {
                // Expected output ends at a blank line followed by a comment, a query, or the end.
                if lines[i].isEmpty {
                    var j = i
                    while j < lines.count, lines[j].isEmpty { j += 1 }
                    if j == lines.count || lines[j].hasPrefix("--") || isQueryLine(lines[j]) != nil { break }
                }
                expected.append(lines[i])
                i += 1
            }
            cases.append(TestCase(file: file, line: start, format: format, query: query.joined(separator: "\n"),
                                  expected: expected.joined(separator: "\n")))
        }
        return cases
    }

    /// Rewrites a case file with new expected outputs, keeping its comments and queries.
    static func record(url: URL, actual: (TestCase) -> String) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        let cases = parse(text, file: url.lastPathComponent)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for c in cases.reversed() {
            let queryLines = c.query.split(separator: "\n", omittingEmptySubsequences: false).count
            let outputStart = c.line - 1 + queryLines
            let oldCount = c.expected.isEmpty ? 0 : c.expected.split(separator: "\n", omittingEmptySubsequences: false).count
            let new = actual(c).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines.replaceSubrange(outputStart..<(outputStart + oldCount), with: new)
        }
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    }
}
