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
    /// `lhs op rhs` for `+ - * / ^`.
    case binary(op: BinaryOp, lhs: Expr, rhs: Expr)
    /// `-operand`.
    case negate(operand: Expr)
    /// `name(arguments)`: `yoy(revenue)`, `lag(revenue, 1y)`.
    case call(name: String, arguments: [Expr])
    /// A calendar shift argument: `1y`, `2q`, `1h`.
    case shift(count: Int, grain: Period.Grain)
    /// An operand at periods of its own: `revenue @ FY21` in `revenue @ FY24 - revenue @ FY21`.
    case at(operand: Expr, periods: PeriodItem)
}

public enum BinaryOp: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
}

/// A dimension filter in a selector: `segment=si` or `segment in [nw_services, si]`.
public struct Filter: Sendable {
    public var dimension: String
    public var dimensionSpan: Span
    /// One value for `=`, several for `in`.
    public var values: [(name: String, span: Span)]
    /// True for `in [...]` and `=*`: the dimension is kept as a row key.
    public var isList: Bool

    /// The value of `{DIM=*}`: every member of the dimension.
    public static let everyMember = "*"

    /// `basis=NAME`, as a filter written by the language itself (in a hint).
    static func basis(_ b: Basis) -> Filter {
        let none = Span(start: 0, end: 0, line: 1, column: 1)
        return Filter(dimension: "basis", dimensionSpan: none, values: [(b.rawValue, none)], isList: false)
    }

    /// Whether this is `{DIM=*}`.
    public var isEveryMember: Bool { values.count == 1 && values[0].name == Filter.everyMember }
}

/// One end of a period item: a period, or one counted back from the latest period with an actual.
public enum PeriodEnd: Sendable, Equatable {
    case period(Period)
    /// `latest` (back 0) or `latest - 1y`: resolved when the query runs, from the expression's facts.
    case latest(back: Int, Period.Grain)

    /// The word for the latest period.
    public static let latestWord = "latest"

    public var text: String {
        switch self {
        case .period(let p): p.description
        case .latest(0, _): PeriodEnd.latestWord
        case .latest(let n, let g): "\(PeriodEnd.latestWord) - \(n)\(g == .year ? "y" : g == .half ? "h" : "q")"
        }
    }

    /// The period this end stands for, given the latest one.
    func resolved(latest: Period) -> Period? {
        switch self {
        case .period(let p): p
        case .latest(0, _): latest
        case .latest(let n, let g): latest.shifted(by: -n, g)
        }
    }
}

/// A period, or an inclusive range of periods, after `@`.
public struct PeriodItem: Sendable {
    public var first: PeriodEnd
    public var last: PeriodEnd?
    public var span: Span

    /// As written back: `FY24`, `1Q23..1Q24`, `latest - 4q..latest`.
    public var text: String { last.map { "\(first.text)..\($0.text)" } ?? first.text }

    /// Whether an end is counted from the latest period.
    public var isRelative: Bool {
        if case .latest = first { return true }
        if case .latest? = last { return true }
        return false
    }

    /// The periods it stands for, a range expanded, given the latest period (needed only when relative).
    func periods(latest: Period? = nil) -> [Period] {
        func resolved(_ end: PeriodEnd) -> Period? {
            if case .period(let p) = end { return p }
            return latest.flatMap { end.resolved(latest: $0) }
        }
        guard let a = resolved(first) else { return [] }
        guard let last else { return [a] }
        return resolved(last).flatMap { a.through($0) } ?? []
    }
}

/// A stage after `|`.
public struct Stage: Sendable {
    public enum Kind: Sendable {
        case sort(descending: Bool)
        case top(count: Int)
        case chart
        case spark
        case cite
        /// `where value > 10 bn`: keeps the cells whose subject satisfies the condition.
        case filter(Condition)
    }
    public var kind: Kind
    public var span: Span

    /// The stage names, as written after `|`.
    public static let names = ["sort", "top", "where", "chart", "spark", "cite"]
}

/// `SUBJECT OP LITERAL` after `where`: `value > 10 bn`, `yoy >= 5%`.
public struct Condition: Sendable {
    /// `value`, or a function of the query's expression: `yoy`, `qoq`, `diff`, `share`.
    public var subject: String
    public var subjectSpan: Span
    public var comparison: Comparison
    public var literal: Literal

    /// What a condition may test.
    public static let subjects = ["value"] + Builtins.whereSubjects
}

public enum Comparison: String, Sendable {
    case greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<=", equal = "=", notEqual = "!="
}

/// A number with its unit: `10 bn`, `5%`, `1,000 persons`; a bare number has no unit.
public struct Literal: Sendable {
    public var value: Dec
    public var unit: Unit?
    public var span: Span
    /// As written, for notes: `10 bn`, `5%`.
    public var text: String
}

/// The unit a result is shown in, after `in`: a scale (`bn`, `億円`, `thousand`) or `%`.
public struct DisplayUnit: Sendable {
    public enum Kind: Sendable, Equatable {
        /// Money or a count at 10^scale.
        case scale(Int)
        case percent
    }
    public var kind: Kind
    public var word: String
    public var span: Span

    /// Words for scales, as written after `in` and in literals.
    public static let scaleWords: [(word: String, scale: Int)] = [
        ("yen", 0), ("thousand", 3), ("k", 3), ("mn", 6), ("million", 6), ("億円", 8), ("oku", 8), ("bn", 9), ("billion", 9), ("tn", 12), ("trillion", 12),
    ]

    public static func scale(of word: String) -> Int? { scaleWords.first { $0.word == word }?.scale }
}

/// `expr {, expr} [@ periods] [vs basis] [by dims] [in unit] { | stage }`.
public struct Query: Sendable {
    /// The expressions, one at least: several are shown a row (or a block of rows) each.
    public var expressions: [Expr]
    public var periods: [PeriodItem]
    /// `vs target`: actuals beside another basis, with the difference and attainment.
    public var versus: (basis: Basis, span: Span)?
    public var by: [(name: String, span: Span)]
    public var unit: DisplayUnit?
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
    /// `describe name`: a metric, definition, dimension or function.
    case describe(name: String, nameSpan: Span)
    /// `metrics [topic]`: every metric (or one topic's) with its kind, unit, number of facts and periods.
    case metrics(topic: String?, topicSpan: Span?)
    /// `periods`: the period forms the calendar accepts, with their dates, and what the fact base covers.
    case periods
    /// `dimensions`: every dimension with its Japanese name, members and the metrics that use it.
    case dimensions
    /// `functions`: every function with a one-line description and an example.
    case functions
    /// `explain query`: how a query is evaluated, fact by fact.
    case explain(query: Query)
    /// `search WORD`: the metrics a word finds by meaning (names, Japanese names, synonyms, descriptions).
    case search(word: String, wordSpan: Span)
    /// `sources` (every document and slide) or `sources "Ⅱ- 3"` (the facts printed there).
    case sources(text: String?, textSpan: Span?)
    /// `explain FY24`: the dates a period covers.
    case explainPeriod(period: Period, text: String)
}
