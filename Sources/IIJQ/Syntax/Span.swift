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

    /// The whole line holding the byte at `offset`, and the byte range of `offset..<end` within
    /// it (clamped to the line). Found by scanning from `offset`, so it costs only that line.
    func line(around offset: Int, to end: Int) -> (before: Substring, marked: Substring, after: Substring) {
        let utf8 = text.utf8
        let offset = min(max(0, offset), utf8.count)
        let at = utf8.index(utf8.startIndex, offsetBy: offset)
        var start = at, stop = at
        while start > utf8.startIndex, utf8[utf8.index(before: start)] != 10 { utf8.formIndex(before: &start) }
        while stop < utf8.endIndex, utf8[stop] != 10 { utf8.formIndex(after: &stop) }
        let markEnd = utf8.index(at, offsetBy: max(0, end - offset), limitedBy: stop) ?? stop
        // Offsets always fall between whole scalars: spans come from the lexer's scalar offsets.
        let scalars = text.unicodeScalars
        let lineStart = String.Index(start, within: scalars) ?? scalars.startIndex
        let markStart = String.Index(at, within: scalars) ?? lineStart
        let markStop = String.Index(markEnd, within: scalars) ?? markStart
        let lineStop = String.Index(stop, within: scalars) ?? markStop
        return (text[lineStart..<markStart], text[markStart..<markStop], text[markStop..<lineStop])
    }
}
