import Foundation
import Testing

/// The files iijq writes (issue 17, 12–14 and 16): through one safe temporary file — an
/// unpredictable name, never through a planted link, the target's mode kept, removed when
/// the process is killed.
@Suite struct FileSafetyTests {
    static func mode(_ url: URL) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
    }

    /// `-o` keeps an existing file's mode (0600 stays 0600) and gives a new one 0644.
    @Test func outputKeepsTheModeOfTheFileItReplaces() throws {
        let dir = try Binary.temporaryDirectory()
        let kept = dir.appendingPathComponent("private.txt"), new = dir.appendingPathComponent("new.txt")
        try "old\n".write(to: kept, atomically: true, encoding: .utf8)
        #expect(chmod(kept.path, 0o600) == 0)
        #expect(try Binary.run(["-c", "revenue @ 1Q24", "-o", kept.path]).status == 0)
        #expect(try Self.mode(kept) == 0o600)
        #expect(try String(contentsOf: kept, encoding: .utf8).contains("72.016"))
        let old = umask(0o022)
        defer { umask(old) }
        #expect(try Binary.run(["-c", "revenue @ 1Q24", "-o", new.path]).status == 0)
        #expect(try Self.mode(new) == 0o644)
    }

    /// `-o` through a symbolic link at the target replaces the link with the file: the file it
    /// pointed at is untouched. No temporary file is left beside it.
    @Test func aLinkAtTheTargetIsReplacedNotFollowed() throws {
        let dir = try Binary.temporaryDirectory()
        let victim = dir.appendingPathComponent("victim"), out = dir.appendingPathComponent("out.txt")
        try "precious\n".write(to: victim, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: out, withDestinationURL: victim)
        #expect(try Binary.run(["-c", "revenue @ 1Q24", "-o", out.path]).status == 0)
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: out.path)) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["out.txt", "victim"])
    }

    /// SIGTERM, SIGINT or SIGHUP while `-o` is writing removes its temporary file: iijq reading
    /// statements from a pipe that stays open is killed, and only the old file is left.
    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func aKillLeavesNoTemporaryFile(_ signal: Int32) throws {
        let dir = try Binary.temporaryDirectory()
        let out = dir.appendingPathComponent("out.txt")
        try "old\n".write(to: out, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = ["-o", out.path]
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data("revenue @ 1Q24\n".utf8))
        var waited = 0
        while try FileManager.default.contentsOfDirectory(atPath: dir.path).count < 2, waited < 100 {
            usleep(50_000)
            waited += 1
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.txt"])
        #expect(try String(contentsOf: out, encoding: .utf8) == "old\n")
    }

    /// The tour's progress file is replaced, never written through a planted link, and private.
    @Test func theTourProgressFileIsNotFollowedThroughALink() throws {
        let home = try Binary.temporaryDirectory()
        let state = home.appendingPathComponent("state/iijq")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let victim = home.appendingPathComponent("victim")
        try "precious\n".write(to: victim, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: state.appendingPathComponent("tour"), withDestinationURL: victim)
        let t = try TerminalDriver(home: home)
        try t.enter(".tour")
        try t.wait(for: "Lesson 1 of")
        #expect(try t.quit() == 0)
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
        let tour = state.appendingPathComponent("tour")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: tour.path)) == nil)
        #expect(try String(contentsOf: tour, encoding: .utf8) == "1\n")
        #expect(try Self.mode(tour) == 0o600)
    }

    /// `.output /dev/full` in the shell: the first statement whose results cannot be written
    /// says so at once, and results go back to the terminal (17).
    @Test func anUnwritableOutputIsSaidAtOnce() throws {
        let t = try TerminalDriver()
        try t.enter(".output /dev/full")
        try t.enter("revenue @ 1Q24")
        try t.wait(for: "could not write '/dev/full': No space left on device")
        try t.enter("revenue @ 1Q23")
        try t.wait(for: "61.420")
        _ = try t.quit()
    }
}
