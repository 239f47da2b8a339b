@testable import IIJQ
import Testing

@Suite struct LoaderTests {
    let header = """
        document t file="t.txt" title="test"
        source t "Slide"
        dimension segment "Segment"
        member segment a "A"
        member segment b "B"
        metric sales flow "Sales" dims=segment

        """

    func load(_ text: String) -> (FactBase, [String]) {
        var loader = FactLoader()
        loader.read(name: "t.facts", text: header + text)
        let base = loader.finish()
        return (base, loader.problems.map { $0.render() })
    }

    @Test func readsFactsWithDimensionsRangesAndBases() {
        let (base, problems) = load("""
            sales @ FY24 = 10.5 yen_bn "Total"
            sales{segment=a} @ FY24 = 6.0 yen_bn "A"
            sales{basis=target} @ FY25 = 11.0~12.0 yen_bn "(11.0 ～ 12.0)"
            """)
        #expect(problems.isEmpty)
        #expect(base.facts.count == 3)
        #expect(base.facts[2].basis == .target)
        #expect(base.facts[2].quantity.isRange)
        #expect(base.facts[0].citations[0].document == "t.txt")
    }

    @Test func mergesTheSameFigureAtTwoPrecisions() {
        let (base, problems) = load("""
            sales @ FY23 = 276080 yen_mn "Revenues"
            sales @ FY23 = 2760.8 yen_100mn "売上収益"
            """)
        #expect(problems.isEmpty)
        #expect(base.facts.count == 1)
        #expect(base.facts[0].quantity.unit == .money(scale: 6))
        #expect(base.facts[0].citations.count == 2)
    }

    @Test func rejectsContradictoryFigures() {
        let (_, problems) = load("""
            sales @ FY20 = 14.3 yen_bn "a"
            sales @ FY20 = 14.2 yen_bn "b"
            """)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("t.facts:8:16: error: sales @ FY20 is 14.2 ¥ bn here but 14.3 ¥ bn") ?? false)
    }

    @Test(arguments: [
        ("salse @ FY24 = 1 yen \"x\"", "t.facts:7:1: error: unknown metric 'salse'"),
        ("sales{segmnt=a} @ FY24 = 1 yen \"x\"", "t.facts:7:7: error: sales has no dimension 'segmnt'"),
        ("sales{segment=c} @ FY24 = 1 yen \"x\"", "t.facts:7:7: error: 'c' is not a member of segment"),
        ("sales @ 5Q24 = 1 yen \"x\"", "t.facts:7:9: error: 5Q24 is not a period"),
        ("sales @ 1Q24-end = 1 yen \"x\"", "t.facts:7:9: error: sales is a flow"),
        ("sales @ FY24 = 1,000 yen \"x\"", "t.facts:7:16: error: '1,000' is not a value"),
        ("sales @ FY24 = 1 yen_billions \"x\"", "t.facts:7:18: error: 'yen_billions' is not a unit"),
        ("sales @ FY24 = 1 yen", "t.facts:7:1: error: malformed fact"),
        ("sales @ FY24 = 1 yen \"x", "t.facts:7:22: error: unterminated string"),
        ("metric sales flow \"again\"", "t.facts:7:8: error: metric 'sales' is declared twice"),
        ("metric m sideways \"x\"", "t.facts:7:10: error: 'sideways' is not a metric kind"),
        ("dimension segment \"again\"", "t.facts:7:11: error: dimension 'segment' is declared twice"),
        ("source zz \"S\"", "t.facts:7:8: error: unknown document 'zz'"),
    ])
    func malformedLinesNameFileLineAndColumn(_ line: String, _ expected: String) {
        let (_, problems) = load(line)
        #expect(problems.first?.hasPrefix(expected) ?? false, "\(problems)")
    }

    @Test func stopsReadingAfterTheLimit() {
        var loader = FactLoader()
        loader.read(name: "junk.facts", text: String(repeating: "nonsense line\n", count: 500))
        _ = loader.finish()
        #expect(loader.problems.count == Limits.factProblems)
        #expect(loader.unreadLines == 500 - Limits.factProblems)
        #expect(loader.unreported == "stopped after 50 problems: 450 more lines were not read")
    }
}
