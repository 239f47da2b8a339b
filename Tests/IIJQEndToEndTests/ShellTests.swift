import Foundation
import Testing

/// The interactive shell, driven through a pseudo-terminal as a user would type.
/// Figures: 1Q24 revenue 72,016 ¥ mn and SI revenue 32,243 ¥ mn (004, Ⅱ- 3. Revenues);
/// FY24 revenue 3,168.3 億円 (000, Ⅲ-1. FY2024 決算概要).
@Suite(.serialized) struct ShellTests {
    typealias Keys = TerminalDriver

    @Test func answersAQuery() throws {
        let t = try TerminalDriver()
        try t.enter("revenue @ 1Q24")
        try t.wait(for: "72.016")
        #expect(try t.quit() == 0)
    }

    /// Other shells' habits: `help`, `\\d NAME`, `\\x` and `quit` typed alone mean what they mean there (issue #19, item 6).
    @Test func peersWordsAreUnderstood() throws {
        let t = try TerminalDriver()
        try t.enter("help")
        try t.wait(for: "Topics (.help TOPIC)")
        try t.enter("\\d subscriptions")
        try t.wait(for: "Mobile subscriptions")
        try t.enter("\\x")
        try t.wait(for: "expanded: on")
        try t.enter("revenue @ 1Q24")
        try t.wait(for: "-[ row 1 ]-")
        try t.enter("quit")
        #expect(try t.exitStatus() == 0)
    }

    @Test func bannerCountsTheFacts() throws {
        let t = try TerminalDriver(arguments: [])
        let screen = try t.wait(for: ".help for help")
        #expect(screen.contains(" facts from IIJ's published results"))
        try t.waitForPrompt()
        t.send(Keys.keys.ctrlD)
        #expect(try t.exitStatus() == 0)
    }

    @Test func upArrowRecallsStatementsAndMultiLineOnesWhole() throws {
        let t = try TerminalDriver()
        try t.enter("revenue @ 1Q24")
        try t.wait(for: "72.016")
        try t.enter(Keys.keys.up)
        try t.wait(for: "72.016")
        try t.enter("revenue{segment=")
        try t.wait(for: "  ...> ")
        t.send("si} @ 1Q24\r")
        try t.wait(for: "32.243")
        try t.enter(Keys.keys.up)
        try t.wait(for: "32.243")
        #expect(try t.quit() == 0)
        #expect(t.historyEntries?.contains("revenue{segment=\nsi} @ 1Q24") == true)
    }

    @Test func tabCompletesMetricsDimensionsMembersAndPeriods() throws {
        let t = try TerminalDriver()
        try t.waitForPrompt()
        t.send("reve\t")
        try t.wait(for: "nue")
        t.send(" @ 1Q24\r")
        try t.wait(for: "72.016")

        try t.waitForPrompt()
        t.send("revenue{seg\t")
        try t.wait(for: "ment")
        t.send("=\t")
        let listed = try t.wait(for: "nw_services")
        #expect(listed.split(separator: "\n").contains { $0.contains("atm") && $0.contains("nw_services") && $0.contains("si") })
        t.send("si} @ 1Q2\t")
        let periods = try t.wait(for: "1Q24")
        #expect(periods.split(separator: "\n").contains { $0.contains("1Q23") && $0.contains("1Q24") })
        t.send("4\r")
        try t.wait(for: "32.243")
        #expect(try t.quit() == 0)
    }

    @Test func ctrlCDiscardsTheLineAndTheShellGoesOn() throws {
        let t = try TerminalDriver()
        try t.waitForPrompt()
        t.send("revenue @ 1Q")
        try t.wait(for: "1Q")
        t.send(Keys.keys.ctrlC)
        try t.wait(for: "^C")
        try t.enter("revenue @ 1Q24")
        try t.wait(for: "72.016")
        try t.enter(".exit")
        #expect(try t.exitStatus() == 0)
        #expect(t.historyEntries == ["revenue @ 1Q24", ".exit"])
    }

    @Test func ctrlRSearchesTheHistory() throws {
        let t = try TerminalDriver()
        try t.enter("revenue{segment=si} @ 1Q24")
        try t.wait(for: "32.243")
        try t.enter("revenue @ 1Q24")
        try t.wait(for: "72.016")
        try t.waitForPrompt()
        // The search line is redrawn piecemeal, so check the answer rather than the echo.
        t.send(Keys.keys.ctrlR + "segm\r")
        try t.wait(for: "32.243")
        #expect(try t.quit() == 0)
    }

    @Test func japaneseIsTypedMovedThroughAndEdited() throws {
        let t = try TerminalDriver()
        try t.waitForPrompt()
        // Type 売収益, move back over two wide characters, insert 上, go to the end and finish.
        t.send("売収益")
        try t.wait(for: "益")
        t.send(Keys.keys.left + Keys.keys.left)
        t.send("上" + Keys.keys.end + " @ FY24\r")
        try t.wait(for: "316.83")
        #expect(try t.quit() == 0)
        #expect(t.historyEntries?.first == "売上収益 @ FY24")
    }

    @Test func historyPersistsIsPrivateAndSurvivesSIGTERM() throws {
        let home = try Binary.temporaryDirectory()
        do {
            let t = try TerminalDriver(home: home)
            try t.enter("revenue @ 1Q24")
            try t.wait(for: "72.016")
            #expect(try t.quit() == 0)
        }
        let path = home.appendingPathComponent("state/iijq/history").path
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let t = try TerminalDriver(home: home)
        try t.enter(Keys.keys.up + Keys.keys.up)
        try t.wait(for: "72.016")
        try t.enter("revenue{segment=si} @ 1Q24")
        try t.wait(for: "32.243")
        try t.enter("revenue @ FY24")
        try t.wait(for: "316.83")
        try t.waitForPrompt()
        kill(t.pid, SIGTERM)
        #expect(try t.exitStatus() == 128 + SIGTERM)
        #expect(t.historyEntries == ["revenue @ 1Q24", ".quit", "revenue @ 1Q24", "revenue{segment=si} @ 1Q24", "revenue @ FY24"])
    }

    /// Whichever way the shell ends, every line typed is in the history file: SIGHUP (the
    /// terminal closed) and Ctrl-D as well as SIGTERM and .quit above.
    /// 004, Ⅱ- 3. Revenues: 1Q24 72,016; SI 32,243.
    @Test(arguments: ["SIGHUP", "Ctrl-D"])
    func historySurvives(_ ending: String) throws {
        let t = try TerminalDriver()
        try t.enter("revenue @ 1Q24")
        try t.wait(for: "72.016")
        try t.enter("revenue{segment=si} @ 1Q24")
        try t.wait(for: "32.243")
        try t.enter("let x = revenue")
        try t.waitForPrompt()
        if ending == "SIGHUP" {
            kill(t.pid, SIGHUP)
            #expect(try t.exitStatus() == 128 + SIGHUP)
        } else {
            t.send(Keys.keys.ctrlD)
            #expect(try t.exitStatus() == 0)
        }
        #expect(t.historyEntries == ["revenue @ 1Q24", "revenue{segment=si} @ 1Q24", "let x = revenue"])
    }

    /// Ctrl-C stops a long statement (a 400-operand sum over 16,000 synthetic facts, which would
    /// run for minutes) and the shell goes on (004, Ⅱ- 3. Revenues: 1Q24 72,016). How fast it stops is measured, not asserted, by
    /// scripts/ctrl-c-latency.py.
    @Test func ctrlCCancelsALongStatement() throws {
        let home = try Binary.temporaryDirectory()
        let facts = home.appendingPathComponent("synthetic.facts")
        try Synthetic.facts(regions: 20, years: 200).write(to: facts, atomically: true, encoding: .utf8)
        let t = try TerminalDriver(arguments: ["-q", "--facts", facts.path], home: home)
        try t.enter(Array(repeating: "sales", count: 400).joined(separator: " + ") + " by region")
        usleep(300_000)
        t.send(Keys.keys.ctrlC)
        try t.wait(for: "cancelled by Ctrl-C")
        try t.enter("revenue @ 1Q24")
        try t.wait(for: "72.016")
    }

    @Test func modeReadOutputAndQuit() throws {
        let t = try TerminalDriver()
        let script = t.home.appendingPathComponent("q.iq")
        try "-- SI revenue\nrevenue{segment=si} @ 1Q24\n.mode table\n".write(to: script, atomically: true, encoding: .utf8)
        let output = t.home.appendingPathComponent("out.csv")
        try t.enter(".mode csv")
        try t.enter("revenue @ 1Q24")
        try t.wait(for: "revenue,1Q24,72.016,,¥ bn,actual")
        try t.enter(".read \(script.path)")
        try t.wait(for: "32243")
        try t.enter(".output \(output.path)")
        try t.enter("revenue @ FY24")
        try t.enter(".output")
        #expect(try t.quit() == 0)
        let written = try String(contentsOf: output, encoding: .utf8)
        #expect(written.contains("316.83"))
        #expect(!t.screen.contains("316.83"))
    }

    @Test func unknownCommandsSuggestTheClosest() throws {
        let t = try TerminalDriver()
        try t.enter(".hlep")
        try t.wait(for: "did you mean '.help'?")
        #expect(try t.quit() == 0)
    }

    @Test func errorsAreRedUnlessNoColor() throws {
        let coloured = try TerminalDriver()
        try coloured.enter("revenu @ 1Q24")
        try coloured.wait(for: "did you mean")
        #expect(String(decoding: coloured.raw, as: UTF8.self).contains("\u{1B}[1;31merror:"))

        let plain = try TerminalDriver(environment: ["NO_COLOR": "1"])
        try plain.enter("revenu @ 1Q24")
        try plain.wait(for: "did you mean")
        #expect(!String(decoding: plain.raw, as: UTF8.self).contains("\u{1B}[1;31m"))
    }

    @Test func wideTablesTurnIntoRecords() throws {
        let t = try TerminalDriver(columns: 40)
        try t.enter("revenue @ FY16..FY24 by segment")
        let screen = try t.wait(for: "-[ row 3 ]-")
        #expect(screen.contains("-[ row 1 ]-"))
    }

    @Test func initScriptRunsFirst() throws {
        let home = try Binary.temporaryDirectory()
        let config = home.appendingPathComponent("config/iijq")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "let si_revenue = revenue{segment=si}\n".write(to: config.appendingPathComponent("init.iq"), atomically: true, encoding: .utf8)
        let t = try TerminalDriver(home: home)
        try t.enter("si_revenue @ 1Q24")
        try t.wait(for: "32.243")
    }

    @Test func aHistoryFileThatIsNotHistoryIsLeftAlone() throws {
        let home = try Binary.temporaryDirectory()
        let dir = home.appendingPathComponent("state/iijq")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("history")
        try "my notes, not a history\n".write(to: file, atomically: true, encoding: .utf8)
        let t = try TerminalDriver(home: home)
        try t.wait(for: "is not a libedit history file")
        try t.enter("revenue @ 1Q24")
        try t.wait(for: "72.016")
        #expect(try t.quit() == 0)
        #expect(try String(contentsOf: file, encoding: .utf8) == "my notes, not a history\n")
        #expect(TerminalDriver.count("warning:", in: t.screen) == 1)
    }

    @Test func editrcSwitchesToViMode() throws {
        let home = try Binary.temporaryDirectory()
        try "bind -v\n".write(to: home.appendingPathComponent("editrc"), atomically: true, encoding: .utf8)
        let t = try TerminalDriver(home: home)
        try t.waitForPrompt()
        // vi: Escape to command mode, `a` appends after the cursor; Tab still completes.
        t.send("reve\t")
        try t.wait(for: "nue")
        t.send(" @ 1Q2\u{1B}")
        t.send("a4\r")
        try t.wait(for: "72.016")
    }

    @Test func factsHistoryAndHelpCommands() throws {
        let t = try TerminalDriver()
        let facts = t.home.appendingPathComponent("extra.facts")
        try """
            document x file="analyst.txt" title="An analyst's own figures"
            source x "Model"
            metric model_revenue flow "Revenue in my model"
            model_revenue @ FY25 = 350.0 yen_bn "my estimate"
            """.write(to: facts, atomically: true, encoding: .utf8)
        try t.enter(".facts \(facts.path)")
        try t.wait(for: "1 fact added")
        try t.enter("model_revenue @ FY25")
        try t.wait(for: "350.0")
        try t.enter(".history")
        let listed = try t.wait(for: "3  .history")
        #expect(listed.contains("2  model_revenue @ FY25"))
        try t.enter(".help periods")
        try t.wait(for: "2024-04-01")
        try t.enter(".help nope")
        try t.wait(for: "no help topic 'nope'")
    }

    @Test func ctrlCStopsALongScriptAndTheShellGoesOn() throws {
        let t = try TerminalDriver()
        let script = t.home.appendingPathComponent("long.iq")
        try String(repeating: "let a = revenue\n", count: 1_000_000).write(to: script, atomically: true, encoding: .utf8)
        try t.enter(".read \(script.path)")
        usleep(300_000)
        t.send(Keys.keys.ctrlC)
        try t.wait(for: "interrupted: stopped reading")
        try t.enter("revenue @ 1Q24")
        try t.wait(for: "72.016")
    }
}

/// The guided tour, driven from lesson 1 to the end with answers written differently from the
/// lessons' own, after one wrong try that earns a hint; `.tour N` resumes.
@Suite(.serialized) struct TourShellTests {
    @Test func theTourCanBeCompletedFromLessonOneToTheEnd() throws {
        let t = try TerminalDriver()
        try t.enter(".tour")
        try t.wait(for: "Lesson 1 of 9 · Facts and metrics")
        try t.enter("revenue @ 1Q24")
        let wrong = try t.wait(for: "hint: A query is METRIC @ PERIOD")
        #expect(wrong.contains("✗ Not quite: the shape is right but the numbers differ"))
        let answers = [
            "営業利益 @ 1Q24", "revenue{segment in [nw_services]} @ 1Q24", "employees @ FY23",
            "revenue @ 1Q23, 2Q23, 3Q23, 4Q23, 1Q24 by segment", "yoy(revenue) @ 1Q24 by segment | sort desc",
            "営業利益 / 売上収益 @ FY24", "operating_profit @ FY24 vs target", "revenue{segment=si} @ 1Q24 | cite",
            "personnel_costs / lag(personnel_costs, 1y) - 1 @ 1Q23..1Q24",
        ]
        for (i, answer) in answers.enumerated() {
            try t.enter(answer)
            try t.wait(for: "lesson \(i + 1) right") { TerminalDriver.count("✓ Right.", in: $0) >= i + 1 }
        }
        try t.wait(for: "the end of the tour") { $0.contains("That was the last lesson") }
        #expect(try t.quit() == 0)
        let progress = try String(contentsOf: t.home.appendingPathComponent("state/iijq/tour"), encoding: .utf8)
        #expect(progress == "10\n")
    }

    @Test func theTourResumesWhereItWasLeft() throws {
        let t = try TerminalDriver()
        try t.enter(".tour 4")
        try t.wait(for: "Lesson 4 of 9 · Breakdowns and pivots")
        try t.enter(".tour hint")
        try t.wait(for: "hint: Give a range after @")
        try t.enter(".tour off")
        try t.wait(for: "Tour paused at lesson 4")
        try t.enter(".tour")
        try t.wait(for: "Lesson 4 of 9")
        #expect(try t.quit() == 0)
    }
}

/// Synthetic fact files for tests that need many facts.
enum Synthetic {
    /// One flow metric, `sales`, by `region`, every quarter from FY2000 for `years` years.
    static func facts(regions: Int, years: Int) -> String {
        var lines = ["document syn file=\"synthetic.txt\" title=\"synthetic\"", "source syn \"synthetic\"", "dimension region \"Region\""]
        for r in 0..<regions { lines.append("member region r\(r) \"R\(r)\"") }
        lines.append("metric sales flow \"Sales\" dims=region")
        for y in 0..<years {
            for q in 1...4 {
                for r in 0..<regions { lines.append("sales{region=r\(r)} @ \(q)Q\(2000 + y) = \(r * 10 + q) yen_mn \"Sales\"") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
