/// A keyed container of a fact image: (key, value) pairs, read in order.
struct KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: ImageReader
    /// The first entry and the end of the container.
    let first: Int, end: Int
    var codingPath: [any CodingKey] { [] }

    init(reader: ImageReader, at start: Int) throws(ImageError) {
        self.reader = reader
        reader.position = start
        try reader.expect(.keyed)
        let length: UInt64 = try reader.fixed()
        first = reader.position
        guard length <= UInt64(reader.buffer.count - first) else { throw ImageError("a container beyond the image") }
        end = first + Int(length)
        reader.resumeAt = first
    }

    /// Where the value of `key` starts, or nil when the container has no such key.
    private func find(_ key: Key) throws(ImageError) -> Int? {
        let wanted = key.stringValue.utf8
        // Keys are mostly asked for in the order they were written: the next one is where the
        // value read last ended.
        // A guess only: read as a key, whatever is there may not be one.
        if reader.resumeAt >= first, reader.resumeAt < end {
            reader.position = reader.resumeAt
            if let found = try? reader.rawString(), reader.position <= end, found.elementsEqual(wanted) { return reader.position }
        }
        var entry = first
        while entry < end {
            reader.position = entry
            let found = try reader.rawString()
            let value = reader.position
            if found.elementsEqual(wanted) { return value }
            entry = try reader.end(ofValueAt: value)
        }
        return nil
    }

    private func valueStart(_ key: Key) throws(ImageError) -> Int {
        guard let at = try find(key) else { throw ImageError("no '\(key.stringValue)' where the model expects one") }
        return at
    }

    var allKeys: [Key] {
        var keys: [Key] = [], entry = first
        while entry < end {
            reader.position = entry
            guard let raw = try? reader.rawString(), let name = String(validating: raw, as: UTF8.self),
                  let value = Optional(reader.position), let next = try? reader.end(ofValueAt: value) else { break }
            if let key = Key(stringValue: name) { keys.append(key) }
            entry = next
        }
        return keys
    }

    func contains(_ key: Key) -> Bool { (try? find(key)) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        let at = try valueStart(key)
        return reader.buffer[at] == ImageFormat.Tag.null.rawValue
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let (v, after) = try reader.value(T.self, at: try valueStart(key))
        reader.resumeAt = after
        return v
    }

    /// A primitive read directly, without `decode<T>`'s dynamic type tests.
    private func primitive<T>(_ key: Key, _ read: () throws(ImageError) -> T) throws -> T {
        reader.position = try valueStart(key)
        let v = try read()
        reader.resumeAt = reader.position
        return v
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String { try primitive(key) { () throws(ImageError) in try reader.string() } }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try primitive(key) { () throws(ImageError) in try reader.required(Int.self) } }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try primitive(key) { () throws(ImageError) in try reader.required(Bool.self) } }

    // The 128-bit requirements' defaults refuse the value; a `Dec`'s significand is one.
    func decode(_ type: Int128.Type, forKey key: Key) throws -> Int128 { try decode(Box<Int128>.self, forKey: key).value }
    func decode(_ type: UInt128.Type, forKey key: Key) throws -> UInt128 { try decode(Box<UInt128>.self, forKey: key).value }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        let at = try valueStart(key)
        return KeyedDecodingContainer(try KeyedReader<NestedKey>(reader: reader, at: at))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let at = try valueStart(key)
        return try UnkeyedReader(reader: reader, at: at)
    }

    func superDecoder() throws -> any Decoder { throw ImageError("fact images do not decode superclasses") }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw ImageError("fact images do not decode superclasses") }
}

/// An unkeyed container of a fact image: its elements, in order.
struct UnkeyedReader: UnkeyedDecodingContainer {
    let reader: ImageReader
    let end: Int
    var position: Int
    var count: Int?
    var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var isAtEnd: Bool { position >= end }

    init(reader: ImageReader, at start: Int) throws(ImageError) {
        self.reader = reader
        reader.position = start
        try reader.expect(.unkeyed)
        let length: UInt64 = try reader.fixed(), count: UInt64 = try reader.fixed()
        position = reader.position
        guard length >= 8, length - 8 <= UInt64(reader.buffer.count - position), count <= length else {
            throw ImageError("a container beyond the image")
        }
        end = position + Int(length) - 8
        self.count = Int(count)
    }

    private func checkNotAtEnd() throws(ImageError) {
        guard !isAtEnd else { throw ImageError("fewer elements than the model expects") }
    }

    mutating func decodeNil() throws -> Bool {
        try checkNotAtEnd()
        guard reader.buffer[position] == ImageFormat.Tag.null.rawValue else { return false }
        position += 1
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try checkNotAtEnd()
        let (v, after) = try reader.value(T.self, at: position)
        guard after <= end else { throw ImageError("an element beyond its container") }
        position = after
        currentIndex += 1
        return v
    }

    mutating func decode(_ type: Int128.Type) throws -> Int128 { try decode(Box<Int128>.self).value }
    mutating func decode(_ type: UInt128.Type) throws -> UInt128 { try decode(Box<UInt128>.self).value }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try checkNotAtEnd()
        let c = try KeyedReader<NestedKey>(reader: reader, at: position)
        position = try reader.end(ofValueAt: position)
        currentIndex += 1
        return KeyedDecodingContainer(c)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try checkNotAtEnd()
        let c = try UnkeyedReader(reader: reader, at: position)
        position = try reader.end(ofValueAt: position)
        currentIndex += 1
        return c
    }

    mutating func superDecoder() throws -> any Decoder { throw ImageError("fact images do not decode superclasses") }
}

/// The one value a single-value container holds (an enum's raw value, an optional's wrapped one).
struct SingleReader: SingleValueDecodingContainer {
    let reader: ImageReader
    let start: Int
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { start < reader.buffer.count && reader.buffer[start] == ImageFormat.Tag.null.rawValue }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.value(T.self, at: start).0 }
    func decode(_ type: Int128.Type) throws -> Int128 { try reader.value(Box<Int128>.self, at: start).0.value }
    func decode(_ type: UInt128.Type) throws -> UInt128 { try reader.value(Box<UInt128>.self, at: start).0.value }
}

/// A 128-bit integer read as the primitive it is written as, whatever its own `Decodable` does.
struct Box<Value: FixedWidthInteger & Sendable>: Decodable {
    var value: Value
    init(from decoder: any Decoder) throws {
        let d = decoder as! ImageDecoder
        d.reader.position = d.start
        value = try d.reader.required(Value.self)
    }
}
