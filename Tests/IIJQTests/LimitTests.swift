import IIJQ
import Testing

/// Oversized input ends in a clear error, never a crash.
@Suite struct LimitTests {
    @Test func longOperandChain() {
        let out = runQuery(Array(repeating: "1", count: 5000).joined(separator: " + "))
        #expect(out.hasPrefix("1:"))
        #expect(out.contains("error: the statement has more than 1000 operands"))
    }

    @Test func deepNesting() {
        let out = runQuery(String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000))
        #expect(out.contains("error: the expression nests more than 200 levels deep"))
    }

    @Test func deepUnaryMinus() {
        let out = runQuery(String(repeating: "- ", count: 10_000) + "1")
        #expect(out.contains("error:"))
    }

    @Test func controlAndInvalidBytes() {
        #expect(runQuery("revenue \u{0} @ 1Q24").contains("error: unexpected character U+0000 (a control character)"))
        #expect(runQuery("revenue \u{FFFD} @ 1Q24").contains("not valid UTF-8"))
    }

    @Test func hugeTopAndLongRange() {
        // 004, Ⅱ- 3. Revenues: NW services 1Q24 39,058 (¥ mn).
        #expect(runQuery("revenue @ 1Q24 by segment | top 99999999999").contains("39,058"))
        #expect(runQuery("revenue @ 1Q24 by segment | top " + String(repeating: "9", count: 30)).contains("39,058"))
        #expect(runQuery("revenue @ 1Q2000..4Q2199").contains("error: 1Q00..4Q2199 spans 800 periods; a range may span at most 400"))
    }
}
