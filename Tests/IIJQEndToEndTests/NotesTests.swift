import Foundation
import Testing

/// Notes that serve the answer (issue #19, item 2: a stock's dates note took 3–5 lines broken
/// mid-token; per-cell gaps buried a one-cell answer). Figures: employees FY16–FY24, 3,104 to
/// 5,221 persons (000, Ⅱ-1 and 004, Ⅱ- 11. Employees); FY23-end subscriptions by type, 2,350,
/// 1,186 and 1,274 thousand (004, Ⅳ- 1. Mobile and IoT).
@Suite(.serialized) struct NotesTests {
    /// At 80 columns `employees @ FY16..FY24` answers with at most one note line, which fits.
    @Test func aStockAnswersWithOneNoteLineAt80Columns() throws {
        let t = try TerminalDriver(columns: 80)
        try t.enter("employees @ FY16..FY24")
        try t.wait(for: "5,221")
        try t.waitForPrompt()
        let after = t.screen.components(separatedBy: "5,221\n").last ?? ""
        let lines = after.split(separator: "\n").filter { !$0.hasPrefix("iijq> ") }
        #expect(lines.count <= 1, "\(lines)")
        #expect(lines.allSatisfy { $0.count <= 80 && $0.hasSuffix("(.why for details)") }, "\(lines)")
        t.send(".quit\r")
        #expect(try t.exitStatus() == 0)
    }

    /// `.why` gives the notes whole, wrapped at the width at spaces; a note of cells says how
    /// many; `.notes on` wraps every note, `.notes off` shows none.
    @Test func whyNotesOnAndOff() throws {
        let t = try TerminalDriver(columns: 80)
        try t.enter("subscriptions @ FY20..FY24 by type")
        try t.wait(for: "– marks 12 cells not in the fact base (.why for details)")
        try t.enter(".why")
        try t.wait(for: "and 8 more")
        try t.enter(".notes on")
        try t.enter("employees @ FY16..FY24")
        try t.wait(for: "(2025-03-31)")
        try t.enter(".notes off")
        try t.enter("employees @ FY20..FY21")
        try t.wait(for: "4,147")
        #expect(try t.quit() == 0)
        let screen = t.screen
        let lines = screen.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 }, "a line is wider than the terminal")
        // Wrapped at a space: a date or a cell address is never split across lines.
        #expect(screen.contains("  (2017-03-31) … FY24 → FY24-end (2025-03-31)") || screen.contains("FY16-end (2017-03-31)"))
        #expect(!lines.contains { $0.hasSuffix("(2019-03-") || $0.hasSuffix("segment=") })
        #expect(TerminalDriver.count("note: employees is a stock", in: screen) == 1, "notes were shown with .notes off")
    }
}
