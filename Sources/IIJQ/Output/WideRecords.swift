/// How csv, tsv and json lay a result out: one record per cell (long, the default), or the pivot
/// as the table shows it, one record per row with a field per period (wide): `--layout wide`,
/// `.mode csv wide`.
public enum RecordLayout: String, Sendable, CaseIterable {
    case long, wide
}

/// The pivot as records: the row's keys, its unit, then a value per column as plain digits
/// (empty, or null in JSON, where the table shows –).
enum WideRecords {
    /// The field names, where the values start among them, and each row's fields.
    static func rows(_ frame: Frame) -> (names: [String], firstValue: Int, rows: [[String?]]) {
        let pivot = Pivot(frame)
        let keys = frame.rowKeys.isEmpty ? ["metric"] : frame.rowKeys
        let columns = pivot.columns.map { $0 != .always ? $0.description : frame.periodRow == nil ? "value" : frame.label }
        var rows: [[String?]] = []
        for (i, label) in pivot.rowLabels.enumerated() {
            let unit = pivot.values[i].compactMap { $0?.unit.description }.first ?? ""
            let values: [String?] = pivot.values[i].map { q in
                q.map { CellText.plain($0.low, places: $0.places) + ($0.isRange ? "~" + CellText.plain($0.high, places: $0.places) : "") }
            }
            rows.append((label.isEmpty ? [frame.label] : label) + [unit] + values)
        }
        return (keys + ["unit"] + columns, keys.count + 1, rows)
    }

    static func csv(_ frame: Frame, separator: Character) -> String {
        let (names, _, rows) = rows(frame)
        return ([names] + rows.map { $0.map { $0 ?? "" } }).map { row in
            row.map { CSV.field($0, separator: separator) }.joined(separator: String(separator))
        }.joined(separator: "\n") + "\n"
    }

    /// One object a row; a value is a number, a range `low~high` a string, an empty cell null.
    static func json(_ frame: Frame) -> String {
        let (names, firstValue, rows) = rows(frame)
        let objects = rows.map { row in
            "{" + zip(names, row).enumerated().map { i, pair in
                let (name, field) = pair
                guard i >= firstValue else { return "\(JSON.string(name)): \(JSON.string(field ?? ""))" }
                guard let field else { return "\(JSON.string(name)): null" }
                return "\(JSON.string(name)): \(field.contains("~") ? JSON.string(field) : field)"
            }.joined(separator: ", ") + "}"
        }
        return objects.isEmpty ? "[]\n" : "[\n  " + objects.joined(separator: ",\n  ") + "\n]\n"
    }
}
