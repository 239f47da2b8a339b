@testable import IIJQ
import Testing

/// A facts file read in chunks, as `--facts` streams it, loads exactly as the whole text does:
/// line endings, a byte-order mark and a too-long line may fall across any chunk boundary.
@Suite struct StreamingLoaderTests {
    /// Every kind of line ending, a byte-order mark, a problem, a too-long line and a last line
    /// with no ending.
    static let text: [UInt8] = Array("\u{FEFF}document t file=\"t.txt\" title=\"test\"\r\nsource t \"Slide\"\r".utf8)
        + Array("dimension segment \"Segment\"\nmember segment a \"A\"\r\r\nmetric sales flow \"Sales\" dims=segment\n".utf8)
        + Array("sales{segment=a} @ FY24 = 6.0 yen_bn \"A\"\r\n\r\nsales @ 5Q24 = 1 yen \"x\"\n".utf8)
        + Array(repeating: UInt8(ascii: "x"), count: Limits.factLineBytes + 3) + Array("\r\nsales @ FY24 = 10.5 yen_bn \"Total\"".utf8)

    /// What the loader makes of `text` fed in chunks of `size` bytes (the whole text when nil).
    static func load(chunks size: Int?) -> (facts: [String], problems: [String]) {
        var loader = FactLoader()
        loader.begin(file: "t.facts")
        text.withUnsafeBufferPointer { all in
            var start = 0
            repeat {
                let end = min(all.count, start + (size ?? all.count))
                loader.feed(UnsafeBufferPointer(rebasing: all[start..<end]))
                start = end
            } while start < all.count
        }
        loader.end()
        let base = loader.finish()
        return (base.facts.map { "\($0.metric) \($0.dimensions) \($0.period) \($0.quantity) line \($0.citations[0].line)" },
                loader.problems.map { $0.render() })
    }

    @Test func theWholeTextLoadsItsFactsAndProblemsAtTheirLines() {
        let (facts, problems) = Self.load(chunks: nil)
        #expect(facts.count == 2)
        #expect(facts.last?.hasSuffix("line 11") ?? false, "\(facts)")
        #expect(problems.count == 2)
        #expect(problems.first?.hasPrefix("t.facts:9:9: error: 5Q24 is not a period") ?? false, "\(problems)")
        #expect(problems.last?.hasPrefix("t.facts:10:1: error: the line is longer than 100,000 bytes") ?? false)
    }

    @Test(arguments: [1, 2, 3, 5, 16, 61, 4096, Limits.factLineBytes, Limits.factLineBytes + 2])
    func chunksOfAnySizeLoadAsTheWholeText(_ size: Int) {
        let whole = Self.load(chunks: nil), chunked = Self.load(chunks: size)
        #expect(chunked.facts == whole.facts)
        #expect(chunked.problems == whole.problems)
    }

    /// A line longer than the limit is cut as it is read: the loader keeps its start, not all of it.
    @Test func aTooLongLineIsNotKeptWhole() {
        var loader = FactLoader()
        loader.begin(file: "long.facts")
        let piece = [UInt8](repeating: UInt8(ascii: "y"), count: 1 << 16)
        for _ in 0..<64 { piece.withUnsafeBufferPointer { loader.feed($0) } }
        #expect(loader.pending.bytes.count == Limits.factLineBytes + 1)
        loader.end()
        #expect(loader.problems.map(\.diagnostic.message) == ["the line is longer than 100,000 bytes"])
    }
}
