/// A frame's cells, held a column at a time: each row key, dimension set and period once, with a
/// number per cell, and the bases, values and sources in arrays of their own.
///
/// A selection over a hundred thousand facts reads, sorts, checks and sums these columns without
/// building a `Cell` for each fact; a `Cell` is built only when a stage or a renderer reads one
/// (`cells[i]`), and writing one back (`cells[i].quantity = …`) writes its columns. What few
/// cells carry (a derivation, a printed figure's computed value, a re-scaled original) is kept
/// in `extras`, which stays empty while no cell has any.
public struct Cells: RandomAccessCollection, MutableCollection, RangeReplaceableCollection, ExpressibleByArrayLiteral, Sendable {
    /// The row keys, each once; `rows` holds each cell's number in it.
    private(set) var keyTable = Interner<[String]>()
    private(set) var rows: [UInt32] = []
    private var dimensionTable = Interner<[DimensionValue]>()
    private var dimensionIDs: [UInt32] = []
    /// The periods, each once; `whenIDs` holds each cell's number in it.
    private(set) var whenTable = Interner<When>()
    private(set) var whenIDs: [UInt32] = []
    private(set) var bases: [Basis?] = []
    private(set) var quantities: [Quantity] = []
    private(set) var sources: [CitationSources] = []
    private var extras: [Extra] = []

    /// What a cell not read as published carries (see `Cell`).
    private struct Extra: Sendable {
        var derivation: String?
        var printed = false
        var computed: Quantity?
        var original: Quantity?

        init(_ c: Cell) { (derivation, printed, computed, original) = (c.derivation, c.printed, c.computed, c.original) }
        init() {}
        var isEmpty: Bool { derivation == nil && !printed && computed == nil && original == nil }
    }

    public init() {}

    public init(arrayLiteral cells: Cell...) {
        self.init(cells)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }

    public subscript(i: Int) -> Cell {
        get {
            var c = Cell(key: keyTable[rows[i]], dimensions: dimensionTable[dimensionIDs[i]], when: whenTable[whenIDs[i]], basis: bases[i],
                         quantity: quantities[i], sources: sources[i])
            if !extras.isEmpty {
                let e = extras[i]
                (c.derivation, c.printed, c.computed, c.original) = (e.derivation, e.printed, e.computed, e.original)
            }
            return c
        }
        set {
            rows[i] = keyTable.id(newValue.key)
            dimensionIDs[i] = dimensionTable.id(newValue.dimensions)
            whenIDs[i] = whenTable.id(newValue.when)
            (bases[i], quantities[i], sources[i]) = (newValue.basis, newValue.quantity, newValue.sources)
            let e = Extra(newValue)
            if extras.isEmpty && e.isEmpty { return }
            growExtras()
            extras[i] = e
        }
    }

    public mutating func reserveCapacity(_ n: Int) {
        rows.reserveCapacity(n); dimensionIDs.reserveCapacity(n); whenIDs.reserveCapacity(n)
        bases.reserveCapacity(n); quantities.reserveCapacity(n); sources.reserveCapacity(n)
    }

    public mutating func append(_ c: Cell) {
        append(row: keyTable.id(c.key), dimensions: dimensionTable.id(c.dimensions), when: whenTable.id(c.when), basis: c.basis,
               quantity: c.quantity, sources: c.sources)
        let e = Extra(c)
        if extras.isEmpty && e.isEmpty { return }
        growExtras()
        extras[extras.count - 1] = e
    }

    public mutating func replaceSubrange<C: Collection>(_ range: Range<Int>, with new: C) where C.Element == Cell {
        if range.isEmpty && range.lowerBound == endIndex {
            reserveCapacity(count + new.count)
            for c in new { append(c) }
            return
        }
        var tail = Cells(sharingTablesOf: self)
        tail.reserveCapacity(count - range.count + new.count)
        tail.append(contentsOf: self[..<range.lowerBound])
        for c in new { tail.append(c) }
        tail.append(contentsOf: self[range.upperBound...])
        self = tail
    }

    /// Empty cells that number keys, dimension sets and periods as `other` does (so its numbers stay good here).
    init(sharingTablesOf other: Cells) {
        keyTable = other.keyTable
        dimensionTable = other.dimensionTable
        whenTable = other.whenTable
    }

    private mutating func growExtras() {
        if extras.count < rows.count { extras += Array(repeating: Extra(), count: rows.count - extras.count) }
    }

    // MARK: Columns

    /// The number of row key `key`, adding it if it is new.
    mutating func row(for key: [String]) -> UInt32 { keyTable.id(key) }

    /// The number of dimension set `dimensions`, adding it if it is new.
    mutating func dimensions(for dimensions: [DimensionValue]) -> UInt32 { dimensionTable.id(dimensions) }

    /// The number of period `when`, adding it if it is new.
    mutating func when(for when: When) -> UInt32 { whenTable.id(when) }

    /// Appends a cell read as published, its key, dimensions and period given by number.
    mutating func append(row: UInt32, dimensions: UInt32, when: UInt32, basis: Basis?, quantity: Quantity, sources: CitationSources) {
        rows.append(row)
        dimensionIDs.append(dimensions)
        whenIDs.append(when)
        bases.append(basis)
        quantities.append(quantity)
        self.sources.append(sources)
        if !extras.isEmpty { extras.append(Extra()) }
    }

    /// The row key of cell `i`.
    func key(at i: Int) -> [String] { keyTable[rows[i]] }

    /// The period of cell `i`.
    func when(at i: Int) -> When { whenTable[whenIDs[i]] }

    /// The periods of the cells, each once.
    var distinctWhens: Set<When> {
        var used = [Bool](repeating: false, count: whenTable.count)
        for w in whenIDs { used[Int(w)] = true }
        return Set(used.indices.filter { used[$0] }.map { whenTable[UInt32($0)] })
    }

    /// The derivation of cell `i` (nil for a value read as published).
    func derivation(at i: Int) -> String? { extras.isEmpty ? nil : extras[i].derivation }

    /// Sets the derivation of cell `i`.
    mutating func setDerivation(_ d: String?, at i: Int) {
        if extras.isEmpty && d == nil { return }
        growExtras()
        extras[i].derivation = d
    }

    /// Whether some cell carries a derivation, a printed figure or an original value.
    var hasExtras: Bool { extras.contains { !$0.isEmpty } }

    /// The row keys of the cells, each once, in the order first seen: a row is looked at once,
    /// however many cells it has.
    var distinctKeys: [[String]] {
        var seen = [Bool](repeating: false, count: keyTable.count), out: [[String]] = []
        for r in rows where !seen[Int(r)] {
            seen[Int(r)] = true
            out.append(keyTable[r])
        }
        return out
    }

    /// The cells grouped by their members of the key dimensions at `positions` (all of them when
    /// nil): each group's key and its cells' positions, in the order first seen.
    func grouped(on positions: [Int]? = nil) -> [(key: [String], members: [Int])] {
        var groupOfRow = [Int](repeating: -1, count: keyTable.count)
        var groupOfKey: [[String]: Int] = [:], out: [(key: [String], members: [Int])] = []
        for (i, r) in rows.enumerated() {
            var g = groupOfRow[Int(r)]
            if g < 0 {
                let key = positions.map { p in p.map { keyTable[r][$0] } } ?? keyTable[r]
                g = groupOfKey[key] ?? out.count
                if g == out.count {
                    groupOfKey[key] = g
                    out.append((key, []))
                }
                groupOfRow[Int(r)] = g
            }
            out[g].members.append(i)
        }
        return out
    }

    /// The dimensions every cell at `members` has: each distinct dimension set compared once.
    func commonDimensions(_ members: some Collection<Int>) -> [DimensionValue] {
        guard let first = members.first else { return [] }
        var sets = Set<UInt32>()
        for i in members { sets.insert(dimensionIDs[i]) }
        let all = sets.map { dimensionTable[$0] }
        return dimensionTable[dimensionIDs[first]].filter { d in all.allSatisfy { $0.contains(d) } }
    }

    /// The cells at `positions`, in that order (a sort, a filter or both), moved a column at a time.
    func picking(_ positions: some Collection<Int>) -> Cells {
        var out = Cells(sharingTablesOf: self)
        out.rows = positions.map { rows[$0] }
        out.dimensionIDs = positions.map { dimensionIDs[$0] }
        out.whenIDs = positions.map { whenIDs[$0] }
        out.bases = positions.map { bases[$0] }
        out.quantities = positions.map { quantities[$0] }
        out.sources = positions.map { sources[$0] }
        if !extras.isEmpty { out.extras = positions.map { extras[$0] } }
        return out
    }

    /// The cells that satisfy `isIncluded`, in order, moved a column at a time.
    public func filter(_ isIncluded: (Cell) throws -> Bool) rethrows -> Cells {
        try picking(indices.filter { try isIncluded(self[$0]) })
    }
}
