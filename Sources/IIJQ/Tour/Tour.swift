/// The guided tour: lessons that teach the data model by doing, and the check of a learner's
/// answer by its result.
///
/// The lessons are `lessons.tour` beside this file, embedded in the binary. The shell shows a
/// lesson, runs its example and asks for a variant; `check` compares what the learner's query
/// returns with what the lesson's answer returns, so any query with the same result is right.
public enum Tour {
    public struct Lesson: Sendable {
        public var number: Int
        public var title: String
        /// A few lines of explanation.
        public var text: String
        /// A query the lesson runs and shows.
        public var example: String
        /// What the learner is asked to write.
        public var task: String
        /// A query whose result is the right answer's.
        public var answer: String
        /// Shown after a wrong try.
        public var hint: String
    }

    public static let lessons: [Lesson] = parse(embeddedTexts.first { $0.name == "lessons.tour" }?.text ?? "")

    /// Reads lessons: `# N. TITLE`, explanation lines, then `example:`, `task:`, `answer:` and `hint:` lines.
    static func parse(_ text: String) -> [Lesson] {
        var lessons: [Lesson] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("--") {
            if line.hasPrefix("# ") {
                let heading = line.dropFirst(2)
                let number = heading.prefix { $0.isNumber }
                let title = heading.dropFirst(number.count).drop { $0 == "." || $0 == " " }
                lessons.append(Lesson(number: Int(number) ?? lessons.count + 1, title: String(title), text: "", example: "",
                                      task: "", answer: "", hint: ""))
                continue
            }
            guard !lessons.isEmpty else { continue }
            let field = line.prefix { $0 != ":" }
            let value = String(line.dropFirst(field.count + 1).drop { $0 == " " })
            switch field {
            case "example": lessons[lessons.count - 1].example = value
            case "task": lessons[lessons.count - 1].task = value
            case "answer": lessons[lessons.count - 1].answer = value
            case "hint": lessons[lessons.count - 1].hint = value
            default: lessons[lessons.count - 1].text += line + "\n"
            }
        }
        return lessons
    }

    /// What the tour makes of a learner's input.
    public enum Verdict: Equatable, Sendable {
        /// The result equals the answer's.
        case correct
        /// A query whose result differs, or that failed; the reason says how.
        case wrong(String)
        /// Not an attempt: a definition, `describe`, `metrics` and the like.
        case notAnAnswer
    }

    /// Judges `text` (one or more statements; the last query counts) against `lesson`.
    public static func check(_ text: String, for lesson: Lesson, in session: Session) -> Verdict {
        var attempt: Query?
        for parsed in Parser.parse(Source(name: "", text: text)) {
            switch parsed {
            case .failure: return .wrong("that query has an error")
            case .success(let statement):
                if case .query(let q) = statement.kind { attempt = q }
            }
        }
        guard let attempt else { return .notAnAnswer }
        guard let mine = try? Answer(attempt, in: session) else { return .wrong("that query has an error") }
        guard let answer = Parser.parse(Source(name: "", text: lesson.answer)).first, case .success(let s) = answer,
              case .query(let q) = s.kind, let expected = try? Answer(q, in: session) else {
            return .wrong("the lesson's own answer does not run: \(lesson.answer)")
        }
        if mine == expected { return .correct }
        return .wrong(mine.difference(from: expected))
    }

    /// What a query answers, as data: its cells (dimensions, period, exact value) and how it is
    /// shown. The learner's answer and the lesson's are compared.
    struct Answer: Equatable {
        struct Cell: Hashable {
            var dimensions: [String]
            /// Where the value holds: the period's end, so a stock asked for at FY23 or FY23-end is one answer.
            var end: String
            var low: String, high: String, unit: String
        }

        var cells: Set<Cell>
        /// The presentation stages asked for: chart, spark, cite.
        var views: Set<String>

        init(_ query: Query, in session: Session) throws {
            let frame = try session.evaluate(query)
            cells = Set(try frame.cells.map { cell in
                let q = try UnitRules.rescale(cell.quantity, to: cell.quantity.unit.withScale(0))
                let end: String = switch cell.when {
                case .at(let p): p.endDate.description
                case .over(let a, let b): "\(a.startDate)..\(b.endDate)"
                case .between(let a, let b): "\(a.endDate)→\(b.endDate)"
                case .always: ""
                }
                return Cell(dimensions: cell.dimensions.map { "\($0.dimension)=\($0.value)" }.sorted(), end: end,
                            low: Self.normalized(q.low), high: Self.normalized(q.high), unit: q.unit.description)
            })
            views = Pipeline(query).viewNames
        }

        /// Digits without trailing fractional zeros, so 1.50 and 1.5 are one value.
        static func normalized(_ d: Dec) -> String {
            var text = d.formatted(grouping: false)
            if text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return text
        }

        /// How this result differs from the expected one, in words a learner can act on.
        func difference(from expected: Answer) -> String {
            func shape(_ r: Answer) -> String {
                let rows = Set(r.cells.map(\.dimensions)).count, periods = Set(r.cells.map(\.end)).count
                return "\(rows) row\(rows == 1 ? "" : "s") × \(periods) period\(periods == 1 ? "" : "s")"
            }
            if shape(self) != shape(expected) {
                return "your result has \(shape(self)); the answer has \(shape(expected))"
            }
            if cells != expected.cells {
                return Set(cells.map(\.unit)) != Set(expected.cells.map(\.unit))
                    ? "your result is in \(cells.first?.unit ?? "no unit"), the answer in \(expected.cells.first?.unit ?? "no unit")"
                    : "the shape is right but the numbers differ: check the metric, the members and the periods"
            }
            let missing = expected.views.subtracting(views).sorted().map { "| \($0)" }
            return missing.isEmpty ? "the answer is shown plainly, without \(views.sorted().map { "| \($0)" }.joined(separator: ", "))"
                : "the numbers are right; the answer also shows them with \(missing.joined(separator: ", "))"
        }
    }
}
