import Foundation
@testable import IIJQ
import Testing

/// Every example in every help topic runs and prints what the topic shows; the topics the issue
/// names exist, and so does `iijq --help-topic`.
///
/// Where the figures the examples print come from:
/// - quarterly revenue, by segment and by service, 1Q23..1Q24: 004 Ⅱ- 3. Revenues, Ⅱ- 5. Network (NW)
///   Services (1) Revenues, Ⅱ- 6. Systems Integration (SI) (1) Revenues;
/// - 1Q23/1Q24 gross profit, operating profit and cost of revenues: 004 Ⅱ- 1. Consolidated Financial
///   Results, Ⅱ- 4. Cost of Revenues & Gross Profit Ratio (the `| cite` example lists its slides);
/// - FY24 results (revenue 3,168.3 億円, operating profit 301.0 億円): 000 Ⅲ-1. FY2024 決算概要;
///   FY16–FY23 revenue and operating profit: 004 Capex and Business Developments, 000 Ⅱ-3;
/// - subscriptions by type at 1Q24-end: 004 Ⅳ- 1. Mobile and IoT; employees at FY23-end (4,803):
///   004 Ⅱ- 7. Human Capital Disclosure;
/// - FY24 targets and previous targets: 004 Ⅲ- 1. Revision of FY24 Financial Targets and Dividend
///   Forecast; the FY26 target (cagr 11.2%): 004 New Mid-term Plan’s Financial Outlook.
@Suite struct HelpTests {
    static var directory: URL {
        repositoryRoot
            .appendingPathComponent("Sources/IIJQ/Help/topics")
    }

    /// A topic's examples run in one session, so a definition is seen by the examples after it.
    static func run(_ examples: [Transcript.Example]) -> [String] {
        var session = Session(base: sharedBase)
        return examples.map { runQuery($0.query, in: &session) }
    }

    @Test(arguments: Help.topics.map(\.name))
    func examplesPrintWhatTheTopicShows(_ name: String) throws {
        let topic = try #require(Help.topic(name))
        let examples = Transcript.help.examples(in: topic.text)
        for (example, actual) in zip(examples, Self.run(examples)) {
            #expect(!actual.contains("error:"), ".help \(name): `\(example.query)` fails:\n\(actual)")
            #expect(actual == example.expected, ".help \(name): `\(example.query)` prints otherwise (re-record with IIJQ_RECORD=1 swift test --filter record)")
        }
    }

    /// `Help.names` lists exactly the embedded `.help` files, so no topic is left out of `.help`.
    @Test func namesListEveryHelpFile() {
        let files = embeddedTexts.map(\.name).filter { $0.hasSuffix(".help") }.map { String($0.dropLast(5)) }
        #expect(Set(files) == Set(Help.names))
        #expect(Help.topics.map(\.name) == Help.names)
    }

    @Test func everyTopicTheIssueNamesExists() {
        for name in ["syntax", "periods", "dimensions", "functions", "units", "stocks-flows", "targets", "output", "charts",
                     "provenance", "scripts", "keys", "commands"] {
            #expect(Help.topic(name) != nil, "no help topic \(name)")
        }
        for topic in Help.topics where !["keys", "commands"].contains(topic.name) {
            #expect(!Transcript.help.examples(in: topic.text).isEmpty, ".help \(topic.name) has no example")
        }
    }

    /// The queries the overview and the function list show (without their output) run.
    @Test func indexAndFunctionExamplesRun() {
        let index = Help.index.split(separator: "\n").filter { $0.hasPrefix("  ") && $0.contains("@") }
        #expect(index.count >= 4)
        for query in index.map({ String($0.dropFirst(2)) }) + Builtins.all.map(\.example) {
            let output = runQuery(query)
            #expect(!output.contains("error:"), "`\(query)` fails:\n\(output)")
        }
    }

    @Test(.recording)
    func record() throws {
        for topic in Help.topics {
            let url = Self.directory.appendingPathComponent(topic.name + ".help")
            let text = try String(contentsOf: url, encoding: .utf8)
            var session = Session(base: sharedBase)
            try Transcript.help.recorded(text) { runQuery($0, in: &session) }.write(to: url, atomically: true, encoding: .utf8)
        }
    }
}
