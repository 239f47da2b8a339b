/// Aligns rows of cells into text columns by display width (CJK counts double), two spaces apart.
enum TextGrid {
    /// The rows as lines; `rightAligned[i]` right-aligns column `i`; trailing spaces are trimmed.
    static func render(_ rows: [[String]], rightAligned: [Bool] = [], boldFirstRow: Bool = false) -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? displayWidth($0[c]) : 0 }.max() ?? 0 }
        var out = ""
        for (r, row) in rows.enumerated() {
            var line = row.enumerated().map { c, cell in
                pad(cell, widths[c], right: c < rightAligned.count && rightAligned[c])
            }.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            out += (r == 0 && boldFirstRow ? "\u{1B}[1m" + line + "\u{1B}[0m" : line) + "\n"
        }
        return out
    }
}

/// CSV and TSV fields.
enum CSV {
    /// A field quoted when it holds a comma, quote or newline (CSV), or with tabs and newlines blanked (TSV).
    static func field(_ s: String, separator: Character = ",") -> String {
        if separator == "\t" { return String(s.map { $0 == "\t" || $0 == "\n" ? " " : $0 }) }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return s }
        var quoted = "\""
        for ch in s { if ch == "\"" { quoted += "\"\"" } else { quoted.append(ch) } }
        return quoted + "\""
    }
}
