import Foundation
import Testing

/// The history file under faults (issue 17): a full disk, two shells at once, a bad
/// `IIJQ_HISTORY_SIZE`, and the cost of a statement with a long history.
@Suite struct HistoryFaultTests {
    /// A history file of `count` entries `q1`…`qN` in `home`'s state directory; its bytes.
    static func plantHistory(in home: URL, count: Int) throws -> Data {
        let dir = home.appendingPathComponent("state/iijq")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let text = "_HiStOrY_V2_\n" + (1...count).map { "revenue\\040@\\0401Q24\\040+\\040\($0)\n" }.joined()
        try text.write(to: dir.appendingPathComponent("history"), atomically: true, encoding: .utf8)
        return Data(text.utf8)
    }

    /// A full disk, simulated by a 2 KB file-size limit (`ulimit -f 4`) with SIGXFSZ ignored, so
    /// a write past it fails with EFBIG: the 700-entry file is kept byte for byte and the shell
    /// says once that this session's history is not saved.
    @Test func aFullDiskKeepsTheOldFileAndWarns() throws {
        let home = try Binary.temporaryDirectory()
        let before = try Self.plantHistory(in: home, count: 700)
        let t = try TerminalDriver(home: home, wrapper: ["/bin/sh", "-c", "ulimit -f 4; trap '' XFSZ; exec \"$@\"", "sh"])
        try t.enter("revenue @ 1Q24")
        try t.wait(for: "this session's history is not saved")
        try t.enter("revenue @ FY24")
        try t.wait(for: "316.83")
        #expect(try t.quit() == 0)
        #expect(TerminalDriver.count("warning: history file", in: t.screen) == 1)
        #expect(try Data(contentsOf: home.appendingPathComponent("state/iijq/history")) == before)
    }

    /// Two shells typing at once both keep every line: appends are locked, nothing is merged
    /// away. Each pastes 60 distinct statements.
    @Test func twoShellsAtOnceLoseNothing() throws {
        let home = try Binary.temporaryDirectory()
        _ = try Self.plantHistory(in: home, count: 300)
        let a = try TerminalDriver(home: home), b = try TerminalDriver(home: home)
        try a.waitForPrompt()
        try b.waitForPrompt()
        let lines = (a: (1...60).map { "1 + \($0)" }, b: (1...60).map { "2 + \($0)" })
        a.send(lines.a.joined(separator: "\r") + "\r")
        b.send(lines.b.joined(separator: "\r") + "\r")
        // The last result's row, not the echo of the pasted lines (which runs "2 + 6", "2 + 7" together).
        func answered(_ row: String, _ value: String) -> (String) -> Bool {
            { $0.split(separator: "\n").contains { $0.hasPrefix(row + " ") && $0.hasSuffix(" " + value) } }
        }
        try a.wait(for: "1 + 60", timeout: 120, until: answered("1 + 60", "61"))
        try b.wait(for: "2 + 60", timeout: 120, until: answered("2 + 60", "62"))
        // Ctrl-D only once each editor reads keys again: sent while the terminal is still in
        // cooked mode (a loaded machine), it is lost, and the shell waits for another.
        for t in [a, b] { _ = try t.wait(for: "the prompt after the last answer", timeout: 60) { $0.hasSuffix("iijq> ") && t.isRaw } }
        a.send(TerminalDriver.keys.ctrlD)
        b.send(TerminalDriver.keys.ctrlD)
        #expect(try a.exitStatus(timeout: 60) == 0)
        #expect(try b.exitStatus(timeout: 60) == 0)
        let entries = try #require(a.historyEntries)
        #expect(entries.count == 420)
        #expect(Set(entries).isSuperset(of: lines.a + lines.b))
    }

    /// `IIJQ_HISTORY_SIZE=0` keeps no history file: the shared file is neither read nor written.
    /// `-1` and `lots` are warned about and the default kept; neither trims the file.
    @Test(arguments: ["0", "-1", "lots"])
    func aBadOrZeroHistorySizeNeverTrimsTheFile(_ size: String) throws {
        let home = try Binary.temporaryDirectory()
        let before = try Self.plantHistory(in: home, count: 200)
        let t = try TerminalDriver(home: home, environment: ["IIJQ_HISTORY_SIZE": size])
        try t.enter("revenue @ 1Q24")
        try t.wait(for: "72.016")
        #expect(try t.quit() == 0)
        let after = try #require(t.historyEntries)
        let warned = t.screen.contains("warning: IIJQ_HISTORY_SIZE=\(size) is not a number of entries")
        if size == "0" {
            #expect(try Data(contentsOf: home.appendingPathComponent("state/iijq/history")) == before)
            #expect(!warned)
        } else {
            #expect(after.count == 202)
            #expect(warned)
        }
    }

    /// A statement costs one appended line, not a rewrite of the history: with a 12 MB history
    /// the file is the same file (same inode) after a statement, one entry longer.
    @Test func aStatementAppendsWithoutRewritingALongHistory() throws {
        let home = try Binary.temporaryDirectory()
        let dir = home.appendingPathComponent("state/iijq")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("history")
        let long = String(repeating: "x", count: 1200)
        let text = "_HiStOrY_V2_\n" + (1...10_000).map { "\(long)\\040\($0)\n" }.joined()
        try text.write(to: url, atomically: true, encoding: .utf8)
        let inode = try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int
        let t = try TerminalDriver(home: home)
        try t.enter("revenue @ 1Q24")
        try t.wait(for: "72.016")
        #expect(try t.quit() == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int == inode)
        #expect(try Data(contentsOf: url).count == text.utf8.count + "revenue\\040@\\0401Q24\n.quit\n".utf8.count)
    }
}
