/// Horizontal bar charts in the terminal, one bar per cell.
enum ChartRenderer {
    static let width = 40
    static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    static func text(_ frame: Frame) -> String {
        let pivot = Pivot(frame)
        var labels: [String] = [], values: [Quantity] = []
        for (i, row) in pivot.rowLabels.enumerated() {
            for (j, when) in pivot.columns.enumerated() {
                guard let q = pivot.values[i][j] else { continue }
                var parts = row
                if pivot.columns.count > 1 || parts.isEmpty { parts.append(when == .always ? frame.label : when.description) }
                labels.append(parts.joined(separator: " / "))
                values.append(q)
            }
        }
        // Bars compare values in one unit; scale every value to the finest scale present.
        let scales = values.compactMap(\.unit.scale)
        let common = values.map { q -> Dec in
            guard q.unit.scale != nil, let m = scales.min() else { return q.low }
            return (try? UnitRules.rescale(q, to: q.unit.withScale(m)).low) ?? q.low
        }
        let largest = common.map(\.magnitude).max() ?? .zero
        let labelWidth = labels.map(displayWidth).max() ?? 0
        let valueTexts = values.map(CellText.table)
        let valueWidth = valueTexts.map(displayWidth).max() ?? 0
        var out = pivot.units.count == 1 && !pivot.units[0].description.isEmpty ? "\(frame.label) (\(pivot.units[0]))\n" : "\(frame.label)\n"
        for (i, v) in common.enumerated() {
            let eighthsTotal = largest.isZero ? 0 : Int(String((v.magnitude.multiplying(Dec(width * 8)) ?? .zero).dividing(by: largest)?.rounded(0).description ?? "0")) ?? 0
            let bar = String(repeating: "█", count: eighthsTotal / 8) + eighths[eighthsTotal % 8]
            let sign = v.isNegative ? "-" : ""
            out += pad(labels[i], labelWidth) + "  " + pad(valueTexts[i], valueWidth, right: true) + "  " + sign + bar + "\n"
        }
        return out
    }
}
