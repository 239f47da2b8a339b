/// What the tests check of the embedded fact files, checked of a user's facts file as it loads:
/// its `check` lines, and that parts sum to their totals and quarters to their years.
extension FactBase {
    /// A message for each `check` line of `files` whose figure the facts do not give, and each
    /// sum that does not add up (SumCheck; the embedded facts alone pass every one).
    public func verify(files: Set<String>) -> [String] {
        guard !files.isEmpty else { return [] }
        var problems: [String] = []
        for check in checks where files.contains(check.citation.file) {
            if let problem = verify(check) { problems.append(problem) }
        }
        return problems + SumCheck.partsVersusTotals(self) + SumCheck.quartersVersusYears(self)
    }

    /// Why `check` fails, or nil when its query gives one value that agrees with the printed one.
    func verify(_ check: Check) -> String? {
        let place = "\(check.citation.file):\(check.citation.line):\(check.column)"
        let session = Session(base: self)
        let source = Source(name: check.citation.file, text: check.query, firstLine: check.citation.line)
        guard case .success(let statement)? = Parser.parse(source).first, case .query(let query) = statement.kind else {
            return "\(place): check \(check.query) is not a query"
        }
        let frame: Frame
        do { frame = try session.evaluate(query) } catch let d as Diagnostic {
            return "\(place): check \(check.query) fails: \(d.message)"
        } catch {
            return "\(place): check \(check.query) fails"
        }
        guard frame.cells.count == 1, let actual = frame.cells.first?.quantity else {
            return "\(place): check \(check.query) gives \(frame.cells.count) values, not one"
        }
        guard Agreement.within(actual, check.expected) else {
            return "\(place): check \(check.query) is \(actual.low) \(actual.unit), but the file says \(check.expected.low) \(check.expected.unit)"
        }
        return nil
    }
}

/// Whether a computed value agrees with a printed one: within one unit of the printed value's
/// last digit, after converting scales (a ratio printed as "1.3 times" compared as a multiple,
/// percentage points and % as one).
public enum Agreement {
    public static func within(_ actual: Quantity, _ expected: Quantity) -> Bool {
        var a = actual
        if case .count("times", 0) = expected.unit, a.unit == .percent, let r = a.low.dividing(by: .hundred) {
            a = Quantity(r, expected.unit)
        }
        if a.unit == .pp && expected.unit == .percent { a.unit = .percent }
        if expected.unit == .pp && a.unit == .percent { a.unit = .pp }
        guard let scale = expected.unit.scale ?? (a.unit == expected.unit ? 0 : nil),
              let converted = try? a.converted(to: expected.unit.withScale(scale)) else {
            return a.unit == expected.unit && close(a, expected)
        }
        return close(converted, expected)
    }

    static func close(_ a: Quantity, _ e: Quantity) -> Bool {
        let tolerance = Dec(1, scale: e.places)
        let dLow = a.low.subtracting(e.low)?.magnitude, dHigh = a.high.subtracting(e.high)?.magnitude
        return (dLow.map { $0 <= tolerance } ?? false) && (dHigh.map { $0 <= tolerance } ?? false)
    }
}
