/// Evaluates expressions against a fact base.
struct Evaluator {
    let base: FactBase
    let definitions: [String: Expr]
    /// Names of `let` definitions being expanded, to catch cycles.
    var expanding: [String] = []
    /// Definitions already expanded in this statement, so that a chain such as
    /// `let b = a + a; let c = b + b; …` costs one expansion per name, not two to the power of its length.
    var expanded: [Expansion: Frame] = [:]
    /// Checked between steps so a long evaluation can be cancelled.
    let isCancelled: @Sendable () -> Bool

    init(base: FactBase, definitions: [String: Expr], isCancelled: @escaping @Sendable () -> Bool = { false }) {
        self.base = base
        self.definitions = definitions
        self.isCancelled = isCancelled
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
        case .call(let name, let arguments):
            return try call(name, arguments, expr, ctx)
        }
    }

    /// Throws when Ctrl-C has asked to stop. Called before every step and every 1,024 facts or
    /// cells in the loops over them, so a statement stops within a few milliseconds.
    func checkCancelled(_ span: Span) throws {
        if isCancelled() { throw Diagnostic(.cancelled, "cancelled by Ctrl-C", at: span, hints: ["the statement stopped here; nothing was printed"]) }
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

/// A definition expanded in one context: the key of `Evaluator.expanded`.
struct Expansion: Hashable {
    var name: String
    var periods: [Period]?
    var by: [String]
    var priorBasisFallback: Bool
    var basis: Basis

    init(_ name: String, _ ctx: Context) {
        self.name = name
        periods = ctx.periods
        by = ctx.by.map(\.name)
        priorBasisFallback = ctx.priorBasisFallback
        basis = ctx.basis
    }
}
