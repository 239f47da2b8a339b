/// Evaluates expressions against a fact base.
struct Evaluator {
    let base: FactBase
    let definitions: [String: Expr]
    /// Names of `let` definitions being expanded, to catch cycles.
    var expanding: [String] = []
    /// What calls and definitions already gave in this statement, by node and context: a chain
    /// such as `let b = a + a; let c = b + b; …` or `diff(diff(diff(…), 0q), 0q)` costs one
    /// evaluation per node and context, not two to the power of its depth.
    var memo: [Evaluation: Result<Value, Diagnostic>] = [:]
    /// Checked between steps so a long evaluation can be cancelled.
    let isCancelled: @Sendable () -> Bool
    /// When the statement has run for `Limits.evaluationSeconds`.
    let deadline: ContinuousClock.Instant
    /// Whether a query expression matching a printed result answers with it (`PrintedAnswers`).
    var answersWithPrinted = true
    /// The facts' citations, which the cells read from facts point into (`CitationSources`).
    let citationTable: FactCitations

    init(base: FactBase, definitions: [String: Expr], isCancelled: @escaping @Sendable () -> Bool = { false },
         limit: Duration = .seconds(Limits.evaluationSeconds)) {
        self.base = base
        citationTable = FactCitations(base.facts)
        self.definitions = definitions
        self.isCancelled = isCancelled
        deadline = ContinuousClock.now.advanced(by: limit)
    }

    mutating func evaluate(_ expr: Expr, _ ctx: Context) throws -> Value {
        try checkCancelled(expr.span)
        switch expr.kind {
        case .number(let v):
            return .scalar(Quantity(v, .number))
        case .shift(let n, let g):
            return .shift(n, g)
        case .selector(let name, let filters):
            return .frame(try select(name, filters, expr, ctx))
        case .negate(let operand):
            return try arithmetic(.subtract, .scalar(Quantity(.zero, .number)), try evaluate(operand, ctx), expr)
        case .binary(let op, let lhs, let rhs):
            return try arithmetic(op, try evaluate(lhs, ctx), try evaluate(rhs, ctx), expr)
        case .at(let operand, let item):
            var note: String?
            let periods = try self.periods(of: [item], for: [operand], ctx, note: &note)
            guard case .frame(var f) = try evaluate(operand, ctx.at(periods)) else { return try evaluate(operand, ctx) }
            f.label = expr.text
            if let note { f.notes.insert(note, at: 0) }
            f.pinned = true
            return .frame(f)
        case .call(let name, let arguments):
            return try remembered(Evaluation(.node(expr.span, inside: expanding.last), ctx)) { e in try e.call(name, arguments, expr, ctx) }
        }
    }

    /// `body`'s value, or its error, evaluated once for `key` in this statement. Cancellation and
    /// the time limit are not remembered: they end the statement.
    mutating func remembered(_ key: Evaluation, _ body: (inout Evaluator) throws -> Value) throws -> Value {
        if let known = memo[key] { return try known.get() }
        do {
            let value = try body(&self)
            memo[key] = .success(value)
            return value
        } catch let d as Diagnostic where d.reason != .cancelled {
            memo[key] = .failure(d)
            throw d
        }
    }

    /// Throws when Ctrl-C has asked to stop. Called before every step and every 1,024 facts or
    /// cells in the loops over them, so a statement stops within a few milliseconds.
    func checkCancelled(_ span: Span) throws {
        if isCancelled() { throw Diagnostic(.cancelled, "cancelled by Ctrl-C", at: span, hints: ["the statement stopped here; nothing was printed"]) }
        if ContinuousClock.now > deadline {
            throw Diagnostic(.cancelled, "the statement ran longer than its limit of \(Limits.evaluationSeconds) seconds", at: span,
                             hints: ["ask for fewer periods, rows or nested functions; nothing was printed"])
        }
    }

    /// `body`'s value, or nil when it fails for any reason but cancellation, which goes on up:
    /// for the attempts whose failure only means "not available" (a year's quarters, a prior period).
    func attempt<T>(_ body: () throws -> T) throws -> T? {
        do { return try body() } catch let d as Diagnostic where d.reason == .cancelled { throw d } catch { return nil }
    }

    /// Evaluates to a frame, rejecting bare numbers and shifts where a series is needed.
    mutating func frame(_ expr: Expr, _ ctx: Context, for function: String) throws -> Frame {
        switch try evaluate(expr, ctx) {
        case .frame(let f): return f
        case .scalar:
            throw Diagnostic(.wrongArguments, "\(function) needs a metric or an expression over metrics, not a plain number", at: expr.span,
                             hints: ["for example: \(function)(revenue)"])
        case .shift:
            throw Diagnostic.shiftOutsideCall(expr)
        }
    }
}

/// A node of an expression (or a definition) evaluated in one context: the key of `Evaluator.memo`.
struct Evaluation: Hashable {
    /// What was evaluated.
    enum Node: Hashable {
        /// The expression at `span`, in the statement or, when `inside` names one, in that
        /// definition's body (a body comes from another statement, whose places may coincide).
        case node(Span, inside: String?)
        /// A `let` definition, expanded where it is used.
        case definition(String)
    }

    var node: Node
    var periods: [Period]?
    var by: [String]
    var priorBasisFallback: Bool
    var basis: Basis
    var derivesPeriods: Bool

    init(_ node: Node, _ ctx: Context) {
        self.node = node
        periods = ctx.periods
        by = ctx.by.map(\.name)
        priorBasisFallback = ctx.priorBasisFallback
        basis = ctx.basis
        derivesPeriods = ctx.derivesPeriods
    }
}
