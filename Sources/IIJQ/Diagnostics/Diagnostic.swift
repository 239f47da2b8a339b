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
        let red = color ? "\u{1B}[1;31m" : "", bold = color ? "\u{1B}[1m" : "", reset = color ? "\u{1B}[0m" : ""
        var out = ""
        if let span {
            let prefix = source.name.isEmpty ? "" : source.name + ":"
            out += "\(bold)\(prefix)\(span.line):\(span.column):\(reset) \(red)error:\(reset) \(message)\n"
            let line = source.lineText(span.line)
            let lineStart = String(line.unicodeScalars.prefix(span.column - 1))
            let width = displayWidth(lineStart)
            let spanText = String(decoding: Array(source.text.utf8).dropFirst(span.start).prefix(max(0, span.end - span.start)), as: UTF8.self)
            let firstLineOfSpan = spanText.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let caretWidth = max(1, displayWidth(firstLineOfSpan))
            out += "  " + line.replacingTabs() + "\n"
            out += "  " + String(repeating: " ", count: width) + red + String(repeating: "^", count: caretWidth) + reset + "\n"
        } else {
            let prefix = source.name.isEmpty ? "" : source.name + ": "
            out += "\(bold)\(prefix)\(reset)\(red)error:\(reset) \(message)\n"
        }
        for hint in hints { out += "help: \(hint)\n" }
        return out
    }
}

extension String {
    func replacingTabs() -> String {
        String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
    }
}
