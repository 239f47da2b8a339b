/// When a cell's value holds: at one period, or aggregated over a span of periods.
public enum When: Hashable, Sendable, Comparable, CustomStringConvertible {
    case at(Period)
    case over(Period, Period)
    /// A value comparing two periods: `revenue @ FY24 - revenue @ FY21` is at FY21→FY24.
    case between(Period, Period)
    /// A value with no period (a plain number).
    case always

    public var description: String {
        switch self {
        case .at(let p): p.description
        case .over(let a, let b): "\(a)..\(b)"
        case .between(let a, let b): "\(a)→\(b)"
        case .always: ""
        }
    }

    var sortKey: (Period?, Period?) {
        switch self {
        case .at(let p): (p, p)
        case .over(let a, let b), .between(let a, let b): (a, b)
        case .always: (nil, nil)
        }
    }

    public static func < (a: When, b: When) -> Bool {
        switch (a.sortKey, b.sortKey) {
        case ((let a1?, let a2?), (let b1?, let b2?)): a1 != b1 ? a1 < b1 : a2 < b2
        case ((nil, _), (.some, _)): true
        default: false
        }
    }
}

/// One value of a result: its row key, its period, its quantity and the facts behind it. A frame
/// keeps its cells as columns (`Cells`); a `Cell` is one of them read out.
public struct Cell: Sendable {
    /// Values of the frame's key dimensions, in the frame's key order.
    public var key: [String]
    /// Every dimension fixed for this cell (key dimensions and `=` filters).
    public var dimensions: [DimensionValue]
    public var when: When
    /// The basis, or nil when the cell mixes bases (target − actual).
    public var basis: Basis?
    public var quantity: Quantity
    /// Where the figure was published, gathered when asked for (`citations`).
    public var sources: CitationSources
    /// How a value not read as published came about ("FY25 − 1H25 (derived by difference)", "the
    /// FY23 actual: no target published"), carried into every value computed from it; nil for
    /// a value read as published. Machine formats give it beside the value.
    public var derivation: String? = nil
    /// Whether the value is a figure IIJ printed for this expression and cell (a growth rate, a
    /// margin), answered instead of computing it; `computed` then holds what the stored inputs
    /// give, or nil when they give nothing.
    public var printed = false
    public var computed: Quantity? = nil
    /// The value in the unit it was printed (or computed) in, when the display scale or `in`
    /// re-scaled it: machine formats and `explain` show it, so no re-scaling is silent.
    public var original: Quantity? = nil

    /// Every place the figure behind the value was published, each once.
    public var citations: [Citation] {
        get { sources.resolved }
        set { sources = CitationSources(newValue) }
    }

    /// Two derivations as one: each said once.
    static func merged(_ a: String?, _ b: String?) -> String? {
        guard let a else { return b }
        guard let b, b != a, !a.contains(b) else { return a }
        return a + "; " + b
    }
}

extension Cell {
    init(key: [String], dimensions: [DimensionValue], when: When, basis: Basis?, quantity: Quantity, citations: [Citation], derivation: String? = nil) {
        self.init(key: key, dimensions: dimensions, when: when, basis: basis, quantity: quantity, sources: CitationSources(citations), derivation: derivation)
    }
}

/// A result: cells keyed by dimensions and periods, plus notes on what was resolved or missing.
public struct Frame: Sendable {
    /// The expression as text, used as the metric name in output.
    public var label: String
    /// The key dimensions, in order.
    public var keys: [String]
    public var cells: Cells
    public var notes: [String] = []
    /// Whether its periods were fixed in the expression (`revenue @ FY21`): such cells pair with
    /// cells at other periods (see `Evaluator.combine`).
    public var pinned = false
    /// The periods the query asked for, in order: a table shows each as a column, empty where
    /// the result has no cell there. Nil when none were asked for or the cells span periods.
    public var askedPeriods: [Period]?

    /// Where the periods stand among the row keys when they are rows (`by period`); nil when
    /// they are columns, as usual.
    public var periodRow: Int?

    /// The key of a result of several expressions (`revenue, gross_profit @ FY24`): each cell's
    /// expression, first among the keys.
    public static let expressionKey = "metric"

    /// Whether the frame holds several expressions, each cell's first key naming its own.
    public var hasExpressionKey: Bool { keys.first == Frame.expressionKey }

    /// What a cell is a value of: its expression, or the frame's label.
    public func metric(of c: Cell) -> String { hasExpressionKey ? c.key[0] : label }

    /// The key dimensions proper, without the expression key.
    public var dimensionKeys: ArraySlice<String> { hasExpressionKey ? keys.dropFirst() : keys[...] }

    /// The row keys as shown: the key dimensions, with `period` where the periods are rows.
    public var rowKeys: [String] {
        guard let i = periodRow else { return keys }
        var k = keys
        k.insert("period", at: min(i, k.count))
        return k
    }

    /// The row a cell is shown in: its key, with its period where the periods are rows.
    public func row(of c: Cell) -> [String] { row(c.key, c.when) }

    /// The row cell `i` is shown in, read from the columns.
    func row(at i: Int) -> [String] { row(cells.key(at: i), cells.when(at: i)) }

    private func row(_ key: [String], _ when: When) -> [String] {
        guard let i = periodRow else { return key }
        var k = key
        k.insert(when.description, at: min(i, k.count))
        return k
    }

    /// The frame cut to at most `maxCells` cells, whole rows at a time in their order, with a
    /// note saying what was cut.
    func limited(to maxCells: Int) -> Frame {
        guard cells.count > maxCells else { return self }
        var sizes: [[String]: Int] = [:]
        for c in cells { sizes[c.key, default: 0] += 1 }
        var seen = Set<[String]>(), kept = Set<[String]>(), total = 0
        for c in cells where seen.insert(c.key).inserted && total + sizes[c.key]! <= maxCells {
            kept.insert(c.key)
            total += sizes[c.key]!
        }
        var f = self
        // A single row longer than the bound is cut within the row.
        f.cells = kept.isEmpty ? cells.picking(0..<maxCells) : cells.filter { kept.contains($0.key) }
        let rows = kept.isEmpty ? "part of the first row" : "the first \(Dec(kept.count).formatted()) of \(Dec(sizes.count).formatted()) rows"
        f.notes.append("the result has \(Dec(cells.count).formatted()) cells, more than the \(Dec(maxCells).formatted()) a result may hold: "
                       + "only \(rows) (\(Dec(f.cells.count).formatted()) cells) are kept; ask for fewer periods or rows")
        return f
    }
}

/// What an expression evaluates to: a plain number, a calendar shift, or a frame.
enum Value {
    case scalar(Quantity)
    case shift(Int, Period.Grain)
    case frame(Frame)
}
