/// A recursive-descent parser: one method per rule of `Grammar/iijq.ebnf`.
public struct Parser {
    var tokens: [Token]
    var current = 0
    /// Bounds nesting so that hostile input cannot exhaust the stack.
    var depth = 0
    /// Operands in the current statement, bounded for the same reason.
    var operands = 0

    public init(tokens: [Token]) { self.tokens = tokens }

    /// Parses a whole program. Each statement parses on its own: an error is kept in place and
    /// parsing resumes at the next statement.
    public static func parse(_ source: Source) -> [Result<Statement, Diagnostic>] {
        let size = source.text.utf8.count
        guard size <= Limits.statementBytes else {
            let first = Span(start: 0, end: 0, line: source.firstLine, column: 1)
            return [.failure(Diagnostic(.limit, "the statement is \(Dec(size).formatted()) bytes long, more than the \(Dec(Limits.statementBytes).formatted()) a statement may hold", at: first,
                                        hints: ["split it into several statements; a bracket left open joins the lines after it into one statement"]))]
        }
        var parser = Parser(tokens: Lexer.tokenize(source))
        return parser.program()
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

    // statement = let_statement | describe_statement | metrics_statement | listing_statement | explain_statement | query ;
    mutating func statement() throws -> Statement {
        operands = 0
        if checkKeyword("let") { return try letStatement() }
        if checkKeyword("describe") { return try describeStatement() }
        if checkKeyword("metrics") { return try metricsStatement() }
        if checkKeyword("periods") || checkKeyword("dimensions") || checkKeyword("functions") { return listingStatement() }
        if checkKeyword("explain") { return try explainStatement() }
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

    // metrics_statement = "metrics" [ NAME ] ;
    mutating func metricsStatement() throws -> Statement {
        let start = advance().span
        guard check(.name) else { return Statement(kind: .metrics(topic: nil, topicSpan: nil), span: start) }
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

    // query = expression [ "@" period_list ] [ "vs" NAME ] [ "by" NAME { "," NAME } ] [ "in" unit ] { "|" stage } ;
    mutating func query() throws -> Query {
        let expr = try expression()
        var periods: [PeriodItem] = []
        if match(.at) { periods = try periodList() }
        var versus: (Basis, Span)?
        if matchKeyword("vs") {
            let b = try consume(.name, message: "a basis after 'vs': target, previous_target, plan or forecast")
            guard let basis = Basis(rawValue: b.text), basis != .actual else {
                let names = Basis.allCases.map(\.rawValue).filter { $0 != "actual" }
                throw Diagnostic(.unknownMember, "'\(b.text)' is not a basis to compare actuals with", at: b.span,
                                 hints: Suggest.hint(for: b.text, in: names) + ["bases: \(names.joined(separator: ", "))"])
            }
            versus = (basis, b.span)
        }
        var by: [(String, Span)] = []
        if matchKeyword("by") {
            repeat {
                let d = try consume(.name, message: "a dimension name after 'by', as in: by segment")
                by.append((d.text, d.span))
            } while match(.comma)
        }
        var displayUnit: DisplayUnit?
        if matchKeyword("in") { displayUnit = try unit() }
        var stages: [Stage] = []
        while match(.pipe) { stages.append(try stage()) }
        return Query(expr: expr, periods: periods, versus: versus, by: by, unit: displayUnit, stages: stages)
    }

    // unit = "%" | NAME ;   (* a scale word: yen, thousand, mn, 億円, bn … *)
    mutating func unit() throws -> DisplayUnit {
        if match(.percent) { return DisplayUnit(kind: .percent, word: "%", span: previous.span) }
        let words = DisplayUnit.scaleWords.map(\.word)
        let w = try consume(.name, message: "a unit after 'in': \(words.joined(separator: ", ")) or %")
        guard let scale = DisplayUnit.scale(of: w.text) else {
            throw Diagnostic(.unitMismatch, "'\(w.text)' is not a unit to show results in", at: w.span,
                             hints: Suggest.hint(for: w.text, in: words) + ["units: \(words.joined(separator: ", ")), %"])
        }
        return DisplayUnit(kind: .scale(scale), word: w.text, span: w.span)
    }

    // period_list = period_item { "," period_item } ;
    mutating func periodList() throws -> [PeriodItem] {
        var items = [try periodItem()]
        while match(.comma) { items.append(try periodItem()) }
        return items
    }

    // period_item = PERIOD [ ".." PERIOD ] ;
    mutating func periodItem() throws -> PeriodItem {
        let (first, firstSpan) = try period()
        guard match(.dotDot) else { return PeriodItem(first: first, last: nil, span: firstSpan) }
        let (last, lastSpan) = try period()
        let whole = firstSpan.through(lastSpan)
        guard let expanded = first.through(last) else {
            throw Diagnostic(.invalidPeriod, "\(first)..\(last) is not a range: \(Parser.rangeProblem(first, last))", at: whole,
                             hints: ["ranges run forward between periods of one kind: 1Q23..1Q24, FY20..FY23, 1Q23-end..1Q24-end"])
        }
        if expanded.count > Limits.rangePeriods {
            throw Diagnostic(.limit, "\(first)..\(last) spans \(expanded.count) periods; a range may span at most \(Limits.rangePeriods)", at: whole)
        }
        return PeriodItem(first: first, last: last, span: whole)
    }

    static func rangeProblem(_ a: Period, _ b: Period) -> String {
        if a.grain != b.grain { return "both ends must be the same kind of period (\(a.grain) and \(b.grain))" }
        if b < a { return "it runs backwards" }
        return "instants in a range must be quarter-ends"
    }

    mutating func period() throws -> (Period, Span) {
        let token = peek
        guard token.kind == .period || token.kind == .number || token.kind == .shift || token.kind == .name else {
            throw unexpected(token, expected: "a period (FY24, 1H24, 1Q24, 1Q24-end or 2024-06-30)")
        }
        advance()
        switch PeriodParser.parse(token.text) {
        case .success(let p): return (p, token.span)
        case .failure(let e):
            throw Diagnostic(.invalidPeriod, e.description, at: token.span,
                             hints: ["periods look like FY24, 1H24, 1Q24 (quarters 1Q–4Q), 1Q24-end, FY23-end or 2024-06-30"])
        }
    }

    // stage = "sort" [ "asc" | "desc" ] | "top" NUMBER | "where" condition | "chart" | "spark" | "cite" ;
    mutating func stage() throws -> Stage {
        let name = try consume(.name, message: "a stage after '|': \(Stage.names.joined(separator: ", "))")
        switch name.text {
        case "sort":
            var descending = false
            if check(.name), peek.text == "desc" || peek.text == "asc" { descending = advance().text == "desc" }
            return Stage(kind: .sort(descending: descending), span: name.span.through(previous.span))
        case "top":
            let n = try consume(.number, message: "how many rows after 'top', as in: top 3")
            let digits = n.text.filter { $0 != "_" }
            guard !digits.contains(".") else {
                throw Diagnostic(.invalidNumber, "'\(n.text)' is not a row count", at: n.span, hints: ["top takes a whole number, as in: top 3"])
            }
            // More rows than an Int counts is more than any result has: every row.
            let count = Int(digits) ?? Int.max
            return Stage(kind: .top(count: count), span: name.span.through(n.span))
        case "where":
            let c = try condition()
            return Stage(kind: .filter(c), span: name.span.through(previous.span))
        case "chart": return Stage(kind: .chart, span: name.span)
        case "spark": return Stage(kind: .spark, span: name.span)
        case "cite": return Stage(kind: .cite, span: name.span)
        default:
            throw Diagnostic(.unknownStage, "unknown stage '\(name.text)'", at: name.span,
                             hints: Suggest.hint(for: name.text, in: Stage.names) + ["stages are: sort [asc|desc], top N, where value > 10 bn, chart, spark, cite"])
        }
    }

    // condition = NAME comparison literal ;
    mutating func condition() throws -> Condition {
        let subject = try consume(.name, message: "what to test after 'where': \(Condition.subjects.joined(separator: ", ")), as in: where value > 10 bn")
        guard Condition.subjects.contains(subject.text) else {
            throw Diagnostic(.unknownStage, "'where' cannot test '\(subject.text)'", at: subject.span,
                             hints: Suggest.hint(for: subject.text, in: Condition.subjects) + ["it tests: \(Condition.subjects.joined(separator: ", "))"])
        }
        let op = try comparison()
        return Condition(subject: subject.text, subjectSpan: subject.span, comparison: op, literal: try literal())
    }

    // comparison = ">" | ">=" | "<" | "<=" | "=" | "!=" ;
    mutating func comparison() throws -> Comparison {
        let kinds: [Token.Kind] = [.greater, .greaterEqual, .less, .lessEqual, .equals, .notEqual]
        guard kinds.contains(peek.kind) else { throw unexpected(peek, expected: "a comparison (>, >=, <, <=, =, !=)") }
        return Comparison(rawValue: advance().kind.rawValue)!
    }

    // literal = [ "-" ] NUMBER { "," DIGITS } [ "%" | "pp" | [ NAME ] [ NAME ] ] ;   (* 10 bn, 5%, 1,000 persons *)
    mutating func literal() throws -> Literal {
        let minus = match(.minus) ? previous : nil
        let first = try consume(.number, message: "a number after the comparison, with its unit: 10 bn, 5%, 1,000 persons")
        let start = minus?.span ?? first.span
        var digits = first.text.filter { $0 != "_" }
        var last = first
        // Thousands separators: `1,000,000` reads as one number where no list can follow.
        while check(.comma), tokens[current + 1].kind == .number, tokens[current + 1].text.count == 3,
              peek.span.start == last.span.end, tokens[current + 1].span.start == peek.span.end, !digits.contains(".") {
            advance()
            last = advance()
            digits += last.text
        }
        let unitStart = current
        guard var value = Dec(parsing: digits) else { throw Parser.tooManyDigits(digits, at: start.through(previous.span)) }
        if minus != nil { value = -value }
        var unit: Unit?
        if match(.percent) {
            unit = .percent
        } else if check(.name), peek.text == "pp" {
            advance()
            unit = .pp
        } else if check(.name) {
            let word = advance()
            let scale = DisplayUnit.scale(of: word.text)
            if check(.name), previous.span.end < peek.span.start {
                let noun = advance()
                if scale == nil { throw Diagnostic(.unitMismatch, "'\(word.text)' is not a scale", at: word.span, hints: ["scales: thousand, mn, bn …, as in: 5 thousand subscriptions"]) }
                // 10 bn yen is money; 10 bn bn is two scales.
                if noun.text == "yen" || noun.text == "円" {
                    unit = .money(scale: scale!)
                } else if DisplayUnit.scale(of: noun.text) != nil {
                    throw Diagnostic(.unitMismatch, "'\(noun.text)' after '\(word.text)': a number takes one scale", at: noun.span,
                                     hints: ["for example: 10 bn, 5 thousand subscriptions"])
                } else {
                    unit = .count(noun.text, scale: scale!)
                }
            } else {
                unit = scale.map { .money(scale: $0) } ?? .count(word.text, scale: 0)
            }
        }
        let words = tokens[unitStart..<current].map(\.text)
        let text = value.formatted() + (unit == .percent ? "%" : words.isEmpty ? "" : " " + words.joined(separator: " "))
        return Literal(value: value, unit: unit, span: start.through(previous.span), text: text)
    }

    /// Whether a token reads as a number with an exponent: `1e40`, `2E5`.
    static func isExponent(_ text: String) -> Bool {
        let mantissa = text.prefix { $0.isASCII && $0.isNumber }
        let rest = text.dropFirst(mantissa.count)
        return !mantissa.isEmpty && rest.count >= 2 && (rest.first == "e" || rest.first == "E") && rest.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A NUMBER whose digits do not fit an exact decimal: too many in all, or after the point.
    static func tooManyDigits(_ text: String, at span: Span) -> Diagnostic {
        Diagnostic(.invalidNumber, "'\(text)' has too many digits: a number has at most 38, and at most 36 after the point", at: span)
    }

    // expression = term { ( "+" | "-" ) term } ;
    mutating func expression() throws -> Expr {
        try nested {
            var lhs = try $0.term()
            while let op = $0.matchOperator([.plus, .minus]) {
                let rhs = try $0.term()
                lhs = Expr(kind: .binary(op: op, lhs: lhs, rhs: rhs), span: lhs.span.through(rhs.span))
            }
            return lhs
        }
    }

    // term = unary { ( "*" | "/" ) unary } ;
    mutating func term() throws -> Expr {
        var lhs = try unary()
        while let op = matchOperator([.star, .slash]) {
            let rhs = try unary()
            lhs = Expr(kind: .binary(op: op, lhs: lhs, rhs: rhs), span: lhs.span.through(rhs.span))
        }
        return lhs
    }

    // unary = "-" unary | primary ;
    mutating func unary() throws -> Expr {
        if check(.minus) {
            let start = advance().span
            let operand = try nested { try $0.unary() }
            return Expr(kind: .negate(operand: operand), span: start.through(operand.span))
        }
        return try primary()
    }

    // primary = NUMBER | SHIFT | call | selector | "(" expression ")" ;
    mutating func primary() throws -> Expr {
        let token = peek
        operands += 1
        guard operands <= Limits.operands else {
            throw Diagnostic(.limit, "the statement has more than \(Limits.operands) operands", at: token.span,
                             hints: ["split it with let definitions"])
        }
        switch token.kind {
        case .number:
            advance()
            guard let value = Dec(parsing: token.text) else {
                throw Parser.tooManyDigits(token.text, at: token.span)
            }
            return Expr(kind: .number(value: value), span: token.span)
        case .shift:
            advance()
            let grain: Period.Grain = switch token.text.last!.lowercased() { case "y": .year; case "h": .half; default: .quarter }
            // Digits too many for an Int are a shift too far, not a shift of 0.
            guard let count = Int(token.text.dropLast()), count <= Limits.shiftSteps else {
                throw Diagnostic(.limit, "a shift of \(token.text) is too far: at most \(Limits.shiftSteps)", at: token.span)
            }
            return Expr(kind: .shift(count: count, grain: grain), span: token.span)
        case .leftParen:
            advance()
            let inner = try expression()
            try consume(.rightParen, message: "')' to close the '(' at \(token.span.line):\(token.span.column)")
            return Expr(kind: inner.kind, span: token.span.through(previous.span))
        case .name:
            advance()
            if check(.leftParen) { return try call(token) }
            return try selector(token)
        case .period:
            if Parser.isExponent(token.text) {
                throw Diagnostic(.invalidNumber, "'\(token.text)' is not a number: numbers have no exponent", at: token.span,
                                 hints: ["write it in full (1e3 is 1000); a number has at most 38 digits"])
            }
            let example = (try? PeriodParser.parse(token.text).get()) == nil ? "1Q24" : token.text
            throw Diagnostic(.unexpectedToken, "expected a metric, but found the period '\(token.text)'", at: token.span,
                             hints: ["periods follow '@', as in: revenue @ \(example)"])
        default:
            throw unexpected(token, expected: "a metric, a function or a number")
        }
    }

    // call = NAME "(" [ expression { "," expression } ] ")" ;
    mutating func call(_ name: Token) throws -> Expr {
        let open = advance()
        var arguments: [Expr] = []
        if !check(.rightParen) {
            repeat { arguments.append(try expression()) } while match(.comma)
        }
        try consume(.rightParen, message: "')' to close the call to \(name.text) opened at \(open.span.line):\(open.span.column)")
        return Expr(kind: .call(name: name.text, arguments: arguments), span: name.span.through(previous.span))
    }

    // selector = NAME [ "{" [ filter { "," filter } ] "}" ] ;
    mutating func selector(_ name: Token) throws -> Expr {
        var filters: [Filter] = []
        if match(.leftBrace) {
            let open = previous
            if !check(.rightBrace) {
                repeat { filters.append(try filter()) } while match(.comma)
            }
            try consume(.rightBrace, message: "'}' to close the '{' at \(open.span.line):\(open.span.column)")
        }
        return Expr(kind: .selector(name: name.text, filters: filters), span: name.span.through(previous.span))
    }

    // filter = NAME "=" NAME | NAME "in" "[" NAME { "," NAME } "]" ;
    mutating func filter() throws -> Filter {
        let dim = try consume(.name, message: "a dimension name, as in {segment=si}")
        if matchKeyword("in") {
            try consume(.leftBracket, message: "'[' to start the list after 'in', as in {segment in [nw_services, si]}")
            var values: [(String, Span)] = []
            repeat {
                let v = try consume(.name, message: "a value of \(dim.text)")
                values.append((v.text, v.span))
            } while match(.comma)
            try consume(.rightBracket, message: "']' to close the list of \(dim.text) values")
            return Filter(dimension: dim.text, dimensionSpan: dim.span, values: values, isList: true)
        }
        try consume(.equals, message: "'=' or 'in' after '\(dim.text)', as in {\(dim.text)=…}")
        let value = try consume(.name, message: "a value of \(dim.text) after '='")
        return Filter(dimension: dim.text, dimensionSpan: dim.span, values: [(value.text, value.span)], isList: false)
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
        guard depth <= Limits.nesting else {
            throw Diagnostic(.limit, "the expression nests more than \(Limits.nesting) levels deep", at: peek.span,
                             hints: ["split it with let definitions"])
        }
        return try body(&self)
    }
}
