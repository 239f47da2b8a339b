/// The layout of a fact image: a compiled `FactBase`, written by `ImageWriter` and read by
/// `ImageReader` through `Codable`, so it follows the model wherever the model goes.
///
/// An image is a 32-byte header then the payload. The header holds `magic`, `version`, the
/// payload's length and its checksum, so a truncated, corrupt or foreign file is refused before
/// anything in it is read. The payload is one value, and every value starts with a tag byte:
/// a fixed-width number or string follows its tag; a keyed container holds (key, value) pairs and
/// an unkeyed one its elements, each after its byte length, so any value can be stepped over; a
/// column of plain numbers (`ImageBulkElement`) is its bytes, after padding that aligns them in
/// the image, so that a base can read it in place (`Column`).
enum ImageFormat {
    /// The first 8 bytes of every image.
    static let magic: [UInt8] = Array("IIJQFACT".utf8)
    /// Changes whenever the layout of the payload changes (not when the model does: its keys and
    /// tags are checked as the image is read).
    static let version: UInt32 = 2
    static let headerSize = 32

    enum Tag: UInt8 {
        case null = 1, bool, signed, unsigned, signed128, unsigned128, string, float
        case keyed = 16, unkeyed, bulk
    }
}

/// Why an image was refused: it is then rebuilt from the fact files, never trusted.
public struct ImageError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// A value whose bytes are the value: numbers and structs of numbers, whose columns an image
/// copies whole. Only types whose layout is fixed by the program qualify; an image records the
/// element size, and a cached image is tied to the binary that wrote it (`FactImage.producer`).
protocol ImageBulkElement: BitwiseCopyable {}

extension UInt8: ImageBulkElement {}
extension UInt16: ImageBulkElement {}
extension UInt32: ImageBulkElement {}
extension UInt64: ImageBulkElement {}
extension Int64: ImageBulkElement {}
extension Int32: ImageBulkElement {}

/// An array of `ImageBulkElement`s, written and read as one block of bytes.
protocol ImageBulk: ImageBulkWritable {
    static func readBulk(from reader: ImageReader) throws(ImageError) -> Self
}

/// A value an image writes as one block of bytes.
protocol ImageBulkWritable {
    func writeBulk(to writer: ImageWriter)
}

/// Columns written one after another as one column (which reads back as a `Column`), without
/// first copying them into one.
struct ConcatenatedColumns<Element: ImageBulkElement & Codable>: Encodable, ImageBulkWritable {
    var parts: [Column<Element>]

    func writeBulk(to writer: ImageWriter) {
        writer.bulkHeader(count: parts.reduce(0) { $0 + $1.count }, stride: MemoryLayout<Element>.stride)
        for part in parts { part.withUnsafeBytes { writer.append($0) } }
    }

    func encode(to encoder: any Encoder) throws { try parts.flatMap { Array($0) }.encode(to: encoder) }
}

extension Array: ImageBulkWritable, ImageBulk where Element: ImageBulkElement {
    func writeBulk(to writer: ImageWriter) { withUnsafeBytes { writer.bulk($0, stride: MemoryLayout<Element>.stride) } }

    static func readBulk(from reader: ImageReader) throws(ImageError) -> [Element] {
        let (start, count) = try reader.bulk(stride: MemoryLayout<Element>.stride)
        return copied(count, from: start)
    }

    /// `count` elements copied from the bytes at `start`.
    static func copied(_ count: Int, from start: UnsafeRawPointer) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(start: start, count: count * MemoryLayout<Element>.stride))
            initialized = count
        }
    }
}

/// A column is read in place when the image's owner keeps its bytes alive and they are aligned
/// for its elements, else copied.
extension Column: ImageBulkWritable, ImageBulk where Element: ImageBulkElement {
    func writeBulk(to writer: ImageWriter) { withUnsafeBytes { writer.bulk($0, stride: MemoryLayout<Element>.stride) } }

    static func readBulk(from reader: ImageReader) throws(ImageError) -> Column<Element> {
        let (start, count) = try reader.bulk(stride: MemoryLayout<Element>.stride)
        if let owner = reader.owner, Int(bitPattern: start) % MemoryLayout<Element>.alignment == 0 {
            return Column(viewing: start.assumingMemoryBound(to: Element.self), count: count, owner: owner)
        }
        return Column([Element].copied(count, from: start))
    }
}

/// A checksum of the payload: four 64-bit lanes, so a large image is summed at memory speed. It
/// is summed in one piece (`of`) or in pieces (`add`, every piece but the last a multiple of 32
/// bytes), with the same result.
struct ImageChecksum {
    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0x27D4_EB2F_1656_67C5)
    private var total = 0
    /// The bytes after the last whole 32: only the last piece may leave some.
    private var tail: [UInt8] = []
    private static let prime: UInt64 = 0x100_0000_01B3

    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var sum = ImageChecksum()
        sum.add(bytes)
        return sum.value
    }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        precondition(tail.isEmpty, "only the last piece of a checksum may end inside 32 bytes")
        let prime = ImageChecksum.prime, words = bytes.count / 32
        for i in 0..<words {
            let o = i * 32
            lanes.0 = (lanes.0 ^ bytes.loadUnaligned(fromByteOffset: o, as: UInt64.self)) &* prime
            lanes.1 = (lanes.1 ^ bytes.loadUnaligned(fromByteOffset: o + 8, as: UInt64.self)) &* prime
            lanes.2 = (lanes.2 ^ bytes.loadUnaligned(fromByteOffset: o + 16, as: UInt64.self)) &* prime
            lanes.3 = (lanes.3 ^ bytes.loadUnaligned(fromByteOffset: o + 24, as: UInt64.self)) &* prime
        }
        tail = Array(bytes[(words * 32)...])
        total += bytes.count
    }

    var value: UInt64 {
        var h = lanes.0 ^ (lanes.1 &* 3) ^ (lanes.2 &* 5) ^ (lanes.3 &* 7) ^ UInt64(total)
        for b in tail { h = (h ^ UInt64(b)) &* ImageChecksum.prime }
        return h ^ (h >> 29)
    }
}

/// A basis is one byte whose meaning is its case's position, fixed by the program.
extension Basis: ImageBulkElement {}
