/// Runs statements against a fact base, keeping `let` definitions between them.
/// Used by the one-shot CLI, scripts, standard input and the shell alike.
public struct Session: Sendable {
    public var base: FactBase {
        didSet { definitions = base.definitionBodies.merging(userDefinitions) { $1 } }
    }
    public var format: OutputFormat = .table
    /// Whether tables may use terminal escapes (bold headers).
    public var color = false
    /// Row limit and width for tables.
    public var layout = Layout()
    /// The names tables, charts and the transcript show: English, or Japanese where declared.
    public var labels = Labels.en
    /// The scale money is shown at (`.scale`, `--scale`: 6 for ¥ mn), instead of each metric's
    /// display scale; nil: each metric's own (see `DisplayScale`).
    public var scale: Int?
    /// The `let` definitions made in this session.
    public private(set) var userDefinitions: [String: Expr] = [:]
    /// Every definition a query may use: the fact base's (`define`) and the session's `let`s, kept
    /// together so that a `let` costs the same however many came before it.
    public private(set) var definitions: [String: Expr]
    /// Polled during evaluation; set from a signal handler to cancel a statement.
    public var isCancelled: @Sendable () -> Bool = { false }
    /// How long one statement may evaluate: `Limits.evaluationSeconds` (a test shortens it).
    public var evaluationLimit: Duration = .seconds(Limits.evaluationSeconds)
    /// Whether a query matching a figure IIJ printed answers with it (off to check the printed
    /// figures against the stored inputs).
    public var answersWithPrinted = true
    /// Whether `run` keeps each query's result in `answers`, for a transcript.
    public var keepsAnswers = false
    /// The results of the queries run since the caller last emptied it (when `keepsAnswers`).
    public var answers: [Answer] = []

    public init(base: FactBase) {
        self.base = base
        definitions = base.definitionBodies
    }

    /// What running one statement produced.
    public enum Outcome: Sendable {
        /// Text for standard output, and notes (for standard error in machine formats).
        case output(text: String, notes: [String])
        /// A defined name, acknowledged quietly.
        case defined(String)
        case failure(Diagnostic)
    }

    /// Parses and runs every statement in `source`, in order, stopping early if `bail` and one fails.
    public mutating func run(_ source: Source, bail: Bool = false) -> [Outcome] {
        var outcomes: [Outcome] = []
        for parsed in Parser.parse(source) {
            switch parsed {
            case .failure(let d): outcomes.append(.failure(d))
            case .success(let statement): outcomes.append(execute(statement))
            }
            if case .failure(let d) = outcomes.last, bail || d.reason == .cancelled { break }
        }
        return outcomes
    }

    mutating func execute(_ statement: Statement) -> Outcome {
        do {
            switch statement.kind {
            case .define(let name, let nameSpan, let body):
                if base.metrics[name] != nil || base.aliases[name] != nil {
                    throw Diagnostic(.invalidStatement, "'\(name)' is already a metric", at: nameSpan, hints: ["choose another name for the definition"])
                }
                if base.definitionBodies[name] != nil {
                    throw Diagnostic(.invalidStatement, "'\(name)' is already defined by the fact base", at: nameSpan,
                                     hints: ["`describe \(name)` shows its definition; choose another name for yours"])
                }
                if Builtins.names.contains(name) || Token.keywords.contains(name) {
                    throw Diagnostic(.invalidStatement, "'\(name)' is a built-in name", at: nameSpan, hints: ["choose another name for the definition"])
                }
                // Stored in place and taken back if it fails its check: copying the definitions
                // for a trial made each `let` cost as much as all the ones before it.
                let previous = userDefinitions.updateValue(body, forKey: name)
                definitions[name] = body
                do {
                    var checker = evaluator()
                    try checker.checkDefinition(name, body)
                } catch {
                    userDefinitions[name] = previous
                    definitions[name] = previous
                    throw error
                }
                return .defined(name)
            case .describe(let name, let span):
                return .output(text: fitted(try Describer(base: base).describe(name, at: span, definitions: definitions)), notes: [])
            case .metrics(let topic, let span):
                // A word that is not a topic is looked up by meaning.
                if let topic, let span, !base.topics.contains(where: { $0.name == topic }) {
                    return .output(text: fitted(try search(topic, at: span)), notes: [])
                }
                return .output(text: fitted(Catalog(base: base).metrics(topic: topic, width: layout.width)), notes: [])
            case .search(let word, let span):
                return .output(text: fitted(try search(word, at: span)), notes: [])
            case .periods:
                return .output(text: fitted(PeriodGuide(base: base).text()), notes: [])
            case .dimensions:
                return .output(text: fitted(Catalog(base: base).dimensions(width: layout.width)), notes: [])
            case .functions:
                return .output(text: fitted(Catalog.functions()), notes: [])
            case .explain(let query):
                // For other programs and Markdown documents, one record per line of the account.
                if format != .table { return .output(text: Explainer.render(try Explainer(session: self).records(query), as: format), notes: []) }
                return .output(text: fitted(try Explainer(session: self).explain(query)), notes: [])
            case .sources(let text, let span):
                let index = SourceIndex(base: base)
                guard let text, !text.allSatisfy(\.isWhitespace) else { return .output(text: fitted(index.overview()), notes: []) }
                return .output(text: fitted(try index.facts(matching: text, at: span!)), notes: [])
            case .explainPeriod(let period, let text):
                return .output(text: fitted(Explainer.explain(period, written: text)), notes: [])
            case .query(let query):
                let pipeline = Pipeline(query, scale: scale)
                var frame = try pipeline.run(evaluator())
                // Japanese names are for people; other programs get the names the language declares.
                if labels == .ja, !format.isMachine { frame = base.japanese(frame) }
                let text = pipeline.view.render(frame, in: self)
                if keepsAnswers { answers.append(Answer(frame: frame, view: pipeline.view.name, text: text)) }
                return .output(text: text, notes: frame.notes)
            }
        } catch let d as Diagnostic {
            return .failure(d)
        } catch {
            return .failure(Diagnostic(.invalidStatement, "\(error)", at: statement.span))
        }
    }

    /// Text fitted to the terminal's width, when the shell gives one: long lines broken at spaces.
    func fitted(_ text: String) -> String { Fit.lines(text, width: layout.width) }

    /// The metrics `word` finds by meaning, or an error naming the topics.
    func search(_ word: String, at span: Span) throws -> String {
        if let listing = MetricSearch(base: base).listing(word) { return listing }
        let names = base.topics.map(\.name)
        throw Diagnostic(.unknownMember, "no topic or metric matches '\(word)'", at: span,
                         hints: Suggest.hint(for: word, in: names) + ["topics: \(names.joined(separator: ", "))", "`metrics` lists every metric with what it means"])
    }

    /// Checks a definition of the fact base the way a `let` is checked: its expression parses and
    /// names only metrics and definitions declared before or after it.
    func checkBuiltInDefinition(_ d: BuiltInDefinition) throws {
        guard let body = base.definitionBodies[d.name] else {
            if case .failure(let problem)? = Parser.parse(Source(name: "", text: "let \(d.name) = \(d.body)")).first {
                throw Diagnostic(.invalidStatement, problem.message, hints: problem.hints)
            }
            throw Diagnostic(.invalidStatement, "'\(d.body)' is not an expression")
        }
        var checker = evaluator()
        try checker.checkDefinition(d.name, body)
    }

    /// An evaluator for one statement, with the session's definitions, Ctrl-C flag and time limit.
    func evaluator() -> Evaluator {
        var e = Evaluator(base: base, definitions: definitions, isCancelled: isCancelled, limit: evaluationLimit)
        e.answersWithPrinted = answersWithPrinted
        return e
    }

    /// One frame in one format.
    public static func render(_ frame: Frame, as format: OutputFormat, color: Bool = false, layout: Layout = Layout()) -> String {
        format.render(frame, color: color, layout: layout)
    }
}
