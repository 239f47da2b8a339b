/// Lines up the figures of a column on their decimal point, each keeping its own decimals: a
/// figure printed as 157.8 shows as `157.8  ` beside `276.080`, not as 157.800.
enum DecimalPoints {
    /// `rows` with the figures of each column `columns` marks padded on the right so that their
    /// decimal points (or, for a whole number, the end of its digits) fall in one place.
    static func aligned(_ rows: [[String]], columns: [Bool]) -> [[String]] {
        var rows = rows
        for c in columns.indices where columns[c] {
            let tails = rows.map { c < $0.count ? tail($0[c]) : nil }
            let widest = tails.compactMap { $0 }.max() ?? 0
            for r in rows.indices { guard let t = tails[r], t < widest else { continue }
                rows[r][c] += String(repeating: " ", count: widest - t)
            }
        }
        return rows
    }

    /// How far a figure reaches past its units digit: its decimal point, decimals and suffix
    /// (`.83`, `.5%`, `%`, `)`); nil for text that holds no digit (`–`), which keeps to the
    /// column's right edge. A range (`312.0 ~ 315.0`) is measured by its last figure.
    static func tail(_ text: String) -> Int? {
        guard let lastDigit = text.lastIndex(where: \.isASCIIDigit) else { return nil }
        var start = lastDigit
        while start > text.startIndex {
            let before = text.index(before: start)
            if text[before].isASCIIDigit { start = before } else { break }
        }
        // The digits just read are the decimals when a point stands before them.
        if start > text.startIndex, text[text.index(before: start)] == "." { return text.distance(from: text.index(before: start), to: text.endIndex) }
        return text.distance(from: text.index(after: lastDigit), to: text.endIndex)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

