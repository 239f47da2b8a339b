/// A stretch of source text: UTF-8 byte offsets plus the 1-based line and column of its start.
public struct Span: Hashable, Sendable {
    /// Byte offset of the first byte.
    public var start: Int
    /// Byte offset one past the last byte.
    public var end: Int
    /// 1-based line of `start`.
    public var line: Int
    /// 1-based column of `start`, counted in Unicode scalars.
    public var column: Int

    public init(start: Int, end: Int, line: Int, column: Int) {
        self.start = start
        self.end = end
        self.line = line
        self.column = column
    }

    /// A span covering `self` through `other`.
    public func through(_ other: Span) -> Span {
        Span(start: start, end: max(end, other.end), line: line, column: column)
    }
}

/// Source text with a name to report it by (`report.iq`, `<stdin>`, or empty for `-c`).
public struct Source: Sendable {
    public var name: String
    public var text: String
    /// The line number of the text's first line (a statement read from a script's line 12 starts at 12).
    public var firstLine: Int

    public init(name: String, text: String, firstLine: Int = 1) {
        self.name = name
        self.text = text
        self.firstLine = firstLine
    }

    /// The text of 1-based line `line` (counted from `firstLine`), without its newline.
    public func lineText(_ line: Int) -> String {
        let index = line - firstLine
        guard index >= 0 else { return "" }
        var current = 0
        for piece in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == index { return String(piece) }
            current += 1
        }
        return ""
    }
}
