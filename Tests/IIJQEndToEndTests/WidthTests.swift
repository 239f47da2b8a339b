import Foundation
import Testing

/// Width everywhere (issue #19, build item 4): results follow the terminal's width, asked again
/// for each statement and command, so a resized window re-lays out the next answer.
/// Figures: revenue by segment 1Q23–1Q24, ¥ mn (004, Ⅱ- 3. Revenues).
@Suite(.serialized) struct WidthTests {
    /// At 100 columns the sparkline table is whole; resized to 50 its oldest periods give way and
    /// no line is wider than the terminal; `.help charts` follows too.
    @Test func aResizeReLaysOutTheNextAnswer() throws {
        let t = try TerminalDriver(columns: 100)
        try t.enter(".pager off")
        try t.enter("revenue @ 1Q23..1Q24 by segment | spark")
        try t.wait(for: "1Q23    2Q23    3Q23    4Q23    1Q24  trend")
        try t.resize(columns: 50)
        try t.enter("revenue @ 1Q23..1Q24 by segment | spark")
        let narrow = try t.wait(for: "4Q23    1Q24  trend 1Q23..1Q24")
        try t.enter(".help charts")
        // The help's examples hold prompts of their own: the prompt after it is waited for by text.
        let help = try t.wait(for: "NO_COLOR set.\niijq> ")
        for text in [narrow.components(separatedBy: "trend 1Q23..1Q24").last!, help.components(separatedBy: ".help charts").last!] {
            let wide = text.split(separator: "\n").filter { $0.count > 50 && !$0.hasPrefix("iijq> ") }
            #expect(wide.isEmpty, "lines wider than 50 columns: \(wide)")
        }
        t.send(".quit\r")
        #expect(try t.exitStatus() == 0)
    }
}
