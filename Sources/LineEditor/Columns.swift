import DisplayWidth

/// Lays out completion candidates in columns, the way shells list them.
public enum Columns {
    /// The candidates in columns filled top to bottom, fitted to `width` terminal columns.
    public static func layout(_ items: [String], width: Int) -> String {
        guard !items.isEmpty else { return "" }
        let cell = (items.map(TextWidth.of).max() ?? 0) + 2
        let perLine = max(1, max(width, 20) / cell)
        let lines = (items.count + perLine - 1) / perLine
        var out = ""
        for line in 0..<lines {
            var text = ""
            for column in 0..<perLine {
                let i = column * lines + line
                guard i < items.count else { break }
                text += items[i] + String(repeating: " ", count: cell - TextWidth.of(items[i]))
            }
            while text.last == " " { text.removeLast() }
            out += text + "\n"
        }
        return out
    }

    /// The longest prefix, in whole characters, that every item shares.
    public static func commonPrefix(_ items: [String]) -> String {
        guard var prefix = items.first.map(Array.init) else { return "" }
        for item in items.dropFirst() {
            let chars = Array(item)
            var n = 0
            while n < prefix.count, n < chars.count, prefix[n] == chars[n] { n += 1 }
            prefix.removeSubrange(n...)
        }
        return String(prefix)
    }
}
