/// A recursive-descent parser: one method per rule of `Grammar/iijq.ebnf`.
public struct Parser {
    var tokens: [Token]
    var current = 0
    /// Bounds nesting so that hostile input cannot exhaust the stack.
    var depth = 0
    /// Operands in the current statement, bounded for the same reason.
    var operands = 0
    /// Brackets and calls open around the expression being read: inside them `@` always
    /// qualifies an operand (see `qualified`).
    var groupDepth = 0
    /// Operands at the top of the current statement (outside brackets) qualified with their own `@`.
    var qualifiedOperands = 0

    public init(tokens: [Token]) { self.tokens = tokens }

    /// Parses a whole program. Each statement parses on its own: an error is kept in place and
    /// parsing resumes at the next statement.
    public static func parse(_ source: Source) -> [Result<Statement, Diagnostic>] {
        let size = Parser.statementBytes(source.text)
        guard size <= Limits.statementBytes else {
            let first = Span(start: 0, end: 0, line: source.firstLine, column: 1)
            return [.failure(Diagnostic(.limit, "the statement is \(Dec(size).formatted()) bytes long, more than the \(Dec(Limits.statementBytes).formatted()) a statement may hold", at: first,
                                        hints: ["split it into several statements; a bracket left open joins the lines after it into one statement"]))]
        }
        var parser = Parser(tokens: Lexer.tokenize(source))
        return parser.program()
    }

    /// The bytes of `text` that are statements: lines that hold only a `--` comment (or nothing)
    /// are not counted, so a long comment is not called a long statement.
    static func statementBytes(_ text: String) -> Int {
        guard text.utf8.count > Limits.statementBytes else { return text.utf8.count }
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var total = text.utf8.count
        for (k, line) in lines.enumerated() {
            let rest = line.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            if rest.isEmpty || rest.starts(with: "--".utf8) { total -= line.count + (k < lines.count - 1 ? 1 : 0) }
        }
        return total
    }

    // program = { separator } [ statement { separator { separator } statement } ] { separator } ;
    mutating func program() -> [Result<Statement, Diagnostic>] {
        var results: [Result<Statement, Diagnostic>] = []
        while true {
            while check(.newline) || check(.semicolon) { advance() }
            if check(.end) { break }
            do {
                let s = try statement()
                guard check(.newline) || check(.semicolon) || check(.end) else {
                    var d = unexpected(peek, expected: "the end of the statement (a new line or ';')")
                    if [.at, .pipe].contains(peek.kind) || (peek.kind == .keyword && ["vs", "by", "in"].contains(peek.text)) {
                        d.hints.append("a query's clauses go in this order: EXPRESSION @ PERIODS vs BASIS by DIMENSIONS in UNIT | STAGES, each at most once")
                    }
                    if peek.kind == .name, Token.keywords.contains(peek.text.lowercased()) {
                        d.hints.append("keywords are lower-case: write '\(peek.text.lowercased())'")
                    }
                    // 1.5e3 reads as the number 1.5 and the name e3.
                    if peek.kind == .name, previous.kind == .number, previous.span.end == peek.span.start, Parser.isExponent("1" + peek.text) {
                        d.hints.append("numbers have no exponent: write \(previous.text)\(peek.text) in full")
                    }
                    throw d
                }
                results.append(.success(s))
            } catch let d as Diagnostic {
                results.append(.failure(d))
                synchronize()
            } catch {
                results.append(.failure(Diagnostic(.invalidStatement, "\(error)", at: peek.span)))
                synchronize()
            }
        }
        return results
    }

    /// Skips to the end of the failed statement.
    mutating func synchronize() {
        while !check(.newline) && !check(.semicolon) && !check(.end) { advance() }
    }

    // statement = let_statement | describe_statement | metrics_statement | listing_statement | explain_statement | sources_statement | search_statement | query ;
    mutating func statement() throws -> Statement {
        operands = 0
        qualifiedOperands = 0
        groupDepth = 0
        if checkKeyword("let") { return try letStatement() }
        if checkKeyword("describe") { return try describeStatement() }
        if checkKeyword("metrics") { return try metricsStatement() }
        if checkKeyword("periods") || checkKeyword("dimensions") || checkKeyword("functions") { return listingStatement() }
        if checkKeyword("explain") { return try explainStatement() }
        if checkKeyword("sources") { return sourcesStatement() }
        if checkKeyword("search") { return try searchStatement() }
        let start = peek.span
        let q = try query()
        return Statement(kind: .query(query: q), span: start.through(previous.span))
    }

    // let_statement = "let" NAME "=" expression ;
    mutating func letStatement() throws -> Statement {
        let start = advance().span
        let name = try consume(.name, message: "a name to define after 'let', as in: let gross_margin = gross_profit / revenue")
        try consume(.equals, message: "'=' after 'let \(name.text)'")
        let body = try expression()
        if check(.at) {
            throw Diagnostic(.invalidStatement, "a definition cannot fix its periods", at: peek.span,
                             hints: ["define the series and give periods where you use it: let \(name.text) = …; \(name.text) @ 1Q24"])
        }
        // The other clauses of a query, too, go where the name is used.
        let clauses = ["vs": "vs target", "by": "by segment", "in": "in bn"]
        if check(.pipe) || (peek.kind == .keyword && clauses[peek.text] != nil) {
            let example = check(.pipe) ? "| sort desc" : clauses[peek.text]!
            throw Diagnostic(.invalidStatement, "a definition cannot have \(check(.pipe) ? "stages" : peek.text == "in" ? "an 'in' clause" : "a '\(peek.text)' clause")", at: peek.span,
                             hints: ["define the series and add '\(example)' where you use it: let \(name.text) = …; \(name.text) @ 1Q24 \(example)"])
        }
        return Statement(kind: .define(name: name.text, nameSpan: name.span, body: body), span: start.through(previous.span))
    }

    // describe_statement = "describe" NAME ;
    mutating func describeStatement() throws -> Statement {
        let start = advance().span
        let name = try consume(.name, message: "a name after 'describe': a metric, dimension or function, as in: describe revenue")
        return Statement(kind: .describe(name: name.text, nameSpan: name.span), span: start.through(name.span))
    }

    // metrics_statement = "metrics" [ NAME | STRING ] ;
    mutating func metricsStatement() throws -> Statement {
        let start = advance().span
        guard check(.name) || check(.string) else { return Statement(kind: .metrics(topic: nil, topicSpan: nil), span: start) }
        let topic = advance()
        return Statement(kind: .metrics(topic: topic.text, topicSpan: topic.span), span: start.through(topic.span))
    }

    // listing_statement = "periods" | "dimensions" | "functions" ;
    mutating func listingStatement() -> Statement {
        let word = advance()
        let kind: StatementKind = switch word.text {
        case "periods": .periods
        case "dimensions": .dimensions
        default: .functions
        }
        return Statement(kind: kind, span: word.span)
    }

    // search_statement = "search" ( NAME | STRING ) ;
    mutating func searchStatement() throws -> Statement {
        let start = advance().span
        guard check(.name) || check(.string) else { throw unexpected(peek, expected: "a word to look for after 'search', as in: search backlog") }
        let word = advance()
        return Statement(kind: .search(word: word.text, wordSpan: word.span), span: start.through(word.span))
    }

    // sources_statement = "sources" [ STRING | NAME ] ;
    mutating func sourcesStatement() -> Statement {
        let start = advance().span
        guard check(.string) || check(.name) else { return Statement(kind: .sources(text: nil, textSpan: nil), span: start) }
        let text = advance()
        return Statement(kind: .sources(text: text.text, textSpan: text.span), span: start.through(text.span))
    }

    // explain_statement = "explain" , ( PERIOD | query ) ;
    mutating func explainStatement() throws -> Statement {
        let start = advance().span
        if check(.period) || check(.number), [.newline, .semicolon, .end].contains(tokens[min(current + 1, tokens.count - 1)].kind) {
            let text = peek.text
            let (p, span) = try period()
            return Statement(kind: .explainPeriod(period: p, text: text), span: start.through(span))
        }
        let q = try query()
        return Statement(kind: .explain(query: q), span: start.through(previous.span))
    }

    // MARK: - Helpers

    var peek: Token { tokens[current] }
    var previous: Token { tokens[max(0, current - 1)] }

    func check(_ kind: Token.Kind) -> Bool { peek.kind == kind }
    func checkKeyword(_ word: String) -> Bool { peek.kind == .keyword && peek.text == word }

    @discardableResult
    mutating func advance() -> Token {
        let t = tokens[current]
        if t.kind != .end { current += 1 }
        return t
    }

    mutating func match(_ kind: Token.Kind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }

    mutating func matchKeyword(_ word: String) -> Bool {
        guard checkKeyword(word) else { return false }
        advance()
        return true
    }

    mutating func matchOperator(_ kinds: [Token.Kind]) -> BinaryOp? {
        guard kinds.contains(peek.kind), let op = BinaryOp(rawValue: peek.kind.rawValue) else { return nil }
        advance()
        return op
    }

    /// Consumes a token of `kind`, or fails saying what was expected.
    @discardableResult
    mutating func consume(_ kind: Token.Kind, message: String) throws -> Token {
        guard check(kind) else { throw unexpected(peek, expected: message) }
        return advance()
    }

    func unexpected(_ token: Token, expected: String) -> Diagnostic {
        if token.kind == .invalid { return Diagnostic(.invalidToken, token.text, at: token.span) }
        return Diagnostic(.unexpectedToken, "expected \(expected), but found \(token.described)", at: token.span)
    }

    /// Runs `body` one nesting level deeper, failing cleanly past `Limits.nesting`.
    mutating func nested<T>(_ body: (inout Parser) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Limits.nesting + 1 else {  // the outermost expression is level 0, not 1
            throw Diagnostic(.limit, "the expression nests more than \(Limits.nesting) levels deep", at: peek.span,
                             hints: ["split it with let definitions"])
        }
        return try body(&self)
    }
}
