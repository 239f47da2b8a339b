import Foundation
import Testing

/// Small things of the shell (issue #19, list 11): `.read` shows each statement before its
/// result, so a script's results are labelled; `.timer on` does not time a comment line.
/// Figures: SI revenue 1Q24 32,243 ¥ mn, ATM 715 ¥ mn (004, Ⅱ- 3. Revenues).
@Suite(.serialized) struct ScriptEchoTests {
    @Test func readEchoesStatementsAndTheTimerSkipsComments() throws {
        let t = try TerminalDriver()
        let script = t.home.appendingPathComponent("q.iq")
        try "-- SI revenue\nrevenue{segment=si} @ 1Q24\nrevenue{segment=\n  atm} @ 1Q24\n".write(to: script, atomically: true, encoding: .utf8)
        try t.enter(".timer on")
        try t.enter("-- a comment alone")
        try t.enter(".read \(script.path)")
        try t.wait(for: "715")
        #expect(try t.quit() == 0)
        let screen = t.screen
        #expect(screen.contains("q.iq:2> revenue{segment=si} @ 1Q24\n(¥ bn)"), "\(screen)")
        #expect(screen.contains("q.iq:3> revenue{segment=\n      atm} @ 1Q24\n"), "\(screen)")
        #expect(TerminalDriver.count("time: ", in: screen) == 2, "a comment was timed: \(screen)")
    }
}
