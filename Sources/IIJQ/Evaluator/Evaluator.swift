/// Evaluates expressions against a fact base.
struct Evaluator {
    let base: FactBase
    let definitions: [String: Expr]
    /// Names of `let` definitions being expanded, to catch cycles.
    var expanding: [String] = []
    /// Checked between steps so a long evaluation can be cancelled.
    let isCancelled: @Sendable () -> Bool

    static let maxExpansionDepth = 100
    static let maxCells = 1_000_000

    init(base: FactBase, definitions: [String: Expr], isCancelled: @escaping @Sendable () -> Bool = { false }) {
        self.base = base
        self.definitions = definitions
        self.isCancelled = isCancelled
    }

    mutating func evaluate(_ expr: Expr, _ ctx: Context) throws -> Value {
        if isCancelled() { throw Diagnostic(.cancelled, "cancelled by Ctrl-C", at: expr.span, hints: ["the statement stopped here; nothing was printed"]) }
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

    /// Evaluates to a frame, rejecting bare numbers and shifts where a series is needed.
    mutating func frame(_ expr: Expr, _ ctx: Context, for function: String) throws -> Frame {
        switch try evaluate(expr, ctx) {
        case .frame(let f): return f
        case .scalar:
            throw Diagnostic(.wrongArguments, "\(function) needs a metric or an expression over metrics, not a plain number", at: expr.span,
                             hints: ["for example: \(function)(revenue)"])
        case .shift:
            throw Diagnostic(.wrongArguments, "a shift such as \(expr.text) is only an argument of lag or diff", at: expr.span,
                             hints: ["for example: lag(revenue, \(expr.text))"])
        }
    }
}
