import IIJQ
import Testing

/// The embedded fact base is well-formed, and every published relation between its figures holds.
@Suite struct FactBaseTests {
    @Test func embeddedFactsLoadWithoutProblems() {
        let (_, problems, unreported) = FactBase.load()
        #expect(problems.isEmpty, "\(problems.prefix(10).map { $0.render() }.joined())")
        #expect(unreported == nil)
    }

    @Test func everyFactAndMetricIsDescribed() {
        for fact in sharedBase.facts {
            #expect(!fact.citations.isEmpty, "\(fact.metric) @ \(fact.period) has no source")
            for c in fact.citations {
                #expect(!c.slide.isEmpty && !c.label.isEmpty && c.document.hasSuffix(".txt"), "\(c.file):\(c.line): incomplete citation")
            }
        }
        for name in sharedBase.metricOrder {
            #expect(!(sharedBase.metrics[name]?.description.isEmpty ?? true), "metric \(name) has no description")
            #expect(sharedBase.topics.contains { $0.name == sharedBase.metrics[name]?.topic }, "metric \(name) names no declared topic")
        }
    }

    /// Each `check` line: a printed derived figure (YoY %, margin, difference) matches the facts.
    @Test(arguments: sharedBase.checks.map { CheckCase(check: $0) })
    func printedFigureMatches(_ c: CheckCase) throws {
        var session = Session(base: sharedBase)
        let source = Source(name: c.check.citation.file, text: c.check.query, firstLine: c.check.citation.line)
        let outcomes = session.run(source)
        guard outcomes.count == 1, case .output = outcomes[0] else {
            if case .failure(let d) = outcomes.first { Issue.record("\(c.where): \(d.render(in: source))") }
            return
        }
        let statement = try #require(try? Parser.parse(source).first?.get())
        guard case .query(let query) = statement.kind else { return }
        let frame = try session.evaluate(query)
        #expect(frame.cells.count == 1, "\(c.where): the check's query gives \(frame.cells.count) values")
        guard let actual = frame.cells.first?.quantity else { return }
        #expect(Agreement.within(actual, c.check.expected), "\(c.where): \(c.check.query) is \(actual.low) \(actual.unit), printed \(c.check.expected.low) \(c.check.expected.unit) (\(c.check.citation.slide))")
    }

    /// Parts of every additive dimension sum to their printed total.
    @Test func partsSumToTotals() {
        let failures = SumCheck.partsVersusTotals(sharedBase)
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
    }

    /// Quarters sum to the halves and fiscal years published beside them.
    @Test func quartersSumToYears() {
        let failures = SumCheck.quartersVersusYears(sharedBase)
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
    }

    /// Figures printed by both documents are one fact citing both (FY23 revenue: ¥276,080 mn and 2,760.8 億円).
    @Test func figuresFromBothDocumentsAreMerged() {
        let both = sharedBase.facts.filter { f in Set(f.citations.map(\.document)).count == 2 }
        #expect(both.count >= 20)
        let fy20 = sharedBase.facts.first { $0.metric == "revenue" && $0.period == .year(2020) && $0.dimensions.isEmpty && $0.basis == .actual }
        #expect(Set(fy20?.citations.map(\.document) ?? []) == ["000_cdd250085200abc4.txt", "004_1a9890468724ef8c.txt"])
    }

    @Test func factBaseIsLarge() {
        #expect(sharedBase.facts.count >= 1000)
    }
}

struct CheckCase: CustomTestStringConvertible, Sendable {
    var check: Check
    var `where`: String { "\(check.citation.file):\(check.citation.line)" }
    var testDescription: String { "\(self.where): \(check.query)" }
}
