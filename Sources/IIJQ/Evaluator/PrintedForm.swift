/// What a query asks for, written one way, so that it can be matched with a figure IIJ printed.
///
/// `yoy(revenue{segment=si}) @ FY24`, `yoy(revenue) @ FY24 by segment` at its `si` row and
/// `(revenue - lag(revenue, 1y)) / lag(revenue, 1y) @ FY24{segment=si}` ask for one figure: the
/// template `yoy(revenue,4q)` at the cell `segment=si`, FY24, actual. Filters that every metric
/// of the expression shares leave the template and become the cell's coordinates; filters that
/// differ between operands stay in it.
struct PrintedForm: Hashable, Sendable {
    /// The expression, canonical: names resolved, filters shared by every operand left out,
    /// equivalent forms (`x / lag(x, 1y) - 1`, `qoq(x)`, `x - lag(x, s)`) written as one.
    var template: String
    /// The cell's dimensions (parents of nested members included), when every operand shares
    /// its filters; nil when they differ, and the figure is the one cell of its expression.
    var dimensions: [DimensionValue]?
    var basis: Basis
    /// The periods after `@`, as written back (`FY24`, `FY20..FY23`); empty when every operand has its own.
    var periods: String

    /// Whether the printing is of a figure a selector reads (a metric or derived series at a
    /// cell), not of a rate, difference or ratio worked out from figures.
    var isPlainFigure: Bool { !template.contains("(") }
}

/// Builds `PrintedForm`s: the canonical template of an expression and the filters its operands share.
struct FormBuilder {
    let base: FactBase

    /// The form of a printed result's query, with one period item and no `by`: nil when it is not such a query.
    func form(of query: Query) -> PrintedForm? {
        guard query.expressions.count == 1, query.by.isEmpty, query.versus == nil, query.periods.count <= 1 else { return nil }
        let expr = query.expressions[0]
        let shared = sharedFilters(expr)
        var basis = Basis.actual
        var dims: [DimensionValue] = []
        for f in shared ?? [] {
            guard !f.isList, let v = f.values.first?.name else { return nil }
            if f.dimension == "basis" { basis = Basis(rawValue: v) ?? .actual } else { dims.append(DimensionValue(dimension: f.dimension, value: v)) }
        }
        return PrintedForm(template: template(expr), dimensions: shared == nil ? nil : withParents(dims),
                           basis: basis, periods: query.periods.first?.text ?? "")
    }

    /// The template of an expression (see `PrintedForm.template`).
    func template(_ expr: Expr) -> String {
        Shape(expr, self, strip: sharedFilters(expr) != nil).simplified.text
    }

    /// The filters every metric of the expression is written with, or nil when they differ.
    func sharedFilters(_ expr: Expr) -> [Filter]? {
        let sets = expr.selectors.compactMap { s -> [Filter]? in
            if case .selector(_, let filters) = s.kind { return filters.map { canonical($0) }.sorted { $0.dimension < $1.dimension } }
            return nil
        }
        guard let first = sets.first else { return [] }
        let text = { (fs: [Filter]) in fs.map(FormBuilder.text).joined(separator: ",") }
        return sets.allSatisfy({ text($0) == text(first) }) ? first : nil
    }

    /// A filter with its dimension and members named as declared (`セグメント` is `segment`).
    func canonical(_ f: Filter) -> Filter {
        var out = f
        out.dimension = base.dimensionName(for: f.dimension) ?? f.dimension
        out.values = f.values.sorted { $0.name < $1.name }
        return out
    }

    static func text(_ f: Filter) -> String {
        f.isList && !f.isEveryMember ? "\(f.dimension) in [\(f.values.map(\.name).joined(separator: ","))]" : "\(f.dimension)=\(f.values.map(\.name).joined())"
    }

    /// `dims` with the parents their nested members imply (`service=wan` is also `segment=nw_services`), sorted.
    func withParents(_ dims: [DimensionValue]) -> [DimensionValue] {
        let all = Set(dims).union(dims.flatMap { base.parents(of: $0) })
        return all.sorted { ($0.dimension, $0.value) < ($1.dimension, $1.value) }
    }

    /// The name a selector refers to: a metric's own name for an alias.
    func name(_ written: String) -> String { base.printedName(written) ?? written }
}

/// An expression as a small tree of canonical text, rewritten to one form per meaning.
indirect enum Shape: Equatable {
    case leaf(String)
    case op(String, Shape, Shape)
    case call(String, [Shape])

    init(_ e: Expr, _ b: FormBuilder, strip: Bool) {
        switch e.kind {
        case .number(let v): self = .leaf(v.normalized.description)
        case .selector(let name, let filters):
            // A definition stays its name: expanding `let a1 = a0 + a0; let a2 = a1 + a1; …` doubles at each level.
            let written = filters.map { FormBuilder.text(b.canonical($0)) }.sorted().joined(separator: ",")
            self = .leaf(b.name(name) + (strip || written.isEmpty ? "" : "{\(written)}"))
        case .binary(let op, let l, let r): self = .op(op.rawValue, Shape(l, b, strip: strip), Shape(r, b, strip: strip))
        case .negate(let o): self = .op("-", .leaf("0"), Shape(o, b, strip: strip))
        case .call(let name, let args): self = .call(name, args.map { Shape($0, b, strip: strip) })
        case .shift(let n, let g): self = .leaf("\(n * (g == .year ? 4 : g == .half ? 2 : 1))q")
        case .at(let o, let item): self = .op("@", Shape(o, b, strip: strip), .leaf(item.text))
        }
    }

    /// The tree with equivalent forms rewritten, innermost first.
    var simplified: Shape {
        switch self {
        case .leaf: return self
        case .call(let name, let args): return Shape.rewrite(.call(name, args.map(\.simplified)))
        case .op(let o, let l, let r): return Shape.rewrite(.op(o, l.simplified, r.simplified))
        }
    }

    /// One rewriting step: growth against a shift is `yoy(x, s)`, a difference against a shift `diff(x, s)`.
    static func rewrite(_ s: Shape) -> Shape {
        switch s {
        case .call("yoy", let a) where a.count == 1: return .call("yoy", [a[0], .leaf("4q")])
        case .call("qoq", let a) where a.count == 1: return .call("yoy", [a[0], .leaf("1q")])
        case .call("qoq", let a): return .call("yoy", a)
        // x - lag(x, s) → diff(x, s)
        case .op("-", let x, .call("lag", let a)) where a.count == 2 && a[0] == x: return .call("diff", a)
        // x / lag(x, s) - 1 → yoy(x, s)
        case .op("-", .op("/", let x, .call("lag", let a)), .leaf("1")) where a.count == 2 && a[0] == x: return .call("yoy", a)
        // diff(x, s) / lag(x, s) → yoy(x, s)
        case .op("/", .call("diff", let d), .call("lag", let a)) where d == a: return .call("yoy", a)
        default: return s
        }
    }

    var text: String {
        switch self {
        case .leaf(let t): t
        case .op(let o, let l, let r): "(\(l.text)\(o)\(r.text))"
        case .call(let n, let a): "\(n)(\(a.map(\.text).joined(separator: ",")))"
        }
    }
}

extension FactBase {
    /// Indexes the printed results by the metrics their queries name, found by scanning the text
    /// (no parsing at start-up): a query's candidates are those naming the same metrics, and
    /// only they are parsed, when it runs.
    mutating func indexPrinted() {
        printedForms = Memo()
        printedIndex = [:]
        for i in printed.indices { printedIndex[metricKey(printed[i].query), default: []].append(i) }
    }

    /// The metrics and derived series a query text names outside braces, sorted and joined: `a,b`.
    func metricKey(_ text: String) -> String {
        // Bytes, not characters: names are ASCII, and every start indexes every printed result.
        var names = Set<String>(), word: [UInt8] = [], depth = 0
        for byte in text.utf8 + [UInt8(ascii: " ")] {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                word.append(byte)
                continue
            default: break
            }
            // Fact files name metrics and derived series as declared (ASCII): exact lookups, no alias folding.
            if depth == 0, !word.isEmpty, case let name = String(decoding: word, as: UTF8.self),
               metrics[name] != nil || definitions.contains(where: { $0.name == name }) { names.insert(name) }
            word.removeAll(keepingCapacity: true)
            if byte == UInt8(ascii: "{") { depth += 1 } else if byte == UInt8(ascii: "}") { depth = max(0, depth - 1) }
        }
        return names.sorted().joined(separator: ",")
    }

    /// The name printed results are indexed under for a word of a query: a metric's or a derived
    /// series' own name (aliases resolved), nil for anything else.
    func printedName(_ word: String) -> String? {
        guard !word.isEmpty else { return nil }
        return metric(named: word)?.name ?? definition(named: word)?.name
    }

    /// The printed result with its form, parsed from its query.
    func formed(_ p: PrintedResult) -> PrintedResult {
        var out = p
        let source = Source(name: p.citation.file, text: p.query, firstLine: p.citation.line)
        if case .success(let statement)? = Parser.parse(source).first, case .query(let query) = statement.kind {
            out.form = FormBuilder(base: self).form(of: query)
        }
        return out
    }
}
