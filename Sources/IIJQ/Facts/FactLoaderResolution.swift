/// Resolving what was read into a fact base at `finish`: late declarations, nested dimensions,
/// members attached to parents, and figures printed more than once merged or rejected.
extension FactLoader {
    /// Resolves everything read so far into a fact base: checks names against declarations,
    /// fills in parent dimensions, and merges figures published more than once.
    public mutating func finish() -> FactBase {
        checkNesting()
        attachMembers()
        for s in sourceStatements where documents[s.id] == nil {
            (file, line, lineText) = (s.file, s.line, s.text)
            problem(s.column, "unknown document '\(s.id)'", hints: Suggest.hint(for: s.id, in: documentOrder) + ["declare it: document \(s.id) file=\"…\" title=\"…\""])
        }
        store.renameDocuments { documents[$0]?.file ?? $0 }
        for i in rawFacts.indices { rawFacts[i].citation.document = documents[rawFacts[i].citation.document]?.file ?? rawFacts[i].citation.document }
        for i in printed.indices { printed[i].citation.document = documents[printed[i].citation.document]?.file ?? printed[i].citation.document }
        for name in metricOrder {
            guard let m = metrics[name] else { continue }
            let declaration = metricLines[name]
            for d in m.dimensions where dimensions[d] == nil {
                at(m.declaredAt, text: declaration?.text, column: declaration?.columns[d] ?? 1, "metric '\(name)' names an undeclared dimension '\(d)'",
                   hints: Suggest.hint(for: d, in: dimensionOrder) + ["declare it: dimension \(d) \"description\""])
            }
            if let t = m.topic, !topics.contains(where: { $0.name == t }) {
                at(m.declaredAt, text: declaration?.text, column: declaration?.topic ?? 1, "metric '\(name)' names an undeclared topic '\(t)'",
                   hints: Suggest.hint(for: t, in: topics.map(\.name)) + ["declare it: topic \(t) \"title\""])
            }
        }
        var base = FactBase()
        base.documents = documentOrder.compactMap { documents[$0] }
        base.dimensions = dimensions
        base.dimensionOrder = dimensionOrder
        base.metrics = metrics
        base.metricOrder = metricOrder
        base.topics = topics
        for raw in rawFacts {
            if let fact = resolve(raw) { merge(fact, raw: raw) }
        }
        rawFacts = []
        base.facts = store
        base.printed = printed
        base.definitions = definitions
        base.buildIndex()
        checkAlternates()
        checkDefinitions(base)
        return base
    }

    /// Each alternate breakdown names a dimension, and each member's within= names members of it
    /// or of the dimensions it nests in: what `describe` teaches must be what the schema holds.
    mutating func checkAlternates() {
        for name in dimensionOrder {
            guard let target = dimensions[name]?.alternateOf, dimensions[target] == nil, let declared = dimensionLines[name] else { continue }
            problem(in: declared.file, line: declared.line, text: declared.text, column: 1, "dimension '\(name)' is an alternate breakdown of an undeclared dimension '\(target)'",
                    hints: Suggest.hint(for: target, in: dimensionOrder))
        }
        for w in withinLines {
            // A member of a dimension nested in an alternate breakdown lies within the same hierarchy.
            var dim = dimensions[w.dimension], seen = 0
            while let d = dim, d.alternateOf == nil, let p = d.parent, seen < dimensionOrder.count { dim = dimensions[p]; seen += 1 }
            guard let target = dim?.alternateOf else {
                problem(in: w.file, line: w.line, text: w.text, column: 1, "within= is for members of an alternate breakdown; \(w.dimension) is not one",
                        hints: ["declare the dimension with alternate=DIMENSION"])
                continue
            }
            var hierarchy: [String] = [], next: String? = target
            while let n = next, let d = dimensions[n], !hierarchy.contains(n) { hierarchy.append(n); next = d.parent }
            let known = hierarchy.flatMap { dimensions[$0]?.members.map(\.name) ?? [] }
            for value in dimensions[w.dimension]?.member(w.member)?.within ?? [] where !known.contains(value) {
                problem(in: w.file, line: w.line, text: w.text, column: w.columns[value] ?? 1, "'\(value)' is not a member of \(hierarchy.joined(separator: " or "))",
                        hints: Suggest.hint(for: value, in: known))
            }
        }
    }

    /// Each definition parses as an expression over declared metrics and other definitions.
    mutating func checkDefinitions(_ base: FactBase) {
        let session = Session(base: base)
        for (i, d) in definitions.enumerated() {
            let where_ = definitionLines[i]
            do {
                try session.checkBuiltInDefinition(d)
            } catch let diagnostic as Diagnostic {
                problem(in: d.declaredAt.file, line: d.declaredAt.line, text: where_.text, column: where_.column,
                        "define \(d.name): \(diagnostic.message)", hints: diagnostic.hints)
            } catch {
                problem(in: d.declaredAt.file, line: d.declaredAt.line, text: where_.text, column: where_.column, "define \(d.name): \(error)")
            }
        }
    }

    /// A problem at a line read earlier: the citation's file and line, whose text is `text`.
    mutating func at(_ citation: Citation?, text: String?, column: Int, _ message: String, hints: [String] = []) {
        problem(in: citation?.file ?? file, line: citation?.line ?? line, text: text ?? lineText, column: column, message, hints: hints)
    }

    /// A problem at line `line` of `file`, read earlier, whose text is `text`.
    mutating func problem(in file: String, line: Int, text: String, column: Int, _ message: String, hints: [String] = []) {
        let saved = (self.file, self.line, lineText)
        (self.file, self.line, lineText) = (file, line, text)
        problem(column, message, hints: hints)
        (self.file, self.line, lineText) = saved
    }

    /// Every under= names a declared dimension, and no dimension nests in itself, directly or
    /// through others: resolving a member's parents, and a query's, follows these links to the top.
    /// A link that fails is reported and dropped.
    mutating func checkNesting() {
        for name in dimensionOrder {
            guard let parent = dimensions[name]?.parent, let declared = dimensionLines[name] else { continue }
            var chain = [name], next: String? = parent
            var problemText: String?
            while let p = next {
                if p == name {
                    problemText = chain.count == 1 ? "dimension '\(name)' nests in itself"
                        : "dimension '\(name)' nests in itself through \((chain + [p]).joined(separator: " → "))"
                    break
                }
                guard let d = dimensions[p] else {
                    if p == parent { problemText = "dimension '\(name)' nests in an undeclared dimension '\(p)'" }
                    break
                }
                if chain.contains(p) { break }  // a loop further up, reported at its own dimensions
                chain.append(p)
                next = d.parent
            }
            guard let message = problemText else { continue }
            problem(in: declared.file, line: declared.line, text: declared.text, column: declared.parentColumn ?? 1, message,
                    hints: message.contains("undeclared")
                        ? Suggest.hint(for: parent, in: dimensionOrder) + ["declare it: dimension \(parent) \"description\""]
                        : ["a dimension nests in a broader one: service under=segment"])
            dimensions[name]?.parent = nil
        }
    }

    mutating func attachMembers() {
        for pending in pendingMembers {
            let (member, dimension) = (pending.member, pending.dimension)
            (file, line, lineText) = (pending.file, pending.line, pending.text)
            guard var d = dimensions[dimension] else {
                problem(pending.dimensionColumn, "member of an undeclared dimension '\(dimension)'", hints: Suggest.hint(for: dimension, in: dimensionOrder))
                continue
            }
            if memberIndex[dimension]?[member.name] != nil {
                problem(pending.valueColumn, "\(dimension) already has a member '\(member.name)'")
                continue
            }
            if let parentDim = d.parent {
                guard let parentValue = member.parent else {
                    problem(pending.valueColumn, "\(dimension) nests in \(parentDim): say which \(parentDim) '\(member.name)' belongs to with under=VALUE")
                    continue
                }
                if let p = dimensions[parentDim], !pendingMembers.contains(where: { $0.dimension == parentDim && $0.member.name == parentValue }), p.member(parentValue) == nil {
                    problem(pending.parentColumn ?? pending.valueColumn, "'\(parentValue)' is not a member of \(parentDim)",
                            hints: Suggest.hint(for: parentValue, in: p.members.map(\.name)))
                    continue
                }
            }
            d.members.append(member)
            dimensions[dimension] = d
            memberIndex[dimension, default: [:]][member.name] = member
        }
    }

    /// Whether every name `raw` uses is declared for good, so resolving it now gives what
    /// `finish` would: its metric, and each member with the dimensions it nests in.
    func isDeclared(_ raw: RawFact) -> Bool {
        guard metrics[raw.metric] != nil else { return false }
        return raw.dimensions.allSatisfy { dim, value, _ in dim == "basis" || isAttached(dim, value) }
    }

    /// Whether `value` is attached to `dimension` and its parents up to the top are declared.
    func isAttached(_ dimension: String, _ value: String) -> Bool {
        var dim = dimension, member = memberIndex[dimension]?[value]
        for _ in 0...dimensionOrder.count {
            guard let m = member, let d = dimensions[dim] else { return false }
            guard let parent = d.parent else { return true }
            guard let parentValue = m.parent else { return false }
            dim = parent
            member = memberIndex[parent]?[parentValue]
        }
        return false  // a loop: left to `finish`, which reports it
    }

    /// The fact a line records, its names checked against the declarations; nil (the problem
    /// reported at its column) when one is wrong.
    mutating func resolve(_ raw: RawFact) -> Fact? {
        (file, line, lineText) = (raw.citation.file, raw.citation.line, raw.lineText)
        guard let metric = metrics[raw.metric] else {
            problem(raw.metricColumn, "unknown metric '\(raw.metric)'", hints: Suggest.hint(for: raw.metric, in: metricOrder) + ["declare it: metric \(raw.metric) flow|stock|rate \"description\""])
            return nil
        }
        // A handful of dimensions: an array, not a dictionary, for a million facts.
        var values = DimensionValues()
        var basis = Basis.actual
        for (dim, value, column) in raw.dimensions {
            if dim == "basis" {
                guard let b = Basis(rawValue: value) else {
                    problem(column, "'\(value)' is not a basis", hints: ["bases: " + Basis.allCases.map(\.rawValue).joined(separator: ", ")])
                    return nil
                }
                basis = b
                continue
            }
            guard metric.dimensions.contains(dim), let d = dimensions[dim] else {
                problem(column, "\(metric.name) has no dimension '\(dim)'", hints: Suggest.hint(for: dim, in: metric.dimensions) + ["its dimensions: \(metric.dimensions.isEmpty ? "none" : metric.dimensions.joined(separator: ", "))"])
                return nil
            }
            guard let member = memberIndex[dim]?[value] else {
                problem(column, "'\(value)' is not a member of \(dim)", hints: Suggest.hint(for: value, in: d.members.map(\.name)))
                return nil
            }
            values[dim] = value
            // A nested member implies its parent: service=wan is also segment=nw_services — in a
            // metric that has the parent dimension (subscriptions{type=mvne} has no business line).
            var child = d, childMember = member
            while let parentDim = child.parent, metric.dimensions.contains(parentDim), let parentValue = childMember.parent,
                  let p = dimensions[parentDim], let pm = p.member(parentValue) {
                if let given = values[parentDim], given != parentValue {
                    problem(column, "\(dim)=\(value) belongs to \(parentDim)=\(parentValue), not \(parentDim)=\(given)")
                    return nil
                }
                values[parentDim] = parentValue
                child = p
                childMember = pm
            }
        }
        guard let period = period(of: raw, for: metric) else { return nil }
        let valuePiece = FactLineScanner.Piece(kind: .word, text: raw.valueText, column: raw.valueColumn)
        let unitPiece = FactLineScanner.Piece(kind: .word, text: raw.unitText, column: raw.unitColumn)
        guard let quantity = quantity(valuePiece, unitPiece) else { return nil }
        let dims = values.list.sorted()
        return Fact(metric: metric.name, dimensions: dims, period: period, basis: basis, quantity: quantity, citations: [raw.citation])
    }

    /// The period a fact line names, parsed once per distinct text, and of the kind its metric
    /// needs: a period for a flow, an instant for a stock. Nil, the problem reported, otherwise.
    mutating func period(of raw: RawFact, for metric: Metric) -> Period? {
        let parsed: Result<Period, PeriodError>
        if let known = periodCache[raw.periodText] { parsed = known } else {
            parsed = PeriodParser.parse(raw.periodText)
            periodCache[raw.periodText] = parsed
        }
        let period: Period
        switch parsed {
        case .success(let p): period = p
        case .failure(let e): problem(raw.periodColumn, e.description); return nil
        }
        switch (metric.kind, period.isInstant) {
        case (.flow, true):
            problem(raw.periodColumn, "\(metric.name) is a flow, so it needs a period, not the instant \(period)", hints: ["flows are measured over FY24, 1H24, 1Q24 …"])
            return nil
        case (.stock, false) where period != .undated:
            problem(raw.periodColumn, "\(metric.name) is a stock, so it needs an instant, not the period \(period)", hints: ["stocks are measured at \(period.end) (\(period.endDate)) or another date"])
            return nil
        default: return period
        }
    }

    /// Dimension values by dimension, as a short list.
    struct DimensionValues {
        var list: [DimensionValue] = []
        subscript(dimension: String) -> String? {
            get { list.value(of: dimension) }
            set {
                list.removeAll { $0.dimension == dimension }
                if let newValue { list.append(DimensionValue(dimension: dimension, value: newValue)) }
            }
        }
    }

    /// Adds `fact`, or merges it with the same figure published elsewhere, keeping the more precise value.
    mutating func merge(_ fact: Fact, raw: RawFact) {
        // Sums over periods and members add a metric's facts: one in persons among ¥ mn is refused here.
        let unit = fact.quantity.unit
        // (A figure already recorded at the same period is compared with that one, below.)
        if let first = store.firstUnit(of: fact.metric), first.unit != unit, !first.unit.isCommensurable(with: unit),
           store.index(metric: fact.metric, dimensions: fact.dimensions, period: fact.period, basis: fact.basis) == nil {
            let at = store.citations(at: first.position)[0]
            problem(raw.unitColumn, "\(fact.metric) is recorded in \(first.unit) at \(at.file):\(at.line); \(unit) is another kind of quantity",
                    hints: ["a metric holds one kind of quantity: record this figure under a metric of its own"])
            return
        }
        let (inserted, i) = store.insert(fact)
        if inserted { return }
        let existing = store[i]
        guard existing.quantity.unit.isCommensurable(with: fact.quantity.unit) else {
            problem(raw.unitColumn, "\(fact.metric) @ \(fact.period) is also recorded in \(existing.quantity.unit) at \(existing.citations[0].file):\(existing.citations[0].line)")
            return
        }
        let a = existing.quantity, b = fact.quantity
        guard FactLoader.agree(a, b) else {
            problem(raw.valueColumn, "\(fact.metric) @ \(fact.period) is \(b.low)\(b.isRange ? "~\(b.high)" : "") \(b.unit) here but \(a.low)\(a.isRange ? "~\(a.high)" : "") \(a.unit) at \(existing.citations[0].file):\(existing.citations[0].line) (\(existing.citations[0].slide))",
                    hints: ["record the contradiction in docs/data-notes.md and keep each printed figure under its own basis or metric"])
            return
        }
        if FactLoader.resolution(b) < FactLoader.resolution(a) { store.setQuantity(b, at: i) }
        store.addCitations(fact.citations, at: i)
    }

    /// The size of one unit in the last printed digit, in the unit's base scale (¥ or ones).
    static func resolution(_ q: Quantity) -> Dec {
        let exponent = (q.unit.scale ?? 0) - q.places
        return exponent >= 0 ? Dec(Dec.pow10(exponent) ?? 1) : Dec(1, scale: -exponent)
    }

    /// True when two printings of one figure agree within half a unit of the coarser one's last digit.
    static func agree(_ a: Quantity, _ b: Quantity) -> Bool {
        guard let x = try? UnitRules.rescale(a, to: a.unit.withScale(0)),
              let y = try? UnitRules.rescale(b, to: b.unit.withScale(0)) else { return false }
        let tolerance = max(resolution(a), resolution(b)).multiplying(Dec(5, scale: 1)) ?? .zero
        let dLow = x.low.subtracting(y.low)?.magnitude ?? tolerance, dHigh = x.high.subtracting(y.high)?.magnitude ?? tolerance
        return dLow <= tolerance && dHigh <= tolerance
    }
}
