import Foundation
import Testing

/// A cited transcript (issue #19, build item 8): the shell started with `--transcript FILE.md`,
/// and `.transcript FILE.md` typed in it, record the session as Markdown in which every figure
/// carries a footnote naming the document, the slide and the printed label.
/// Figures: 1Q24 revenue 72,016 ¥ mn and by segment (004, Ⅱ- 3. Revenues); FY19–FY24 revenue
/// (000, Ⅱ-3. 月額ストック売上を中心とした収益構造); FY24 3,168.3 億円 (000, Ⅲ-1. FY2024 決算概要).
@Suite(.serialized) struct TranscriptTests {
    static let statements = ["revenue @ 1Q24", "revenue @ 1Q23..1Q24 by segment", "gross_profit / revenue @ 1Q24 by segment",
                             "revenue @ FY19..FY24 | chart", "revenu @ FY24"]

    @Test func everyFigureHasAFootnoteNamingItsSlide() throws {
        let home = try Binary.temporaryDirectory()
        let memo = home.appendingPathComponent("memo.md")
        let t = try TerminalDriver(arguments: ["-q", "--transcript", memo.path], home: home)
        for statement in TranscriptTests.statements { try t.enter(statement) }
        try t.wait(for: "did you mean 'revenue'?")
        #expect(try t.quit() == 0)
        let text = try String(contentsOf: memo, encoding: .utf8)
        for statement in TranscriptTests.statements { #expect(text.contains("```iq\n\(statement)\n```"), "no code block for \(statement)") }
        try TranscriptTests.checkFootnotes(text, figures: 1 + 15 + 2 + 6)
        #expect(text.contains("```text\nrevenue (¥ bn)\nFY19"), "the chart is not fenced")
        #expect(text.contains("error: unknown metric 'revenu'"))
        #expect(!text.contains("\u{1B}"), "an escape sequence reached the transcript")
    }

    /// `.transcript FILE` starts recording part way; `.transcript` alone stops it.
    @Test func transcriptCommandStartsAndStops() throws {
        let t = try TerminalDriver()
        let memo = t.home.appendingPathComponent("part.md")
        try t.enter("revenue @ FY24")
        try t.enter(".transcript \(memo.path)")
        try t.wait(for: "recording the session to")
        try t.enter("revenue @ 1Q24")
        try t.wait(for: "72.016")
        try t.enter(".transcript")
        try t.enter("revenue{segment=si} @ 1Q24")
        try t.wait(for: "32.243")
        #expect(try t.quit() == 0)
        let text = try String(contentsOf: memo, encoding: .utf8)
        #expect(text.contains("revenue @ 1Q24") && !text.contains("FY24") && !text.contains("segment=si"))
        try TranscriptTests.checkFootnotes(text, figures: 1)
    }

    /// `.output` in markdown mode: a table and a chart written one after the other stand apart,
    /// the chart fenced (issue #19, item 10: the chart's lines followed the table's at once).
    @Test func markdownOutputFencesChartsApartFromTables() throws {
        let t = try TerminalDriver()
        let report = t.home.appendingPathComponent("report.md")
        try t.enter(".mode markdown")
        try t.enter(".output \(report.path)")
        try t.enter("revenue @ FY23..FY24")
        try t.enter("revenue @ FY22..FY24 | chart")
        try t.enter(".output")
        #expect(try t.quit() == 0)
        let text = try String(contentsOf: report, encoding: .utf8)
        #expect(text.contains("| revenue | 276.080 | 316.83 |\n\n```text\nrevenue (¥ bn)\nFY22"), "\(text)")
        #expect(text.hasSuffix("```\n"))
    }

    /// `--labels ja`: the transcript's tables and footnotes name the metric, dimension and
    /// members in Japanese, as the fact base declares them (issue #19, build item 9).
    /// Figures: 1Q24 revenue by segment (004, Ⅱ- 3. Revenues).
    @Test func japaneseLabelsReachTheTranscript() throws {
        let home = try Binary.temporaryDirectory()
        let memo = home.appendingPathComponent("memo.md")
        let run = try Binary.run(["--labels", "ja", "--transcript", memo.path, "-c", "revenue @ 1Q24 by segment"])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: memo, encoding: .utf8)
        #expect(text.contains("| セグメント (¥ bn) | 1Q24 |\n|---|---:|\n| ネットワークサービス | 39.058[^1] |"), "\(text)")
        #expect(text.contains("[^2]: 売上収益{セグメント=システムインテグレーション} @ 1Q24 = 32.243 ¥ bn (re-scaled from 32,243 ¥ mn) — "), "\(text)")
        try TranscriptTests.checkFootnotes(text, figures: 3)
    }

    /// Every figure in a table row or a chart's figure list has a mark; every mark has a
    /// footnote naming a document, a slide and a printed label; there are `figures` of them.
    static func checkFootnotes(_ text: String, figures: Int) throws {
        let lines = text.split(separator: "\n").map(String.init)
        var marks: [String] = []
        // Table rows (not headers, which the separator line follows) and the figures listed below a chart.
        for (i, line) in lines.enumerated() where (line.hasPrefix("| ") && !(i + 1 < lines.count && lines[i + 1].hasPrefix("|---")))
            || line.hasPrefix("Figures: ") {
            let cells = line.hasPrefix("| ") ? line.split(separator: "|").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
                                             : line.dropFirst(9).components(separatedBy: "; ")
            for cell in cells where cell.first?.isNumber == true || cell.contains(" = ") {
                guard let open = cell.range(of: "[^") else {
                    Issue.record("a figure without a footnote: \(cell) in \(line)")
                    continue
                }
                marks.append(String(cell[open.lowerBound...]))
            }
        }
        #expect(marks.count == figures, "\(marks.count) figures marked, \(figures) expected")
        for mark in marks {
            let note = lines.first { $0.hasPrefix(mark + ": ") }
            #expect(note != nil, "no footnote \(mark)")
            if let note { #expect(note.contains(".txt, slide “") && note.contains("printed as “"), "\(note) names no slide") }
        }
    }
}
