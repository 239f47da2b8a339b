/// What the tests check of the embedded fact files, checked of a user's facts file as it loads:
/// its printed results against their stored inputs, and that parts sum to their totals and
/// quarters to their years.
extension FactBase {
    /// A message for each printed result of `files` that its stored inputs contradict (or that
    /// is not a query giving one value), and each sum that does not add up (SumCheck; the
    /// embedded facts alone pass every one).
    public func verify(files: Set<String>) -> [String] {
        guard !files.isEmpty else { return [] }
        var problems: [String] = []
        for p in printed where files.contains(p.citation.file) {
            switch verify(p) {
            case .contradicted(let m), .broken(let m): problems.append(m)
            case .agrees, .uncomputable: break
            }
        }
        return problems + SumCheck.partsVersusTotals(self) + SumCheck.quartersVersusYears(self)
    }

    /// What the stored inputs say of a printed result.
    public enum Verdict: Sendable, Equatable {
        /// The figure computed from the inputs agrees, within the rounding of both.
        case agrees
        /// The inputs give no figure to compare (a base year not published, or only one on
        /// another basis): the printed figure stands alone.
        case uncomputable(String)
        /// The inputs give a figure the printed one cannot be, however both were rounded.
        case contradicted(String)
        /// The query is not one that gives one value.
        case broken(String)
    }

    /// The printed result `p` against the figure its query computes from the stored inputs.
    public func verify(_ p: PrintedResult) -> Verdict {
        let place = "\(p.citation.file):\(p.citation.line):\(p.column)"
        var session = Session(base: self)
        session.answersWithPrinted = false
        let source = Source(name: p.citation.file, text: p.query, firstLine: p.citation.line)
        guard case .success(let statement)? = Parser.parse(source).first, case .query(let query) = statement.kind else {
            return .broken("\(place): \(p.query) is not a query")
        }
        let frame: Frame
        do { frame = try session.evaluate(query) } catch let d as Diagnostic {
            return d.reason == .noData ? .uncomputable(d.message) : .broken("\(place): \(p.query) fails: \(d.message)")
        } catch {
            return .broken("\(place): \(p.query) fails")
        }
        guard frame.cells.count == 1, let cell = frame.cells.first else {
            return .broken("\(place): \(p.query) gives \(frame.cells.count) values, not one")
        }
        if Agreement.within(cell.quantity, p.expected) { return .agrees }
        // Computed on a substitute (another basis for an unpublished base): nothing to compare.
        if let derivation = cell.derivation { return .uncomputable(derivation) }
        // Said in the unit the facts gave, not the metric's display scale.
        let value = cell.asPrinted
        let shown = { (d: Dec) in d.rounded(p.expected.places + 2).normalized.description }
        let interval = value.interval.map { " (their rounding allows \(shown($0.low)) … \(shown($0.high)))" } ?? ""
        return .contradicted("\(place): \(p.query) gives \(shown(value.low)) \(value.unit) from the facts\(interval), "
                             + "but the file prints \(p.expected.low) \(p.expected.unit)")
    }
}

/// Whether a computed value agrees with a printed one: whether the interval the printed figure
/// stands for (312.0 is [311.95, 312.05]) meets the interval of the computed value, whose
/// tolerance carries the rounding of the printed figures it came from (see `Tolerance`). Scales
/// are converted first; a ratio printed as "1.3 times" compares as a multiple, and percentage
/// points and % as one. A computed value whose rounding cannot be bounded agrees within one
/// unit of the printed value's last digit.
public enum Agreement {
    public static func within(_ actual: Quantity, _ expected: Quantity) -> Bool {
        guard let a = comparable(actual, to: expected),
              let dLow = a.low.subtracting(expected.low)?.magnitude, let dHigh = a.high.subtracting(expected.high)?.magnitude else { return false }
        let own = Tolerance.ofPrinted(places: expected.places)
        let allowed = a.tolerance.flatMap { $0.adding(own) } ?? Dec(1, scale: expected.places)
        return max(dLow, dHigh) <= allowed
    }

    /// A computed value in the unit a printed one is in: converted to its scale; a % as the
    /// multiple printed as "1.3 times"; percentage points and % as one. Nil when they cannot meet.
    static func comparable(_ actual: Quantity, to expected: Quantity) -> Quantity? {
        var a = actual
        if case .count("times", 0) = expected.unit, a.unit == .percent, let r = a.low.dividing(by: .hundred), let h = a.high.dividing(by: .hundred) {
            a = Quantity(low: r, high: h, unit: expected.unit)
            a.tolerance = actual.tolerance.flatMap { $0.dividing(by: .hundred) }
        }
        if a.unit == .pp && expected.unit == .percent { a.unit = .percent }
        if expected.unit == .pp && a.unit == .percent { a.unit = .pp }
        if let scale = expected.unit.scale ?? (a.unit == expected.unit ? 0 : nil),
           let converted = try? a.converted(to: expected.unit.withScale(scale)) {
            return converted
        }
        return a.unit == expected.unit ? a : nil
    }
}
