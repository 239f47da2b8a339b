/// The pieces of text that notes and errors repeat, each written one way.
enum Messages {
    /// How many items a note lists before it says "and N more".
    static let listedItems = 4

    /// `items` joined by `separator`, cut after `listedItems` with " and N more".
    static func list(_ items: [String], separator: String = "; ") -> String {
        let shown = items.prefix(listedItems).joined(separator: separator)
        return items.count > listedItems ? shown + " and \(items.count - listedItems) more" : shown
    }

    /// A cell's address: `revenue{segment=si} @ 1Q24`. The key's members replace the label's
    /// filters on the same dimensions (`revenue{segment in [si, atm]}` at `segment=atm` is
    /// `revenue{segment=atm}`); an expression is bracketed before its key (`(a / b){segment=si}`).
    static func address(_ label: String, keys: [String], key: [String], when: When) -> String {
        let at = when == .always ? "" : " @ \(when)"
        guard !keys.isEmpty else { return label + at }
        let members = zip(keys, key).map { "\($0)=\($1)" }
        guard let (name, filters) = selectorParts(label) else { return "(\(label)){\(members.joined(separator: ", "))}" + at }
        let kept = filters.filter { f in !keys.contains { f.hasPrefix($0 + "=") || f.hasPrefix($0 + " in ") } }
        return "\(name){\((kept + members).joined(separator: ", "))}" + at
    }

    /// A selector's name and filters as written by `Expr.text` (`revenue{segment=si, basis=plan}`),
    /// or nil when `label` is not a selector.
    static func selectorParts(_ label: String) -> (name: String, filters: [String])? {
        guard let brace = label.firstIndex(of: "{") else {
            return label.contains(where: { " ()+-*/,".contains($0) }) ? nil : (label, [])
        }
        let name = label[..<brace]
        guard label.hasSuffix("}"), !name.contains(where: { " ()+-*/,{".contains($0) }) else { return nil }
        let inner = label[label.index(after: brace)..<label.index(before: label.endIndex)]
        guard !inner.contains("{"), !inner.contains("}") else { return nil }
        // Split at the commas outside `[...]`.
        var filters: [String] = [], current = "", depth = 0
        for ch in inner {
            if ch == "[" { depth += 1 } else if ch == "]" { depth -= 1 }
            if ch == ",", depth == 0 {
                filters.append(current.trimmingSpaces())
                current = ""
            } else {
                current.append(ch)
            }
        }
        filters.append(current.trimmingSpaces())
        return (String(name), filters)
    }
}

extension Frame {
    /// A cell's address in this frame: its expression, its key members and its period.
    func address(of c: Cell) -> String {
        Messages.address(metric(of: c), keys: Array(dimensionKeys), key: Array(c.key.dropFirst(hasExpressionKey ? 1 : 0)), when: c.when)
    }
}

extension Cell {
    /// This cell's address in a frame with `keys`, labelled `label`.
    func address(_ label: String, keys: [String]) -> String {
        Messages.address(label, keys: keys, key: key, when: when)
    }
}

extension Diagnostic {
    /// A shift (`1y`) used where a value is needed.
    static func shiftOutsideCall(_ shift: Expr) -> Diagnostic {
        Diagnostic(.wrongArguments, "a shift such as \(shift.text) is only an argument of lag or diff", at: shift.span,
                   hints: ["for example: lag(revenue, \(shift.text))"])
    }

    /// A dimension the metric does not have, named in a filter or after `by`.
    static func unknownDimension(_ name: String, of metric: String, dimensions: [String], at span: Span) -> Diagnostic {
        Diagnostic(.unknownDimension, "\(metric) has no dimension '\(name)'", at: span,
                   hints: Suggest.hint(for: name, in: dimensions) + ["\(metric)'s dimensions: \(dimensions.joined(separator: ", "))"])
    }
}


extension Messages {
    /// "1 cell", "3 cells".
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
