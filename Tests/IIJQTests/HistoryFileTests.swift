import Foundation
@testable import LineEditor
import Testing

/// The history file under the faults issue 4 names: shared by two shells, capped, private,
/// and never overwritten when it is not history.
@Suite struct HistoryFileTests {
    /// A new empty directory.
    func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iijq-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func path() throws -> String {
        try temporaryDirectory().appendingPathComponent("state/iijq/history").path
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

    /// Appends grow the file; past 64 KB (twice its size at load, at least) it is compacted to
    /// the newest `capacity` entries, in a new file that replaced it whole.
    @Test func compactedWhenItHasGrown() throws {
        let p = try path()
        var file = HistoryFile(path: p, capacity: 10)
        let long = String(repeating: "y", count: 100)
        for i in 1...700 { #expect(file.append("\(long) \(i)") == nil) }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: p)[.size] as? Int)
        #expect(size < 64 << 10)
        #expect(file.load() == (691...700).map { "\(long) \($0)" })
        let mode = try FileManager.default.attributesOfItem(atPath: p)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (p as NSString).deletingLastPathComponent)
        #expect(leftovers.sorted() == ["history", "history.lock"])
    }

    /// A symbolic link planted where a temporary file used to be made (`PATH.PID.tmp`) is never
    /// written through: the file it points at is untouched, through appends and a compaction.
    @Test func aPlantedLinkIsNeverWrittenThrough() throws {
        let p = try path()
        try FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let victim = p + ".victim"
        try "precious\n".write(toFile: victim, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: "\(p).\(getpid()).tmp", withDestinationPath: victim)
        var file = HistoryFile(path: p, capacity: 10)
        for i in 1...700 { _ = file.append(String(repeating: "z", count: 100) + " \(i)") }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        #expect(file.load().count == 10)
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

    /// A 100 MB history file is neither loaded nor overwritten; the shell warns once and works.
    @Test func aHundredMegabyteFileIsLeftAloneWithOneWarning() throws {
        let p = try path()
        try FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: p, contents: Data("_HiStOrY_V2_\n".utf8)))
        #expect(truncate(p, 100 << 20) == 0)
        var file = HistoryFile(path: p, capacity: 10)
        #expect(file.load().isEmpty)
        #expect(file.disabled == "is 100 MB, more than the 16 MB a history file may hold")
        #expect(file.append("x") == nil)
        let size = try FileManager.default.attributesOfItem(atPath: p)[.size] as? Int
        #expect(size == 100 << 20)
    }

    /// Binary junk behind a history header is not loaded and never overwritten: libedit would
    /// read it as lines and save it back shortened.
    @Test func binaryJunkIsLeftAloneWithOneWarning() throws {
        let p = try path()
        var junk = Data("_HiStOrY_V2_\n".utf8)
        junk.append(contentsOf: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) })
        try FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try junk.write(to: URL(fileURLWithPath: p))
        var file = HistoryFile(path: p, capacity: 10)
        #expect(file.load().isEmpty)
        #expect(file.disabled == "is not history libedit wrote: byte 13 is a control character (7)")
        #expect(file.append("revenue @ 1Q24") == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: p)) == junk)
        // Text that is not UTF-8 is refused the same way.
        #expect(HistoryFile.notHistory(Array("_HiStOrY_V2_\nrevenue \u{FF}".utf8).dropLast(2) + [0xFF]) == "is not history libedit wrote: the bytes after byte 21 are not UTF-8")
        #expect(HistoryFile.notHistory(Array("_HiStOrY_V2_\n売上収益 @ FY24\\^G\n".utf8)) == nil)
    }
}
