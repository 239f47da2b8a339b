import FactImage
import IIJQ
import Testing

/// The fact image compiled at build time holds what the loader builds from the fact files, and an
/// image that is damaged in any way is refused, never read.
@Suite struct FactImageTests {
    /// The bytes the build compiled (FactImage.h).
    static var embedded: UnsafeRawBufferPointer {
        var size = 0
        let start = iijq_fact_image(&size)
        return UnsafeRawBufferPointer(start: start, count: size)
    }

    @Test func embeddedImageIsWhatTheLoaderBuilds() throws {
        let image = try FactImage.base(from: Self.embedded, producer: FactImage.embeddedProducer)
        let loaded = FactBase.load().0
        #expect(image.facts.count == loaded.facts.count)
        let a = Canonical.text(of: image), b = Canonical.text(of: loaded)
        // Every fact's columns, every metric, dimension, printed result and definition is in the text.
        #expect(a.count > 100_000)
        #expect(a == b, "first difference: \(Canonical.firstDifference(a, b))")
    }

    @Test func imageOfABaseReadsBackAsThatBase() throws {
        let loaded = FactBase.load(extra: [("extra.facts", "source 004 \"slide\"\nrevenue @ 1Q10 = 12.5 yen_mn \"revenue\"\n")]).0
        let bytes = try FactImage.bytes(of: loaded, producer: "test")
        let back = try bytes.withUnsafeBytes { try FactImage.base(from: $0, producer: "test") }
        #expect(Canonical.text(of: back) == Canonical.text(of: loaded))
    }

    /// Each damage, applied to a good image, and what it does.
    static let damages: [(String, @Sendable (inout [UInt8]) -> Void)] = [
        ("truncated by one byte", { $0.removeLast() }),
        ("truncated to its header", { $0.removeLast($0.count - 32) }),
        ("empty", { $0 = [] }),
        ("a byte longer", { $0.append(0) }),
        ("a payload byte flipped", { $0[$0.count / 2] ^= 0x10 }),
        ("its last byte flipped", { $0[$0.count - 1] ^= 1 }),
        ("another format version", { $0[8] &+= 1 }),
        ("not an image", { $0[0] = UInt8(ascii: "X") }),
        ("a checksum byte flipped", { $0[24] ^= 0x80 }),
    ]

    @Test(arguments: damages.indices)
    func damagedImageIsRefused(_ i: Int) throws {
        var bytes = Array(Self.embedded)
        Self.damages[i].1(&bytes)
        #expect(throws: ImageError.self, "\(Self.damages[i].0)") {
            try bytes.withUnsafeBytes { _ = try FactImage.base(from: $0) }
        }
    }

    @Test func imageOfAnotherProducerIsRefused() {
        #expect(throws: ImageError.self) { _ = try FactImage.base(from: Self.embedded, producer: "another iijq") }
        #expect(FactImage.producer(of: Self.embedded) == FactImage.embeddedProducer)
    }
}

/// Every stored value of a value, recursively, as text: dictionaries and sets in sorted order (their
/// order differs from run to run), caches that do not change what a value means left out.
enum Canonical {
    /// Stored properties that only remember the last lookup, or what queries worked out.
    static let caches: Set<String> = ["last", "printedForms", "displayScales"]

    static func text(of value: Any) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    static func write(_ value: Any, to out: inout String) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .dictionary, .set:
            let items = mirror.children.map { text(of: $0.value) }.sorted()
            out += "{" + items.joined(separator: ",") + "}"
        case nil:
            out += "\(value)"
        case .enum where mirror.children.isEmpty:
            out += "\(value)"
        default:
            out += "\(mirror.subjectType)("
            for child in mirror.children where !caches.contains(child.label ?? "") {
                out += (child.label ?? "") + ":"
                write(child.value, to: &out)
                out += ","
            }
            out += ")"
        }
    }

    /// The text around where `a` and `b` first differ.
    static func firstDifference(_ a: String, _ b: String) -> String {
        let n = zip(a, b).prefix { $0 == $1 }.count
        return "…\(a.dropFirst(max(0, n - 80)).prefix(160)) ≠ …\(b.dropFirst(max(0, n - 80)).prefix(160))"
    }
}
