import Foundation
@testable import IIJQ
@testable import Shell
import Testing

/// A `--facts` file's compiled image is used when it is whole and made from the same files by
/// the same binary, and refused, to be compiled again, in every other case.
@Suite struct FactCacheTests {
    /// A cache directory and a small fact file in a new temporary folder.
    struct Fixture {
        let directory: String, file: String
        init(facts: String = "source 004 \"slide\"\nrevenue @ 1Q10 = 12.5 yen_mn \"revenue\"\n") throws {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("iijq-cache-\(UUID().uuidString)").path
            directory = root + "/cache/iijq"
            file = root + "/mine.facts"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try facts.write(toFile: file, atomically: true, encoding: .utf8)
        }

        var entry: FactCache.Entry? { FactCache.entry(for: [file], in: directory) }
    }

    @Test func secondLoadReadsTheImage() throws {
        let f = try Fixture()
        let entry = try #require(f.entry)
        #expect(FactCache.load(entry) == nil)
        let base = FactBase.load(extra: [(f.file, try String(contentsOfFile: f.file, encoding: .utf8))]).0
        FactCache.store(base, for: entry)
        let cached = try #require(FactCache.load(entry))
        #expect(Canonical.text(of: cached) == Canonical.text(of: base))
        #expect(cached.facts.count == FactBase.load().0.facts.count + 1)
    }

    /// A cached base reads its columns where the mapped image is (nothing copied at start), and a
    /// fact added to it later (`.facts` in the shell) copies them first, leaving the image alone.
    @Test func cachedBaseReadsColumnsInPlaceAndCopiesThemToChange() throws {
        let f = try Fixture()
        let entry = try #require(f.entry)
        let base = FactBase.load(extra: [(f.file, try String(contentsOfFile: f.file, encoding: .utf8))]).0
        FactCache.store(base, for: entry)
        var cached = try #require(FactCache.load(entry))
        #expect(cached.facts.metricIDs.isInPlace && cached.facts.significands.isInPlace && !base.facts.metricIDs.isInPlace)
        let before = cached.facts.count
        var moved = cached.facts[before - 1]
        let period = moved.period
        moved.period = try PeriodParser.parse("2Q10").get()
        #expect(cached.facts.insert(moved) == (true, before))
        #expect(cached.facts.count == before + 1 && !cached.facts.metricIDs.isInPlace)
        #expect(cached.facts.index(metric: moved.metric, dimensions: moved.dimensions, period: period, basis: moved.basis) == before - 1)
        #expect(cached.facts.index(metric: moved.metric, dimensions: moved.dimensions, period: moved.period, basis: moved.basis) == before)
        #expect(Canonical.text(of: try #require(FactCache.load(entry))) == Canonical.text(of: base))
    }

    @Test func changedFileIsCompiledAgain() throws {
        let f = try Fixture()
        let before = try #require(f.entry)
        try "source 004 \"slide\"\nrevenue @ 1Q10 = 13.5 yen_mn \"revenue\"\n".write(toFile: f.file, atomically: true, encoding: .utf8)
        let after = try #require(f.entry)
        #expect(before.path != after.path)
        // The same files named otherwise cite another file: another image.
        #expect(FactCache.entry(for: [f.file, f.file], in: f.directory)?.path != after.path)
    }

    /// Damage done to a stored image; each must make `load` refuse it.
    static let damages: [(String, @Sendable (inout [UInt8]) -> Void)] = [
        ("truncated", { $0.removeLast($0.count / 3) }),
        ("cut to 10 bytes", { $0.removeLast($0.count - 10) }),
        ("a byte flipped", { $0[$0.count * 2 / 3] ^= 0x01 }),
        ("another format version", { $0[8] &+= 1 }),
        ("another producer", { $0[32] ^= 0x20 }),
        ("zeroed", { $0 = [UInt8](repeating: 0, count: $0.count) }),
    ]

    @Test(arguments: damages.indices)
    func damagedImageIsRefusedAndRebuilt(_ i: Int) throws {
        let f = try Fixture()
        let entry = try #require(f.entry)
        let base = FactBase.load(extra: [(f.file, try String(contentsOfFile: f.file, encoding: .utf8))]).0
        FactCache.store(base, for: entry)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: entry.path)))
        Self.damages[i].1(&bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: entry.path))
        #expect(FactCache.load(entry) == nil, "\(Self.damages[i].0)")
        FactCache.store(base, for: entry)
        #expect(FactCache.load(entry) != nil)
    }

    @Test func imageOfAnotherBinaryIsRefused() throws {
        let f = try Fixture()
        var entry = try #require(f.entry)
        let base = FactBase.load().0
        FactCache.store(base, for: entry)
        entry.producer += " rebuilt"
        #expect(FactCache.load(entry) == nil)
    }

    /// An image streamed to a file 64 KB at a time (lengths patched there, the checksum
    /// summed back from it) holds the bytes one written in memory holds.
    @Test func streamedImageIsTheImageWrittenInMemory() throws {
        var text = "document syn file=\"synthetic.txt\" title=\"Synthetic\"\nsource syn \"Synthetic\"\n"
        text += "dimension region \"Region\"\n" + (0..<100).map { "member region r\($0) \"Region \($0)\"\n" }.joined()
        text += "metric m0 flow \"Synthetic metric 0\" dims=region\n"
        for r in 0..<100 { for y in 2000..<2030 { for q in 1...4 { text += "m0{region=r\(r)} @ \(q)Q\(y) = \(r * 7 + y + q).5 yen_mn \"m0\"\n" } } }
        let (base, problems, _) = FactBase.load(extra: [("big.facts", text)])
        #expect(problems.isEmpty, "\(problems.prefix(3).map { $0.render() })")
        let inMemory = try FactImage.bytes(of: base, producer: "p")
        #expect(inMemory.count > 8 * ImageWriter.chunk)
        let sink = MemorySink()
        try FactImage.write(base, producer: "p", to: sink)
        #expect(sink.bytes == inMemory)
    }

    @Test func loadWithProblemsIsNotKept() throws {
        let f = try Fixture(facts: "revenue @ 1Q10 = 12.5 yen_bnx \"revenue\"\n")
        let entry = try #require(f.entry)
        let outcome = FactLoad.run([f.file], cacheDirectory: f.directory)
        #expect(!outcome.problems.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: entry.path))
    }

    @Test func loadKeepsAndThenReadsTheImage() throws {
        let f = try Fixture()
        let entry = try #require(f.entry)
        let first = FactLoad.run([f.file], cacheDirectory: f.directory)
        #expect(first.problems.isEmpty && first.unchecked.isEmpty)
        #expect(FactCache.load(entry) != nil)
        let second = FactLoad.run([f.file], cacheDirectory: f.directory)
        #expect(Canonical.text(of: second.base) == Canonical.text(of: first.base))
    }
}

/// An `ImageSink` in memory.
final class MemorySink: ImageSink {
    var bytes: [UInt8] = []
    func write(_ raw: UnsafeRawBufferPointer) -> Bool { bytes += raw; return true }
    func write(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        guard offset + raw.count <= bytes.count else { return false }
        for (i, b) in raw.enumerated() { bytes[offset + i] = b }
        return true
    }
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Bool {
        guard offset + buffer.count <= bytes.count else { return false }
        bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + buffer.count])) }
        return true
    }
}
