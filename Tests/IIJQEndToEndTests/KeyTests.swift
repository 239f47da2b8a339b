import Foundation
import Testing

/// The keys of common terminals, sent as each terminal sends them, in a pseudo-terminal
/// (issue #19, item 3: Ctrl-Left twice typed `5D5D` into the line).
///
/// Each case types a line, presses the keys, types `X` and Enter; the line the shell took (its
/// history entry) shows where the key left the cursor and what it deleted. No figures are shown.
@Suite(.serialized) struct KeyTests {
    /// A key as one terminal sends it.
    struct Key: Sendable, CustomStringConvertible {
        var name: String
        var sequence: String
        var description: String { name }
    }

    /// A line typed, the keys pressed after it, and the line the shell then holds with `X` typed.
    struct Case {
        var typed: String
        var keys: [String]
        var expected: String
    }

    /// What xterm (xterm-256color; also VTE, iTerm2, Windows Terminal) sends, keypad in normal mode.
    static let xterm = ["wordBack": "\u{1B}[1;5D", "wordForward": "\u{1B}[1;5C", "altWordBack": "\u{1B}[1;3D",
                        "altWordForward": "\u{1B}[1;3C", "home": "\u{1B}[H", "end": "\u{1B}[F",
                        "deleteWord": "\u{1B}[3;5~", "delete": "\u{1B}[3~", "pageUp": "\u{1B}[5~", "pageDown": "\u{1B}[6~"]
    /// What tmux and screen send (tmux-256color, screen-256color; PuTTY's Home and End too).
    static let tmux = xterm.merging(["home": "\u{1B}[1~", "end": "\u{1B}[4~"]) { $1 }
    /// What rxvt and urxvt send.
    static let rxvt = xterm.merging(["wordBack": "\u{1B}Od", "wordForward": "\u{1B}Oc", "altWordBack": "\u{1B}\u{1B}[D",
                                     "altWordForward": "\u{1B}\u{1B}[C", "home": "\u{1B}[7~", "end": "\u{1B}[8~",
                                     "deleteWord": "\u{1B}[3^"]) { $1 }

    /// Each key's case: distinct lines, so the history keeps every one.
    static func cases(_ keys: [String: String]) -> [(String, Case)] {
        let k = { (name: String) in keys[name]! }
        return [
            ("wordBack", Case(typed: "aaa bbb ccc", keys: [k("wordBack"), k("wordBack")], expected: "aaa Xbbb ccc")),
            ("wordForward", Case(typed: "ddd eee fff", keys: ["\u{01}", k("wordForward")], expected: "dddX eee fff")),
            ("altWordBack", Case(typed: "ggg hhh", keys: [k("altWordBack")], expected: "ggg Xhhh")),
            ("altWordForward", Case(typed: "iii jjj", keys: ["\u{01}", k("altWordForward")], expected: "iiiX jjj")),
            ("home", Case(typed: "kkk", keys: [k("home")], expected: "Xkkk")),
            ("end", Case(typed: "lll", keys: ["\u{01}", k("end")], expected: "lllX")),
            ("deleteWord", Case(typed: "mmm nnn", keys: ["\u{01}", k("deleteWord")], expected: "X nnn")),
            ("altD", Case(typed: "ooo ppp", keys: ["\u{01}", "\u{1B}d"], expected: "X ppp")),
            ("altBackspace", Case(typed: "qqq rrr", keys: ["\u{1B}\u{7F}"], expected: "qqq X")),
            ("delete", Case(typed: "stu", keys: ["\u{01}", k("delete")], expected: "Xtu")),
            ("pageUp", Case(typed: "vvv", keys: [k("pageUp")], expected: "vvvX")),
            ("pageDown", Case(typed: "www", keys: [k("pageDown")], expected: "wwwX")),
            // C-_ undoes the last change: a deleted word comes back, then a line cut with Ctrl-K
            // (the cursor where it was), then a run of typing goes as one step.
            ("undoDeletion", Case(typed: "xxx yyy", keys: ["\u{17}", "\u{1F}"], expected: "xxx yyyX")),
            ("undoKill", Case(typed: "abc def", keys: ["\u{01}", "\u{0B}", "\u{1F}"], expected: "Xabc def")),
            ("undoTyping", Case(typed: "zzz", keys: ["\u{1F}", "ghi"], expected: "ghiX")),
        ]
    }

    @Test(arguments: [("xterm-256color", xterm), ("tmux-256color", tmux), ("screen", tmux), ("rxvt-unicode", rxvt)])
    func keysOfTheTerminal(term: String, keys: [String: String]) throws {
        let t = try TerminalDriver(environment: ["TERM": term])
        let cases = KeyTests.cases(keys)
        for (_, c) in cases {
            try t.waitForPrompt()
            t.send(c.typed)
            try t.wait(for: String(c.typed.suffix(3)))
            t.send(c.keys.joined() + "X\r")
        }
        #expect(try t.quit() == 0)
        let entries = t.historyEntries ?? []
        for (name, c) in cases {
            #expect(entries.contains(c.expected), "\(term) \(name): the history holds \(entries)")
        }
        #expect(!t.screen.contains("5D") && !t.screen.contains("~X"), "\(term): a key typed part of its sequence")
    }

    /// vi mode (`bind -v`): Ctrl-L clears the screen and Ctrl-R searches in insert mode, as in emacs
    /// mode; Ctrl-Left from insert mode moves a word back instead of running `[1;5D` as commands.
    /// Figures: SI revenue 1Q24 32,243 ¥ mn (004, Ⅱ- 3. Revenues).
    @Test func viModeClearsSearchesAndMovesByWords() throws {
        let home = try Binary.temporaryDirectory()
        try "bind -v\n".write(to: home.appendingPathComponent("editrc"), atomically: true, encoding: .utf8)
        let t = try TerminalDriver(home: home, environment: ["TERM": "xterm-256color"])
        try t.waitForPrompt()
        t.send("abc")
        try t.wait(for: "abc")
        t.send("\u{0C}d\r")
        try t.enter("revenue{segment=si} @ 1Q24")
        try t.wait(for: "32.243")
        try t.enter("revenue @ 1Q24")
        try t.wait(for: "72.016")
        try t.waitForPrompt()
        t.send("\u{12}segm\r")
        try t.wait(for: "32.243")
        try t.waitForPrompt()
        t.send("aaa bbb ccc")
        try t.wait(for: "ccc")
        t.send(TerminalDriver.keys.ctrlLeft + TerminalDriver.keys.ctrlLeft + "iX\r")
        #expect(try t.quit() == 0)
        let entries = t.historyEntries ?? []
        #expect(entries.contains("abcd"), "Ctrl-L typed into the line: \(entries)")
        #expect(t.raw.count > 0 && String(decoding: t.raw, as: UTF8.self).contains("\u{1B}[2J"), "Ctrl-L did not clear the screen")
        #expect(TerminalDriver.count("32.243", in: t.screen) == 2, "Ctrl-R did not find the SI query")
        #expect(entries.contains("aaa Xbbb ccc"), "Ctrl-Left in vi insert mode: \(entries)")
    }

    /// After a character is deleted before a wide character, the cursor is drawn where input
    /// lands: `a 顧客 abc`, Alt-B, Alt-B, Ctrl-W leaves `顧客 abc` with the cursor before 顧, in the
    /// column just after the prompt; it was drawn one column right.
    @Test(arguments: ["\u{17}", "\u{7F}\u{7F}"])
    func cursorIsDrawnWhereInputLandsAfterWideCharacters(deletion: String) throws {
        let t = try TerminalDriver(environment: ["TERM": "xterm-256color"])
        try t.waitForPrompt()
        t.send("a 顧客 abc")
        try t.wait(for: "abc")
        t.send("\u{1B}b\u{1B}b")
        try t.wait(for: "cursor moves") { _ in t.lastLine.cursor == 8 }
        let before = t.raw.count
        t.send(deletion)
        try t.wait(for: "the deletion") { _ in t.raw.count > before && t.lastLine.text.hasPrefix("iijq> 顧客 abc") }
        t.drain()
        #expect(t.lastLine.text.hasPrefix("iijq> 顧客 abc"))
        #expect(t.lastLine.cursor == 6, "the cursor is drawn at column \(t.lastLine.cursor), input lands at 6")
        t.send("X\r")
        #expect(try t.quit() == 0)
        #expect(t.historyEntries?.first == "X顧客 abc")
    }
}
