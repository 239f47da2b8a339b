/// Gathers input lines into complete statements: a statement continues while a bracket is
/// open or the last token is `|`.
public struct StatementReader: Sendable {
    var pending: [String] = []
    var firstLine = 1
    var nextLine = 1

    public init() {}

    /// True when lines are waiting for the rest of their statement.
    public var isContinuing: Bool { !pending.isEmpty }

    /// The lines waiting for the rest of their statement.
    public var pendingText: String { pending.joined(separator: "\n") }

    /// Adds one line; returns the statement text and its first line number once it is complete.
    public mutating func add(_ line: String) -> (text: String, firstLine: Int)? {
        if pending.isEmpty { firstLine = nextLine }
        nextLine += 1
        pending.append(line)
        let text = pending.joined(separator: "\n")
        guard StatementReader.isComplete(text) else { return nil }
        pending = []
        return (text, firstLine)
    }

    /// Counts a line that is not part of any statement (a shell command between statements).
    public mutating func skipLine() { nextLine += 1 }

    /// Whatever is left at the end of the input, as one (incomplete) statement.
    public mutating func flush() -> (text: String, firstLine: Int)? {
        guard !pending.isEmpty else { return nil }
        defer { pending = [] }
        return (pending.joined(separator: "\n"), firstLine)
    }

    /// Whether `text` ends a statement: no bracket left open and no trailing `|`.
    public static func isComplete(_ text: String) -> Bool {
        var depth = 0
        var last: Token.Kind = .newline
        for t in Lexer.tokenize(Source(name: "", text: text)) {
            switch t.kind {
            case .leftParen, .leftBracket, .leftBrace: depth += 1
            case .rightParen, .rightBracket, .rightBrace: depth = max(0, depth - 1)
            default: break
            }
            if t.kind != .end && t.kind != .newline { last = t.kind }
            if t.kind == .newline || t.kind == .semicolon { if depth == 0 { last = .newline } }
        }
        return depth == 0 && last != .pipe
    }
}
