/// `let` definitions: checked when stored, expanded where used.
extension Evaluator {
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
        case .negate(let o), .at(let o, _): return try walk(o, &visiting, &levels)
        case .call(_, let args): return try args.map { try walk($0, &visiting, &levels) }.max() ?? 0
        case .number, .shift: return 0
        }
    }

    /// Expands a `let` definition, refusing cycles.
    mutating func expand(_ name: String, _ body: Expr, _ filters: [Filter], _ expr: Expr, _ ctx: Context) throws -> Frame {
        if let first = filters.first {
            throw Diagnostic(.invalidStatement, "'\(name)' is a definition; filters apply to metrics", at: first.dimensionSpan,
                             hints: ["filter the metrics inside the definition instead"])
        }
        if expanding.contains(name) {
            let chain = (expanding.drop { $0 != name } + [name]).joined(separator: " → ")
            throw Diagnostic(.cyclicDefinition, "'\(name)' refers to itself: \(chain)", at: expr.span,
                             hints: ["a definition must bottom out in metrics"])
        }
        guard expanding.count < Limits.definitionDepth else {
            throw Diagnostic(.limit, "definitions nest more than \(Limits.definitionDepth) deep", at: expr.span)
        }
        // Only a success is remembered: an error is pointed at the use, which differs from use to use.
        let key = Evaluation(.definition(name), ctx)
        if case .success(.frame(let done))? = memo[key] { return done }
        expanding.append(name)
        defer { expanding.removeLast() }
        let value: Value
        do {
            value = try evaluate(body, ctx)
        } catch var d as Diagnostic {
            if d.isFromDefinition || d.span.map(Evaluator.spans(of: body).contains) == true {
                d.pointAtUse(expr.span, of: name, body: body)
            }
            throw d
        }
        guard case .frame(var f) = value else {
            throw Diagnostic(.wrongArguments, "'\(name)' is a plain number, not a series", at: expr.span)
        }
        f.label = name
        memo[key] = .success(.frame(f))
        return f
    }

    /// The places of an expression's nodes, names and filter words: where an error inside a
    /// definition's body may point.
    static func spans(of e: Expr) -> Set<Span> {
        var out: Set<Span> = [e.span]
        switch e.kind {
        case .selector(_, let filters):
            for f in filters { out.insert(f.dimensionSpan); out.formUnion(f.values.map(\.span)) }
        case .binary(_, let l, let r): out.formUnion(spans(of: l)); out.formUnion(spans(of: r))
        case .negate(let o), .at(let o, _): out.formUnion(spans(of: o))
        case .call(_, let args): for a in args { out.formUnion(spans(of: a)) }
        case .number, .shift: break
        }
        return out
    }
}

extension Diagnostic {
    static let definitionMarker = "from the definition "

    /// Whether the error came from inside a definition and already says which.
    var isFromDefinition: Bool { hints.first?.hasPrefix(Diagnostic.definitionMarker) == true }

    /// Points an error from inside the body of definition `name` at `use`, where the definition
    /// is used. The body was written in an earlier statement, maybe in another source, so a place
    /// inside it means nothing beside the statement being shown. The first hint names the
    /// definition the error came from, then each definition that used it.
    mutating func pointAtUse(_ use: Span, of name: String, body: Expr) {
        if isFromDefinition {
            hints[0] += (hints[0].contains(", used by ") ? ", " : ", used by ") + name
        } else {
            hints.insert(Diagnostic.definitionMarker + "\(name) = \(body.text)", at: 0)
        }
        span = use
    }
}
