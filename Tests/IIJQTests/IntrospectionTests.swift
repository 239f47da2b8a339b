@testable import IIJQ
import Testing

/// What `describe`, `metrics` and `periods` teach holds for every metric and dimension, not only the
/// ones the case files show.
@Suite struct IntrospectionTests {
    /// Every query `describe` suggests under "try" runs without an error.
    @Test(arguments: sharedBase.metricOrder)
    func suggestedQueriesRun(_ metric: String) throws {
        let describer = Describer(base: sharedBase)
        let examples = describer.examples(for: try #require(sharedBase.metrics[metric]))
        #expect(!examples.isEmpty, "describe \(metric) suggests nothing to try")
        for query in examples {
            let output = runQuery(query)
            #expect(!output.contains("error:"), "describe \(metric) suggests `\(query)`, which fails:\n\(output)")
        }
    }

    @Test func everyDimensionSuggestsABreakdownThatRuns() {
        for name in sharedBase.dimensionOrder {
            let text = runQuery("describe \(name)")
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("  try") }) else { continue }
            let query = line.dropFirst(5).drop { $0 == " " }
            #expect(!runQuery(String(query)).contains("error:"), "describe \(name) suggests `\(query)`, which fails")
        }
    }

    /// Acceptance: describe revenue names both dimensions with their values, the annual and quarterly
    /// ranges, the unit and at least two slides.
    @Test func describeRevenueTeachesItsShape() {
        let text = runQuery("describe revenue")
        for piece in ["segment (セグメント)", "nw_services", "systems_om", "FY16..FY24", "1Q23..1Q24", "¥ mn", "Ⅱ- 3. Revenues", "Ⅲ-1. FY2024 決算概要"] {
            #expect(text.contains(piece), "describe revenue lacks \(piece)")
        }
    }

    /// Acceptance: `metrics` lists every metric, under its topic's heading, with its units.
    @Test func metricsListsEveryMetricUnderItsTopic() {
        let lines = runQuery("metrics").split(separator: "\n").map(String.init)
        for name in sharedBase.metricOrder {
            let metric = sharedBase.metrics[name]!
            guard let row = lines.firstIndex(where: { $0.hasPrefix("  \(name) ") }) else {
                Issue.record("metrics does not list \(name)")
                continue
            }
            let heading = lines[..<row].last { !$0.hasPrefix(" ") }
            #expect(heading?.hasPrefix("\(metric.topic ?? "") — ") == true, "\(name) is listed under \(heading ?? "nothing")")
            for unit in Describer.units(of: sharedBase.facts(of: name)) {
                #expect(lines[row].contains(unit), "metrics shows no \(unit) for \(name)")
            }
        }
    }

    /// The dates `periods` prints are the calendar's own.
    @Test func periodsShowsTheCalendarsDates() {
        let text = runQuery("periods")
        #expect(text.contains("2024-04-01 … 2025-03-31"))
        #expect(text.contains("1Q23, 2Q23, 3Q23, 4Q23, 1Q24"))
        #expect(text.contains("quarters  1Q23..1Q24"))
    }
}
