/// Where an expression is evaluated: the periods asked for (nil: every period the facts have)
/// and the dimensions kept as row keys.
struct Context {
    var periods: [Period]?
    var by: [(name: String, span: Span)]
    /// Set when looking up prior periods: a target or plan compares with the prior actual
    /// when no prior target or plan was published.
    var priorBasisFallback = false
    /// The basis a selector without a `basis=` filter reads: actual, unless `vs` asks for another.
    var basis: Basis = .actual
    /// Whether a flow's unpublished periods are derived from published ones (off while reading
    /// the parts of such a derivation, so one never leans on another).
    var derivesPeriods = true

    /// The same context at other periods.
    func at(_ periods: [Period]?) -> Context {
        var c = self
        c.periods = periods
        return c
    }
}
