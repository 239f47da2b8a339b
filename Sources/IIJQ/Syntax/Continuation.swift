/// Whether a line break ends a statement: the one rule the lexer and `StatementReader` share.
/// A statement goes on past a line break while a bracket is open or after a trailing `|`.
public struct Continuation: Sendable {
    /// Brackets open so far.
    private(set) var depth = 0
    /// The kind of the last token seen, line breaks aside.
    private(set) var last: Token.Kind?

    public init() {}

    /// Follows one more token.
    mutating func see(_ kind: Token.Kind) {
        switch kind {
        case .leftParen, .leftBracket, .leftBrace: depth += 1
        case .rightParen, .rightBracket, .rightBrace: depth = max(0, depth - 1)
        case .newline, .end: return
        default: break
        }
        last = kind
    }

    /// Whether a line break after the tokens seen continues the statement instead of ending it.
    var continues: Bool { depth > 0 || last == .pipe }
}
