/// Reads a fact image's payload (`ImageFormat`) back into any `Decodable` value.
///
/// Every read is bounds-checked and every tag and key compared with what the model asks for, so
/// a damaged or foreign payload throws `ImageError` rather than building a wrong fact base. A
/// keyed container is read in the order it was written, looking further only when a key is not
/// next (an optional left out, a dictionary's keys).
final class ImageReader {
    let buffer: UnsafeRawBufferPointer
    var position = 0
    /// Where the value decoded last ended: a keyed container looks for its next key there.
    var resumeAt = 0
    /// Who keeps `buffer` alive after the read: columns are then read in place (`Column`).
    let owner: (any ImageOwner)?

    init(_ buffer: UnsafeRawBufferPointer, owner: (any ImageOwner)? = nil) {
        self.buffer = buffer
        self.owner = owner
    }

    /// The value of type `T` the payload holds.
    static func value<T: Decodable>(_ type: T.Type, from payload: UnsafeRawBufferPointer, owner: (any ImageOwner)? = nil) throws(ImageError) -> T {
        let reader = ImageReader(payload, owner: owner)
        let (v, end) = try reader.value(T.self, at: 0)
        guard end == payload.count else { throw ImageError("bytes left over after the fact base") }
        return v
    }

    /// Moves past `count` bytes, returning where they start.
    func advance(_ count: Int) throws(ImageError) -> Int {
        guard count >= 0, count <= buffer.count - position else { throw ImageError("the image ends too soon") }
        defer { position += count }
        return position
    }

    /// `count × size` as a byte length, refused when it cannot fit the image.
    func length(_ count: UInt64, times size: Int) throws(ImageError) -> Int {
        guard count <= UInt64(buffer.count), case let (n, overflow) = Int(count).multipliedReportingOverflow(by: size), !overflow else {
            throw ImageError("a length beyond the image")
        }
        return n
    }

    func fixed<T: FixedWidthInteger>() throws(ImageError) -> T {
        let at = try advance(MemoryLayout<T>.size)
        return T(littleEndian: buffer.loadUnaligned(fromByteOffset: at, as: T.self))
    }

    func peekTag() throws(ImageError) -> UInt8 {
        guard position < buffer.count else { throw ImageError("the image ends too soon") }
        return buffer[position]
    }

    func expect(_ t: ImageFormat.Tag) throws(ImageError) {
        let found = try peekTag()
        guard found == t.rawValue else { throw ImageError("expected \(t) and found tag \(found)") }
        position += 1
    }

    /// The bytes of a key or string, after their count.
    func rawString() throws(ImageError) -> UnsafeRawBufferPointer {
        let n: UInt32 = try fixed()
        let at = try advance(Int(n))
        return UnsafeRawBufferPointer(rebasing: buffer[at..<at + Int(n)])
    }

    func string() throws(ImageError) -> String {
        try expect(.string)
        let raw = try rawString()
        guard let s = String(validating: raw, as: UTF8.self) else { throw ImageError("a string that is not UTF-8") }
        return s
    }

    /// Reads a column's header and steps over its bytes, returning where they are and how many
    /// elements they hold; the element size must be `stride` when one is given.
    func bulk(stride: Int?) throws(ImageError) -> (start: UnsafeRawPointer, count: Int) {
        try expect(.bulk)
        let size: UInt32 = try fixed(), count: UInt64 = try fixed(), pad: UInt8 = try fixed()
        if let stride, Int(size) != stride { throw ImageError("a column's element size changed") }
        guard pad < 8 else { throw ImageError("a column's padding is \(pad) bytes") }
        _ = try advance(Int(pad))
        let n = try length(count, times: Int(size))
        let at = try advance(n)
        return (buffer.baseAddress.map { UnsafeRawPointer($0 + at) } ?? UnsafeRawPointer(bitPattern: 8)!, Int(count))
    }

    /// Where the value at `start` ends, without reading it.
    func end(ofValueAt start: Int) throws(ImageError) -> Int {
        position = start
        let tag = try peekTag()
        position += 1
        switch ImageFormat.Tag(rawValue: tag) {
        case .null: break
        case .bool: _ = try advance(1)
        case .signed, .unsigned, .float: _ = try advance(8)
        case .signed128, .unsigned128: _ = try advance(16)
        case .string: _ = try rawString()
        case .keyed, .unkeyed:
            let n: UInt64 = try fixed()
            _ = try advance(Int(clamping: n))
        case .bulk:
            position -= 1
            _ = try bulk(stride: nil)
        case nil: throw ImageError("unknown tag \(tag)")
        }
        return position
    }

    /// Reads the value at `start`, returning it and where it ends.
    func value<T: Decodable>(_ type: T.Type, at start: Int) throws(ImageError) -> (T, Int) {
        position = start
        if let v: T = try primitive() { return (v, position) }
        if T.self == [String].self { return (try strings() as! T, position) }
        if try peekTag() == ImageFormat.Tag.bulk.rawValue, let bulk = T.self as? any ImageBulk.Type {
            let v = try bulk.readBulk(from: self)
            return (v as! T, position)
        }
        let end = try end(ofValueAt: start)
        do {
            return (try T(from: ImageDecoder(reader: self, start: start)), end)
        } catch let e as ImageError {
            throw e
        } catch {
            throw ImageError("\(T.self): \(error)")
        }
    }

    /// The value at `position` if `T` is a primitive type, or nil.
    func primitive<T>() throws(ImageError) -> T? {
        switch T.self {
        case is String.Type: return try string() as? T
        case is Bool.Type:
            try expect(.bool)
            return (try advance(1), buffer[position - 1] != 0).1 as? T
        case is Int.Type: return Int(exactly: try signed()) as? T
        case is Int8.Type: return Int8(exactly: try signed()) as? T
        case is Int16.Type: return Int16(exactly: try signed()) as? T
        case is Int32.Type: return Int32(exactly: try signed()) as? T
        case is Int64.Type: return try signed() as? T
        case is UInt.Type: return UInt(exactly: try unsigned()) as? T
        case is UInt8.Type: return UInt8(exactly: try unsigned()) as? T
        case is UInt16.Type: return UInt16(exactly: try unsigned()) as? T
        case is UInt32.Type: return UInt32(exactly: try unsigned()) as? T
        case is UInt64.Type: return try unsigned() as? T
        case is Int128.Type: try expect(.signed128); return (try fixed() as Int128) as? T
        case is UInt128.Type: try expect(.unsigned128); return (try fixed() as UInt128) as? T
        case is Double.Type: try expect(.float); return Double(bitPattern: try fixed()) as? T
        case is Float.Type: try expect(.float); return Float(Double(bitPattern: try fixed())) as? T
        default: return nil
        }
    }

    /// An unkeyed container of strings (names, labels), read in one loop.
    func strings() throws(ImageError) -> [String] {
        try expect(.unkeyed)
        let length: UInt64 = try fixed(), count: UInt64 = try fixed()
        guard length >= 8, count <= length else { throw ImageError("a container beyond the image") }
        let end = position + Int(clamping: length - 8)
        guard end <= buffer.count else { throw ImageError("a container beyond the image") }
        var out: [String] = []
        out.reserveCapacity(Int(count))
        while position < end { out.append(try string()) }
        guard position == end, out.count == Int(count) else { throw ImageError("a list of strings that does not fill its container") }
        return out
    }

    private func signed() throws(ImageError) -> Int64 { try expect(.signed); return try fixed() }
    private func unsigned() throws(ImageError) -> UInt64 { try expect(.unsigned); return try fixed() }

    /// Reads a primitive, throwing when the value there is of another type or out of range.
    func required<T>(_ type: T.Type) throws(ImageError) -> T {
        guard let v: T = try primitive() else { throw ImageError("a \(T.self) out of range") }
        return v
    }
}

/// The `Decoder` a value's `init(from:)` reads through: the value at `start`.
struct ImageDecoder: Decoder {
    let reader: ImageReader
    let start: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try KeyedReader<Key>(reader: reader, at: start))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { try UnkeyedReader(reader: reader, at: start) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleReader(reader: reader, start: start) }
}
