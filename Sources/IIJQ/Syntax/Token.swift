/// One lexical token with its source span.
public struct Token: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case name, number, string, period, shift, keyword
        case plus = "+", minus = "-", star = "*", slash = "/", caret = "^"
        case at = "@", pipe = "|", dotDot = "..", comma = ",", equals = "="
        case leftBrace = "{", rightBrace = "}", leftBracket = "[", rightBracket = "]"
        case leftParen = "(", rightParen = ")", semicolon = ";"
        case percent = "%", less = "<", greater = ">", lessEqual = "<=", greaterEqual = ">=", notEqual = "!="
        case newline, end
        /// A lexical error; `text` holds the message.
        case invalid
    }

    public var kind: Kind
    /// The token's text (for names and keywords, as written; for strings, the decoded value).
    public var text: String
    public var span: Span

    /// Words reserved by the language; every one appears in `Grammar/iijq.ebnf`.
    public static let keywords: Set<String> = ["let", "describe", "metrics", "periods", "dimensions", "functions", "explain", "sources", "search", "by", "in", "vs"]

    /// Operator and punctuation kinds, whose raw value is their spelling.
    public static let symbols: [Kind] = Kind.allCases.filter { $0.rawValue.count <= 2 && !$0.rawValue.first!.isLetter }

    /// How the token reads in "expected … but found …" messages.
    var described: String {
        switch kind {
        case .newline: "the end of the line"
        case .end: "the end of the input"
        case .number, .period, .shift: "'\(text)'"
        case .string: "a string"
        case .name: "'\(text)'"
        case .keyword: "the keyword '\(text)'"
        case .invalid: text
        default: "'\(kind.rawValue)'"
        }
    }
}
