import Foundation
import IIJQ
import Testing

/// `.facts` you can stop and redo (issue #19, item 7: Ctrl-C during a big load was ignored; a
/// file loaded again failed on its own declarations and kept its old values; the banner called a
/// user's facts IIJ's; "1 facts added"). Figures: 1Q24 revenue 72,016 ¥ mn (004, Ⅱ- 3. Revenues).
@Suite(.serialized) struct FactsCommandTests {
    /// A synthetic file of 112,000 facts takes seconds to load: the shell shows its progress,
    /// Ctrl-C stops the load, and the session goes on with the facts it had.
    @Test func ctrlCCancelsALoadAndTheFactsStayAsTheyWere() throws {
        let t = try TerminalDriver()
        let big = t.home.appendingPathComponent("big.facts")
        try Synthetic.facts(regions: 1400, years: 20).write(to: big, atomically: true, encoding: .utf8)
        try t.enter(".facts \(big.path)")
        try t.wait(for: "Ctrl-C cancels", timeout: 30)
        t.send(TerminalDriver.keys.ctrlC)
        try t.wait(for: "cancelled by Ctrl-C; the facts are as they were")
        try t.enter("revenue @ 1Q24")
        try t.wait(for: "72.016")
        try t.enter("sales{region=r1} @ 1Q2000")
        try t.wait(for: "unknown metric 'sales'")
        #expect(try t.quit() == 0)
        #expect(!t.screen.contains("facts added"))
    }

    /// A file loaded again replaces the facts it gave (no "declared twice" on its own
    /// declarations); the banner counts the user's facts apart, in the singular for one.
    @Test func aFileLoadedAgainReplacesItsFacts() throws {
        let home = try Binary.temporaryDirectory()
        let mine = home.appendingPathComponent("mine.facts")
        let one = Synthetic.facts(regions: 1, years: 1).split(separator: "\n").prefix(6).joined(separator: "\n") + "\n"
        try one.write(to: mine, atomically: true, encoding: .utf8)
        let t = try TerminalDriver(arguments: ["--facts", mine.path], home: home)
        let banner = try t.wait(for: ".help for help")
        #expect(banner.contains(" facts from IIJ's published results + 1 fact of yours from \(mine.path)"))
        #expect(banner.contains("\(Dec(embeddedFactCount).formatted()) facts from IIJ's"))
        try (one + "sales{region=r0} @ 2Q2000 = 7 yen_mn \"Sales\"\n").write(to: mine, atomically: true, encoding: .utf8)
        try t.enter(".facts \(mine.path)")
        try t.wait(for: "again: its 1 fact replaced by 2 facts")
        try t.enter("sales{region=r0} @ 2Q2000")
        try t.wait(for: "7")
        #expect(try t.quit() == 0)
        #expect(!t.screen.contains("declared twice"))
    }
}
