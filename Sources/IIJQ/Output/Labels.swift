/// The language names are shown in: English (the names the language declares) or Japanese
/// (the `ja=` names the fact base declares beside them): `.labels ja|en`, `--labels ja|en`.
public enum Labels: String, Sendable, CaseIterable {
    case en, ja
}

extension FactBase {
    /// The frame with its metric, dimension and member names in Japanese wherever the fact base
    /// declares a Japanese name (the first of its `ja=` names), and as they were elsewhere. The
    /// names shown can be typed back: the language accepts the Japanese names too.
    func japanese(_ frame: Frame) -> Frame {
        var f = frame
        f.label = japanese(label: frame.label)
        let dimensions = frame.keys.map { $0 == Frame.expressionKey ? nil : self.dimensions[$0] }
        f.keys = frame.keys.map { key in self.dimensions[key].flatMap { Self.first($0.japanese) } ?? key }
        f.cells = Cells(frame.cells.map { c in
            var c = c
            c.key = zip(c.key, dimensions).map { value, d in
                guard let d else { return japanese(label: value) }
                return Self.first(d.member(value)?.japanese) ?? value
            }
            return c
        })
        return f
    }

    /// An expression's text with each metric or definition named in Japanese, and inside braces
    /// each dimension and member: `revenue{segment=si}` → `売上収益{セグメント=システムインテグレーション}`.
    func japanese(label: String) -> String {
        var out = "", word = "", braces = 0, dimension: Dimension?
        var chars = Array(label)[...]
        func flush(next: Character?) {
            guard !word.isEmpty else { return }
            defer { word = "" }
            if word.first!.isNumber { return out += word }
            if braces > 0, next == "=" || next == "!" || next == " " && chars.starts(with: ["i", "n", " "]) {
                dimension = dimensions[word]
                return out += dimension.flatMap { Self.first($0.japanese) } ?? word
            }
            if braces > 0 { return out += Self.first(dimension?.member(word)?.japanese) ?? word }
            let name = metrics[word].flatMap { $0.aliases.first } ?? definitions.first { $0.name == word }?.aliases.first
            out += name ?? word
        }
        while let ch = chars.popFirst() {
            if ch.isLetter || ch.isNumber || ch == "_" {
                word.append(ch)
                continue
            }
            flush(next: ch)
            if ch == "{" { braces += 1 } else if ch == "}" { braces -= 1 }
            out.append(ch)
        }
        flush(next: nil)
        return out
    }

    /// The first of a comma-separated list of declared names (`回線種別,モバイル区分` → `回線種別`).
    static func first(_ names: String?) -> String? {
        guard let name = names?.split(separator: ",").first else { return nil }
        let trimmed = String(name).trimmingSpaces()
        return trimmed.isEmpty ? nil : trimmed
    }
}
