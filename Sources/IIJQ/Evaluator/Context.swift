/// Where an expression is evaluated: the periods asked for (nil: every period the facts have)
/// and the dimensions kept as row keys.
struct Context {
    var periods: [Period]?
    var by: [(name: String, span: Span)]
    /// Set when looking up prior periods: a target or plan compares with the prior actual
    /// when no prior target or plan was published.
    var priorBasisFallback = false

    /// The same context at other periods.
    func at(_ periods: [Period]?) -> Context { Context(periods: periods, by: by, priorBasisFallback: priorBasisFallback) }
}
