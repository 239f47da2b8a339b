extension Expr {
    /// The expression written back as source text, with parentheses only where needed.
    public var text: String { render(parentPrecedence: 0) }

    var precedence: Int {
        switch kind {
        case .binary(let op, _, _): op == .add || op == .subtract ? 1 : op == .power ? 4 : 2
        case .negate: 3
        case .at: 5
        default: 6
        }
    }

    func render(parentPrecedence: Int) -> String {
        let out: String
        switch kind {
        case .number(let v): out = v.description
        case .shift(let n, let g): out = "\(n)\(g == .year ? "y" : g == .half ? "h" : "q")"
        case .selector(let name, let filters):
            guard !filters.isEmpty else { return name }
            let parts = filters.map { f in
                f.isList && !f.isEveryMember ? "\(f.dimension) in [\(f.values.map(\.name).joined(separator: ", "))]" : "\(f.dimension)=\(f.values[0].name)"
            }
            out = "\(name){\(parts.joined(separator: ", "))}"
        case .binary(let op, let l, let r):
            // Powers group to the right (2 ^ 3 ^ 2 is 2 ^ 9), the others to the left.
            let p = precedence, right = op == .power
            out = "\(l.render(parentPrecedence: right ? p + 1 : p)) \(op.rawValue) \(r.render(parentPrecedence: right ? p : p + 1))"
        case .at(let operand, let item):
            out = "\(operand.render(parentPrecedence: 6)) @ \(item.text)"
        case .negate(let e): out = "-" + e.render(parentPrecedence: 3)
        case .call(let name, let args): out = "\(name)(\(args.map { $0.render(parentPrecedence: 0) }.joined(separator: ", ")))"
        }
        return precedence < parentPrecedence ? "(\(out))" : out
    }
}

extension Expr {
    /// Every selector in the expression, in order.
    var selectors: [Expr] {
        switch kind {
        case .selector: [self]
        case .binary(_, let l, let r): l.selectors + r.selectors
        case .negate(let o), .at(let o, _): o.selectors
        case .call(_, let args): args.flatMap(\.selectors)
        case .number, .shift: []
        }
    }

    /// Every selector's name in the expression.
    var selectorNames: [String] {
        selectors.compactMap { if case .selector(let name, _) = $0.kind { name } else { nil } }
    }
}

extension Expr {
    /// Whether a metric or definition in it is read at the query's periods: one not inside an
    /// operand with periods of its own (`revenue @ FY21`).
    var readsQueryPeriods: Bool {
        switch kind {
        case .selector: true
        case .at, .number, .shift: false
        case .binary(_, let l, let r): l.readsQueryPeriods || r.readsQueryPeriods
        case .negate(let o): o.readsQueryPeriods
        case .call(_, let args): args.contains(where: \.readsQueryPeriods)
        }
    }
}

extension Expr {
    /// The expression without its `{DIM=*}` filters: the total of what they break down.
    var withoutEveryMember: Expr { withoutFilters { $0.isEveryMember } }

    /// The expression without its `basis=` filters: the actuals.
    var withoutBasis: Expr { withoutFilters { $0.dimension == "basis" } }

    /// The expression with the filters `drop` picks taken out of every selector.
    func withoutFilters(_ drop: (Filter) -> Bool) -> Expr {
        var e = self
        switch kind {
        case .selector(let name, let filters): e.kind = .selector(name: name, filters: filters.filter { !drop($0) })
        case .binary(let op, let l, let r): e.kind = .binary(op: op, lhs: l.withoutFilters(drop), rhs: r.withoutFilters(drop))
        case .negate(let o): e.kind = .negate(operand: o.withoutFilters(drop))
        case .at(let o, let item): e.kind = .at(operand: o.withoutFilters(drop), periods: item)
        case .call(let name, let args): e.kind = .call(name: name, arguments: args.map { $0.withoutFilters(drop) })
        case .number, .shift: break
        }
        return e
    }
}
