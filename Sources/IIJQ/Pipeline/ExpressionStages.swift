/// `@ periods [by dims]`: where the expression is evaluated.
struct PeriodsStage: QueryStage {
    let query: Query
    var name: String { "periods" }

    func apply(to state: inout QueryState) throws {
        let selectors = query.expressions.flatMap(\.selectors)
        if let first = query.periods.first, !query.expressions.contains(where: \.readsQueryPeriods), !selectors.isEmpty {
            let written = query.periods.map(\.text).joined(separator: ", ")
            throw Diagnostic(.invalidStatement, "every metric in the expression has periods of its own, so '@ \(written)' applies to none of them",
                             at: first.span.through(query.periods.last!.span),
                             hints: ["drop '@ \(written)', or leave an operand without its own '@' to read it at these periods"])
        }
        for (i, e) in query.expressions.enumerated() where query.expressions[..<i].contains(where: { $0.text == e.text }) {
            throw Diagnostic(.invalidStatement, "'\(e.text)' is written twice", at: e.span, hints: ["each expression is a row: write it once"])
        }
        for (i, d) in query.by.enumerated() where query.by[..<i].contains(where: { $0.name == d.name }) {
            throw Diagnostic(.invalidStatement, "'\(d.name)' is named twice after by", at: d.span)
        }
        // `by セグメント` is `by segment`; `by period` makes the periods rows, after evaluation.
        let by = query.by.filter { $0.name != PeriodRowsStage.word }
            .map { d in (name: state.evaluator.base.dimensionName(for: d.name) ?? d.name, span: d.span) }
        var note: String?
        state.context = Context(periods: try state.evaluator.periods(of: query.periods, for: query.expressions, Context(periods: nil, by: by), note: &note), by: by)
        if let note { state.notes.append(note) }
    }
}

/// The expression evaluated at the periods asked for, or beside another basis for `vs`.
struct ExpressionStage: QueryStage {
    let query: Query
    var name: String { query.versus == nil ? "expression" : "vs" }

    func apply(to state: inout QueryState) throws {
        state.expressions = query.expressions
        var frames: [Frame] = []
        for expr in query.expressions {
            if let versus = query.versus {
                frames.append(try state.evaluator.versus(expr, versus.basis, versus.span, state.context))
            } else {
                frames.append(try state.evaluator.resultAsPrinted(expr, state.context))
            }
        }
        state.frame = frames.count == 1 ? frames[0] : try Frame(stacking: frames, at: query.expressions[1].span)
        state.frame.notes.insert(contentsOf: state.notes, at: 0)
        // Asked-for periods stay as columns even where nothing was published, when cells are at single periods.
        if state.frame.cells.distinctWhens.allSatisfy({ if case .at = $0 { true } else { false } }) { state.frame.askedPeriods = state.context.periods }
    }
}

/// `by period`: the periods become row keys, so rows can be ranked (`| sort desc | top 1` answers
/// "which quarter"), placed among the other `by` dimensions where the query names it.
struct PeriodRowsStage: QueryStage {
    static let word = "period"
    let query: Query
    var name: String { "by period" }

    func apply(to state: inout QueryState) throws {
        let by = query.by.map { state.evaluator.base.dimensionName(for: $0.name) ?? $0.name }
        guard let i = by.firstIndex(of: PeriodRowsStage.word) else { return }
        let keys = state.frame.keys
        let index = keys.filter { !by.contains($0) }.count + by[..<i].filter { keys.contains($0) }.count
        state.frame.periodRow = index
        // Rows in order of their keys up to the periods, then the periods, then the rest.
        let cells = state.frame.cells.enumerated().map { ($0, $1) }
        state.frame.cells = Cells(cells.sorted { a, b in
            let (x, y) = (a.1.key, b.1.key)
            let cut = min(index, x.count)
            if x[..<cut] != y[..<cut] { return a.0 < b.0 }
            if a.1.when != b.1.when { return a.1.when < b.1.when }
            return a.0 < b.0
        }.map(\.1))
    }
}

/// At most `Limits.resultCells` cells, whole rows at a time.
struct LimitStage: QueryStage {
    var name: String { "limit" }

    func apply(to state: inout QueryState) throws {
        state.frame = state.frame.limited(to: Limits.resultCells)
    }
}

/// `in bn`, `in 億円`, `in %`: the result converted for display, exactly, only between units of one kind.
struct UnitStage: QueryStage {
    let unit: DisplayUnit
    var name: String { "in" }

    func apply(to state: inout QueryState) throws {
        for i in state.frame.cells.indices {
            let before = state.frame.cells[i].quantity
            state.frame.cells[i].quantity = try convert(before)
            if state.frame.cells[i].quantity.unit != before.unit { state.frame.cells[i].original = state.frame.cells[i].original ?? before }
        }
    }

    func convert(_ q: Quantity) throws -> Quantity {
        switch unit.kind {
        case .scale(let s):
            guard q.unit.scale != nil else {
                throw Diagnostic(.unitMismatch, "cannot show \(q.unit.readable) in \(unit.word)", at: unit.span,
                                 hints: ["`in \(unit.word)` rescales money and counts; ratios are already in %"])
            }
            return try unitChecked(at: unit.span) { try UnitRules.rescale(q, to: q.unit.withScale(s)) }
        case .percent:
            switch q.unit {
            case .percent, .pp: return q
            case .number:
                var p = try unitChecked(at: unit.span) { try UnitRules.percent(q) }
                p.places = max(1, q.places - 2)
                return p
            default:
                throw Diagnostic(.unitMismatch, "cannot show \(q.unit.readable) in %", at: unit.span,
                                 hints: ["divide by a total first: share(x), or x / y"])
            }
        }
    }
}

extension Evaluator {
    /// The expression's value as a frame (a plain number becomes a one-cell frame).
    mutating func result(_ expr: Expr, _ ctx: Context) throws -> Frame {
        switch try evaluate(expr, ctx) {
        case .frame(let f): return f
        case .scalar(let q): return Frame(label: expr.text, keys: [], cells: [Cell(key: [], dimensions: [], when: .always, basis: nil, quantity: q, citations: [])])
        case .shift: throw Diagnostic.shiftOutsideCall(expr)
        }
    }
}

extension Frame {
    /// Several expressions' results as one, each cell keyed first by its expression; they must
    /// have the same row keys.
    init(stacking frames: [Frame], at span: Span) throws {
        let keys = frames[0].keys
        if let odd = frames.first(where: { $0.keys != keys }) {
            throw Diagnostic(.unmatched, "the expressions have different rows: \(frames[0].label) by \(keys.isEmpty ? "nothing" : keys.joined(separator: ", ")), "
                             + "\(odd.label) by \(odd.keys.isEmpty ? "nothing" : odd.keys.joined(separator: ", "))", at: span,
                             hints: ["give them the same breakdown: the same filters and `by`"])
        }
        self.init(label: frames.map(\.label).joined(separator: ", "), keys: [Frame.expressionKey] + keys, cells: [])
        for f in frames {
            cells += f.cells.map { c in
                var k = c
                k.key = [f.label] + c.key
                return k
            }
            notes += f.notes.filter { !notes.contains($0) }
        }
    }

    /// The cells of one expression of a stacked result, as that expression's own result.
    func part(_ label: String) -> Frame {
        var f = Frame(label: label, keys: Array(dimensionKeys), cells: cells.filter { $0.key[0] == label }, notes: notes)
        for i in f.cells.indices { f.cells[i].key.removeFirst() }
        return f
    }
}
