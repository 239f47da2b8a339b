/// Where a cell's figure was published, gathered only when something shows it (`cite`,
/// `explain`, a transcript, a machine format): a cell read from a fact holds the fact's position,
/// and a sum of a hundred thousand facts holds their positions, not a hundred thousand merged
/// `Citation` lists.
public struct CitationSources: Sendable {
    enum Storage: Sendable {
        /// Citations already built (a printed result's, a value with none).
        case list([Citation])
        /// The citations of one fact (no array: a cell per fact allocates nothing for its sources).
        case fact(FactCitations, UInt32)
        /// The citations of distinct facts, in this order.
        case facts(FactCitations, [UInt32])
    }

    var storage: Storage

    init(_ list: [Citation]) { storage = .list(list) }

    /// The citations of fact `position` of `table`.
    init(fact position: Int, of table: FactCitations) { storage = .fact(table, UInt32(position)) }

    /// The citations of every part, each once, in order of first appearance: the facts' positions,
    /// each once, when every part is facts of one table (a chain `a1 = a0 + a0`, `a2 = a1 + a1` …
    /// stays one position long), else the citations themselves.
    init(merging parts: [CitationSources]) {
        if parts.count == 1 { self = parts[0]; return }
        var positions: [UInt32] = [], seen = SeenPositions(expected: parts.count), table: FactCitations?
        for p in parts {
            switch p.storage {
            case .fact(let t, let position) where table == nil || table === t:
                table = t
                if seen.insert(position, of: t) { positions.append(position) }
            case .facts(let t, let more) where table == nil || table === t:
                table = t
                for position in more where seen.insert(position, of: t) { positions.append(position) }
            default:
                storage = .list([Citation](merging: parts.map(\.resolved)))
                return
            }
        }
        storage = table.map { .facts($0, positions) } ?? .list([])
    }

    /// These sources followed by those of `other` (`[Citation].adding`).
    func adding(_ other: CitationSources) -> CitationSources { CitationSources(merging: [self, other]) }

    /// The slides' qualifications of these figures (`approx.`), read from the facts' columns
    /// without building their citations: every result asks, and most cite nothing.
    var notes: [String] {
        switch storage {
        case .list(let list): return list.compactMap(\.note)
        case .fact(let table, let position): return table.store.notes(at: Int(position))
        case .facts(let table, let positions): return table.store.hasNotes ? positions.flatMap { table.store.notes(at: Int($0)) } : []
        }
    }

    /// The citations, each once, in order of first appearance.
    public var resolved: [Citation] {
        switch storage {
        case .list(let list): return list
        case .fact(let table, let position): return table.store.citations(at: Int(position))
        case .facts(let table, let positions):
            if positions.count == 1 { return table.store.citations(at: Int(positions[0])) }
            return [Citation](merging: positions.map { table.store.citations(at: Int($0)) })
        }
    }
}

/// The fact positions a merge has seen: a set for a few parts, and for many (a sum of a hundred
/// thousand facts) a bit per fact of the base, which costs no hashing.
private struct SeenPositions {
    private var few = Set<UInt32>()
    private var bits: [UInt64] = []
    private let many: Bool

    init(expected parts: Int) { many = parts > 4096 }

    /// Adds `position` of `table`; whether it was new.
    mutating func insert(_ position: UInt32, of table: FactCitations) -> Bool {
        guard many else { return few.insert(position).inserted }
        if bits.isEmpty { bits = Array(repeating: 0, count: table.store.count / 64 + 1) }
        let (word, bit) = (Int(position) / 64, UInt64(1) << (position % 64))
        if bits[word] & bit != 0 { return false }
        bits[word] |= bit
        return true
    }
}

/// The facts' citation columns, shared by every cell that cites a fact (one per fact base).
public final class FactCitations: Sendable {
    let store: FactStore
    init(_ store: FactStore) { self.store = store }
}
