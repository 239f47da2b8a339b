/// The query's clauses: periods, `vs`, `by`, `in` and the stages after `|`.
extension Parser {
    // query = expression { "," expression } [ "@" period_list ] [ "vs" NAME ] [ "by" NAME { "," NAME } ] [ "in" unit ] { "|" stage } ;
    mutating func query() throws -> Query {
        // `revenue, gross_profit @ FY24`: several expressions, a row each, over the same periods.
        var expressions = [try expression()]
        while match(.comma) { expressions.append(try expression()) }
        var periods: [PeriodItem] = []
        if match(.at) { periods = try periodList() }
        var versus: (Basis, Span)?
        if matchKeyword("vs") {
            let others = Basis.allCases.dropFirst().map(\.rawValue)
            let b = try consume(.name, message: "a basis after 'vs': \(others.dropLast().joined(separator: ", ")) or \(others.last ?? "")")
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
        return Query(expressions: expressions, periods: periods, versus: versus, by: by, unit: displayUnit, stages: stages)
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

    // period_item = period_end [ ".." period_end ] ;
    mutating func periodItem() throws -> PeriodItem {
        let (first, firstSpan) = try periodEnd()
        guard match(.dotDot) else { return PeriodItem(first: first, last: nil, span: firstSpan) }
        let (last, lastSpan) = try periodEnd()
        let item = PeriodItem(first: first, last: last, span: firstSpan.through(lastSpan))
        if case .period(let a) = first, case .period(let b) = last { try Parser.checkRange(a, b, at: item.span) }
        return item
    }

    // period_end = PERIOD | "latest" [ "-" SHIFT ] ;
    mutating func periodEnd() throws -> (PeriodEnd, Span) {
        guard check(.name), peek.text == PeriodEnd.latestWord else {
            let (p, span) = try period()
            return (.period(p), span)
        }
        let word = advance()
        // `latest - 1y`; a minus before anything but a shift is the operator (`x @ latest - y @ FY21`).
        guard check(.minus), tokens[current + 1].kind == .shift else { return (.latest(back: 0, .year), word.span) }
        advance()
        let shift = advance()
        guard let count = Int(shift.text.dropLast()), count <= Limits.shiftSteps else {
            throw Diagnostic(.limit, "a shift of \(shift.text) is too far: at most \(Limits.shiftSteps)", at: shift.span)
        }
        let grain: Period.Grain = switch shift.text.last!.lowercased() { case "y": .year; case "h": .half; default: .quarter }
        return (.latest(back: count, grain), word.span.through(shift.span))
    }

    /// Fails unless `a..b` is a range of at most `Limits.rangePeriods` periods.
    static func checkRange(_ first: Period, _ last: Period, at whole: Span) throws {
        guard let expanded = first.through(last) else {
            throw Diagnostic(.invalidPeriod, "\(first)..\(last) is not a range: \(Parser.rangeProblem(first, last))", at: whole,
                             hints: ["ranges run forward between periods of one kind: 1Q23..1Q24, FY20..FY23, 1Q23-end..1Q24-end"])
        }
        if expanded.count > Limits.rangePeriods {
            throw Diagnostic(.limit, "\(first)..\(last) spans \(expanded.count) periods; a range may span at most \(Limits.rangePeriods)", at: whole)
        }
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
                             hints: ["periods look like FY24, 1H24, 1Q24 (quarters 1Q–4Q), 1Q24-end, FY23-end or 2024-06-30; also FY24-26 (a span of years), FY25-on (in or after FY25) and undated"])
        }
    }

    // stage = "sort" [ "asc" | "desc" ] | "top" NUMBER | "where" condition | "chart" | "spark" | "cite" ;
    mutating func stage() throws -> Stage {
        let name = try consume(.name, message: "a stage after '|': \(Stage.names.joined(separator: ", "))")
        switch name.text {
        case "sort":
            var descending = false
            if check(.name), peek.text == "desc" || peek.text == "asc" {
                descending = advance().text == "desc"
            } else if check(.name) {
                throw Diagnostic(.unknownStage, "'\(peek.text)' is not a sort order", at: peek.span,
                                 hints: Suggest.hint(for: peek.text, in: ["asc", "desc"]) + ["sort asc (smallest first, the default) or sort desc"])
            }
            return Stage(kind: .sort(descending: descending), span: name.span.through(previous.span))
        case "top":
            let n = try consume(.number, message: "how many rows after 'top', as in: top 3")
            let digits = n.text.filter { $0 != "_" }
            guard !digits.contains(".") else {
                throw Diagnostic(.invalidNumber, "'\(n.text)' is not a row count", at: n.span, hints: ["top takes a whole number, as in: top 3"])
            }
            // A count has at most the 38 digits any number may have; more rows than an Int counts
            // is more than any result has: every row.
            guard digits.count <= 38 else { throw Parser.tooManyDigits(n.text, at: n.span) }
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
}
