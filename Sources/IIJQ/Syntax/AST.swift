/// An expression node: what it is, and where it was written.
public struct Expr: Sendable {
    public var kind: ExprKind
    public var span: Span
}

/// The forms an expression takes.
public indirect enum ExprKind: Sendable {
    /// A plain number: `2`, `1.5`.
    case number(value: Dec)
    /// A metric or `let` name with optional dimension filters: `revenue{segment=si}`.
    case selector(name: String, filters: [Filter])
    /// `lhs op rhs` for `+ - * /`.
    case binary(op: BinaryOp, lhs: Expr, rhs: Expr)
    /// `-operand`.
    case negate(operand: Expr)
    /// `name(arguments)`: `yoy(revenue)`, `lag(revenue, 1y)`.
    case call(name: String, arguments: [Expr])
    /// A calendar shift argument: `1y`, `2q`, `1h`.
    case shift(count: Int, grain: Period.Grain)
}

public enum BinaryOp: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}

/// A dimension filter in a selector: `segment=si` or `segment in [nw_services, si]`.
public struct Filter: Sendable {
    public var dimension: String
    public var dimensionSpan: Span
    /// One value for `=`, several for `in`.
    public var values: [(name: String, span: Span)]
    /// True for `in [...]`: the dimension is kept as a row key.
    public var isList: Bool
}

/// A period, or an inclusive range of periods, after `@`.
public struct PeriodItem: Sendable {
    public var first: Period
    public var last: Period?
    public var span: Span
}

/// A stage after `|`.
public struct Stage: Sendable {
    public enum Kind: Sendable {
        case sort(descending: Bool)
        case top(count: Int)
        case chart
        case cite
    }
    public var kind: Kind
    public var span: Span

    /// The stage names, as written after `|`.
    public static let names = ["sort", "top", "chart", "cite"]
}

/// `expr [@ periods] [by dims] { | stage }`.
public struct Query: Sendable {
    public var expr: Expr
    public var periods: [PeriodItem]
    public var by: [(name: String, span: Span)]
    public var stages: [Stage]
}

/// A statement node.
public struct Statement: Sendable {
    public var kind: StatementKind
    public var span: Span
}

public indirect enum StatementKind: Sendable {
    case query(query: Query)
    /// `let name = expr`.
    case define(name: String, nameSpan: Span, body: Expr)
    /// `describe name`.
    case describe(name: String, nameSpan: Span)
    /// `metrics`: every metric with its kind, unit, number of facts and periods.
    case metrics
}
