/// A fact base compiled into bytes, read back with no fact file parsed and no per-fact work: the
/// embedded facts are compiled when iijq is built (the `CompileFacts` plugin), a `--facts` file
/// the first time it is loaded (`FactCache` in the shell).
///
/// The header: `ImageFormat.magic`, the format version, the length of `producer` and of the
/// payload, and a checksum of both; then `producer` (who wrote the image: a cached image is used
/// only by the binary that wrote it), then the payload, the `FactBase` as `Codable` writes it.
public enum FactImage {
    /// The image of `base`, stamped with `producer`.
    public static func bytes(of base: FactBase, producer: String = "") throws -> [UInt8] {
        // One buffer, the header filled in last: a million facts' image is not copied.
        let stamp = Array(producer.utf8)
        let writer = ImageWriter()
        writer.bytes.reserveCapacity(ImageFormat.headerSize + stamp.count + base.facts.count * 90 + (1 << 16))
        try write(base, stamp: stamp, with: writer)
        let payloadLength = writer.bytes.count - ImageFormat.headerSize - stamp.count
        let checksum = writer.bytes.withUnsafeBytes { ImageChecksum.of(UnsafeRawBufferPointer(rebasing: $0[ImageFormat.headerSize...])) }
        writer.bytes.withUnsafeMutableBytes {
            $0.storeBytes(of: UInt64(payloadLength).littleEndian, toByteOffset: 16, as: UInt64.self)
            $0.storeBytes(of: checksum.littleEndian, toByteOffset: 24, as: UInt64.self)
        }
        return writer.bytes
    }

    /// Writes the image of `base`, stamped with `producer`, to `sink` as it is made (64 KB held
    /// at a time), then sums it back from there; throws when the sink fails.
    public static func write(_ base: FactBase, producer: String, to sink: some ImageSink) throws {
        let stamp = Array(producer.utf8)
        let writer = ImageWriter(sink: sink)
        try write(base, stamp: stamp, with: writer)
        writer.flush()
        let end = writer.position
        var sum = ImageChecksum(), chunk = [UInt8](repeating: 0, count: ImageWriter.chunk), at = ImageFormat.headerSize
        while at < end {
            let n = min(chunk.count, end - at)
            guard chunk.withUnsafeMutableBytes({ sink.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[..<n]), at: at) }) else {
                throw ImageError("the image could not be read back")
            }
            chunk.withUnsafeBytes { sum.add(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
            at += n
        }
        var header: [UInt8] = []
        append(UInt64(end - ImageFormat.headerSize - stamp.count), to: &header)
        append(sum.value, to: &header)
        guard !writer.failed, header.withUnsafeBytes({ sink.write($0, at: 16) }) else { throw ImageError("the image could not be written") }
    }

    /// The header, its payload length and checksum left zero, the stamp and the payload of `base`.
    private static func write(_ base: FactBase, stamp: [UInt8], with writer: ImageWriter) throws {
        writer.bytes += ImageFormat.magic
        append(ImageFormat.version, to: &writer.bytes)
        append(UInt32(stamp.count), to: &writer.bytes)
        writer.bytes += [UInt8](repeating: 0, count: 16)
        writer.bytes += stamp
        try writer.value(base)
        writer.close(above: 0)
    }

    /// The fact base `image` holds, when it is whole, of this format and (if `producer` is given)
    /// stamped with it; otherwise the reason it is refused.
    ///
    /// With an `owner`, which keeps the image's bytes alive as long as the base, the base reads its
    /// columns in place (`Column`), and the bytes are released as they are checked and read (a
    /// mapped file's pages then come back only when a query reads them); without one, it copies them.
    public static func base(from image: UnsafeRawBufferPointer, producer: String? = nil, owner: (any ImageOwner)? = nil) throws(ImageError) -> FactBase {
        guard image.count >= ImageFormat.headerSize, image.prefix(8).elementsEqual(ImageFormat.magic) else {
            throw ImageError("not a fact image")
        }
        let header = ImageReader(image)
        header.position = 8
        let version: UInt32 = try header.fixed()
        guard version == ImageFormat.version else { throw ImageError("image format \(version), not \(ImageFormat.version)") }
        let stampLength: UInt32 = try header.fixed(), payloadLength: UInt64 = try header.fixed(), checksum: UInt64 = try header.fixed()
        guard UInt64(image.count - ImageFormat.headerSize) == UInt64(stampLength) + payloadLength else {
            throw ImageError("the image is \(image.count) bytes, not the \(UInt64(ImageFormat.headerSize) + UInt64(stampLength) + payloadLength) its header says")
        }
        guard sum(image, from: ImageFormat.headerSize, releasingTo: owner) == checksum else { throw ImageError("the image's checksum does not match") }
        let body = UnsafeRawBufferPointer(rebasing: image[ImageFormat.headerSize...])
        let stamp = String(decoding: body.prefix(Int(stampLength)), as: UTF8.self)
        if let producer, stamp != producer { throw ImageError("written by \(stamp), not \(producer)") }
        var base = try ImageReader.value(FactBase.self, from: UnsafeRawBufferPointer(rebasing: body[Int(stampLength)...]), owner: owner)
        owner?.release(0..<image.count)
        base.buildIndex()
        return base
    }

    /// The checksum of `image` from `start` on, summed a megabyte at a time, each released to
    /// `owner` once summed: checking a large image holds a megabyte of it in memory, not all.
    static func sum(_ image: UnsafeRawBufferPointer, from start: Int, releasingTo owner: (any ImageOwner)?) -> UInt64 {
        var sum = ImageChecksum(), at = start
        repeat {
            let end = min(image.count, at + (1 << 20))
            sum.add(UnsafeRawBufferPointer(rebasing: image[at..<end]))
            owner?.release(at..<end)
            at = end
        } while at < image.count
        return sum.value
    }

    /// The producer stamped in `image`, if its header can be read.
    public static func producer(of image: UnsafeRawBufferPointer) -> String? {
        guard image.count >= ImageFormat.headerSize, image.prefix(8).elementsEqual(ImageFormat.magic) else { return nil }
        let n = Int(image.loadUnaligned(fromByteOffset: 12, as: UInt32.self).littleEndian)
        guard n <= image.count - ImageFormat.headerSize else { return nil }
        return String(decoding: image[ImageFormat.headerSize..<ImageFormat.headerSize + n], as: UTF8.self)
    }

    private static func append<T: FixedWidthInteger>(_ v: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }
}

extension FactImage {
    /// The producer stamped on the embedded image.
    public static let embeddedProducer = "iijq embedded facts"
}

extension FactImage {
    /// A 64-bit digest of `bytes` (the one an image's header holds for its payload), for keying
    /// cached images by what they were compiled from; with an `owner`, each megabyte is released
    /// to it once summed, so digesting a mapped file does not hold it all in memory.
    public static func digest(_ bytes: UnsafeRawBufferPointer, releasingTo owner: (any ImageOwner)? = nil) -> UInt64 {
        sum(bytes, from: 0, releasingTo: owner)
    }
}
