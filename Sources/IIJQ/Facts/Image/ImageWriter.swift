/// Writes any `Encodable` value as a fact image's payload (`ImageFormat`).
///
/// Containers are written as they are filled, each after a length patched when it closes: a
/// container closes when the value that opened it has been encoded, or when its parent writes
/// its next entry (a nested container is always filled before that).
///
/// With a `sink`, bytes go to it `chunk` bytes at a time and lengths already handed over are
/// patched in place there, so writing a million facts' image holds 64 KB of it, not all.
final class ImageWriter {
    /// The bytes not handed to the sink yet (all of them without one).
    var bytes: [UInt8] = []
    /// How many bytes went to the sink before `bytes`.
    private(set) var flushed = 0
    let sink: (any ImageSink)?
    /// Set when the sink failed: the image is then not to be used.
    private(set) var failed = false
    /// The open containers, innermost last: where each one's length goes, and an unkeyed one's count.
    private var open: [(lengthAt: Int, countAt: Int?, count: UInt64)] = []

    init(sink: (any ImageSink)? = nil) { self.sink = sink }

    /// How many bytes a writer with a sink holds before handing them over (a bigger block goes
    /// over at once): small beside a fact file, so the image adds little to a load's peak memory.
    static let chunk = 1 << 16

    /// The offset of the next byte written.
    var position: Int { flushed + bytes.count }

    /// Hands the bytes held to the sink, when there is one.
    func flush() {
        guard let sink, !bytes.isEmpty else { return }
        if !bytes.withUnsafeBytes({ sink.write($0) }) { failed = true }
        flushed += bytes.count
        bytes.removeAll(keepingCapacity: true)
    }

    /// Appends `raw`: a big block (a column) goes straight to the sink.
    func append(_ raw: UnsafeRawBufferPointer) {
        guard let sink, raw.count >= ImageWriter.chunk else { bytes.append(contentsOf: raw); return }
        flush()
        if !sink.write(raw) { failed = true }
        flushed += raw.count
    }

    func tag(_ t: ImageFormat.Tag) { bytes.append(t.rawValue) }

    /// A column: its tag, element size and count, padding to the next multiple of 8 bytes in
    /// the image (its length first), then its bytes.
    func bulk(_ raw: UnsafeRawBufferPointer, stride: Int) {
        bulkHeader(count: raw.count / Swift.max(stride, 1), stride: stride)
        append(raw)
    }

    /// A column's header and padding, for `count` elements of `stride` bytes appended after it.
    func bulkHeader(count: Int, stride: Int) {
        tag(.bulk)
        fixed(UInt32(stride))
        fixed(UInt64(count))
        let pad = (8 - (position + 1) % 8) % 8
        bytes.append(UInt8(pad))
        bytes.append(contentsOf: repeatElement(0, count: pad))
    }

    func fixed<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    func string(_ s: String) {
        tag(.string)
        rawString(s)
    }

    /// A key or string's bytes after their count.
    func rawString(_ s: String) {
        var s = s
        s.withUTF8 { fixed(UInt32($0.count)); bytes.append(contentsOf: $0) }
    }

    /// Opens a container, returning its depth (the number of containers open once it is).
    func openContainer(_ t: ImageFormat.Tag) -> Int {
        tag(t)
        open.append((position, t == .unkeyed ? position + 8 : nil, 0))
        fixed(UInt64(0))
        if t == .unkeyed { fixed(UInt64(0)) }
        return open.count
    }

    /// Closes the containers deeper than `depth`, patching their lengths (and counts).
    func close(above depth: Int) {
        while open.count > depth {
            let c = open.removeLast()
            let end = position
            patch(UInt64(end - c.lengthAt - 8), at: c.lengthAt)
            if let countAt = c.countAt { patch(c.count, at: countAt) }
        }
    }

    /// Makes the container at `depth` the innermost open one again, before it writes an entry.
    func resume(_ depth: Int) {
        precondition(open.count >= depth, "a fact image container was written to after it closed")
        close(above: depth)
    }

    /// Counts an element of the innermost (unkeyed) container.
    func counted() { open[open.count - 1].count += 1 }

    private func patch(_ v: UInt64, at offset: Int) {
        withUnsafeBytes(of: v.littleEndian) { raw in
            for (i, b) in raw.enumerated() where offset + i >= flushed { bytes[offset + i - flushed] = b }
            // The part already handed to the sink is patched there.
            let handed = min(raw.count, flushed - offset)
            if handed > 0, let sink, !sink.write(UnsafeRawBufferPointer(rebasing: raw[..<handed]), at: offset) { failed = true }
        }
    }

    /// Writes one value: a primitive or a column directly, anything else through its `encode(to:)`.
    func value<T: Encodable>(_ v: T) throws {
        // Before every value, primitives too: a column of a million labels is strings, one by one.
        if bytes.count >= ImageWriter.chunk { flush() }
        if primitive(v) { return }
        if let bulk = v as? any ImageBulkWritable { bulk.writeBulk(to: self); return }
        let depth = open.count, before = position
        try v.encode(to: ImageEncoder(writer: self, depth: depth))
        close(above: depth)
        // A value that wrote nothing is an empty container, so that something marks its place.
        if position == before { _ = openContainer(.keyed); close(above: depth) }
    }

    /// Writes `v` if it is one of the primitive types, returning whether it was.
    func primitive<T>(_ v: T) -> Bool {
        switch v {
        case let s as String: string(s)
        case let b as Bool: tag(.bool); bytes.append(b ? 1 : 0)
        case let i as Int: signed(Int64(i))
        case let i as Int8: signed(Int64(i))
        case let i as Int16: signed(Int64(i))
        case let i as Int32: signed(Int64(i))
        case let i as Int64: signed(i)
        case let i as UInt: unsigned(UInt64(i))
        case let i as UInt8: unsigned(UInt64(i))
        case let i as UInt16: unsigned(UInt64(i))
        case let i as UInt32: unsigned(UInt64(i))
        case let i as UInt64: unsigned(i)
        case let i as Int128: tag(.signed128); fixed(i)
        case let i as UInt128: tag(.unsigned128); fixed(i)
        case let d as Double: tag(.float); fixed(d.bitPattern)
        case let f as Float: tag(.float); fixed(Double(f).bitPattern)
        default: return false
        }
        return true
    }

    func signed(_ i: Int64) { tag(.signed); fixed(i) }
    func unsigned(_ i: UInt64) { tag(.unsigned); fixed(i) }
    func null() { tag(.null) }
}

/// The `Encoder` a value's `encode(to:)` writes through.
struct ImageEncoder: Encoder {
    let writer: ImageWriter
    /// The containers open when the value started.
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        writer.resume(depth)
        return KeyedEncodingContainer(KeyedWriter<Key>(writer: writer, depth: writer.openContainer(.keyed)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        writer.resume(depth)
        return UnkeyedWriter(writer: writer, depth: writer.openContainer(.unkeyed))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleWriter(writer: writer, depth: depth) }
}

struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: ImageWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    private func key(_ key: Key) {
        writer.resume(depth)
        writer.rawString(key.stringValue)
    }

    mutating func encodeNil(forKey key: Key) throws { self.key(key); writer.null() }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { self.key(key); try writer.value(value) }
    // The 128-bit requirements' defaults refuse the value; a `Dec`'s significand is one.
    mutating func encode(_ value: Int128, forKey key: Key) throws { self.key(key); try writer.value(value) }
    mutating func encode(_ value: UInt128, forKey key: Key) throws { self.key(key); try writer.value(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        self.key(key)
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(writer: writer, depth: writer.openContainer(.keyed)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        self.key(key)
        return UnkeyedWriter(writer: writer, depth: writer.openContainer(.unkeyed))
    }

    mutating func superEncoder() -> any Encoder { preconditionFailure("fact images do not encode superclasses") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { preconditionFailure("fact images do not encode superclasses") }
}

struct UnkeyedWriter: UnkeyedEncodingContainer {
    let writer: ImageWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var count = 0

    private mutating func element() {
        writer.resume(depth)
        writer.counted()
        count += 1
    }

    mutating func encodeNil() throws { element(); writer.null() }
    mutating func encode<T: Encodable>(_ value: T) throws { element(); try writer.value(value) }
    mutating func encode(_ value: Int128) throws { element(); try writer.value(value) }
    mutating func encode(_ value: UInt128) throws { element(); try writer.value(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        element()
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(writer: writer, depth: writer.openContainer(.keyed)))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        element()
        return UnkeyedWriter(writer: writer, depth: writer.openContainer(.unkeyed))
    }

    mutating func superEncoder() -> any Encoder { preconditionFailure("fact images do not encode superclasses") }
}

struct SingleWriter: SingleValueEncodingContainer {
    let writer: ImageWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { writer.resume(depth); writer.null() }
    mutating func encode<T: Encodable>(_ value: T) throws { writer.resume(depth); try writer.value(value) }
    mutating func encode(_ value: Int128) throws { writer.resume(depth); try writer.value(value) }
    mutating func encode(_ value: UInt128) throws { writer.resume(depth); try writer.value(value) }
}

/// Where a streamed image goes (a file): appended bytes, earlier bytes rewritten, and read back
/// to sum them. Each returns false when it fails.
public protocol ImageSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) -> Bool
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Bool
}
