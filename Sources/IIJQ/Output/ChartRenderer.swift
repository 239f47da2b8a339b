/// Charts in the terminal: horizontal bars (`| chart`) and a sparkline per pivot row (`| spark`).
enum ChartRenderer {
    static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    static let ticks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One bar per cell, scaled to fit `width` columns; negative values grow left of an axis.
    /// Values of different kinds (¥ beside %, as in `vs` or several expressions) get a chart each:
    /// bars of one scale never compare amounts with percentages.
    static func text(_ frame: Frame, width: Int = 80, color: Bool = false) -> String {
        var kinds: [Unit] = []
        for c in frame.cells where !kinds.contains(c.quantity.unit.withScale(0)) { kinds.append(c.quantity.unit.withScale(0)) }
        if kinds.count > 1 {
            return kinds.map { kind in
                var part = frame
                part.cells = frame.cells.filter { $0.quantity.unit.withScale(0) == kind }
                return text(part, width: width, color: color)
            }.joined(separator: "\n")
        }
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
        let common = commonScale(values)
        let labelWidth = labels.map(displayWidth).max() ?? 0
        let valueTexts = DecimalPoints.aligned(values.map { [CellText.table($0)] }, columns: [true]).map { $0[0] }
        let valueWidth = valueTexts.map(displayWidth).max() ?? 0
        // Too narrow for labels, values and bars of ten cells on one line: each label on a line
        // of its own, its value and bar on the next.
        let stacked = width - labelWidth - valueWidth - 6 < 10
        let room = min(60, max(stacked ? 4 : 10, width - (stacked ? 2 : labelWidth) - valueWidth - 6))
        let largestUp = common.filter { !$0.isNegative }.max() ?? .zero
        let largestDown = common.filter(\.isNegative).map(\.magnitude).max() ?? .zero
        let span = largestUp.adding(largestDown) ?? largestUp
        let downRoom = largestDown.isZero ? 0 : max(1, eighths(of: largestDown, in: span, room: room) / 8)
        let (on, off) = color ? ("\u{1B}[36m", "\u{1B}[0m") : ("", "")
        // A chart of one period whose bars are named by their rows names the period in its title.
        let onePeriod = pivot.columns.count == 1 && pivot.columns[0] != .always && !pivot.rowLabels.allSatisfy(\.isEmpty)
        let title = onePeriod ? "\(frame.label) @ \(pivot.columns[0])" : frame.label
        var out = Fit.lines(pivot.units.count == 1 && !pivot.units[0].description.isEmpty ? "\(title) (\(pivot.units[0]))\n" : "\(title)\n", width: width)
        for (i, v) in common.enumerated() {
            let n = eighths(of: v.magnitude, in: span, room: room)
            let bar = String(repeating: "█", count: n / 8) + eighths[n % 8]
            if stacked { out += labels[i] + "\n" }
            var line = (stacked ? "" : pad(labels[i], labelWidth)) + "  " + pad(valueTexts[i], valueWidth, right: true) + "  "
            if downRoom > 0 {
                let left = v.isNegative ? bar : ""
                line += String(repeating: " ", count: max(0, downRoom - displayWidth(left))) + on + left + off + "│"
                line += v.isNegative ? "" : on + bar + off
            } else {
                line += on + bar + off
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    /// Eighths of a character cell for `value` where `total` fills `room` cells.
    static func eighths(of value: Dec, in total: Dec, room: Int) -> Int {
        guard !total.isZero, let scaled = value.multiplying(Dec(room * 8))?.dividing(by: total) else { return 0 }
        return Int(scaled.rounded(0).description) ?? 0
    }

    /// Values brought to one scale (the finest present), so bars compare like with like.
    static func commonScale(_ values: [Quantity]) -> [Dec] {
        let finest = values.compactMap(\.unit.scale).min()
        return values.map { q in
            guard q.unit.scale != nil, let finest else { return q.low }
            return (try? UnitRules.rescale(q, to: q.unit.withScale(finest)).low) ?? q.low
        }
    }

    /// The table with a sparkline of each row across its periods, lowest ▁ to highest █. Wider
    /// than `width`, the oldest periods' columns give way (the trend still spans them all, and
    /// its heading then names the span), down to none.
    static func sparklines(_ frame: Frame, width: Int? = nil) -> String {
        let pivot = Pivot(frame)
        var (header, rows, right) = TableRenderer.grid(frame)
        header.append("trend")
        right.append(false)
        for i in rows.indices {
            let present = pivot.values[i].compactMap { $0 }
            let common = commonScale(present)
            guard let lo = common.min(), let hi = common.max() else { rows[i].append(""); continue }
            let range = hi.subtracting(lo) ?? .zero
            var spark = "", k = 0
            for q in pivot.values[i] {
                guard q != nil else { spark += " "; continue }
                let v = common[k]
                k += 1
                let step = range.isZero ? 3 : min(7, Int(((v.subtracting(lo) ?? .zero).multiplying(Dec(7))?.dividing(by: range)?.rounded(0).description) ?? "0") ?? 0)
                spark.append(ticks[step])
            }
            rows[i].append(spark)
        }
        var table = TextGrid.render([header] + DecimalPoints.aligned(rows, columns: right), rightAligned: right)
        guard let width, let firstValue = right.firstIndex(of: true), pivot.columns.count > 1 else { return table }
        let span = "trend \(pivot.columns.first!)..\(pivot.columns.last!)"
        while table.split(separator: "\n").contains(where: { displayWidth(String($0)) > width }), right[firstValue] {
            for i in rows.indices { rows[i].remove(at: firstValue) }
            header.remove(at: firstValue)
            right.remove(at: firstValue)
            header[header.count - 1] = span
            table = TextGrid.render([header] + DecimalPoints.aligned(rows, columns: right), rightAligned: right)
        }
        // With no period left to show, a heading naming the span only widens the table.
        if !right.contains(true), table.split(separator: "\n").contains(where: { displayWidth(String($0)) > width }) {
            header[header.count - 1] = "trend"
            return TextGrid.render([header] + DecimalPoints.aligned(rows, columns: right), rightAligned: right)
        }
        return table
    }
}
