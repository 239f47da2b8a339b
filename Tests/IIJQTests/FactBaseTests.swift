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

    /// The sign rule (docs/fact-format.md): revenue, costs, expenses and counts are never negative;
    /// a loss is a negative profit, so no metric is named for a loss; every flow says which it is.
    @Test func everyMetricObeysTheSignRule() {
        for fact in sharedBase.facts where sharedBase.metrics[fact.metric]?.sign == .nonnegative {
            #expect(!fact.quantity.low.isNegative, "\(fact.metric) @ \(fact.period) is negative but \(fact.metric) is never negative (\(fact.citations[0].file):\(fact.citations[0].line))")
        }
        for name in sharedBase.metricOrder {
            #expect(!name.contains("loss"), "\(name) is named for a loss: store the profit line, a loss negative")
            // printed_yoy_growth is a rate on its way out (issue #16: its figures become checks of yoy).
            guard let m = sharedBase.metrics[name], m.kind == .flow else { continue }
            #expect(m.sign != nil, "flow \(name) declares no sign=nonnegative|signed")
        }
    }

    /// Every fact's basis is one its metric declares (`bases=`), each basis defined once in
    /// docs/fact-format.md and in `describe`.
    @Test func everyFactHasABasisItsMetricDeclares() {
        for fact in sharedBase.facts where fact.metric != "printed_yoy_growth" {
            guard let m = sharedBase.metrics[fact.metric] else { continue }
            #expect(m.bases.contains(fact.basis), "\(fact.metric) @ \(fact.period) is a \(fact.basis.rawValue) but \(fact.metric) declares bases=\(m.bases.map(\.rawValue).joined(separator: ","))")
        }
    }

    /// Revenue is one metric: its cross-cutting lines are an alternate breakdown whose members say
    /// which services they lie within, and no breakdown of revenue lives under a metric of its own.
    @Test func revenueHasOneMetricAndAnAlternateBreakdown() {
        let alternate = sharedBase.dimensions["business_line"]
        #expect(alternate?.alternateOf == "service")
        for d in sharedBase.dimensionOrder {
            guard let dim = sharedBase.dimensions[d], dim.alternateOf != nil || dim.parent == "business_line" else { continue }
            for m in dim.members { #expect(!m.within.isEmpty, "\(d)=\(m.name) does not say which services it lies within") }
        }
        let retired = ["business_line_revenue", "mobile_revenue", "security_revenue", "cloud_revenue", "private_cloud_revenue",
                       "public_cloud_revenue", "cloud_type_revenue", "one_time_revenue", "ip_service_revenue"]
        for name in retired { #expect(sharedBase.metrics[name] == nil, "\(name) is revenue{…} now") }
        #expect(sharedBase.definition(named: "recurring_revenue") != nil)
    }

    @Test func factBaseIsLarge() {
        // 1,031 before #16 stored each figure once (994 after); more documents only add.
        #expect(sharedBase.facts.count >= 990)
    }
}

struct CheckCase: CustomTestStringConvertible, Sendable {
    var check: Check
    var `where`: String { "\(check.citation.file):\(check.citation.line)" }
    var testDescription: String { "\(self.where): \(check.query)" }
}
