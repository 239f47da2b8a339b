/// A column of fixed-width values (each fact's metric number, period number, value…), held in an
/// array of its own or read in place from a fact image's bytes.
///
/// A base read from an image (`FactImage.base(from:owner:)`) keeps its columns where the image
/// is, so starting from a compiled million facts copies none of them, and a column's pages come
/// into memory only when a query reads them. The image's `owner` keeps its bytes alive as long as
/// a column points into them. The first change to a column read in place copies it.
struct Column<Element: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable {
    // Unchecked: `view` points into bytes that `owner` (Sendable) keeps alive and never changes.
    private var owned: [Element] = []
    private var view: UnsafeBufferPointer<Element>?
    private var owner: (any ImageOwner)?

    init() {}

    init(_ elements: [Element]) { owned = elements }

    /// The `count` values at `start`, which `owner` keeps alive.
    init(viewing start: UnsafePointer<Element>, count: Int, owner: any ImageOwner) {
        view = UnsafeBufferPointer(start: start, count: count)
        self.owner = owner
    }

    var startIndex: Int { 0 }
    var endIndex: Int { view?.count ?? owned.count }
    var count: Int { endIndex }

    subscript(i: Int) -> Element {
        get {
            guard let view else { return owned[i] }
            precondition(i >= 0 && i < view.count, "a column read past its end")
            return view[i]
        }
        set {
            own()
            owned[i] = newValue
        }
    }

    /// Whether the values are read in place from an image.
    var isInPlace: Bool { view != nil }

    mutating func append(_ element: Element) {
        own()
        owned.append(element)
    }

    mutating func reserveCapacity(_ n: Int) {
        own()
        owned.reserveCapacity(n)
    }

    /// Calls `body` with the values' bytes, where they are.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if let view { return try body(UnsafeRawBufferPointer(view)) }
        return try owned.withUnsafeBytes(body)
    }

    /// Copies a column read in place into an array of its own, before it is changed.
    private mutating func own() {
        guard let view else { return }
        owned = Array(view)
        self.view = nil
        owner = nil
    }
}

/// A column shows as its values, wherever they are held.
extension Column: CustomReflectable {
    var customMirror: Mirror { Mirror(self, unlabeledChildren: Array(self), displayStyle: .collection) }
}

extension Column: Equatable where Element: Equatable {
    static func == (a: Column, b: Column) -> Bool { a.elementsEqual(b) }
}

extension Column: Codable where Element: Codable {
    init(from decoder: any Decoder) throws { owned = try [Element](from: decoder) }
    func encode(to encoder: any Encoder) throws { try Array(self).encode(to: encoder) }
}

/// Keeps the bytes of a fact image alive while a fact base reads columns in place from them.
public protocol ImageOwner: AnyObject, Sendable {
    /// Says the image's bytes in `range` need not stay in memory now: those of a mapped file are
    /// read again from it when next asked for, so a base's memory holds only the pages queries read.
    func release(_ range: Range<Int>)
}

extension Column {
    /// The values at `range`: read in place still when this column is.
    func slice(_ range: Range<Int>) -> Column {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "a column sliced past its end")
        guard !range.isEmpty else { return Column() }
        if let view, let owner { return Column(viewing: view.baseAddress! + range.lowerBound, count: range.count, owner: owner) }
        return Column(Array(owned[range]))
    }
}

/// Lists of numbers by a 64-bit key: the facts of each metric at each period, the combinations
/// that hold each dimension value.
///
/// An image holds them as three columns (the keys in order, the lists' lengths, the lists one
/// after another). A base read in place keeps those columns and finds a key's list by binary
/// search, so reading it builds no table; the first change builds one.
struct KeyedColumns<Element: ImageBulkElement & Codable>: Sendable, Codable, CustomReflectable {
    /// The lists built or changed since the image was read.
    private var lists: [UInt64: Column<Element>] = [:]
    /// The lists as the image holds them (none once a change has built `lists`).
    private var stored = Stored()

    private struct Stored: Sendable {
        var keys = Column<UInt64>()
        /// Where each key's list starts in `all`, and where the last ends.
        var starts: [Int] = [0]
        var all = Column<Element>()

        /// The position of `key` among the keys, by binary search.
        func position(of key: UInt64) -> Int? {
            var (low, high) = (0, keys.count)
            while low < high {
                let middle = (low + high) / 2
                if keys[middle] < key { low = middle + 1 } else { high = middle }
            }
            return low < keys.count && keys[low] == key ? low : nil
        }

        func list(at i: Int) -> Column<Element> { all.slice(starts[i]..<starts[i + 1]) }
    }

    init() {}

    subscript(key: UInt64) -> Column<Element>? {
        guard !stored.keys.isEmpty else { return lists[key] }
        return stored.position(of: key).map(stored.list)
    }

    mutating func append(_ element: Element, to key: UInt64) {
        if !stored.keys.isEmpty {
            for i in stored.keys.indices { lists[stored.keys[i]] = stored.list(at: i) }
            stored = Stored()
        }
        lists[key, default: Column()].append(element)
    }

    /// Every (key, list), in key order.
    private var sorted: [(key: UInt64, list: Column<Element>)] {
        guard stored.keys.isEmpty else { return stored.keys.indices.map { (stored.keys[$0], stored.list(at: $0)) } }
        return lists.keys.sorted().map { ($0, lists[$0]!) }
    }

    /// The lists as a table, however they are held (`FactImageTests` compares a base read from an
    /// image with one loaded from text).
    var customMirror: Mirror { Mirror(self, unlabeledChildren: sorted.map { (key: $0.key, value: $0.list) }, displayStyle: .dictionary) }

    init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        let keys = try c.decode(Column<UInt64>.self), lengths = try c.decode(Column<UInt32>.self), all = try c.decode(Column<Element>.self)
        guard keys.count == lengths.count else { throw ImageError("keyed lists with \(keys.count) keys and \(lengths.count) lengths") }
        var starts = [0]
        starts.reserveCapacity(keys.count + 1)
        for n in lengths { starts.append(starts.last! + Int(n)) }
        guard starts.last! == all.count, keys.indices.dropFirst().allSatisfy({ keys[$0 - 1] < keys[$0] }) else {
            throw ImageError("keyed lists whose lengths do not add up or whose keys are out of order")
        }
        stored = Stored(keys: keys, starts: starts, all: all)
    }

    func encode(to encoder: any Encoder) throws {
        // In key order, so that one base always gives one image.
        let sorted = sorted
        var c = encoder.unkeyedContainer()
        try c.encode(sorted.map(\.key))
        try c.encode(sorted.map { UInt32($0.list.count) })
        try c.encode(ConcatenatedColumns(parts: sorted.map(\.list)))
    }
}

/// Sets of 64-bit numbers (each metric's combinations), which an image holds as sorted columns.
struct ColumnSets: Sendable, Codable {
    var sets: [Set<UInt64>] = []

    init() {}

    init(from decoder: any Decoder) throws {
        sets = try decoder.singleValueContainer().decode([[UInt64]].self).map(Set.init)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(sets.map { $0.sorted() })
    }
}
