import Foundation
import Testing

/// `--facts FILE` as a user runs it twice: the second run reads the compiled image from
/// `$XDG_CACHE_HOME/iijq/` and answers the same; a damaged image is compiled again, never used.
@Suite struct FactCacheEndToEndTests {
    /// A fact file of one figure, 12.5 ¥ mn of revenue at 1Q10, in a new temporary folder.
    static func factFile() throws -> URL {
        let dir = try Binary.temporaryDirectory()
        let file = dir.appendingPathComponent("mine.facts")
        try "source 004 \"slide\"\nrevenue @ 1Q10 = 12.5 yen_mn \"revenue\"\n".write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The images the tests' cache holds for the file (named for its contents, so new each test).
    static func images() throws -> [URL] {
        let dir = testCache.appendingPathComponent("iijq")
        return try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil).filter { $0.pathExtension == "iqimg" }
    }

    @Test func secondRunAnswersFromTheImageAndADamagedImageIsRebuilt() throws {
        let file = try Self.factFile()
        let first = try Binary.run(["--facts", file.path, "-c", "revenue @ 1Q10", "-c", "revenue @ 1Q10 | cite"])
        #expect(first.status == 0)
        #expect(first.stdout.contains("12.5") && first.stdout.contains("mine.facts:2"))
        #expect(!(try Self.images()).isEmpty)
        let second = try Binary.run(["--facts", file.path, "-c", "revenue @ 1Q10", "-c", "revenue @ 1Q10 | cite"])
        #expect(second.stdout == first.stdout && second.stderr == first.stderr && second.status == 0)
        // Every image of the tests' cache cut short: each run compiles its file again.
        for url in try Self.images() {
            let bytes = try Data(contentsOf: url)
            try bytes.prefix(bytes.count / 2).write(to: url)
        }
        let third = try Binary.run(["--facts", file.path, "-c", "revenue @ 1Q10", "-c", "revenue @ 1Q10 | cite"])
        #expect(third.stdout == first.stdout && third.status == 0)
        // … and replaces its image with a whole one, which the next run reads.
        let fourth = try Binary.run(["--facts", file.path, "-c", "revenue @ 1Q10", "-c", "revenue @ 1Q10 | cite"])
        #expect(fourth.stdout == first.stdout && fourth.status == 0)
    }
}
