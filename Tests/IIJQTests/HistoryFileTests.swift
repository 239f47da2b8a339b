import Foundation
import LineEditor
import Testing

/// The history file under the faults issue 4 names: shared by two shells, capped, private,
/// and never overwritten when it is not history.
@Suite struct HistoryFileTests {
    func path() throws -> String {
        try Binary.temporaryDirectory().appendingPathComponent("state/iijq/history").path
    }

    @Test func createdPrivateWithItsDirectory() throws {
        let p = try path()
        var file = HistoryFile(path: p, capacity: 100)
        #expect(file.load().isEmpty)
        #expect(file.append("revenue @ 1Q24") == nil)
        let mode = try FileManager.default.attributesOfItem(atPath: p)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(file.load() == ["revenue @ 1Q24"])
    }

    @Test func twoShellsBothKeepTheirLinesAndRepeatsAreDropped() throws {
        let p = try path()
        var a = HistoryFile(path: p, capacity: 100), b = HistoryFile(path: p, capacity: 100)
        _ = a.append("from a")
        _ = b.append("from b")
        _ = b.append("from b")
        _ = a.append("multi\nline")
        #expect(a.load() == ["from a", "from b", "multi\nline"])
    }

    @Test func cappedToTheNewestEntries() throws {
        let p = try path()
        var file = HistoryFile(path: p, capacity: 3)
        for i in 1...5 { _ = file.append("q\(i)") }
        #expect(file.load() == ["q3", "q4", "q5"])
    }

    @Test func notHistoryIsNeverOverwritten() throws {
        let p = try path()
        var file = HistoryFile(path: p, capacity: 10)
        _ = file.append("first")
        try "GNU readline history\nls\n".write(toFile: p, atomically: true, encoding: .utf8)
        var other = HistoryFile(path: p, capacity: 10)
        #expect(other.load().isEmpty)
        #expect(other.disabled?.contains("not a libedit history file") == true)
        #expect(other.append("second") == nil) // warned once already, at load
        #expect(try String(contentsOfFile: p, encoding: .utf8) == "GNU readline history\nls\n")
    }

    @Test func anEmptyFileLeftByAnInterruptedSaveIsReused() throws {
        let p = try path()
        var file = HistoryFile(path: p, capacity: 10)
        _ = file.append("x")
        try Data().write(to: URL(fileURLWithPath: p))
        var again = HistoryFile(path: p, capacity: 10)
        #expect(again.load().isEmpty)
        #expect(again.append("y") == nil)
        #expect(again.load() == ["y"])
    }

    @Test func aDirectoryOrAnUnwritablePlaceWarnsOnce() throws {
        let p = try path()
        try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        var file = HistoryFile(path: p, capacity: 10)
        #expect(file.load().isEmpty)
        #expect(file.disabled == "is not a regular file")

        var nowhere = HistoryFile(path: "/proc/iijq-no-such-dir/history", capacity: 10)
        #expect(nowhere.load().isEmpty)
        let warning = nowhere.append("x")
        #expect(warning?.hasPrefix("warning: history file /proc/iijq-no-such-dir/history") == true)
        #expect(nowhere.append("y") == nil)
    }
}
