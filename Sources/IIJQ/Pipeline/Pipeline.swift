/// A query evaluated as an ordered list of stages: periods, the expression (beside another basis
/// for `vs`), the cell limit, `in UNIT` (or each metric's display scale), then the stages written after `|` (where, sort, top), and
/// last one view (table, chart, spark or cite) that shows the result.
///
/// Each stage is a small type that knows its name and whether it is a view; the session runs the
/// pipeline and renders its view, and the tour reads the views a query asked for from it.
struct Pipeline {
    /// The stages in the order they run, views included.
    let stages: [any QueryStage]

    /// The stages of `query`; `scale` is the session's money scale (`.scale`), which `in` overrides.
    init(_ query: Query, scale: Int? = nil) {
        var stages: [any QueryStage] = [PeriodsStage(query: query), ExpressionStage(query: query), PeriodRowsStage(query: query), LimitStage()]
        stages.append(query.unit.map { UnitStage(unit: $0) } ?? DisplayScaleStage(query: query, money: scale))
        stages += query.stages.enumerated().map { i, stage in
            if case .top(let n) = stage.kind {
                let sorted = query.stages[..<i].contains { if case .sort = $0.kind { true } else { false } }
                return TopStage(count: n, afterSort: sorted)
            }
            return Pipeline.stage(stage)
        }
        self.stages = stages
    }

    /// The stage a `| …` clause asks for.
    static func stage(_ stage: Stage) -> any QueryStage {
        switch stage.kind {
        case .filter(let condition): WhereStage(condition: condition)
        case .sort(let descending): SortStage(descending: descending)
        case .top(let count): TopStage(count: count, afterSort: false)
        case .chart: ChartView()
        case .spark: SparkView()
        case .cite: CiteView()
        }
    }

    /// The view that shows the result: the last one asked for, or the table in the session's format.
    var view: any ResultView { stages.last { $0.isView } as? any ResultView ?? TableView() }

    /// The names of the views asked for (`chart`, `spark`, `cite`).
    var viewNames: Set<String> { Set(stages.filter(\.isView).map(\.name)) }

    /// Runs every stage that is not a view, returning the result.
    func run(_ evaluator: Evaluator) throws -> Frame {
        var state = QueryState(evaluator: evaluator)
        for stage in stages where !stage.isView { try stage.apply(to: &state) }
        if evaluator.base.facts.hasNotes, let note = state.frame.qualificationsNote() { state.frame.notes.append(note) }
        return state.frame
    }
}

/// What a query's stages read and change as they run.
struct QueryState {
    var evaluator: Evaluator
    /// Where the expression is evaluated: the periods and the `by` dimensions.
    var context = Context(periods: nil, by: [])
    /// The result so far.
    var frame = Frame(label: "", keys: [], cells: [])
    /// The query's expressions, for the stages that evaluate a function of them (`where yoy > 5%`).
    var expressions: [Expr] = []
    /// Notes from the stages before the result exists (what `latest` stood for), put first in its notes.
    var notes: [String] = []
}

/// One step of a query's evaluation.
protocol QueryStage: Sendable {
    /// The stage's name, as written after `|` for those written there.
    var name: String { get }
    /// Whether the stage shows the result rather than changing it.
    var isView: Bool { get }
    /// Changes the result (a view leaves it as it is).
    func apply(to state: inout QueryState) throws
}

extension QueryStage {
    var isView: Bool { false }
}

/// A stage that shows the result.
protocol ResultView: QueryStage {
    /// The result as text, for the session's format, colour and layout.
    func render(_ frame: Frame, in session: Session) -> String
}

extension ResultView {
    var isView: Bool { true }
    func apply(to state: inout QueryState) throws {}
}

extension Session {
    /// Evaluates a query to a frame through its pipeline (every stage but the view).
    public func evaluate(_ query: Query) throws -> Frame {
        try Pipeline(query, scale: scale).run(evaluator())
    }
}
