/// Text fitted to a terminal's width: a line too long is broken at spaces, never inside a word
/// or a number, its continuation lines indented under the column it was in (a word wider than
/// the whole width stays whole on a line of its own).
public enum Fit {
    /// Each line of `text` fitted to `width` columns; with no width, the text as it is.
    public static func lines(_ text: String, width: Int?) -> String {
        guard let width, text.split(separator: "\n").contains(where: { displayWidth(String($0)) > width }) else { return text }
        var out = text.split(separator: "\n", omittingEmptySubsequences: false).map { line($0, width: width).joined(separator: "\n") }
            .joined(separator: "\n")
        if text.hasSuffix("\n"), !out.hasSuffix("\n") { out += "\n" }
        return out
    }

    /// A word of a line: where it starts, its text, and how many spaces came before it.
    struct Word {
        var column: Int
        var text: String
        var gap: Int
    }

    /// The words of `line`, each with its column.
    static func words(_ line: Substring) -> [Word] {
        var out: [Word] = [], column = 0, gap = 0, current = ""
        for ch in line {
            if ch == " " {
                if !current.isEmpty {
                    out.append(Word(column: column - displayWidth(current), text: current, gap: gap))
                    current = ""
                    gap = 0
                }
                gap += 1
            } else {
                current.append(ch)
            }
            column += displayWidth(String(ch))
        }
        if !current.isEmpty { out.append(Word(column: column - displayWidth(current), text: current, gap: gap)) }
        return out
    }

    /// One line as lines of at most `width` columns where its words allow. Continuation lines
    /// start at `hanging` when given, else under the column the break fell in (one that starts
    /// after two or more spaces), when that leaves room enough; else two columns in from the
    /// line's own indentation.
    static func line(_ line: Substring, width: Int, hanging: Int? = nil) -> [String] {
        guard displayWidth(String(line)) > width else { return [String(line)] }
        let words = words(line)
        guard let first = words.first else { return [String(line)] }
        var out: [String] = []
        var current = String(repeating: " ", count: first.column) + first.text
        var used = first.column + displayWidth(first.text)
        var columnStart = first.column
        var indent = first.column
        for word in words.dropFirst() {
            let w = displayWidth(word.text)
            if used + word.gap + w <= width {
                current += String(repeating: " ", count: word.gap) + word.text
                used += word.gap + w
                if out.isEmpty, word.gap >= 2 { columnStart = word.column }
                continue
            }
            if out.isEmpty {
                // Under the column the break fell in, or the one before it, when that leaves two
                // fifths of the width; else a little in from the line's start.
                let room = max(20, width * 2 / 5)
                indent = ([hanging, word.gap >= 2 ? word.column : nil, columnStart, first.column + 2].compactMap { $0 }.first { width - $0 >= room }) ?? 2
            }
            out.append(current)
            // A word too wide for the hanging column starts as far left as it needs to.
            let at = max(0, min(indent, width - w))
            current = String(repeating: " ", count: at) + word.text
            used = at + w
        }
        out.append(current)
        return out
    }

    /// Prose fitted to `width`: a paragraph (lines starting at the margin, up to a blank or an
    /// indented line) is re-flowed when one of its lines is too long; so is an indented entry
    /// with the lines indented deeper under it (`.help commands`), under their indentation.
    public static func prose(_ text: String, width: Int?) -> String {
        guard let width else { return text }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func indentation(_ l: Substring) -> Int { l.prefix { $0 == " " }.count }
        var out: [String] = [], i = 0
        while i < lines.count {
            let l = lines[i]
            var end = i + 1
            if l.isEmpty {
                out.append("")
                i = end
                continue
            } else if l.first != " " {
                while end < lines.count, let c = lines[end].first, c != " " { end += 1 }
            } else if !l.isEmpty, end < lines.count, !lines[end].allSatisfy({ $0 == " " }), indentation(lines[end]) > indentation(l) + 1 {
                let under = indentation(lines[end])
                while end < lines.count, !lines[end].allSatisfy({ $0 == " " }), indentation(lines[end]) == under { end += 1 }
            }
            let group = lines[i..<end]
            i = end
            guard group.contains(where: { displayWidth(String($0)) > width }) else {
                out += group.map(String.init)
                continue
            }
            let hanging = group.count > 1 ? indentation(group.last!) : nil
            let joined = group.first! + group.dropFirst().map { " " + $0.drop { $0 == " " } }.joined()
            out += line(Substring(joined), width: width, hanging: hanging)
        }
        return out.joined(separator: "\n")
    }
}
