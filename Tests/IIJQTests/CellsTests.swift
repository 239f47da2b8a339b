@testable import IIJQ
import Testing

/// A frame's columns (`Cells`) behave as the array of cells they stand for: every way a stage
/// changes them (set a cell, insert, remove, filter, pick, append) leaves the same cells, in the
/// same order, as the same change to an array.
@Suite struct CellsTests {
    /// What a test compares of a cell: everything it holds but its sources.
    static func shown(_ c: Cell) -> String {
        "\(c.key)|\(c.dimensions.map { "\($0.dimension)=\($0.value)" })|\(c.when)|\(c.basis?.rawValue ?? "mixed")|\(c.quantity.low)|"
            + "\(c.derivation ?? "-")|\(c.printed)|\(c.computed.map { "\($0.low)" } ?? "-")|\(c.original.map { "\($0.low)" } ?? "-")"
    }

    static func cell(_ row: String, _ quarter: Int, _ value: Int, derivation: String? = nil) -> Cell {
        var c = Cell(key: [row], dimensions: [DimensionValue(dimension: "segment", value: row)], when: .at(.quarter(2024, quarter)),
                     basis: .actual, quantity: Quantity(Dec(value), .money(scale: 6)), citations: [])
        c.derivation = derivation
        return c
    }

    static func same(_ cells: Cells, _ array: [Cell]) -> Bool {
        cells.map(shown) == array.map(shown)
    }

    @Test func everyChangeLeavesTheCellsAnArrayWould() {
        var array = [Self.cell("si", 1, 10), Self.cell("wan", 1, 20), Self.cell("si", 2, 30)]
        var cells = Cells(array)
        #expect(Self.same(cells, array))

        // A cell written back, with a derivation where none had one: the extras column appears.
        array[1].derivation = "1Q24 is the sum of its parts"
        array[1].quantity = Quantity(Dec(21), .money(scale: 6))
        cells[1].derivation = "1Q24 is the sum of its parts"
        cells[1].quantity = Quantity(Dec(21), .money(scale: 6))
        #expect(Self.same(cells, array))
        #expect(cells.hasExtras)

        // Inserted and removed in the middle, with a key and period not seen before.
        let new = [Self.cell("cloud", 3, 40), Self.cell("si", 4, 50, derivation: "derived")]
        array.replaceSubrange(1..<2, with: new)
        cells.replaceSubrange(1..<2, with: new)
        #expect(Self.same(cells, array))

        // Filtered, picked out of order, appended to.
        #expect(Self.same(cells.filter { $0.key == ["si"] }, array.filter { $0.key == ["si"] }))
        #expect(Self.same(cells.picking([3, 0, 2]), [array[3], array[0], array[2]]))
        array += [Self.cell("wan", 2, 60)]
        cells += [Self.cell("wan", 2, 60)]
        #expect(Self.same(cells, array))

        // What the columns answer without building cells.
        #expect(cells.distinctKeys == [["si"], ["cloud"], ["wan"]])
        #expect(cells.distinctWhens == Set(array.map(\.when)))
        #expect(cells.grouped().map(\.members) == [[0, 2, 3], [1], [4]])
        #expect(cells.derivation(at: 2) == "derived")
        #expect(cells.key(at: 1) == ["cloud"])
    }

    @Test func theCommonDimensionsAreThoseEveryCellHas() {
        var a = Self.cell("si", 1, 10), b = Self.cell("si", 2, 20)
        a.dimensions.append(DimensionValue(dimension: "service", value: "wan"))
        b.dimensions = [DimensionValue(dimension: "segment", value: "si")]
        let cells: Cells = [a, b]
        #expect(cells.commonDimensions([0, 1]) == [DimensionValue(dimension: "segment", value: "si")])
        #expect(cells.commonDimensions([0]) == a.dimensions)
        #expect(cells.commonDimensions([Int]()) == [])
    }
}
