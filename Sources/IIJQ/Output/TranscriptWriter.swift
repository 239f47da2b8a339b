/// A query's result kept for a transcript: its frame, the view that showed it and the text shown.
public struct Answer: Sendable {
    let frame: Frame
    let view: String
    let text: String
}

/// Writes a session as Markdown, ready to hand on as a memo (`.transcript FILE.md`): each
/// statement in a code block; a table as a Markdown table whose every figure carries a numbered
/// footnote naming the document, the slide and the label it was printed under; a chart, a
/// sparkline or any other text fenced, its figures listed with their footnotes; notes quoted;
/// errors fenced. Footnotes are numbered through the whole transcript.
public struct TranscriptWriter: Sendable {
    /// Footnotes written so far.
    private(set) var footnotes = 0

    public init() {}

    /// The transcript's opening: a title.
    public static let heading = "# iijq transcript\n"

    /// The Markdown for the statements of `source` and what they gave. `answers` are the results
    /// of its queries, in order (`Session.keepsAnswers`); `errors` the errors as the terminal
    /// showed them, in order.
    public mutating func entry(source: String, outcomes: [Session.Outcome], answers: [Answer], errors: [String]) -> String {
        var out = "\n```iq\n" + source + (source.hasSuffix("\n") ? "" : "\n") + "```\n"
        var answers = answers[...], errors = errors[...]
        for outcome in outcomes {
            switch outcome {
            case .output(let text, let notes):
                if let answer = answers.first, answer.text == text {
                    answers.removeFirst()
                    out += "\n" + section(answer)
                } else {
                    out += "\n" + TranscriptWriter.fenced(text)
                }
                if !notes.isEmpty { out += "\n" + notes.map { "> note: " + $0.replacingPipes() + "\n" }.joined() }
            case .defined(let name):
                out += "\n(`\(name)` defined)\n"
            case .failure:
                if let error = errors.first {
                    errors.removeFirst()
                    out += "\n" + TranscriptWriter.fenced(error)
                }
            }
        }
        return out
    }

    /// One result: a table with a footnote mark on each figure, or the view's text fenced with its
    /// figures listed below; then the footnotes.
    mutating func section(_ answer: Answer) -> String {
        let frame = answer.frame
        guard !frame.cells.isEmpty else { return TranscriptWriter.fenced(answer.text) }
        let first = footnotes + 1
        footnotes += frame.cells.count
        let marks = frame.cells.indices.map { "[^\(first + $0)]" }
        var out: String
        if answer.view == "table" {
            out = TranscriptWriter.table(frame, marks: marks)
        } else {
            out = TranscriptWriter.fenced(answer.text) + "\nFigures: "
            out += zip(frame.cells, marks).map { c, mark in "\(frame.address(of: c)) = \(CellText.withUnit(c.quantity))\(mark)" }
                .joined(separator: "; ").replacingPipes() + "\n"
        }
        out += "\n"
        for (c, mark) in zip(frame.cells, marks) {
            out += mark + ": " + TranscriptWriter.sources(of: c, in: frame) + "\n"
        }
        return out
    }

    /// The frame's Markdown table (as `.mode markdown` draws it, every row), each figure followed
    /// by its mark.
    static func table(_ frame: Frame, marks: [String]) -> String {
        var (header, rows, right) = TableRenderer.grid(frame)
        let pivot = Pivot(frame)
        let rowIndex = Dictionary(pivot.rowLabels.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let columnIndex = Dictionary(pivot.columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let offset = pivot.units.count > 1 ? 2 : 1
        for (c, mark) in zip(frame.cells, marks) {
            guard let r = rowIndex[frame.row(of: c)], let column = frame.periodRow == nil ? columnIndex[c.when] : 0 else { continue }
            rows[r][offset + column] += mark
        }
        var out = "| " + header.map { $0.replacingPipes() }.joined(separator: " | ") + " |\n"
        out += "|" + right.map { $0 ? "---:|" : "---|" }.joined() + "\n"
        for r in rows { out += "| " + r.map { $0.replacingPipes() }.joined(separator: " | ") + " |\n" }
        return out
    }

    /// Where a cell's figure comes from: each fact behind it, by document, slide and printed label.
    static func sources(of c: Cell, in frame: Frame) -> String {
        var seen = Set<Citation>(), parts: [String] = []
        for cite in c.citations where seen.insert(cite).inserted {
            parts.append("\(cite.document), slide “\(cite.slide)”, printed as “\(cite.label)”")
        }
        let rescaled = c.original.flatMap { $0.unit == c.quantity.unit ? nil : " (re-scaled from \(CellText.withUnit($0)))" } ?? ""
        let figure = "\(frame.address(of: c)) = \(CellText.withUnit(c.quantity))" + rescaled
        let from = parts.isEmpty ? "a plain number, from no published figure" : parts.joined(separator: "; ")
        return (figure + " — " + from + (c.derivation.map { " (\($0))" } ?? "")).replacingPipes()
    }

    /// Text in a fence long enough that no line of it closes the fence early; colours and bold
    /// (`ESC [ … m`) taken out.
    public static func fenced(_ text: String) -> String {
        let text = plain(text)
        var fence = "```"
        while text.contains(fence) { fence += "`" }
        return fence + "text\n" + text + (text.hasSuffix("\n") ? "" : "\n") + fence + "\n"
    }

    /// `text` without its SGR escape sequences (colour, bold).
    static func plain(_ text: String) -> String {
        var out = String.UnicodeScalarView(), scalars = Array(text.unicodeScalars), i = 0
        while i < scalars.count {
            if scalars[i] == "\u{1B}", i + 1 < scalars.count, scalars[i + 1] == "[" {
                var j = i + 2
                while j < scalars.count, ("0"..."9").contains(scalars[j]) || scalars[j] == ";" { j += 1 }
                if j < scalars.count, scalars[j] == "m" { i = j + 1; continue }
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }
}
