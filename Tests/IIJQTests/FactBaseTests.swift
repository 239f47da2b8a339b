import Foundation
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

    /// Each printed result agrees with the figure computed from its stored inputs, within the
    /// rounding of both, or is a contradiction recorded in docs/data-notes.md.
    @Test(arguments: sharedBase.printed.map { CheckCase(check: $0) })
    func printedFigureMatches(_ c: CheckCase) throws {
        switch sharedBase.verify(c.check) {
        case .agrees, .uncomputable: break
        case .broken(let m): Issue.record("\(m)")
        case .contradicted(let m):
            #expect(RecordedContradictions.queries.contains(c.check.query), "\(m): not recorded under \"\(RecordedContradictions.heading)\" in docs/data-notes.md")
        }
    }

    /// Every contradiction docs/data-notes.md records is one: a printed result its inputs contradict.
    @Test func recordedContradictionsAreReal() {
        for query in RecordedContradictions.queries {
            let results = sharedBase.printed.filter { $0.query == query }
            #expect(!results.isEmpty, "docs/data-notes.md records `\(query)`, which is no printed result")
            for r in results {
                if case .contradicted = sharedBase.verify(r) { continue }
                Issue.record("docs/data-notes.md records `\(query)` as a contradiction, but its inputs agree or give nothing")
            }
        }
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
        // 1,031 before #16 stored each figure once (994 after; 977 once printed_yoy_growth became printed
        // results; 965 once the printed changes and margins were too); more documents only add.
        #expect(sharedBase.facts.count >= 960)
        #expect(sharedBase.printed.count >= 430)
    }
}

struct CheckCase: CustomTestStringConvertible, Sendable {
    var check: PrintedResult
    var `where`: String { "\(check.citation.file):\(check.citation.line)" }
    var testDescription: String { "\(self.where): \(check.query)" }
}

/// The printed results docs/data-notes.md records as contradicted by their inputs: the queries in
/// backticks that open the items of its section `heading`.
enum RecordedContradictions {
    static let heading = "Printed figures their inputs contradict"

    static let queries: [String] = {
        let url = repositoryRoot.appendingPathComponent("docs/data-notes.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8),
              let start = text.range(of: "## " + heading) else { return [] }
        let section = text[start.upperBound...].components(separatedBy: "\n## ").first ?? ""
        return section.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("- `"), let end = line.dropFirst(3).firstIndex(of: "`") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: 3)..<end])
        }
    }()
}

/// Conventions that hold over the whole fact base.
@Suite struct FactBaseConventionTests {
    /// A figure whose printed label reads as a bound ("over 400", "8% or more", "less than 1%",
    /// "up to ¥70.0 bn", "300億円超", "30秒以下") is stored as a bound or a range, never as a plain number.
    @Test func printedBoundsAreIntervals() throws {
        let bound = try Regex(#"(?i)(\bover [¥$]?\d|exceed|\d%? or more|less than|\bup to\b|\d超|以上|未満|[秒%円]以下)"#)
        var plain: [String] = []
        for f in sharedBase.facts where f.quantity.bound == .exact && !f.quantity.isRange {
            if let c = f.citations.first(where: { $0.label.contains(bound) }) { plain.append("\(c.file):\(c.line) \"\(c.label)\"") }
        }
        #expect(plain.isEmpty, "printed as bounds but stored as plain numbers:\n\(plain.joined(separator: "\n"))")
        #expect(sharedBase.facts.filter { $0.quantity.bound != .exact }.count >= 10)
    }

    /// One figure, one place: a figure printed once (one slide, one label, one period, one value)
    /// is stored under one metric, and as a fact or as a printed result, never both. Rows of a
    /// table that print the same label and value (two projects of "¥3.0 bn, 5 years") are
    /// different cells of one metric, which this allows.
    @Test func noPrintedFigureIsStoredUnderTwoMetrics() throws {
        func key(_ c: Citation, _ period: String, _ q: Quantity) throws -> String {
            // The value in units of one (¥, persons), so that 5,000 億円 and ¥500.0 bn are one figure.
            let scaled = { (d: Dec) in (Decimal(string: d.description) ?? 0) * pow(10, q.unit.scale ?? 0) }
            return "\(c.document)|\(c.slide)|\(c.label)|\(period)|\(scaled(q.low))~\(scaled(q.high))"
        }
        var holders: [String: Set<String>] = [:]
        for f in sharedBase.facts {
            for c in f.citations { holders[try key(c, f.period.description, f.quantity), default: []].insert(f.metric) }
        }
        for p in sharedBase.printed {
            let period = p.query.components(separatedBy: "@").last?.trimmingCharacters(in: .whitespaces) ?? ""
            holders[try key(p.citation, period, p.expected), default: []].insert("printed \(p.query)")
        }
        let twice = holders.filter { $0.value.count > 1 }.map { "\($0.key): \($0.value.sorted().joined(separator: ", "))" }.sorted()
        #expect(twice.isEmpty, "one printed figure stored twice:\n\(twice.joined(separator: "\n"))")
    }
}
