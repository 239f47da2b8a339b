@testable import IIJQ
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
        // 004, Ⅱ- 3. Revenues: NW services 1Q24 39,058 (¥ mn), shown as 39.058 ¥ bn.
        #expect(runQuery("revenue @ 1Q24 by segment | top 99999999999").contains("39.058"))
        #expect(runQuery("revenue @ 1Q24 by segment | top " + String(repeating: "9", count: 30)).contains("39.058"))
        #expect(runQuery("revenue @ 1Q2000..4Q2199").contains("error: 1Q00..4Q2199 spans 800 periods; a range may span at most 400"))
    }

    @Test func aStatementOverTheSizeLimitIsRefusedWhole() {
        let out = runQuery(String(repeating: "revenue @ 1Q24; ", count: 70_000))
        #expect(out.hasPrefix("1:1: error: the statement is 1,120,000 bytes long, more than the 1,000,000 a statement may hold"))
        #expect(out.split(separator: "\n").filter { $0.hasPrefix("  ") }.allSatisfy { $0.count <= Limits.shownLineWidth + 2 })
    }

    @Test func aLongLineIsCutAroundTheCaret() {
        let out = runQuery(String(repeating: "1 + ", count: 200) + "nosuch + " + String(repeating: "1 + ", count: 200) + "1")
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "1:801: error: unknown metric 'nosuch'")
        #expect(lines[1].hasPrefix("  …") && lines[1].hasSuffix("…"))
        #expect(lines[1].count == Limits.shownLineWidth + 2)
        // The caret stands under the name it marks.
        let caret = lines[2].firstIndex(of: "^")!
        let column = lines[2].distance(from: lines[2].startIndex, to: caret)
        #expect(lines[1].dropFirst(column).hasPrefix("nosuch"))
        #expect(lines[2].filter { $0 == "^" }.count == 6)
    }

    @Test func controlCharactersAreShownAsSymbolsAndTheCaretLinesUp() {
        let out = runQuery("revenue\u{1B}[2J @ 1Q24")
        #expect(out == """
            1:8: error: unexpected character U+001B (a control character)
              revenue\u{241B}[2J @ 1Q24
                     ^
            """)
    }

    @Test func aRunawayStatementEndsAtTheSizeLimitAndReadingGoesOn() {
        var reader = StatementReader()
        var statements: [(text: String, firstLine: Int)] = []
        let line = "(" + String(repeating: "x", count: 999)
        for _ in 0..<2_500 { if let s = reader.add(line) { statements.append(s) } }
        #expect(statements.count == 2)
        #expect(statements.map(\.firstLine) == [1, 1_001])  // 1,001 bytes a line: the 1,000th passes 1,000,000
        #expect(reader.add(")").map(\.firstLine) == nil)
        #expect(reader.isContinuing)
        #expect(reader.flush()?.firstLine == 2_001)
    }

    /// 004, Ⅱ- 3. Revenues: 1Q24 72,016.
    @Test func aByteOrderMarkIsASpace() {
        #expect(runQuery("\u{FEFF}revenue @ 1Q24").contains("72.016"))
        #expect(runQuery("revenue\u{FEFF} @ 1Q24").contains("72.016"))
    }

    /// A result over the bound keeps whole rows and says what it cut. 004, Ⅱ- 3. Revenues:
    /// 1Q24 NW 39,058, SI 32,243, ATM 715; 1Q23 NW 36,354, SI 24,341, ATM 725.
    @Test func aResultOverTheBoundKeepsWholeRowsAndSaysWhatWasCut() throws {
        let session = Session(base: sharedBase)
        let parsed = try #require(Parser.parse(Source(name: "", text: "revenue @ 1Q23, 1Q24 by segment")).first)
        guard case .query(let q) = try parsed.get().kind else { Issue.record("not a query"); return }
        let frame = try session.evaluate(q)
        let cut = frame.limited(to: 5)
        #expect(cut.cells.count == 4)
        #expect(Set(cut.cells.map(\.key)).count == 2)
        #expect(cut.notes.last == "the result has 6 cells, more than the 5 a result may hold: only the first 2 of 3 rows (4 cells) are kept; ask for fewer periods or rows")
        #expect(frame.limited(to: 1).cells.count == 1)
        #expect(frame.limited(to: 6).notes == frame.notes)
    }
}

/// Evaluation is bounded in time: each node is evaluated once per context, and a statement
/// stops at `Limits.evaluationSeconds` in every mode.
@Suite struct EvaluationBoundTests {
    /// Each function used to evaluate its argument twice (now and a period before), so forty
    /// nested `diff`s took hours. 1Q24 revenue 72,016 (¥ mn) — 004, Ⅱ- 3. Revenues — minus itself, 40 times.
    @Test func nestedFunctionsAreEvaluatedOncePerContext() {
        var query = "revenue"
        for _ in 0..<40 { query = "diff(\(query), 0q)" }
        let out = runQuery(query + " @ 1Q24")
        #expect(out.hasSuffix(" 0.000"), "\(out.suffix(200))")
        var growth = "revenue"
        for _ in 0..<40 { growth = "yoy(\(growth))" }
        #expect(runQuery(growth + " @ 1Q24").contains("needs the prior period"))
    }

    /// A statement that outlives the limit stops with an error that names it (here the limit is zero).
    @Test func aStatementPastTheTimeLimitStops() {
        var session = Session(base: sharedBase)
        session.evaluationLimit = .zero
        let out = runQuery("revenue @ 1Q24", in: &session)
        #expect(out.contains("error: the statement ran longer than its limit of \(Limits.evaluationSeconds) seconds"), "\(out)")
    }

    /// Forty thousand definitions: each `let` used to copy all the ones before it (13.6 s).
    @Test func manyDefinitions() {
        var session = Session(base: sharedBase)
        for chunk in stride(from: 0, to: 40_000, by: 1_000) {
            let script = (chunk..<chunk + 1_000).map { "let d\($0) = revenue + \($0)" }.joined(separator: "\n")
            #expect(runQuery(script, in: &session).isEmpty)
        }
        // 1Q24 revenue 72,016 (¥ mn) — 004, Ⅱ- 3. Revenues — plus 39,999, shown in ¥ bn.
        #expect(runQuery("d39999 @ 1Q24", in: &session).contains("112.015"))
        #expect(session.userDefinitions.count == 40_000)
    }
}

/// A half or year rolled up from quarters adds them with the same checks as `sum`, and the
/// quarters of one metric are one kind of quantity.
@Suite struct RollUpTests {
    @Test func aQuarterThatCannotBeAddedIsAnErrorNotLeftOut() {
        let nines = String(repeating: "9", count: 38)
        let facts = """
            metric m flow "M"
            source 004 "test"
            m @ 1Q30 = \(nines) yen "a"
            m @ 2Q30 = \(nines) yen "b"
            m @ 3Q30 = 1 yen "c"
            m @ 4Q30 = 1 yen "d"
            """
        let (base, problems, _) = FactBase.load(extra: [("big.facts", facts)])
        #expect(problems.isEmpty)
        let out = runQuery("m @ FY30", base: base)
        #expect(out.contains("error: number out of range: the result exceeds 38 digits"), "\(out)")
        #expect(!out.contains("sum of its published quarters"))
        #expect(out == runQuery("sum(m @ 1Q30..4Q30)", base: base).replacingOccurrences(of: "sum(m @ 1Q30..4Q30)\n  ^^^^^^^^^^^^^^^^^^^", with: "m @ FY30\n  ^"))
    }

    /// The loader refuses a quarter in another kind of unit, which no roll-up could add.
    @Test func aQuarterInAnotherKindOfUnitIsRefusedByTheLoader() {
        let facts = """
            metric m flow "M"
            source 004 "test"
            m @ 1Q30 = 5 yen_mn "a"
            m @ 2Q30 = 7 persons "b"
            m @ 3Q30 = 1 yen_bn "c"
            m @ 4Q30 = 1 yen_mn "d"
            """
        let (base, problems, _) = FactBase.load(extra: [("mixed.facts", facts)])
        #expect(problems.map(\.diagnostic.message) == ["m is recorded in ¥ mn at mixed.facts:3; persons is another kind of quantity"])
        #expect(base.facts(of: "m").count == 3)
    }
}
