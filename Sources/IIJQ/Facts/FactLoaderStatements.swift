/// The fact-file statements, one reader each (`document`, `source`, `dimension`, `member`,
/// `topic`, `metric`, `printed`, `define` and facts), and the selector splitter facts and checks share.
extension FactLoader {
    // document ID file="…" title="…"
    mutating func document(_ pieces: [Piece]) {
        let usage = "document ID file=\"NAME.txt\" title=\"…\""
        guard expect(pieces, count: 2, usage: usage),
              let attrs = attributes(pieces.dropFirst(2), allowed: ["file", "title"]) else { return }
        guard let f = attrs["file"] else { problem(pieces[1].column, "a document needs file=\"…\"", hints: ["write: \(usage)"]); return }
        let id = pieces[1].text
        // A second declaration would change where every fact of the first is cited from.
        guard documents[id] == nil else {
            problem(pieces[1].column, "document '\(id)' is declared twice", hints: ["declare a document once; its source lines cite it as source \(id) \"…\""])
            return
        }
        documentOrder.append(id)
        documents[id] = Document(id: id, file: f, title: attrs["title"] ?? "")
    }

    // source ID "slide"
    mutating func sourceStatement(_ pieces: [Piece]) {
        guard pieces.count == 3, case .string = pieces[2].kind else {
            // Point at what is wrong: the piece after the label, a label that is not quoted, or the end of a short line.
            let column = pieces.count > 3 ? pieces[3].column : pieces.count == 3 ? pieces[2].column : lineText.unicodeScalars.count + 1
            problem(column, "malformed source statement", hints: ["write: source 004 \"Ⅱ- 3. Revenues\""])
            return
        }
        sourceStatements.append((pieces[1].text, pieces[1].column, file, line, lineText))
        source = (pieces[1].text, pieces[2].text)
    }

    // dimension NAME "description" [under=PARENT] [ja="…"] [additive=no] [alternate=DIMENSION]
    mutating func dimension(_ pieces: [Piece]) {
        let usage = "dimension NAME \"description\" [under=PARENT] [ja=\"…\"] [additive=no] [alternate=DIMENSION]"
        guard expect(pieces, count: 3, usage: usage), isName(pieces[1].text) || bad(pieces[1], "a dimension name is snake_case ASCII"),
              let attrs = attributes(pieces.dropFirst(3), allowed: ["under", "ja", "additive", "alternate"]) else { return }
        let name = pieces[1].text
        if dimensions[name] != nil {
            problem(pieces[1].column, "dimension '\(name)' is declared twice", hints: ["declare a dimension once; add members with member lines"])
            return
        }
        dimensionOrder.append(name)
        dimensionLines[name] = (file, line, lineText, valueColumns("under", in: pieces.dropFirst(3)).values.first)
        // An alternate breakdown cuts across the hierarchy's members, so it never sums against them.
        dimensions[name] = Dimension(name: name, description: pieces[2].text, japanese: attrs["ja"], parent: attrs["under"],
                                     additive: attrs["additive"] != "no" && attrs["alternate"] == nil, alternateOf: attrs["alternate"], members: [])
    }

    mutating func bad(_ piece: Piece, _ message: String) -> Bool {
        problem(piece.column, "'\(piece.text)' is not a name: \(message)")
        return false
    }

    // member DIM VALUE "description" [under=PARENT_VALUE] [ja="…"] [within=MEMBER,…]
    mutating func member(_ pieces: [Piece]) {
        let usage = "member DIMENSION VALUE \"description\" [under=PARENT_VALUE] [ja=\"…\"] [within=MEMBER,…]"
        guard expect(pieces, count: 4, usage: usage), isName(pieces[2].text) || bad(pieces[2], "a value is snake_case ASCII"),
              let attrs = attributes(pieces.dropFirst(4), allowed: ["under", "ja", "within"]) else { return }
        let within = attrs["within"].map { $0.split(separator: ",").map { String($0).trimmingSpaces() } } ?? []
        if !within.isEmpty { withinLines.append((pieces[1].text, pieces[2].text, file, line, lineText, valueColumns("within", in: pieces.dropFirst(4)))) }
        let m = Member(name: pieces[2].text, description: pieces[3].text, japanese: attrs["ja"], parent: attrs["under"], within: within)
        let dimension = pieces[1].text
        // Attached now when nothing can go wrong, so the facts below it resolve as they are read;
        // otherwise `finish` attaches it, in order after any member of its dimension waiting already.
        if !pendingDimensions.contains(dimension), let d = dimensions[dimension], memberIndex[dimension]?[m.name] == nil,
           d.parent.map({ parent in m.parent.map { isAttached(parent, $0) } ?? false }) ?? (m.parent == nil) {
            dimensions[dimension]?.members.append(m)
            memberIndex[dimension, default: [:]][m.name] = m
            return
        }
        pendingDimensions.insert(dimension)
        pendingMembers.append(PendingMember(member: m, dimension: pieces[1].text, file: file, line: line, text: lineText,
                                            dimensionColumn: pieces[1].column, valueColumn: pieces[2].column,
                                            parentColumn: valueColumns("under", in: pieces.dropFirst(4)).values.first))
    }

    // topic NAME "title" [ja="…"]
    mutating func topic(_ pieces: [Piece]) {
        let usage = "topic NAME \"title\" [ja=\"…\"]"
        guard expect(pieces, count: 3, usage: usage), isName(pieces[1].text) || bad(pieces[1], "a topic name is snake_case ASCII"),
              let attrs = attributes(pieces.dropFirst(3), allowed: ["ja"]) else { return }
        guard !topics.contains(where: { $0.name == pieces[1].text }) else {
            problem(pieces[1].column, "topic '\(pieces[1].text)' is declared twice", hints: ["declare a topic once; metrics name it with topic=\(pieces[1].text)"])
            return
        }
        topics.append(Topic(name: pieces[1].text, title: pieces[2].text, japanese: attrs["ja"]))
    }

    // metric NAME KIND "description" [dims=D1,D2] [ja="alias1,alias2"] [topic=TOPIC] [also="word,word"] [sign=…] [bases=…]
    mutating func metric(_ pieces: [Piece]) {
        let usage = "metric NAME flow|stock|rate \"description\" [dims=D1,D2] [ja=\"…\"] [topic=TOPIC] [also=\"…\"] [sign=nonnegative|signed] [bases=B1,B2]"
        guard expect(pieces, count: 4, usage: usage), isName(pieces[1].text) || bad(pieces[1], "a metric name is snake_case ASCII"),
              let attrs = attributes(pieces.dropFirst(4), allowed: ["dims", "ja", "topic", "also", "sign", "bases"]) else { return }
        guard let kind = MetricKind(rawValue: pieces[2].text) else {
            problem(pieces[2].column, "'\(pieces[2].text)' is not a metric kind", hints: ["kinds: flow (sums over time), stock (at an instant), rate (ratio or price)"])
            return
        }
        let name = pieces[1].text
        if let existing = metrics[name] {
            let at = existing.declaredAt.map { " (first at \($0.file):\($0.line))" } ?? ""
            problem(pieces[1].column, "metric '\(name)' is declared twice\(at)", hints: ["use the existing declaration"])
            return
        }
        var sign: SignClass?
        if let s = attrs["sign"] {
            guard let known = SignClass(rawValue: s) else {
                problem(valueColumns("sign", in: pieces.dropFirst(4)).values.first ?? pieces[1].column, "'\(s)' is not a sign class",
                        hints: ["sign=nonnegative (revenue, costs, counts) or sign=signed (a profit line, an impact, a change)"])
                return
            }
            sign = known
        }
        var bases: [Basis] = [.actual]
        if let list = attrs["bases"] {
            bases = []
            for b in list.split(separator: ",").map({ String($0).trimmingSpaces() }) {
                guard let basis = Basis(rawValue: b) else {
                    problem(valueColumns("bases", in: pieces.dropFirst(4))[b] ?? pieces[1].column, "'\(b)' is not a basis",
                            hints: ["bases: " + Basis.allCases.map(\.rawValue).joined(separator: ", ")])
                    return
                }
                bases.append(basis)
            }
        }
        let dims = attrs["dims"].map { $0.split(separator: ",").map { String($0).trimmingSpaces() } } ?? []
        let aliases = attrs["ja"].map { $0.split(separator: ",").map { String($0).trimmingSpaces() } } ?? []
        let synonyms = attrs["also"].map { $0.split(separator: ",").map { String($0).trimmingSpaces() } } ?? []
        metricOrder.append(name)
        metricLines[name] = (lineText, valueColumns("dims", in: pieces.dropFirst(4)), valueColumns("topic", in: pieces.dropFirst(4)).values.first)
        metrics[name] = Metric(name: name, kind: kind, description: pieces[3].text, dimensions: dims, aliases: aliases, synonyms: synonyms, topic: attrs["topic"],
                               sign: sign, bases: bases, declaredAt: Citation(document: "", slide: "", label: "", file: file, line: line))
    }

    // define NAME = EXPRESSION "description" [topic=TOPIC] [ja="alias,…"]
    mutating func define(_ pieces: [Piece]) {
        let usage = "define NAME = EXPRESSION \"description\" [topic=TOPIC] [ja=\"…\"]"
        guard pieces.count >= 4, pieces[2].text == "=", isName(pieces[1].text),
              let text = pieces.dropFirst(3).first(where: { if case .string = $0.kind { true } else { false } }),
              let textIndex = pieces.firstIndex(where: { $0.column == text.column }), textIndex > 3 else {
            problem(pieces[0].column, "malformed define", hints: ["write: \(usage)"])
            return
        }
        guard let attrs = attributes(pieces.dropFirst(textIndex + 1), allowed: ["topic", "ja"]) else { return }
        let start = lineText.unicodeScalars.index(lineText.unicodeScalars.startIndex, offsetBy: pieces[3].column - 1)
        let end = lineText.unicodeScalars.index(lineText.unicodeScalars.startIndex, offsetBy: text.column - 1)
        let body = String(lineText.unicodeScalars[start..<end]).trimmingSpaces()
        let name = pieces[1].text
        guard metrics[name] == nil, !definitions.contains(where: { $0.name == name }) else {
            problem(pieces[1].column, "'\(name)' is declared twice", hints: ["a definition's name is not a metric's, nor another definition's"])
            return
        }
        let aliases = attrs["ja"].map { $0.split(separator: ",").map { String($0).trimmingSpaces() } } ?? []
        definitions.append(BuiltInDefinition(name: name, body: body, description: text.text, topic: attrs["topic"], aliases: aliases,
                                             declaredAt: citation(label: name) ?? Citation(document: "", slide: "", label: name, file: file, line: line)))
        definitionLines.append((lineText, pieces[3].column))
    }

    /// The column of each comma-separated name in the value of attribute `key`.
    func valueColumns(_ key: String, in pieces: ArraySlice<Piece>) -> [String: Int] {
        for p in pieces {
            // key="a,b" (an attribute piece) or key=a,b (a word).
            var start: Int
            switch p.kind {
            case .attribute(let k) where k == key: start = p.column + k.unicodeScalars.count + 2
            case .word where p.text.hasPrefix(key + "="): start = p.column + key.unicodeScalars.count + 1
            default: continue
            }
            let value = p.kind.isAttribute ? p.text : String(p.text.dropFirst(key.count + 1))
            var out: [String: Int] = [:]
            for part in value.split(separator: ",", omittingEmptySubsequences: false) {
                let leading = part.prefix { $0 == " " }.count
                out[String(part).trimmingSpaces()] = start + leading
                start += part.unicodeScalars.count + 1
            }
            return out
        }
        return [:]
    }

    /// A citation of the current source; `document` holds the document's id until `finish` resolves it.
    func citation(label: String) -> Citation? {
        guard let source else { return nil }
        return Citation(document: source.document, slide: source.slide, label: label, file: file, line: line)
    }

    // printed QUERY == VALUE UNIT "label"
    mutating func printedResult(_ pieces: [Piece]) {
        guard let eq = pieces.firstIndex(where: { $0.text == "==" }), eq > 1, pieces.count >= eq + 4 else {
            problem(pieces[0].column, "malformed printed result", hints: ["write: printed yoy(revenue) @ 1Q24 == 17.3 percent \"+17.3%\""])
            return
        }
        let start = lineText.unicodeScalars.index(lineText.unicodeScalars.startIndex, offsetBy: pieces[1].column - 1)
        let end = lineText.unicodeScalars.index(lineText.unicodeScalars.startIndex, offsetBy: pieces[eq].column - 1)
        let query = String(lineText.unicodeScalars[start..<end]).trimmingSpaces()
        guard let quantity = quantity(pieces[eq + 1], pieces[eq + 2]) else { return }
        guard case .string = pieces[eq + 3].kind else { problem(pieces[eq + 3].column, "expected the printed label in quotes"); return }
        guard let attributes = attributes(pieces.dropFirst(eq + 4), allowed: ["note"]) else { return }
        guard var cite = citation(label: pieces[eq + 3].text) else {
            problem(pieces[0].column, "a printed result needs a source", hints: ["write a source line first: source 004 \"slide heading\""])
            return
        }
        cite.note = attributes["note"]
        printed.append(PrintedResult(query: query, expected: quantity, citation: cite, column: pieces[1].column))
    }

    /// Whether `text` is a value as printed: an optional `-`, digits, and optionally a point
    /// followed by digits.
    static func isPlainDecimal(_ text: Substring) -> Bool {
        let body = text.utf8.first == UInt8(ascii: "-") ? text.utf8.dropFirst() : text.utf8[...]
        let parts = body.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }
    }

    mutating func quantity(_ valuePiece: Piece, _ unitPiece: Piece) -> Quantity? {
        // A bound as printed: `>400` (over 400), `>=8` (8 or more), `<1` (less than 1), `<=70.0` (up to).
        let prefix = Bound.prefixes.first { valuePiece.text.hasPrefix($0.text) }
        let text = String(valuePiece.text.dropFirst(prefix?.text.count ?? 0))
        if prefix != nil, text.contains("~") {
            problem(valuePiece.column, "'\(valuePiece.text)' is both a bound and a range", hints: ["write a bound (>400, <=70.0) or a range (142.0~143.0)"])
            return nil
        }
        let parts = text.utf8.contains(UInt8(ascii: "~"))
            ? text.split(separator: "~", omittingEmptySubsequences: false) : [Substring(text)]
        // Only digits, '.' and '-', with a digit and at most one point: a decimal, maybe too long.
        let decimal = parts.allSatisfy { p in
            p.utf8.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
                && p.utf8.allSatisfy { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
                && p.utf8.count { $0 == UInt8(ascii: ".") } <= 1
        }
        if parts.count <= 2, decimal, parts.contains(where: { Dec(parsing: $0) == nil }) {
            problem(valuePiece.column, "'\(valuePiece.text)' has too many digits: a value has at most 38, and at most 36 after the point")
            return nil
        }
        // One number syntax, as printed: -?DIGITS[.DIGITS] — no '+', no bare '.5' or '5.', no '_' or ','.
        guard parts.count <= 2, parts.allSatisfy(FactLoader.isPlainDecimal),
              let low = Dec(parsing: parts[0]), let high = parts.count == 2 ? Dec(parsing: parts[1]) : low else {
            problem(valuePiece.column, "'\(valuePiece.text)' is not a value", hints: ["values are decimals as printed (312.0, -0.52), ranges LOW~HIGH (142.0~143.0) or bounds (>400, >=8, <1, <=70.0), without thousands separators"])
            return nil
        }
        guard low <= high else { problem(valuePiece.column, "the range \(valuePiece.text) runs backwards"); return nil }
        let known = unitCache[unitPiece.text]
        guard let unit = known ?? Unit(name: unitPiece.text) else {
            problem(unitPiece.column, "'\(unitPiece.text)' is not a unit", hints: ["units: yen, yen_k, yen_mn, yen_100mn, yen_bn, percent, pp, yen_per_X, or a count such as persons or thousand_subscriptions"])
            return nil
        }
        if known == nil { unitCache[unitPiece.text] = unit }
        var q = Quantity(low: low, high: high, unit: unit)
        q.bound = prefix?.bound ?? .exact
        return q
    }

    // METRIC[{DIM=VALUE,…}] @ PERIOD = VALUE UNIT "label" [note="…"]
    mutating func fact(_ pieces: [Piece]) {
        let usage = "METRIC{DIM=VALUE} @ PERIOD = VALUE UNIT \"printed label\""
        // An unclosed brace runs to the end of the line as one word, so say that, not "malformed".
        if let brace = pieces[0].text.firstIndex(of: "{"), !pieces[0].text[brace...].contains("}") {
            problem(pieces[0].column + pieces[0].text[..<brace].unicodeScalars.count, "'{' is not closed", hints: ["write: \(usage)"])
            return
        }
        guard pieces.count >= 7, pieces[1].text == "@", pieces[3].text == "=", case .string = pieces[6].kind else {
            let known = ["document", "source", "dimension", "member", "metric", "topic", "printed", "define"]
            let hint = Suggest.closest(to: pieces[0].text, in: known).map { ["did you mean '\($0)'?"] } ?? []
            problem(pieces[0].column, "malformed fact", hints: hint + ["write: \(usage)"])
            return
        }
        guard let attributes = attributes(pieces.dropFirst(7), allowed: ["note"]) else { return }
        var selector = pieces[0].text
        guard let (name, dims) = selector.withUTF8({ splitSelector($0, column: pieces[0].column, usage: usage) }) else { return }
        guard var cite = citation(label: pieces[6].text) else {
            problem(pieces[0].column, "a fact needs a source", hints: ["write a source line first: source 004 \"slide heading\""])
            return
        }
        cite.note = attributes["note"]
        let raw = RawFact(metric: name, metricColumn: pieces[0].column, dimensions: dims,
                          periodText: pieces[2].text, periodColumn: pieces[2].column,
                          valueText: pieces[4].text, valueColumn: pieces[4].column,
                          unitText: pieces[5].text, unitColumn: pieces[5].column, citation: cite, lineText: lineText)
        // Resolving now keeps a million-fact file from being held twice, as raw text and as facts.
        if isDeclared(raw) {
            if let fact = resolve(raw) { merge(fact, raw: raw) }
        } else {
            rawFacts.append(raw)
        }
    }
}

extension FactLoader {
    /// Splits `NAME{DIM=VALUE, …}` into the name and each dimension, value and column; reports
    /// what is malformed and returns nil. It reads bytes: the delimiters are ASCII.
    mutating func splitSelector(_ b: UnsafeBufferPointer<UInt8>, column: Int, usage: String) -> (String, [(String, String, Int)])? {
        func text(_ r: Range<Int>) -> String {
            var r = r
            while r.lowerBound < r.upperBound, b[r.lowerBound] == 0x20 { r = r.lowerBound + 1..<r.upperBound }
            while r.lowerBound < r.upperBound, b[r.upperBound - 1] == 0x20 { r = r.lowerBound..<r.upperBound - 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
        }
        /// Columns count the bytes that start a scalar.
        func width(_ r: Range<Int>) -> Int { b[r].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
        guard let brace = b.firstIndex(of: UInt8(ascii: "{")) else { return (text(0..<b.count), []) }
        guard let close = b.lastIndex(of: UInt8(ascii: "}")), close == b.count - 1 else {
            let after = b.lastIndex(of: UInt8(ascii: "}")).map { $0 + 1 } ?? b.count
            problem(column + width(0..<after), "unexpected '\(text(after..<b.count))' after '}'", hints: ["write: \(usage)"])
            return nil
        }
        var dims: [(String, String, Int)] = []
        var col = column + width(0..<brace) + 1, start = brace + 1
        while start <= close {
            let end = b[start..<close].firstIndex(of: UInt8(ascii: ",")) ?? close
            let leading = b[start..<end].prefix { $0 == 0x20 }.count
            let equals = b[start..<end].indices.filter { b[$0] == UInt8(ascii: "=") }
            guard equals.count == 1 else {
                problem(col + leading, "expected DIMENSION=VALUE in the braces", hints: ["write: revenue{segment=si}"])
                return nil
            }
            dims.append((text(start..<equals[0]), text(equals[0] + 1..<end), col + leading))
            col += width(start..<end) + 1
            start = end + 1
        }
        return (text(0..<brace), dims)
    }
}

extension FactLineScanner.Piece.Kind {
    var isAttribute: Bool { if case .attribute = self { true } else { false } }
}

extension FactLineScanner.Piece {
    var isPositionalText: Bool {
        switch kind {
        case .attribute: false
        case .word: !text.contains("=")
        case .string: true
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
