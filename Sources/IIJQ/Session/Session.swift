/// Runs statements against a fact base, keeping `let` definitions between them.
/// Used by the one-shot CLI, scripts, standard input and the shell alike.
public struct Session: Sendable {
    public var base: FactBase
    public var format: OutputFormat = .table
    /// Whether tables may use terminal escapes (bold headers).
    public var color = false
    /// Row limit and width for tables.
    public var layout = Layout()
    public private(set) var definitions: [String: Expr] = [:]
    /// Polled during evaluation; set from a signal handler to cancel a statement.
    public var isCancelled: @Sendable () -> Bool = { false }

    public init(base: FactBase) { self.base = base }

    /// What running one statement produced.
    public enum Outcome: Sendable {
        /// Text for standard output, and notes (for standard error in machine formats).
        case output(text: String, notes: [String])
        /// A defined name, acknowledged quietly.
        case defined(String)
        case failure(Diagnostic)
    }

    /// Parses and runs every statement in `source`, in order, stopping early if `bail` and one fails.
    public mutating func run(_ source: Source, bail: Bool = false) -> [Outcome] {
        var outcomes: [Outcome] = []
        for parsed in Parser.parse(source) {
            switch parsed {
            case .failure(let d): outcomes.append(.failure(d))
            case .success(let statement): outcomes.append(execute(statement))
            }
            if case .failure(let d) = outcomes.last, bail || d.reason == .cancelled { break }
        }
        return outcomes
    }

    mutating func execute(_ statement: Statement) -> Outcome {
        do {
            switch statement.kind {
            case .define(let name, let nameSpan, let body):
                if base.metrics[name] != nil || base.aliases[name] != nil {
                    throw Diagnostic(.invalidStatement, "'\(name)' is already a metric", at: nameSpan, hints: ["choose another name for the definition"])
                }
                if Functions.names.contains(name) || Token.keywords.contains(name) {
                    throw Diagnostic(.invalidStatement, "'\(name)' is a built-in name", at: nameSpan, hints: ["choose another name for the definition"])
                }
                var trial = definitions
                trial[name] = body
                var checker = Evaluator(base: base, definitions: trial)
                try checker.checkDefinition(name, body)
                definitions = trial
                return .defined(name)
            case .describe(let name, let span):
                return .output(text: try Describer(base: base).describe(name, at: span, definitions: definitions), notes: [])
            case .metrics(let topic, let span):
                if let topic, let span, !base.topics.contains(where: { $0.name == topic }) {
                    let names = base.topics.map(\.name)
                    throw Diagnostic(.unknownMember, "'\(topic)' is not a topic", at: span,
                                     hints: Suggest.hint(for: topic, in: names) + ["topics: \(names.joined(separator: ", "))"])
                }
                return .output(text: Catalog(base: base).metrics(topic: topic), notes: [])
            case .periods:
                return .output(text: PeriodGuide(base: base).text(), notes: [])
            case .dimensions:
                return .output(text: Catalog(base: base).dimensions(), notes: [])
            case .functions:
                return .output(text: Catalog.functions(), notes: [])
            case .explain(let query):
                return .output(text: try Explainer(session: self).explain(query), notes: [])
            case .explainPeriod(let period, let text):
                return .output(text: Explainer.explain(period, written: text), notes: [])
            case .query(let query):
                let frame = try evaluate(query)
                return render(frame, query.stages)
            }
        } catch let d as Diagnostic {
            return .failure(d)
        } catch {
            return .failure(Diagnostic(.invalidStatement, "\(error)", at: statement.span))
        }
    }

    /// Evaluates a query to a frame: the expression (beside another basis for `vs`), shown in the
    /// unit after `in`, through its stages.
    public func evaluate(_ query: Query) throws -> Frame {
        for (i, d) in query.by.enumerated() where query.by[..<i].contains(where: { $0.name == d.name }) {
            throw Diagnostic(.invalidStatement, "'\(d.name)' is named twice after by", at: d.span)
        }
        var evaluator = Evaluator(base: base, definitions: definitions, isCancelled: isCancelled)
        let context = Context(periods: query.periodList, by: query.by)
        var frame = try query.versus.map { try evaluator.versus(query.expr, $0.basis, $0.span, context) }
            ?? evaluator.result(query.expr, context)
        frame = frame.limited(to: Limits.resultCells)
        if let unit = query.unit { frame = try Display.convert(frame, to: unit) }
        for stage in query.stages {
            if case .filter(let condition) = stage.kind {
                frame = try evaluator.filter(frame, condition, query.expr, context)
            } else {
                frame = Stages.apply(stage, to: frame)
            }
        }
        return frame
    }

    func render(_ frame: Frame, _ stages: [Stage]) -> Outcome {
        let view = stages.last { switch $0.kind { case .chart, .spark, .cite: true; default: false } }
        switch view?.kind {
        case .chart?: return .output(text: ChartRenderer.text(frame, width: layout.width ?? 80, color: color), notes: frame.notes)
        case .spark?: return .output(text: ChartRenderer.sparklines(frame), notes: frame.notes)
        case .cite?: return .output(text: CiteRenderer.text(frame), notes: frame.notes)
        default: return .output(text: Session.render(frame, as: format, color: color, layout: layout), notes: frame.notes)
        }
    }

    /// One frame in one format.
    public static func render(_ frame: Frame, as format: OutputFormat, color: Bool = false, layout: Layout = Layout()) -> String {
        format.render(frame, color: color, layout: layout)
    }
}

/// The row operations after `|`.
enum Stages {
    static func apply(_ stage: Stage, to frame: Frame) -> Frame {
        switch stage.kind {
        case .sort(let descending):
            // Rows order by their value in the last period they have.
            var f = frame
            let pivot = Pivot(frame)
            var rank: [[String]: Int] = [:]
            let order = pivot.rowLabels.indices.sorted { i, j in
                let a = pivot.values[i].last { $0 != nil } ?? nil, b = pivot.values[j].last { $0 != nil } ?? nil
                guard let a, let b else { return a != nil }
                let x = (try? UnitRules.rescale(a, to: a.unit.withScale(0)).low) ?? a.low
                let y = (try? UnitRules.rescale(b, to: b.unit.withScale(0)).low) ?? b.low
                return descending ? x > y : x < y
            }
            for (r, i) in order.enumerated() { rank[pivot.rowLabels[i]] = r }
            f.cells.sort { (rank[$0.key] ?? 0, $0.when) < (rank[$1.key] ?? 0, $1.when) }
            return f
        case .top(let n):
            var f = frame, kept = Set<[String]>(), order: [[String]] = []
            for c in frame.cells where !kept.contains(c.key) {
                if order.count < n { order.append(c.key) }
                kept.insert(c.key)
            }
            let allowed = Set(order)
            f.cells = frame.cells.filter { allowed.contains($0.key) }
            if kept.count > n { f.notes.append("top \(n): \(kept.count - n) more row\(kept.count - n == 1 ? "" : "s") left out") }
            return f
        case .chart, .spark, .cite, .filter:
            return frame
        }
    }
}

extension Query {
    /// The periods after `@`, ranges expanded and repeats dropped; nil when none were given.
    var periodList: [Period]? {
        guard !periods.isEmpty else { return nil }
        var seen = Set<Period>(), list: [Period] = []
        for item in periods {
            for p in item.last.flatMap({ item.first.through($0) }) ?? [item.first] where seen.insert(p).inserted { list.append(p) }
        }
        return list
    }
}

extension Evaluator {
    /// The expression's value as a frame (a plain number becomes a one-cell frame).
    mutating func result(_ expr: Expr, _ ctx: Context) throws -> Frame {
        switch try evaluate(expr, ctx) {
        case .frame(let f): return f
        case .scalar(let q): return Frame(label: expr.text, keys: [], cells: [Cell(key: [], dimensions: [], when: .always, basis: nil, quantity: q, citations: [])])
        case .shift: throw Diagnostic(.wrongArguments, "a shift such as \(expr.text) is only an argument of lag or diff", at: expr.span,
                                      hints: ["for example: lag(revenue, \(expr.text))"])
        }
    }

    /// Checks a definition before it is stored: its names must exist, it must not refer to itself,
    /// and definitions must not nest deeper than `Limits.definitionDepth`.
    mutating func checkDefinition(_ name: String, _ body: Expr) throws {
        var visiting: [String] = [name]
        var levels: [String: Int] = [:]
        _ = try walk(body, &visiting, &levels)
    }

    /// Walks `e`, returning how many definitions nest below it. `levels` remembers that count for
    /// each definition already walked, so a name used many times is walked once: a chain such as
    /// `let b = a + a; let c = b + b; …` is checked in linear time. (A definition walked to the end
    /// holds no cycle, so skipping it again cannot miss one.)
    private func walk(_ e: Expr, _ visiting: inout [String], _ levels: inout [String: Int]) throws -> Int {
        switch e.kind {
        case .selector(let n, _):
            if visiting.contains(n) {
                throw Diagnostic(.cyclicDefinition, "'\(visiting[0])' refers to itself through \((visiting + [n]).joined(separator: " → "))", at: e.span,
                                 hints: ["a definition must bottom out in metrics"])
            }
            if let body = definitions[n] {
                let below: Int
                if let known = levels[n] {
                    below = known
                } else {
                    visiting.append(n)
                    do {
                        below = try walk(body, &visiting, &levels) + 1
                    } catch var d as Diagnostic {
                        d.pointAtUse(e.span, of: n, body: body)
                        throw d
                    }
                    visiting.removeLast()
                    levels[n] = below
                }
                // Definitions already stored were checked when they were made: only the new one can be too deep.
                guard visiting.count > 1 || below < Limits.definitionDepth else {
                    throw Diagnostic(.limit, "definitions nest more than \(Limits.definitionDepth) deep", at: e.span,
                                     hints: ["'\(n)' stands on \(below - 1) more definitions; define it from metrics more directly"])
                }
                return below
            } else if base.metric(named: n) == nil {
                throw Diagnostic(.undefinedName, "'\(n)' is neither a metric nor a definition", at: e.span,
                                 hints: Suggest.hint(for: n, in: knownNames.filter { $0 != visiting[0] }))
            }
            return 0
        case .binary(_, let l, let r): return max(try walk(l, &visiting, &levels), try walk(r, &visiting, &levels))
        case .negate(let o): return try walk(o, &visiting, &levels)
        case .call(_, let args): return try args.map { try walk($0, &visiting, &levels) }.max() ?? 0
        case .number, .shift: return 0
        }
    }
}
