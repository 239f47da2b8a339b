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

    @Test func factBaseIsLarge() {
        #expect(sharedBase.facts.count >= 1000)
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
}
