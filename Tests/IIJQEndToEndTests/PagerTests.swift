import Foundation
import Testing

/// A pager for results taller than the terminal (issue #19, item 6; psql's habit): `$PAGER`,
/// else `less -FRSX`; `.pager on|off`. Figures: 1Q24 revenue 72,016 ¥ mn (004, Ⅱ- 3. Revenues).
@Suite(.serialized) struct PagerTests {
    /// `metrics` (some 190 lines) goes through `$PAGER`; a one-line answer does not; `.pager off`
    /// prints it straight.
    @Test func tallResultsGoThroughThePager() throws {
        let t = try TerminalDriver(environment: ["PAGER": "sed 's/^/P:/'"])
        try t.enter("metrics")
        try t.wait(for: "P:")
        try t.enter("revenue @ 1Q24")
        try t.wait(for: "72.016")
        try t.enter(".pager off")
        try t.enter("metrics")
        try t.enter("revenue @ 1Q24")
        try t.wait(for: "72.016")
        #expect(try t.quit() == 0)
        let paged = t.screen.split(separator: "\n").filter { $0.hasPrefix("P:") }.count
        #expect(paged > 23, "\(paged) lines paged")
        #expect(!t.screen.contains("P:(¥ mn)"), "a short result was paged")
        let afterOff = t.screen.components(separatedBy: ".pager off").last ?? ""
        #expect(!afterOff.contains("P:"), "the pager ran after .pager off")
    }

    /// With no `$PAGER`, less shows a screenful and waits; `q` returns to the prompt.
    @Test func lessIsTheDefault() throws {
        let t = try TerminalDriver(environment: ["PAGER": ""])
        try t.enter("metrics")
        try t.wait(for: "metrics")
        Thread.sleep(forTimeInterval: 0.5)
        t.send("q")
        try t.enter("revenue @ 1Q24")
        try t.wait(for: "72.016")
        #expect(try t.quit() == 0)
    }
}
