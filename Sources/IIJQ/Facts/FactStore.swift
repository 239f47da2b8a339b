/// The facts, kept in columns of small numbers: a million facts take about 55 MB, not the
/// 400 MB that a million `Fact` values with their own strings and arrays would.
///
/// Names, dimension values, periods, units, slides and labels repeat from fact to fact, so each
/// distinct one is stored once (`Interner`) and a fact holds its number. Reading `store[i]`
/// builds the `Fact`; the evaluator filters on the numbers (`metricIDs`, `dimensionIDs`, …) and
/// builds only the facts it keeps.
public struct FactStore: RandomAccessCollection, Sendable, Codable {
    var metricNames = Interner<String>()
    var dimensionSets = Interner<[DimensionValue]>()
    var periodTable = Interner<Period>()
    var unitTable = Interner<Unit>()
    /// Where a figure was published: document, slide and the fact file that records it.
    var slideRefs = Interner<SlideRef>()
    var labelTable = Interner<String>()

    private(set) var metricIDs = Column<UInt32>()
    private(set) var dimensionIDs = Column<UInt32>()
    private(set) var periodIDs = Column<UInt32>()
    private(set) var bases = Column<Basis>()
    /// Each value's significand, and its scale, places and unit (`ValueFormat`): 12 bytes a fact.
    private(set) var significands = Column<Int64>()
    private(set) var formats = Column<ValueFormat>()
    private(set) var slideRefIDs = Column<UInt32>()
    private(set) var labelIDs = Column<UInt32>()
    private(set) var lines = Column<UInt32>()
    /// Values that two columns cannot hold (ranges, bounds, wide numbers), indexed by the significand.
    private var wideQuantities: [Quantity] = []
    /// The second and later citations of figures published more than once.
    private var moreCitations: [Int: [Citation]] = [:]
    /// The notes of the few facts a slide qualifies (`approx.`), by position.
    private var notes: [Int: String] = [:]
    /// The last position with a note or a second citation (−1: none): the facts loaded after
    /// the embedded base's (a million of them, say) are never looked up.
    private var lastNoted = -1
    /// Each fact's position by what identifies it (metric, dimension values, period, basis): a
    /// hash table of positions whose keys are read from the columns, 4 bytes a slot.
    private var keyIndex = KeyIndex()
    /// The facts of each metric, by metric number, in load order.
    private(set) var byMetric: [Column<UInt32>] = []
    /// The facts of each metric at each period (`Combination.packed(metric, period)`), in load order.
    private var byMetricPeriod = KeyedColumns<UInt32>()
    /// Each metric's distinct dimension sets and bases (`Combination.packed(dimensions, basis)`).
    private(set) var combinations = ColumnSets()
    /// A metric's combinations that hold one dimension value (`Combination.packed(metric, value)`).
    private var combinationsWith = KeyedColumns<UInt64>()
    private var dimensionValues = Interner<DimensionValue>()

    /// A document's slide and the fact file that records a figure printed there: what the
    /// facts of one `source` line share.
    struct SlideRef: Hashable, Sendable, Codable {
        var document: String, slide: String, file: String
    }

    /// What identifies a fact, in numbers: two facts with the same key are one figure.
    struct Key: Hashable {
        var metric: UInt32, dimensions: UInt32, period: UInt32, basis: Basis
    }

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { metricIDs.count }

    public subscript(i: Int) -> Fact {
        Fact(metric: metricNames[metricIDs[i]], dimensions: dimensionSets[dimensionIDs[i]], period: periodTable[periodIDs[i]],
             basis: bases[i], quantity: quantity(at: i), citations: citations(at: i))
    }

    func period(at i: Int) -> Period { periodTable[periodIDs[i]] }
    func dimensions(at i: Int) -> [DimensionValue] { dimensionSets[dimensionIDs[i]] }

    /// The value of fact `i`, with the tolerance of its printed rounding.
    func quantity(at i: Int) -> Quantity {
        let f = formats[i]
        var q: Quantity
        if f.unit == ValueFormat.wide {
            q = wideQuantities[Int(significands[i])]
        } else {
            let d = Dec(Int128(significands[i]), scale: Int(f.scale))
            q = Quantity(low: d, high: d, unit: unitTable[UInt32(f.unit)], places: Int(f.places))
        }
        // A published figure stands for every value that rounds to it.
        q.tolerance = Tolerance.ofPrinted(places: q.places)
        return q
    }

    /// Whether any fact may carry a note: one of its own, or one of a second printing (a million
    /// synthetic facts have none, and their results skip the look).
    var hasNotes: Bool { lastNoted >= 0 }

    /// The notes of fact `i`'s printings, first printing first (`citations(at:)` without the rest).
    func notes(at i: Int) -> [String] {
        guard i <= lastNoted else { return [] }
        let own = notes[i], more = moreCitations[i]
        guard own != nil || more != nil else { return [] }
        return (own.map { [$0] } ?? []) + (more?.compactMap(\.note) ?? [])
    }

    /// Every place fact `i` was published.
    func citations(at i: Int) -> [Citation] {
        let s = slideRefs[slideRefIDs[i]]
        let first = Citation(document: s.document, slide: s.slide, label: labelTable[labelIDs[i]], file: s.file, line: Int(lines[i]), note: notes[i])
        guard let more = moreCitations[i] else { return [first] }
        return [first] + more
    }

    /// The position of the fact with this key, if there is one.
    func index(metric: String, dimensions: [DimensionValue], period: Period, basis: Basis) -> Int? {
        guard let m = metricNames.existingID(metric), let d = dimensionSets.existingID(dimensions),
              let p = periodTable.existingID(period) else { return nil }
        return find(Key(metric: m, dimensions: d, period: p, basis: basis)).map(Int.init)
    }

    /// Adds a fact, or returns the position of the fact that already has its key.
    mutating func insert(_ fact: Fact) -> (inserted: Bool, index: Int) {
        let m = metricNames.id(fact.metric)
        let key = Key(metric: m, dimensions: dimensionSets.id(fact.dimensions), period: periodTable.id(fact.period), basis: fact.basis)
        if let i = find(key) { return (false, Int(i)) }
        let i = metricIDs.count
        addToKeyIndex(i, key)
        metricIDs.append(m)
        dimensionIDs.append(key.dimensions)
        periodIDs.append(key.period)
        bases.append(fact.basis)
        pack(fact.quantity, at: i)
        let c = fact.citations[0]
        slideRefIDs.append(slideRefs.id(SlideRef(document: c.document, slide: c.slide, file: c.file)))
        labelIDs.append(labelTable.id(c.label))
        lines.append(UInt32(clamping: c.line))
        if let note = c.note { notes[i] = note; lastNoted = i }
        if fact.citations.count > 1 { moreCitations[i] = Array(fact.citations.dropFirst()); lastNoted = i }
        while byMetric.count <= Int(m) { byMetric.append(Column()); combinations.sets.append([]) }
        byMetric[Int(m)].append(UInt32(i))
        byMetricPeriod.append(UInt32(i), to: Combination.packed(m, key.period))
        let combination = Combination.packed(key.dimensions, UInt32(fact.basis.ordinal))
        if combinations.sets[Int(m)].insert(combination).inserted {
            for v in fact.dimensions { combinationsWith.append(combination, to: Combination.packed(m, dimensionValues.id(v))) }
        }
        return (true, i)
    }

    /// Makes room in the columns for `more` facts, so a big file does not grow them step by step
    /// (each step copies a column, and briefly holds both copies). Room never used costs address
    /// space, not memory: the pages of a column are touched only as facts fill them. The key
    /// index, whose slots are all written, grows by itself.
    mutating func reserve(_ more: Int) {
        let total = count + more
        metricIDs.reserveCapacity(total)
        dimensionIDs.reserveCapacity(total)
        periodIDs.reserveCapacity(total)
        bases.reserveCapacity(total)
        significands.reserveCapacity(total)
        formats.reserveCapacity(total)
        slideRefIDs.reserveCapacity(total)
        labelIDs.reserveCapacity(total)
        lines.reserveCapacity(total)
    }

    /// Replaces the value of fact `i` (a more precise printing of the same figure).
    mutating func setQuantity(_ q: Quantity, at i: Int) { pack(q, at: i) }

    /// Adds places where fact `i` was also published.
    mutating func addCitations(_ more: [Citation], at i: Int) {
        moreCitations[i, default: []].append(contentsOf: more)
        lastNoted = Swift.max(lastNoted, i)
    }

    /// Renames documents in every citation (ids become file names once every file is read).
    mutating func renameDocuments(_ rename: (String) -> String) {
        slideRefs.update { $0.document = rename($0.document) }
        moreCitations = moreCitations.mapValues { list in list.map { var c = $0; c.document = rename(c.document); return c } }
    }

    /// The unit of the first fact of `metric` and its position, if it has facts.
    func firstUnit(of metric: String) -> (unit: Unit, position: Int)? {
        guard let m = metricNames.existingID(metric), Int(m) < byMetric.count, let first = byMetric[Int(m)].first else { return nil }
        let id = formats[Int(first)].unit
        return (id == ValueFormat.wide ? quantity(at: Int(first)).unit : unitTable[UInt32(id)], Int(first))
    }

    /// The positions of the facts of `metric`, in load order.
    func positions(of metric: String) -> Column<UInt32> {
        guard let m = metricNames.existingID(metric), Int(m) < byMetric.count else { return Column() }
        return byMetric[Int(m)]
    }

    /// The positions of the facts of `metric` at `period`, in load order.
    func positions(of metric: String, at period: Period) -> Column<UInt32> {
        guard let m = metricNames.existingID(metric), let p = periodTable.existingID(period) else { return Column() }
        return byMetricPeriod[Combination.packed(m, p)] ?? Column()
    }

    /// The distinct dimension sets and bases among the facts of `metric`.
    func combinations(of metric: String) -> [(dimensions: UInt32, basis: Basis, key: UInt64)] {
        guard let m = metricNames.existingID(metric), Int(m) < combinations.sets.count else { return [] }
        return combinations.sets[Int(m)].map { key in
            let (d, b) = Combination.unpacked(key)
            return (d, Basis.allCases[Int(b)], key)
        }
    }

    /// The combinations of `metric` whose dimension sets hold `value`.
    func combinations(of metric: String, with value: DimensionValue) -> [(dimensions: UInt32, basis: Basis, key: UInt64)] {
        guard let m = metricNames.existingID(metric), let v = dimensionValues.existingID(value) else { return [] }
        return (combinationsWith[Combination.packed(m, v)] ?? Column()).map { key in
            let (d, b) = Combination.unpacked(key)
            return (d, Basis.allCases[Int(b)], key)
        }
    }

    /// The position of the fact of `metric` with this combination at `period`.
    func position(of metric: String, _ combination: UInt64, at period: Period) -> UInt32? {
        guard let m = metricNames.existingID(metric), let p = periodTable.existingID(period) else { return nil }
        let (d, b) = Combination.unpacked(combination)
        return find(Key(metric: m, dimensions: d, period: p, basis: Basis.allCases[Int(b)]))
    }

    /// The key `combinations(of:)` gives fact `i`.
    func combination(at i: Int) -> UInt64 { Combination.packed(dimensionIDs[i], UInt32(bases[i].ordinal)) }

    /// Stores `q` as fact `i`'s value: in the columns when it is one exact number that fits them
    /// (nearly every printed figure), else among the wide quantities.
    private mutating func pack(_ q: Quantity, at i: Int) {
        var value = (significand: Int64(wideQuantities.count), format: ValueFormat(scale: 0, places: 0, unit: ValueFormat.wide))
        if q.bound == .exact, q.low.significand == q.high.significand, q.low.scale == q.high.scale,
           let significand = Int64(exactly: q.low.significand), let scale = UInt8(exactly: q.low.scale), let places = UInt8(exactly: q.places),
           case let unit = unitTable.id(q.unit), unit < UInt32(ValueFormat.wide) {
            value = (significand, ValueFormat(scale: scale, places: places, unit: UInt16(unit)))
        } else {
            wideQuantities.append(q)
        }
        if i == significands.count {
            significands.append(value.significand)
            formats.append(value.format)
        } else {
            significands[i] = value.significand
            formats[i] = value.format
        }
    }
}

/// The key index: open addressing with linear probing over `keyIndex.slots`, a power of two
/// of them, at most three quarters full. A slot holds a fact's position + 1 (0 is empty); the
/// key is compared in the columns, so a slot costs 4 bytes where a dictionary entry costs 20.
extension FactStore {
    struct KeyIndex: Sendable, Codable {
        var slots = Column<UInt32>()
    }

    /// A well-mixed hash of a key, to spread sequential numbers over the slots. The basis is left
    /// out: facts that differ only in it are few, and sit in neighbouring slots.
    static func hash(_ k: Key) -> Int {
        var h = UInt64(k.metric) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ UInt64(k.dimensions)) &* 0xC2B2_AE3D_27D4_EB4F
        h = (h ^ UInt64(k.period)) &* 0x1656_67B1_9E37_79F9
        return Int(truncatingIfNeeded: h ^ (h >> 31))
    }

    /// The position of the fact with key `k`, if there is one.
    func find(_ k: Key) -> UInt32? {
        let slots = keyIndex.slots
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var s = FactStore.hash(k) & mask
        while slots[s] != 0 {
            let i = Int(slots[s] - 1)
            if metricIDs[i] == k.metric, dimensionIDs[i] == k.dimensions, periodIDs[i] == k.period, bases[i] == k.basis { return UInt32(i) }
            s = (s + 1) & mask
        }
        return nil
    }

    /// Records that fact `i`, about to be stored, has key `k` (no fact has it yet), growing the
    /// table when it is full.
    mutating func addToKeyIndex(_ i: Int, _ k: Key) {
        if (i + 1) * 4 > keyIndex.slots.count * 3 { reserveKeyIndex(Swift.max(16, (i + 1) * 2)) }
        let mask = keyIndex.slots.count - 1
        var s = FactStore.hash(k) & mask
        while keyIndex.slots[s] != 0 { s = (s + 1) & mask }
        keyIndex.slots[s] = UInt32(i + 1)
    }

    /// Makes the table big enough for `total` facts, placing the facts already stored again.
    mutating func reserveKeyIndex(_ total: Int) {
        var size = 16
        while size * 3 < total * 4 { size *= 2 }
        guard size > keyIndex.slots.count else { return }
        keyIndex.slots = Column([UInt32](repeating: 0, count: size))
        let mask = size - 1
        for i in 0..<metricIDs.count {
            let k = Key(metric: metricIDs[i], dimensions: dimensionIDs[i], period: periodIDs[i], basis: bases[i])
            var s = FactStore.hash(k) & mask
            while keyIndex.slots[s] != 0 { s = (s + 1) & mask }
            keyIndex.slots[s] = UInt32(i + 1)
        }
    }
}

/// Two 32-bit numbers as one 64-bit key.
enum Combination {
    static func packed(_ high: UInt32, _ low: UInt32) -> UInt64 { UInt64(high) << 32 | UInt64(low) }
    static func unpacked(_ key: UInt64) -> (high: UInt32, low: UInt32) { (UInt32(key >> 32), UInt32(truncatingIfNeeded: key)) }
}

extension Basis {
    /// The position among `allCases`.
    var ordinal: Int { Basis.allCases.firstIndex(of: self)! }
}

/// How to read a fact's significand: its scale, the places it was printed to, and its unit.
struct ValueFormat: Sendable, Codable, ImageBulkElement {
    /// The unit number meaning "the significand indexes the wide quantities".
    static let wide = UInt16.max
    var scale: UInt8, places: UInt8
    var unit: UInt16
}

/// Numbers distinct values in the order they are first seen.
struct Interner<Value: Hashable & Sendable>: Sendable {
    private(set) var values: [Value] = []
    private var ids: [Value: UInt32] = [:]
    /// The last value numbered: fact files repeat a source, a unit or a metric line after line.
    private var last: (value: Value, id: UInt32)?

    /// The number of `value`, adding it if it is new.
    mutating func id(_ value: Value) -> UInt32 {
        if let last, last.value == value { return last.id }
        if let id = ids[value] { last = (value, id); return id }
        let id = UInt32(values.count)
        values.append(value)
        ids[value] = id
        last = (value, id)
        return id
    }

    /// The number of `value`, if it was seen.
    func existingID(_ value: Value) -> UInt32? { ids[value] }

    subscript(id: UInt32) -> Value { values[Int(id)] }

    var count: Int { values.count }

    /// Changes every value (which must stay distinct), keeping the numbers.
    mutating func update(_ change: (inout Value) -> Void) {
        for i in values.indices { change(&values[i]) }
        last = nil
        ids = Dictionary(values.enumerated().map { ($1, UInt32($0)) }, uniquingKeysWith: min)
    }
}

/// A fact image keeps the values; their numbers are their positions.
extension Interner: Codable where Value: Codable {
    init(from decoder: any Decoder) throws {
        // Through a single value, so that an image reads a list of strings in one loop.
        values = try decoder.singleValueContainer().decode([Value].self)
        ids.reserveCapacity(values.count)
        // An index loop, not `enumerated()`: unspecialized, each step of that looks up its type.
        var i = 0
        while i < values.count {
            ids[values[i]] = UInt32(i)
            i += 1
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(values)
    }
}
