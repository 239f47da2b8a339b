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
