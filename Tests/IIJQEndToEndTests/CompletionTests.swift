import Foundation
import Testing

/// Tab in the shell where it lists or quotes, driven through a pseudo-terminal (issue #19, item 6:
/// Tab on an empty line printed ~230 names without asking; file names with blanks completed to
/// something `.read` then rejected). Figures: 1Q24 revenue 72,016 ¥ mn (004, Ⅱ- 3. Revenues).
@Suite(.serialized) struct CompletionTests {
    /// More candidates than fit on the 24-row screen: the shell asks first; `n` lists nothing,
    /// `y` lists them.
    @Test func tabAsksBeforeListingMoreThanAScreenful() throws {
        let t = try TerminalDriver()
        try t.waitForPrompt()
        t.send("\t")
        try t.wait(for: "possibilities? (y or n) ")
        t.send("n")
        try t.waitForPrompt()
        #expect(!t.screen.contains("revenue"), "the list was shown after n")
        t.send("\t")
        try t.wait(for: "possibilities? (y or n) ")
        t.send("y")
        try t.wait(for: "revenue")
        try t.waitForPrompt()
        // A short list is shown at once.
        t.send(".h\t")
        try t.wait(for: ".history")
        t.send("elp\r")
        try t.wait(for: "Topics (.help TOPIC)")
        #expect(TerminalDriver.count("possibilities?", in: t.screen) == 2)
        #expect(try t.quit() == 0)
    }

    /// A file name with a blank completes escaped (`my\ script.iq`), or after an open quote
    /// quoted, and `.read` reads what Tab wrote.
    @Test func fileNamesWithBlanksCompleteSoReadFindsThem() throws {
        let t = try TerminalDriver()
        let folder = t.home.appendingPathComponent("q files")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "revenue @ 1Q24\n".write(to: folder.appendingPathComponent("my script.iq"), atomically: true, encoding: .utf8)
        let path = folder.path.replacingOccurrences(of: " ", with: "\\ ")
        try t.waitForPrompt()
        t.send(".read \(path)/my\t")
        try t.wait(for: "my\\ script.iq")
        t.send("\r")
        try t.wait(for: "72.016")
        try t.waitForPrompt()
        t.send(".read \"\(folder.path)/my\t")
        // libedit moves over the blank rather than write it: look at the line as drawn.
        try t.wait(for: "the quoted name") { _ in t.lastLine.text.hasSuffix("\"\(folder.path)/my script.iq") }
        t.send("\r")
        try t.wait(for: "72.016")
        #expect(try t.quit() == 0)
        #expect(!t.screen.contains("cannot"))
    }
}
