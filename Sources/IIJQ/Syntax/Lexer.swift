/// Splits source text into tokens. Newlines end statements, except where `Continuation` says
/// the statement goes on (inside an open bracket or after a trailing `|`).
public struct Lexer {
    let scalars: [Unicode.Scalar]
    /// The source's UTF-8 bytes, which token texts are cut from.
    let bytes: [UInt8]
    /// UTF-8 byte offset of each scalar, plus one past the end.
    let offsets: [Int]
    let firstLine: Int
    var index = 0
    var line: Int
    var column = 1
    var continuation = Continuation()
    var tokens: [Token] = []

    public init(_ source: Source) {
        scalars = Array(source.text.unicodeScalars)
        bytes = Array(source.text.utf8)
        var offsets: [Int] = [], offset = 0
        offsets.reserveCapacity(scalars.count + 1)
        for s in scalars { offsets.append(offset); offset += UTF8.width(s) }
        offsets.append(offset)
        self.offsets = offsets
        firstLine = source.firstLine
        line = source.firstLine
    }

    /// Tokenizes the whole source. Lexical errors become `.invalid` tokens so that the parser
    /// can report them in order and go on with the next statement.
    public static func tokenize(_ source: Source) -> [Token] {
        var lexer = Lexer(source)
        return lexer.run()
    }

    mutating func run() -> [Token] {
        while index < scalars.count {
            let c = scalars[index]
            switch c {
            case " ", "\t", "\r", "\u{FEFF}":  // U+FEFF: the byte-order mark some editors put first
                advance()
            case "\n":
                let start = mark()
                advance()
                if !continuation.continues, let last = tokens.last, last.kind != .newline, last.kind != .semicolon {
                    tokens.append(Token(kind: .newline, text: "\n", span: span(from: start)))
                }
                line += 1
                column = 1
            case "-" where peek(1) == "-":
                while index < scalars.count, scalars[index] != "\n" { advance() }
            case "\"":
                lexString()
            case "0"..."9":
                lexNumberOrPeriod()
            case "." where peek(1) == ".":
                let start = mark(); advance(); advance()
                add(.dotDot, "..", start)
            default:
                if isNameStart(c) { lexName() } else { lexSymbol(c) }
            }
        }
        let start = mark()
        tokens.append(Token(kind: .end, text: "", span: span(from: start)))
        return tokens
    }

    // MARK: - Positions

    struct Mark { var index: Int, line: Int, column: Int }

    func mark() -> Mark { Mark(index: index, line: line, column: column) }

    func span(from m: Mark) -> Span {
        Span(start: offsets[m.index], end: offsets[index], line: m.line, column: m.column)
    }

    func peek(_ ahead: Int) -> Unicode.Scalar? {
        index + ahead < scalars.count ? scalars[index + ahead] : nil
    }

    mutating func advance() {
        index += 1
        column += 1
    }

    func text(from m: Mark) -> String {
        String(decoding: bytes[offsets[m.index]..<offsets[index]], as: UTF8.self)
    }

    mutating func add(_ kind: Token.Kind, _ text: String, _ start: Mark) {
        continuation.see(kind)
        tokens.append(Token(kind: kind, text: text, span: span(from: start)))
    }

    // MARK: - Token kinds

    func isNameStart(_ c: Unicode.Scalar) -> Bool { Lexer.isNameStart(c) }

    func isNameContinue(_ c: Unicode.Scalar) -> Bool { Lexer.isNameContinue(c) }

    /// Whether `c` is one of a–z or A–Z.
    static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }

    /// Whether a name may start with `c`: a letter (Japanese included) or `_`.
    static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || (c.isASCII ? isASCIILetter(c) : isWordScalar(c))
    }

    /// Whether `c` may continue a name: a name character or an ASCII digit.
    static func isNameContinue(_ c: Unicode.Scalar) -> Bool {
        isNameStart(c) || ("0"..."9").contains(c)
    }

    /// Non-ASCII scalars that may appear in names: letters (Japanese included), CJK radicals, marks.
    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        let p = c.properties
        if p.isAlphabetic || p.isIdeographic { return true }
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .modifierLetter: return true
        default: return (0x2E80...0x2FDF).contains(c.value) || (0xFF10...0xFF19).contains(c.value)
        }
    }

    mutating func lexName() {
        let start = mark()
        while let c = peek(0), isNameContinue(c) { advance() }
        var word = text(from: start)
        let upper = word.uppercased()
        if upper.hasPrefix("FY"), upper.dropFirst(2).allSatisfy({ $0.isASCII && $0.isNumber }) {
            lexEndSuffix(fiscalYear: true)
            word = text(from: start)
            add(.period, word, start)
        } else if word == Period.undatedWord {
            add(.period, word, start)
        } else {
            add(Token.keywords.contains(word) ? .keyword : .name, word, start)
        }
    }

    /// Takes a `-end` (or a mistaken `-start`) suffix glued to a period literal, and after a
    /// fiscal year the last year of a span (`FY24-26`) or `-on` (`FY25-on`).
    mutating func lexEndSuffix(fiscalYear: Bool = false) {
        guard peek(0) == "-", let next = peek(1) else { return }
        if fiscalYear, ("0"..."9").contains(next) {
            advance()
            while let c = peek(0), ("0"..."9").contains(c) { advance() }
            return
        }
        guard Lexer.isASCIILetter(next) else { return }
        advance()
        while let c = peek(0), Lexer.isASCIILetter(c) { advance() }
    }

    mutating func lexNumberOrPeriod() {
        let start = mark()
        func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { ("0"..."9").contains($0) } ?? false }
        while isDigit(peek(0)) || (peek(0) == "_" && isDigit(peek(1))) { advance() }
        // A date: 2024-06-30.
        if peek(0) == "-", isDigit(peek(1)), index - start.index == 4 {
            while isDigit(peek(0)) || (peek(0) == "-" && isDigit(peek(1))) { advance() }
            add(.period, text(from: start), start)
            return
        }
        // A period (1Q24, 1H24, 1Q24-end) or a shift (1y, 2q, 1h).
        if let c = peek(0), Lexer.isASCIILetter(c) {
            while let c = peek(0), Lexer.isASCIILetter(c) || isDigit(c) { advance() }
            let word = text(from: start)
            let letters = word.drop(while: { $0.isNumber })
            if ["y", "q", "h"].contains(letters.lowercased()) {
                add(.shift, word, start)
            } else {
                lexEndSuffix()
                add(.period, text(from: start), start)
            }
            return
        }
        if peek(0) == ".", isDigit(peek(1)) {
            advance()
            while isDigit(peek(0)) || (peek(0) == "_" && isDigit(peek(1))) { advance() }
        }
        add(.number, text(from: start), start)
    }

    mutating func lexString() {
        let start = mark()
        advance()
        var value = ""
        while let c = peek(0), c != "\"" {
            if c == "\n" { break }
            if c == "\\", let next = peek(1) {
                advance()
                value.unicodeScalars.append(next == "n" ? "\n" : next == "t" ? "\t" : next)
            } else {
                value.unicodeScalars.append(c)
            }
            advance()
        }
        guard peek(0) == "\"" else {
            add(.invalid, "unterminated string: a string ends with '\"' on the same line", start)
            return
        }
        advance()
        add(.string, value, start)
    }

    /// Consumes `c` if it comes next.
    mutating func match(_ c: Unicode.Scalar) -> Bool {
        guard peek(0) == c else { return false }
        advance()
        return true
    }

    mutating func lexSymbol(_ c: Unicode.Scalar) {
        let start = mark()
        advance()
        let kind: Token.Kind?
        switch c {
        case "+": kind = .plus
        case "-": kind = .minus
        case "*": kind = .star
        case "/": kind = .slash
        case "^": kind = .caret
        case "@": kind = .at
        case "|": kind = .pipe
        case ",": kind = .comma
        case "=": kind = .equals
        case ";": kind = .semicolon
        case "%": kind = .percent
        case "<": kind = match("=") ? .lessEqual : .less
        case ">": kind = match("=") ? .greaterEqual : .greater
        case "!" where peek(0) == "=": advance(); kind = .notEqual
        case "(", "[", "{": kind = c == "(" ? .leftParen : c == "[" ? .leftBracket : .leftBrace
        case ")", "]", "}": kind = c == ")" ? .rightParen : c == "]" ? .rightBracket : .rightBrace
        default: kind = nil
        }
        if let kind {
            add(kind, kind.rawValue, start)
        } else {
            add(.invalid, "unexpected character \(Lexer.describe(c))", start)
        }
    }

    /// A character as an error names it: printable ones quoted, the rest by code point and kind,
    /// so that nothing invisible or terminal-controlling is echoed raw.
    static func describe(_ c: Unicode.Scalar) -> String {
        let code = "U+" + String(c.value, radix: 16, uppercase: true).leftPadded(4)
        if c == "\u{FFFD}" { return "\(code) (the input is not valid UTF-8)" }
        switch c.properties.generalCategory {
        case .control: return "\(code) (a control character)"
        case .format: return "\(code) (an invisible formatting character)"
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return "\(code) (a space or line break other than ' ' and a new line)"
        default: return "'\(Character(c))'"
        }
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
