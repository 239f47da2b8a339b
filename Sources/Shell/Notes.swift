import DisplayWidth
import IIJQ

/// The notes under a result in the shell: whole, one line each, or none (`.notes on|short|off`),
/// and `.why` for the last result's notes in full.
///
/// In the shell a note is one line cut at a word to the terminal's width, ending `… (.why for
/// details)`, so the answer is not drowned: the cells not in the fact base are one line counting
/// them, which the table marks `–`, and a stock's note on where it is read is shown once a
/// session. In scripts and `-c` (no terminal width) notes are printed whole, and in the machine
/// formats they go whole to standard error, as before.
public enum NotesMode: String, CaseIterable, Sendable {
    case on, short, off
}

extension Runner {
    /// The lines `notes` take under a result, as `notesMode` says, at `width` columns (nil: no
    /// limit, each note whole on one line).
    /// In `.short` mode the notes of cells not in the fact base are one line, `marked` saying
    /// whether the result shows them as `–` (asked only then: it reads the whole result).
    static func noteLines(_ notes: [String], mode: NotesMode, width: Int?, marked: @autoclosure () -> Bool = false) -> String {
        let gaps = notes.filter { $0.hasPrefix(gapNote) }.map(cellCount).reduce(0, +)
        var gapLineShown = false
        return notes.map { note in
            let text = "note: " + note
            guard let width else { return text + "\n" }
            switch mode {
            case .off: return ""
            case .short:
                if let stock = note.firstRange(of: " is a stock")?.lowerBound {
                    return shortened("note: \(note[..<stock]) is a stock, read at each period's end" + tail, width: width) + "\n"
                }
                guard note.hasPrefix(gapNote) else { return shortened("note: " + counted(note), width: width) + "\n" }
                if gapLineShown { return "" }
                gapLineShown = true
                let cells = "\(gaps) cell\(gaps == 1 ? "" : "s") not in the fact base"
                return shortened("note: " + (marked() ? "\(gapMark) marks \(cells)" : cells) + tail, width: width) + "\n"
            case .on: return wrapped(text, width: width, indent: "  ")
            }
        }.joined()
    }

    /// How a note of cells missing from the fact base starts (`Evaluator.gapNote`).
    static let gapNote = "not in the fact base: "
    /// How a table shows a cell it has no value for.
    static let gapMark = "–"
    /// How a note cut short, or one that counts what `.why` lists, ends.
    static let tail = " (.why for details)"

    /// The number of items a note of cells lists: `A; B and 5 more` is 7.
    static func cellCount(_ note: String) -> Int {
        guard let colon = note.firstRange(of: ": ") else { return 1 }
        let items = note[colon.upperBound...].split(separator: "; ")
        if let last = items.last, last.hasSuffix(" more"), let and = last.ranges(of: " and ").last,
           let n = Int(last[and.upperBound...].dropLast(" more".count)) { return items.count + n }
        return items.count
    }

    /// `notes` without the reading note of a stock already explained this session (`.why` still
    /// has it): what a stock read at a period's end means is said once, not under every query.
    mutating func onceEach(_ notes: [String]) -> [String] {
        notes.filter { note in
            guard let stock = note.firstRange(of: " is a stock")?.lowerBound else { return true }
            return explainedStocks.insert(String(note[..<stock])).inserted
        }
    }

    /// A note that lists cells (`KIND: A; B; C and 5 more`) with their number after its kind
    /// (`KIND (8): A; B; C`), so the one line kept of it still says how many; others as they are.
    static func counted(_ note: String) -> String {
        guard let colon = note.firstRange(of: ": ") else { return note }
        var items = note[colon.upperBound...].split(separator: "; ", omittingEmptySubsequences: false).map(String.init)
        var more = 0
        if let last = items.last, last.hasSuffix(" more"), let and = last.ranges(of: " and ").last,
           let n = Int(last[and.upperBound...].dropLast(" more".count)) {
            more = n
            items[items.count - 1] = String(last[..<and.lowerBound])
        }
        guard items.count + more > 1 else { return note }
        return "\(note[..<colon.lowerBound]) (\(items.count + more)): " + items.joined(separator: "; ")
    }

    /// `text` on one line of at most `width` columns: whole if it fits, else cut after a word
    /// and ended with `… (.why for details)`.
    static func shortened(_ text: String, width: Int) -> String {
        guard TextWidth.of(text) > width else { return text }
        let tail = " …" + tail
        var out = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let next = out.isEmpty ? String(word) : out + " " + word
            if TextWidth.of(next) + TextWidth.of(tail) > width { break }
            out = next
        }
        // A first word wider than the line is kept whole rather than cut.
        if out.isEmpty { out = String(text.split(separator: " ").first ?? "") }
        while out.last == ";" || out.last == "," || out.last == ":" { out.removeLast() }
        return out + tail
    }

    /// `text` broken into lines of at most `width` columns at spaces, the lines after the first
    /// indented by `indent`; a word wider than a line stands alone, whole: none is broken.
    static func wrapped(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? (lines.isEmpty ? "" : indent) + word : line + " " + word
            if !line.isEmpty, TextWidth.of(candidate) > width {
                lines.append(line)
                line = indent + word
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { $0 + "\n" }.joined()
    }
}
