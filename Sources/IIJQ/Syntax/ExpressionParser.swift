/// Expressions: operators by precedence, calls, selectors and their filters.
extension Parser {
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

    // unary = "-" unary | power ;
    mutating func unary() throws -> Expr {
        if check(.minus) {
            let start = advance().span
            let operand = try nested { try $0.unary() }
            return Expr(kind: .negate(operand: operand), span: start.through(operand.span))
        }
        return try power()
    }

    // power = qualified [ "^" unary ] ;
    mutating func power() throws -> Expr {
        let base = try qualified()
        guard match(.caret) else { return base }
        let exponent = try nested { try $0.unary() }
        return Expr(kind: .binary(op: .power, lhs: base, rhs: exponent), span: base.span.through(exponent.span))
    }

    // qualified = primary [ "@" period_item ] ;
    /// Inside brackets and calls `@` always qualifies the operand before it. At the top of a query
    /// it does when an operator or another `@` follows its periods, or when an earlier operand at
    /// the top was qualified (`revenue @ FY24 - revenue @ FY21`); otherwise it starts the query's periods.
    mutating func qualified() throws -> Expr {
        let operand = try primary()
        guard check(.at) else { return operand }
        let mark = current
        advance()
        let item = try periodItem()
        let follows: [Token.Kind] = [.plus, .minus, .star, .slash, .caret, .at]
        // `1Q24-end-end` is a mistyped period, not a subtraction.
        let gluedSuffix = peek.kind == .minus && peek.span.start == previous.span.end && tokens[current + 1].kind == .name
        guard groupDepth > 0 || qualifiedOperands > 0 || (follows.contains(peek.kind) && !gluedSuffix) else {
            current = mark
            return operand
        }
        if groupDepth == 0 { qualifiedOperands += 1 }
        return Expr(kind: .at(operand: operand, periods: item), span: operand.span.through(item.span))
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
            groupDepth += 1
            defer { groupDepth -= 1 }
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
        groupDepth += 1
        defer { groupDepth -= 1 }
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

    // filter = NAME "=" ( NAME | "*" ) | NAME "in" "[" NAME { "," NAME } "]" ;
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
        // `{cost_item=*}`: every member, kept as rows (and summed by an aggregate).
        if match(.star) { return Filter(dimension: dim.text, dimensionSpan: dim.span, values: [(Filter.everyMember, previous.span)], isList: true) }
        let value = try consume(.name, message: "a value of \(dim.text) after '=' (or * for every value)")
        return Filter(dimension: dim.text, dimensionSpan: dim.span, values: [(value.text, value.span)], isList: false)
    }
}
