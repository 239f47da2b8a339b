/// The built-in functions, each declared once: how it is called, what it does, an example that
/// runs on the fact base, the kind of its result, and its implementation.
///
/// Everything that lists or dispatches functions reads this table: the evaluator, `functions`,
/// `describe`, `.help functions`, the function table of docs/language.md, completion and the
/// subjects `| where` may test. Adding a function is one entry here and its implementation.
public enum Builtins {
    /// The functions, in the order `functions` lists them.
    public static let all: [Builtin] = aggregates + growth + shifts + trends + presentation

    static let aggregates: [Builtin] = [
        Builtin("sum", "sum(x)", "adds up values, collapsing periods and every dimension not kept by `by`",
                example: "sum(revenue) @ 1Q23..4Q23", kind: .argument, aggregate: .sum),
        Builtin("avg", "avg(x)", "the mean of the values collapsed", example: "avg(revenue) @ 1Q23..1Q24", kind: .argument, aggregate: .mean),
        Builtin("median", "median(x)", "the middle of the values collapsed (the mean of the middle two when they are even)",
                example: "median(revenue) @ 1Q23..1Q24", kind: .argument, aggregate: .median),
        Builtin("min", "min(x)", "the smallest value collapsed", example: "min(revenue) @ 1Q23..1Q24", kind: .argument, aggregate: .min),
        Builtin("max", "max(x)", "the largest value collapsed", example: "max(revenue) @ 1Q23..1Q24", kind: .argument, aggregate: .max),
        Builtin("count", "count(x)", "how many values are collapsed", example: "count(revenue) @ 1Q23..1Q24 by segment", kind: .count, aggregate: .count),
        Builtin("first", "first(x)", "the value at the first period collapsed (for stocks too)", example: "first(employees) @ FY21..FY23",
                kind: .argument, aggregate: .first),
        Builtin("last", "last(x)", "the value at the last period collapsed (for stocks too)", example: "last(employees) @ FY21..FY23",
                kind: .argument, aggregate: .last),
    ]

    static let growth: [Builtin] = [
        Builtin("yoy", "yoy(x [, 3y])", "growth against the same period a year (or a shift) before, in %", example: "yoy(revenue) @ 1Q24",
                arity: 1...2, kind: .rate, onFrame: { e, f, call in try e.growth(f, call, .year) }),
        Builtin("qoq", "qoq(x [, 2q])", "growth against the previous quarter (or a shift before), in %", example: "qoq(revenue) @ 1Q24",
                arity: 1...2, kind: .rate, check: Evaluator.checkQuarters, onFrame: { e, f, call in try e.growth(f, call, .quarter) }),
        Builtin("growth", "growth(a, b)", "growth from a to b, in %: two points at periods and on bases of their own",
                example: "growth(revenue @ FY21, revenue @ FY24)", arity: 2...2, kind: .rate) { e, call in .frame(try e.twoPoint(call, compound: false)) },
    ]

    static let shifts: [Builtin] = [
        Builtin("lag", "lag(x, 1y|1h|1q)", "the value a shift earlier, shown at the current period", example: "lag(revenue, 1y) @ 1Q24",
                arity: 2...2, kind: .argument) { e, call in .frame(try e.lag(call)) },
        Builtin("diff", "diff(x [, 1y|1h|1q])", "the change against the previous period of the same kind, or a shift earlier",
                example: "diff(revenue) @ 1Q24", arity: 1...2, kind: .argument, onFrame: { e, f, call in try e.difference(f, call) }),
    ]

    static let trends: [Builtin] = [
        Builtin("share", "share(x)", "each part as a % of its \"all\" total", example: "share(revenue) @ 1Q24 by segment", kind: .rate,
                onFrame: { e, f, call in try e.share(f, call) }),
        Builtin("cagr", "cagr(x) | cagr(a, b)", "compound annual growth rate from the first to the last period (or from a to b), in %",
                example: "cagr(revenue) @ FY20..FY23", arity: 1...2, kind: .rate) { e, call in
                    .frame(call.arguments.count == 2 ? try e.twoPoint(call, compound: true) : try e.cagr(call))
                },
        Builtin("ttm", "ttm(x)", "the trailing twelve months: the sum of the four quarters to each quarter", example: "ttm(revenue) @ 1Q24",
                kind: .argument) { e, call in .frame(try e.trailing(call)) },
    ]

    static let presentation: [Builtin] = [
        Builtin("round", "round(x, n)", "rounds to n decimal places", example: "round(gross_profit / revenue, 3) @ 1Q24",
                arity: 2...2, kind: .argument) { e, call in try e.rounded(call) },
        Builtin("abs", "abs(x)", "the absolute value", example: "abs(diff(revenue)) @ 1Q23..1Q24", kind: .argument) { e, call in try e.absolute(call) },
    ]

    /// The built-in function called `name`, if there is one.
    public static func named(_ name: String) -> Builtin? { all.first { $0.name == name } }

    /// Every function's name.
    public static let names: [String] = all.map(\.name)

    /// The functions `| where` may test, as `where yoy > 5%`: those that apply to a result already evaluated.
    public static let whereSubjects: [String] = all.filter { $0.onFrame != nil }.map(\.name)
}

/// One built-in function.
public struct Builtin: Sendable {
    /// What a function's result is, from its argument's kind: the rules about summing over time
    /// and adding up ratios read it.
    enum ResultKind: Sendable {
        /// The argument's kind: a sum of flows is a flow, the last value of a stock a stock.
        case argument
        /// A ratio or growth rate, whatever the argument.
        case rate
        /// A count of values, which adds up like a flow.
        case count
    }

    public let name: String
    public let signature: String
    public let summary: String
    /// A query that runs on the embedded fact base (help and the tests run it).
    public let example: String
    /// How many arguments it takes.
    public let arity: ClosedRange<Int>
    let resultKind: ResultKind
    /// Evaluates a call.
    let run: @Sendable (inout Evaluator, Call) throws -> Value
    /// For functions of a series already evaluated (growth, difference, share): the function
    /// applied to that frame, which `| where` uses on the result it filters.
    let onFrame: (@Sendable (inout Evaluator, Frame, Call) throws -> Frame)?

    init(_ name: String, _ signature: String, _ summary: String, example: String, arity: ClosedRange<Int> = 1...1,
         kind: ResultKind, run: @escaping @Sendable (inout Evaluator, Call) throws -> Value) {
        (self.name, self.signature, self.summary, self.example, self.arity, resultKind) = (name, signature, summary, example, arity, kind)
        self.run = run
        onFrame = nil
    }

    /// A function of its argument's frame: the call checks where it is asked for (`check`),
    /// evaluates the argument, then applies the function to it.
    init(_ name: String, _ signature: String, _ summary: String, example: String, arity: ClosedRange<Int> = 1...1,
         kind: ResultKind, check: @escaping @Sendable (Call) throws -> Void = { _ in },
         onFrame: @escaping @Sendable (inout Evaluator, Frame, Call) throws -> Frame) {
        (self.name, self.signature, self.summary, self.example, self.arity, resultKind) = (name, signature, summary, example, arity, kind)
        let applied: @Sendable (inout Evaluator, Frame, Call) throws -> Frame = { e, f, call in
            try check(call)
            return try onFrame(&e, f, call)
        }
        self.onFrame = applied
        run = { e, call in
            try check(call)
            return .frame(try onFrame(&e, try e.frame(call.argument, call.ctx, for: call.name), call))
        }
    }

    /// An aggregate: collapses periods and unkept dimensions with `rule`.
    init(_ name: String, _ signature: String, _ summary: String, example: String, kind: ResultKind, aggregate rule: Aggregate) {
        self.init(name, signature, summary, example: example, kind: kind) { e, call in .frame(try e.aggregate(rule, call)) }
    }

    /// "takes 2 arguments", "takes 1 or 2 arguments".
    var arityText: String {
        arity.count == 1 ? "\(arity.lowerBound) argument\(arity.lowerBound == 1 ? "" : "s")"
            : "\(arity.lowerBound) or \(arity.upperBound) arguments"
    }
}

/// A call of a built-in function being evaluated.
struct Call {
    var name: String
    var arguments: [Expr]
    /// The whole call, where its errors point.
    var expr: Expr
    var ctx: Context

    /// The first argument: the series the function applies to.
    var argument: Expr { arguments[0] }
}

extension Evaluator {
    /// Calls the built-in `name`, checking its number of arguments.
    mutating func call(_ name: String, _ arguments: [Expr], _ expr: Expr, _ ctx: Context) throws -> Value {
        guard let builtin = Builtins.named(name) else {
            if definitions[name] != nil || base.metric(named: name) != nil {
                let what = definitions[name] != nil ? "a definition" : "a metric"
                throw Diagnostic(.unknownFunction, "\(name) is \(what), not a function", at: expr.span,
                                 hints: ["use it without parentheses, or pass it to a function: yoy(\(name))"])
            }
            throw Diagnostic(.unknownFunction, "unknown function '\(name)'", at: expr.span,
                             hints: Suggest.hint(for: name, in: Builtins.names) + ["functions: \(Builtins.names.joined(separator: ", "))"])
        }
        guard builtin.arity.contains(arguments.count) else {
            throw Diagnostic(.wrongArguments, "\(name) takes \(builtin.arityText), not \(arguments.count)", at: expr.span,
                             hints: ["write: \(builtin.example)"])
        }
        return try builtin.run(&self, Call(name: name, arguments: arguments, expr: expr, ctx: ctx))
    }
}
