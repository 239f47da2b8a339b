/// Renders frames one record per cell: CSV, TSV and JSON.
enum RecordRenderer {
    static func csv(_ frame: Frame, separator: Character) -> String {
        let sep = String(separator)
        let field = { CSV.field($0, separator: separator) }
        var out = ["metric"] + frame.dimensionKeys + ["period", "value", "high", "unit", "basis", "bound", "printed", "computed", "printed_value", "printed_high", "printed_unit"]
        var lines = [out.joined(separator: sep)]
        for c in frame.cells {
            out = [field(frame.metric(of: c))] + c.key.dropFirst(frame.hasExpressionKey ? 1 : 0).map(field) + [c.when.description, CellText.plain(c.quantity.low, places: c.quantity.places),
                   c.quantity.isRange ? CellText.plain(c.quantity.high, places: c.quantity.places) : "", field(c.quantity.unit.description), c.basis?.rawValue ?? "mixed",
                   c.quantity.bound == .exact ? "" : c.quantity.bound.rawValue, c.printed ? "yes" : "", c.computedText ?? ""]
            let p = c.asPrinted
            out += [CellText.plain(p.low, places: p.places), p.isRange ? CellText.plain(p.high, places: p.places) : "", field(p.unit.description)]
            lines.append(out.joined(separator: sep))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ frames: [Frame]) -> String {
        var records: [String] = []
        for frame in frames {
            for c in frame.cells {
                let dims = c.dimensions.map { "\(JSON.string($0.dimension)): \(JSON.string($0.value))" }.joined(separator: ", ")
                var r = "{\"metric\": \(JSON.string(frame.metric(of: c))), \"dimensions\": {\(dims)}, \"period\": \(JSON.string(c.when.description)), "
                if c.quantity.isRange {
                    r += "\"value\": null, \"low\": \(CellText.plain(c.quantity.low, places: c.quantity.places)), \"high\": \(CellText.plain(c.quantity.high, places: c.quantity.places)), "
                } else {
                    r += "\"value\": \(CellText.plain(c.quantity.low, places: c.quantity.places)), "
                }
                r += "\"unit\": \(JSON.string(c.quantity.unit.description)), "
                let p = c.asPrinted
                r += p.isRange ? "\"printed_value\": null, \"printed_low\": \(CellText.plain(p.low, places: p.places)), \"printed_high\": \(CellText.plain(p.high, places: p.places)), "
                    : "\"printed_value\": \(CellText.plain(p.low, places: p.places)), "
                r += "\"printed_unit\": \(JSON.string(p.unit.description)), \"basis\": \(c.basis.map { JSON.string($0.rawValue) } ?? "null")"
                if c.quantity.bound != .exact { r += ", \"bound\": \(JSON.string(c.quantity.bound.rawValue))" }
                r += c.derivation.map { ", \"derived\": \(JSON.string($0))" } ?? ""
                if c.printed { r += ", \"printed\": true, \"computed\": " + (c.computedText ?? "null") }
                records.append(r + "}")
            }
        }
        return records.isEmpty ? "[]\n" : "[\n  " + records.joined(separator: ",\n  ") + "\n]\n"
    }
}

enum JSON {
    static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += "\\u" + String(u.value, radix: 16).leftPadded(4) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

extension Cell {
    /// The value as printed, in the unit it was printed in (or, for a computed value, as computed),
    /// before the display scale or `in` re-scaled it: machine formats give it beside the value shown.
    var asPrinted: Quantity { original ?? quantity }

    /// The figure computed from the stored inputs of a cell answered with a printed one, in the
    /// printed figure's unit, as plain digits.
    var computedText: String? {
        guard let c = computed else { return nil }
        let q = Agreement.comparable(c, to: quantity) ?? c
        return CellText.plain(q.low, places: quantity.places)
    }
}
