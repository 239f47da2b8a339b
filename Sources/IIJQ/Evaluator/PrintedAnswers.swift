/// Answering with the figures IIJ printed: where a query's expression and cell match a printed
/// result (a growth rate, a margin, a difference printed on a slide), the answer is the printed
/// figure, in its printed unit, cited, with the figure computed from the stored inputs kept
/// beside it (`computed` in machine output, `explain`). Where the computed figure reads otherwise
/// at the printed precision a note says so; where nothing can be computed (the base year is not
/// published) the printed figure stands alone and the note says why.
extension Evaluator {
    /// The query expression's value, answered with the printed results it matches.
    mutating func resultAsPrinted(_ expr: Expr, _ ctx: Context) throws -> Frame {
        guard answersWithPrinted else { return try result(expr, ctx) }
        do {
            return answeringWithPrinted(try result(expr, ctx), expr, ctx)
        } catch let d as Diagnostic where d.reason != .cancelled {
            guard let f = printedOnly(expr, ctx, failure: d) else { throw d }
            return f
        }
    }

    /// `frame`, the value of the query expression `expr`, answered with the printed results it
    /// matches, and with those at cells it lacks (an asked period whose base is not published).
    func answeringWithPrinted(_ frame: Frame, _ expr: Expr, _ ctx: Context) -> Frame {
        let matcher = PrintedMatcher(self, expr)
        guard !matcher.candidates.isEmpty else { return frame }
        var f = frame, differing: [(text: String, place: String)] = []
        for i in f.cells.indices {
            let printings = matcher.matches(f.cells[i], keyed: !f.keys.isEmpty)
            guard let p = printings.first else { continue }
            let computed = f.cells[i]
            let same = Agreement.samePrinted(computed.quantity, p.expected)
            // A figure the facts hold to more digits (one-time revenue ¥12.61 bn is 12,606 ¥ mn) stays, cited.
            if same, p.form?.isPlainFigure == true {
                f.cells[i].citations = printings.map(\.citation).adding(computed.citations)
                continue
            }
            // A rate, margin or multiple answers as printed, in its own unit ("1.4 times", not 137.6%);
            // the computed one stays beside it, and a note names it where it reads otherwise.
            f.cells[i].answer(with: printings, computed: computed.quantity)
            guard !same else { continue }
            let basis = computed.derivation.map { ", from \($0)" } ?? ""
            differing.append(("\(f.address(of: f.cells[i])): printed \(CellText.withUnit(p.expected)), "
                              + "computed \(CellText.withUnit(computed.quantity.roundedLike(p.expected)))\(basis)", p.citation.place))
        }
        if !differing.isEmpty { f.notes.append("IIJ's printed figures are shown where the stored inputs give others" + Evaluator.placed(differing)) }
        let present = Set(f.cells.map { [$0.when.description] + $0.key })
        let missing = printedCells(matcher, ctx, keys: f.keys).filter { !present.contains([$0.when.description] + $0.key) }
        guard !missing.isEmpty else { return f }
        f.cells = Cells((f.cells + missing).sorted { $0.key != $1.key ? $0.key.lexicographicallyPrecedes($1.key) : $0.when < $1.when })
        f.notes.append(Evaluator.standingAlone(missing, in: f, because: "the inputs it needs are not in the fact base"))
        return f
    }

    /// The printed results that answer `expr` where it cannot be computed (`failure` says why),
    /// as a frame; nil when none does.
    func printedOnly(_ expr: Expr, _ ctx: Context, failure: Diagnostic) -> Frame? {
        let matcher = PrintedMatcher(self, expr)
        guard let shared = matcher.shared else { return nil }
        let keys = shared.filter(\.isList).map(\.dimension) + ctx.by.map(\.name).filter { d in !shared.contains { $0.dimension == d } }
        let cells = printedCells(matcher, ctx, keys: keys)
        guard !cells.isEmpty else { return nil }
        var f = Frame(label: expr.text, keys: keys, cells: Cells(cells.sorted { $0.when < $1.when }))
        f.notes.append(Evaluator.standingAlone(cells, in: f, because: failure.message))
        return f
    }

    /// The note for printed figures shown with no figure computed beside them.
    static func standingAlone(_ cells: [Cell], in f: Frame, because reason: String) -> String {
        "IIJ's printed figures, with none computed from the stored inputs (\(reason))"
            + placed(cells.map { (f.address(of: $0), $0.citations[0].place) })
    }

    /// Items with the slides they were printed on: the slide once when they share it.
    static func placed(_ items: [(text: String, place: String)]) -> String {
        if let first = items.first, items.allSatisfy({ $0.place == first.place }) {
            return ", on \(first.place): " + Messages.list(items.map(\.text))
        }
        return ": " + Messages.list(items.map { "\($0.text) (\($0.place))" })
    }

    /// A cell for each printed figure the query's filters, periods, basis and row keys ask for,
    /// one per figure however often it was printed.
    func printedCells(_ matcher: PrintedMatcher, _ ctx: Context, keys: [String]) -> [Cell] {
        guard let shared = matcher.shared else { return [] }
        var basis = ctx.basis, wanted: [DimensionValue] = []
        for f in shared where !f.isList {
            if f.dimension == "basis" { basis = f.values.first.flatMap { Basis(rawValue: $0.name) } ?? basis }
            else if let v = f.values.first { wanted.append(DimensionValue(dimension: f.dimension, value: v.name)) }
        }
        let wantedAll = Set(matcher.builder.withParents(wanted))
        var cells: [Cell] = [], seen = Set<PrintedForm>()
        for p in matcher.candidates {
            guard let form = p.form, form.basis == basis, let dims = form.dimensions,
                  let period = ctx.periods.map({ $0.first { $0.description == form.periods } }) ?? (try? PeriodParser.parse(form.periods).get()),
                  wantedAll.isSubset(of: Set(dims)), keys.allSatisfy({ k in dims.contains { $0.dimension == k } }),
                  Set(dims).subtracting(wantedAll).allSatisfy({ d in keys.contains { $0 == d.dimension || base.parents(ofDimension: $0).contains(d.dimension) } }),
                  seen.insert(form).inserted else { continue }
            var c = Cell(key: keys.map { k in dims.first { $0.dimension == k }!.value }, dimensions: dims, when: .at(period), basis: basis,
                         quantity: p.expected, citations: [])
            c.answer(with: matcher.candidates.filter { $0.form == form }, computed: nil)
            cells.append(c)
        }
        return cells
    }
}

/// The printed results a query expression may be answered with, and which one a cell matches.
struct PrintedMatcher {
    let builder: FormBuilder
    let candidates: [PrintedResult]
    /// The filters every operand of the expression shares (nil when they differ).
    let shared: [Filter]?

    init(_ e: Evaluator, _ expr: Expr) {
        builder = FormBuilder(base: e.base)
        let names = expr.selectors.map { s -> String in
            guard case .selector(let name, _) = s.kind else { return "" }
            return e.base.printedName(name) ?? "{\(name)}"
        }
        let listed = e.base.printedIndex[Set(names).sorted().joined(separator: ",")] ?? []
        let template = listed.isEmpty ? "" : builder.template(expr)
        candidates = listed.map { i in e.base.printedForms.value(for: i) { e.base.formed(e.base.printed[i]) } }.filter { $0.form?.template == template }
        shared = candidates.isEmpty ? nil : builder.sharedFilters(expr)
    }

    /// The printed results for the cell `c` (of a frame with row keys when `keyed`): one figure,
    /// printed on one slide or more.
    func matches(_ c: Cell, keyed: Bool) -> [PrintedResult] {
        let basis = c.basis
        // A stock asked at a flow period (`@ 1Q24`) is read at its end: the printing at `1Q24-end` is its figure too.
        let periods: Set<String>
        switch c.when {
        case .at(let p): periods = p.isInstant || p.grain == .several ? [p.description] : [p.description, p.end.description]
        case .over(let a, let b): periods = ["\(a)..\(b)"]
        case .between, .always: periods = [""]
        }
        // The cell's members with the parents they imply, as the printed result's form holds them.
        let dims = Set(builder.withParents(c.dimensions.filter { $0.dimension != "basis" }))
        return candidates.filter { p in
            guard let form = p.form, periods.contains(form.periods) else { return false }
            // Operands on one basis: the cell's. Operands on several (a plan over an actual): the
            // template names each, and the cell's basis is mixed.
            if let wanted = form.dimensions { return shared != nil && form.basis == basis && Set(wanted) == dims }
            return shared == nil && !keyed
        }
    }
}

extension Cell {
    /// The cell answering with a printed result: its figure (in the cell's unit where that is
    /// exact), cited first with every other printing of it; the computed figure kept in `computed`.
    mutating func answer(with printings: [PrintedResult], computed: Quantity?) {
        let p = printings[0]
        self.computed = computed
        // The value shown is as printed, not derived (the note names what the computed one rests on).
        derivation = nil
        var q = p.expected
        // In the cell's unit, unless that would pad it (¥0.52 bn is not 520 ¥ mn to the million).
        if let scale = quantity.unit.scale, let from = p.expected.unit.scale, p.expected.unit.isCommensurable(with: quantity.unit),
           p.expected.places >= from - scale, let converted = try? UnitRules.rescale(p.expected, to: p.expected.unit.withScale(scale)) {
            q = converted
        }
        q.tolerance = Tolerance.ofPrinted(places: q.places)
        quantity = q
        citations = printings.map(\.citation).adding(citations)
        printed = true
    }
}

extension Citation {
    /// Where a figure was printed, for a note: `004 "Ⅰ. 1Q24 Summary"`.
    var place: String { "\(document.prefix { $0 != "_" }) \"\(slide)\"" }
}

extension Quantity {
    /// This value as the printed one reads: in its unit (see `Agreement.comparable`) and rounded
    /// to its decimals.
    func roundedLike(_ printed: Quantity) -> Quantity {
        var q = Agreement.comparable(self, to: printed) ?? self
        q.low = q.low.rounded(printed.places)
        q.high = q.high.rounded(printed.places)
        q.places = printed.places
        return q
    }
}

extension Agreement {
    /// Whether a computed value, rounded as the printed one is, reads the same.
    static func samePrinted(_ computed: Quantity, _ printed: Quantity) -> Bool {
        let r = computed.roundedLike(printed)
        return r.unit == printed.unit && r.low == printed.low && r.high == printed.high
    }
}
