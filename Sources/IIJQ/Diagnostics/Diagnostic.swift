/// Why a statement failed: the reason kinds the language reports.
public enum Reason: String, Sendable, CaseIterable {
    case unexpectedToken, invalidToken, invalidPeriod, invalidNumber
    case unknownMetric, unknownDimension, unknownMember, unknownFunction, unknownStage
    case wrongArguments, unitMismatch, divisionByZero, noData, unmatched
    case undefinedName, cyclicDefinition, stockOverTime, invalidStatement
    case factFile, limit, cancelled
    /// The shell's dot-commands.
    case unknownCommand, invalidArgument
}

/// An error with what went wrong, where, and what would work.
public struct Diagnostic: Error, Sendable {
    public var reason: Reason
    public var message: String
    public var span: Span?
    public var hints: [String]

    public init(_ reason: Reason, _ message: String, at span: Span? = nil, hints: [String] = []) {
        self.reason = reason
        self.message = message
        self.span = span
        self.hints = hints
    }

    /// Renders `NAME:LINE:COL: error: message`, the source line, a caret line and `help:` lines.
    public func render(in source: Source, color: Bool = false) -> String {
        // A message quotes what was written, which may be a megabyte-long name.
        let message = visibleText(message.unicodeScalars.count > Limits.shownLineWidth * 2
            ? String(String.UnicodeScalarView(message.unicodeScalars.prefix(Limits.shownLineWidth * 2))) + "…" : message)
        let red = color ? "\u{1B}[1;31m" : "", bold = color ? "\u{1B}[1m" : "", reset = color ? "\u{1B}[0m" : ""
        var out = ""
        if let span {
            let prefix = source.name.isEmpty ? "" : visibleText(source.name) + ":"
            out += "\(bold)\(prefix)\(span.line):\(span.column):\(reset) \(red)error:\(reset) \(message)\n"
            let (before, marked, after) = source.line(around: span.start, to: span.end)
            let shown = Excerpt(before: before, marked: marked, after: after)
            out += "  " + shown.line + "\n"
            out += "  " + String(repeating: " ", count: shown.caretColumn) + red + String(repeating: "^", count: shown.caretWidth) + reset + "\n"
        } else {
            let prefix = source.name.isEmpty ? "" : visibleText(source.name) + ": "
            out += "\(bold)\(prefix)\(reset)\(red)error:\(reset) \(message)\n"
        }
        for hint in hints { out += "help: \(visibleText(hint))\n" }
        return out
    }
}

/// Text from data or input made safe to reach a terminal: control characters (C0, DEL, C1 —
/// so ESC can start no escape sequence) and format characters shown as visible symbols, as
/// `Excerpt` shows a source line. The one sanitiser for error messages, hints and everything the
/// shell echoes from its input; the renderers' own colour codes are added after it.
public func visibleText(_ text: some StringProtocol) -> String {
    guard text.unicodeScalars.contains(where: { Excerpt.visible($0) != $0 }) else { return String(text) }
    return String(String.UnicodeScalarView(text.unicodeScalars.map(Excerpt.visible)))
}

/// A source line as an error shows it: control characters made visible (so the terminal shows
/// what is there and the caret lines up), and a long line cut to a window around the caret.
struct Excerpt {
    let line: String
    /// Display columns before the caret, and under it.
    let caretColumn: Int, caretWidth: Int

    init(before: Substring, marked: Substring, after: Substring) {
        let width = Limits.shownLineWidth
        // Only the scalars that can be shown are looked at: a line may be a megabyte long.
        let ellipsis: Unicode.Scalar = "…"
        var head = before.unicodeScalars.suffix(width / 2 + 1).map(Excerpt.visible)
        var mark = marked.unicodeScalars.prefix(width / 2 + 1).map(Excerpt.visible)
        var tail = (after.hasSuffix("\r") ? after.dropLast() : after).unicodeScalars.prefix(width + 1).map(Excerpt.visible)
        if head.count > width / 2 { head = [ellipsis] + head.suffix(width / 2 - 1) }
        if mark.count > width / 2 { mark = Array(mark.prefix(width / 2)); tail = [ellipsis] }
        if head.count + mark.count + tail.count > width { tail = tail.prefix(max(0, width - head.count - mark.count - 1)) + [ellipsis] }
        func text(_ scalars: [Unicode.Scalar]) -> String { String(String.UnicodeScalarView(scalars)) }
        line = text(head + mark + tail)
        caretColumn = displayWidth(text(head))
        caretWidth = max(1, displayWidth(text(mark)))
    }

    /// A scalar as it can be shown on one line: tabs as spaces, control and format characters as
    /// their visible symbols (␀ for NUL) or U+FFFD.
    static func visible(_ c: Unicode.Scalar) -> Unicode.Scalar {
        switch c.value {
        case 0x09: " "
        case 0x00..<0x20: Unicode.Scalar(0x2400 + c.value)!
        case 0x7F: "\u{2421}"
        case 0x80..<0xA0: "\u{FFFD}"
        default: c.properties.generalCategory == .format ? "\u{FFFD}" : c
        }
    }
}
