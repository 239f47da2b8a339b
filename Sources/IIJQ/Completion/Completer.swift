/// Completes the word before the cursor from the language and the fact base: names at the start
/// of an expression, a metric's dimensions inside `{}` and after `by`, that metric's members after
/// `=`, its periods after `@`, stages after `|`.
public struct Completer: Sendable {
    let base: FactBase
    let definitions: [String: Expr]

    public init(base: FactBase, definitions: [String: Expr]) {
        self.base = base
        self.definitions = definitions
    }

    /// What the word being typed may become.
    public struct Completion: Sendable, Equatable {
        /// The word before the cursor that a candidate replaces.
        public var word: String
        public var candidates: [String]
    }

    /// Where in a statement the cursor is, which decides what may be typed there.
    enum Place {
        case statementStart, expression, describable, topic, stage, sortOrder
        /// A dimension name: in braces, or after `by` (where `period` makes the periods rows).
        case dimension(metrics: [String], afterBy: Bool)
        /// A member of `dimension` among the metric's facts that match the filters already typed.
        case member(metric: String, dimension: String, filters: [(String, String)])
        /// A period of the metrics; after `..`, only later ones of the range start's grain.
        case period(metrics: [String], after: Period?)
        /// The bases the metrics have facts on (besides actual), after `vs`.
        case basis(metrics: [String])
        /// A calendar shift, as the second argument of `lag`, `diff`, `yoy` or `qoq`.
        case shift([String])
        case afterOperand, unit, whereSubject, nothing
    }

    /// The shifts offered as the second argument of each function that takes one.
    static let shifts = ["lag": ["1y", "1h", "1q"], "diff": ["1y", "1h", "1q"], "yoy": ["1y", "2y", "3y"], "qoq": ["1q", "2q", "3q"]]

    /// Candidates for `text`, everything typed of the statement up to the cursor.
    public func complete(_ text: String) -> Completion {
        let scalars = Array(text.unicodeScalars)
        var start = scalars.count
        while start > 0, Lexer.isNameContinue(scalars[start - 1]) || scalars[start - 1] == "-" { start -= 1 }
        var before = String(String.UnicodeScalarView(scalars[..<start]))
        var word = String(String.UnicodeScalarView(scalars[start...]))
        var place = self.place(after: before)
        if case .period = place {} else if let dash = word.lastIndex(of: "-") {
            // Outside periods a dash is subtraction: complete only what follows it.
            before += word[...dash]
            word = String(word[word.index(after: dash)...])
            place = self.place(after: before)
        }
        var names = candidates(for: place)
        // A word begun in Japanese completes to the Japanese names of the same dimensions and members.
        if let first = word.unicodeScalars.first, !first.isASCII { names += japaneseNames(of: names, at: place) }
        return Completion(word: word, candidates: Completer.matching(word, in: names))
    }

    /// The Japanese names declared for dimension or member candidates.
    func japaneseNames(of names: [String], at place: Place) -> [String] {
        switch place {
        // A `ja=` list (回線種別,モバイル区分) offers each of its names.
        case .dimension: return names.flatMap { Self.each(base.dimensions[$0]?.japanese) }
        case .member(_, let dimension, _):
            let d = base.dimensions[base.dimensionName(for: dimension) ?? dimension]
            return names.flatMap { Self.each(d?.member($0)?.japanese) }
        default: return []
        }
    }

    /// The names of a comma-separated `ja=` list.
    static func each(_ list: String?) -> [String] {
        (list ?? "").split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }

    /// Every candidate for a place, before matching the word typed.
    func candidates(for place: Place) -> [String] {
        switch place {
        case .statementStart: return (Array(Token.keywords.subtracting(["by", "in", "vs"])) + names()).sorted()
        case .expression: return names().sorted()
        case .describable: return Array(Set(base.operandNames(definitions: definitions) + base.dimensionOrder)).sorted()
        case .topic: return base.topics.map(\.name)
        case .stage: return Stage.names.sorted()
        case .sortOrder: return ["asc", "desc"]
        case .dimension(let metrics, let afterBy):
            let dims = metrics.isEmpty ? base.dimensionOrder : metrics.flatMap { base.metrics[$0]?.dimensions ?? [] }
            return Array(Set(dims + ["basis"] + (afterBy ? [PeriodRowsStage.word] : []))).sorted()
        case .member(let metric, let written, let filters):
            let dimension = base.dimensionName(for: written) ?? written
            guard base.metrics[metric] != nil else { return base.dimensions[dimension]?.members.map(\.name).sorted() ?? [] }
            let facts = base.facts(of: metric).filter { f in
                filters.allSatisfy { d, v in (d == "basis" ? f.basis.rawValue : f.value(of: d)) == v }
            }
            return Set(facts.compactMap { dimension == "basis" ? $0.basis.rawValue : $0.value(of: dimension) }).sorted()
        case .period(let metrics, let after):
            var seen = Set<Period>()
            for m in metrics { seen.formUnion(base.periods(for: m)) }
            if let after { seen = seen.filter { $0.grain == after.grain && $0 > after } }
            // Years first, then halves, quarters, instants, and spans, horizons and undated last.
            let grains: [Period.Grain] = [.year, .half, .quarter, .instant, .several]
            let rank = { (p: Period) in grains.firstIndex(of: p.grain) ?? grains.count }
            return seen.sorted { (rank($0), $0) < (rank($1), $1) }.map(\.description)
        case .afterOperand: return ["by", "in", "vs"]
        case .basis(let metrics):
            let had = Set(metrics.flatMap { base.facts(of: $0).map(\.basis) })
            return Basis.allCases.filter { $0 != .actual && (metrics.isEmpty || had.contains($0)) }.map(\.rawValue)
        case .shift(let shifts): return shifts
        case .unit: return DisplayUnit.scaleWords.map(\.word) + ["%"]
        case .whereSubject: return Condition.subjects
        case .nothing: return []
        }
    }

    /// Metrics, aliases, definitions and functions: what may start an operand.
    func names() -> [String] {
        Array(Set(base.operandNames(definitions: definitions)))
    }

    /// The place after `text`, by reading the current statement's tokens.
    func place(after text: String) -> Place {
        var tokens: [Token] = []
        for t in Lexer.tokenize(Source(name: "", text: text)) {
            switch t.kind {
            case .newline, .semicolon: tokens = []
            case .end: break
            default: tokens.append(t)
            }
        }
        guard let last = tokens.last else { return .statementStart }
        if tokens.count == 1, last.kind == .keyword {
            return last.text == "describe" ? .describable : last.text == "metrics" ? .topic : .nothing
        }
        if tokens.first?.text == "let", tokens.count < 3 { return .nothing }
        return Reading(tokens, completer: self).place(last)
    }

    /// What a statement's tokens up to the cursor say about where it is.
    struct Reading {
        var metrics: [String] = []
        /// The metric whose `{` is open.
        var selector: String?
        /// The dimension a filter names.
        var dimension: String?
        var filters: [(String, String)] = []
        /// Inside `in [ … ]`.
        var inList = false
        /// `.at` after `@`, `.keyword` after `by`, `.pipe` after `|`.
        var section = Token.Kind.name
        var rangeStart: Period?
        /// The calls open at the cursor: each function's name and the argument being written.
        var calls: [(name: String, argument: Int)] = []

        init(_ tokens: [Token], completer: Completer) {
            var previous: Token?
            for t in tokens {
                switch t.kind {
                case .name:
                    if section == .name, selector == nil { metrics += completer.resolve(t.text) }
                    if selector != nil, !inList, previous?.kind == .leftBrace || previous?.kind == .comma { dimension = t.text }
                    if selector != nil, previous?.kind == .equals, let dimension { filters.append((dimension, t.text)) }
                case .leftBrace:
                    if let p = previous, p.kind == .name { selector = completer.base.metric(named: p.text)?.name ?? p.text }
                case .rightBrace: selector = nil; dimension = nil; filters = []
                case .leftParen: calls.append((previous?.kind == .name ? previous!.text : "", 0))
                case .rightParen: _ = calls.popLast()
                case .comma where selector == nil && !inList && !calls.isEmpty: calls[calls.count - 1].argument += 1
                case .leftBracket: inList = true
                case .rightBracket: inList = false
                case .period: rangeStart = try? PeriodParser.parse(t.text).get()
                case .at: section = .at
                case .keyword where t.text == "by": section = .keyword
                case .pipe: section = .pipe
                default: break
                }
                previous = t
            }
        }

        /// The place after the last token, `last`.
        func place(_ last: Token) -> Place {
            if last.kind == .keyword, selector == nil {
                if last.text == "vs" { return .basis(metrics: metrics) }
                if last.text == "in" { return .unit }
            }
            switch section {
            case .pipe:
                if last.kind == .pipe { return .stage }
                return last.text == "sort" ? .sortOrder : last.text == "where" ? .whereSubject : .nothing
            case .keyword:
                return last.text == "by" || last.kind == .comma ? .dimension(metrics: metrics, afterBy: true) : .nothing
            case .at:
                switch last.kind {
                case .at, .comma: return .period(metrics: metrics, after: nil)
                case .dotDot: return .period(metrics: metrics, after: rangeStart)
                case .period: return .afterOperand
                default: return .nothing
                }
            default: break
            }
            if let selector {
                switch last.kind {
                case .comma where inList, .equals, .leftBracket:
                    return dimension.map { d in .member(metric: selector, dimension: d, filters: filters.filter { $0.0 != d }) } ?? .nothing
                case .leftBrace, .comma: return .dimension(metrics: [selector], afterBy: false)
                default: return .nothing
                }
            }
            if last.kind == .comma, let call = calls.last, call.argument == 1, let shifts = Completer.shifts[call.name] {
                return .shift(shifts)
            }
            switch last.kind {
            case .leftParen, .comma, .plus, .minus, .star, .slash, .equals: return .expression
            case .name, .number, .rightParen, .rightBrace: return .afterOperand
            default: return .nothing
            }
        }
    }

    /// The metrics a name stands for: itself, or those a definition is built from.
    func resolve(_ name: String, depth: Int = 0) -> [String] {
        if let m = base.metric(named: name) { return [m.name] }
        guard let body = definitions[name], depth < Limits.definitionDepth else { return [] }
        return body.selectorNames.flatMap { resolve($0, depth: depth + 1) }
    }

    /// The candidates that start with `word`: exactly if any do, otherwise ignoring case.
    static func matching(_ word: String, in candidates: [String]) -> [String] {
        var seen = Set<String>()
        let unique = candidates.filter { seen.insert($0).inserted }
        let exact = unique.filter { $0.hasPrefix(word) }
        if !exact.isEmpty || word.isEmpty { return exact }
        let lower = word.lowercased()
        return unique.filter { $0.lowercased().hasPrefix(lower) }
    }
}
