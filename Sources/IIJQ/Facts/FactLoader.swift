/// Reads `.facts` files (see `docs/fact-format.md`) into a `FactBase`, reporting every malformed
/// line as `FILE:LINE:COL` with a caret. Each statement has its reader (FactLoaderStatements.swift);
/// `finish` resolves what was read into the fact base (FactLoaderResolution.swift).
public struct FactLoader {
    /// A problem in a fact file.
    public struct Problem: Error, Sendable {
        public var file: String
        public var line: Int
        public var lineText: String
        public var diagnostic: Diagnostic

        public func render(color: Bool = false) -> String {
            diagnostic.render(in: Source(name: file, text: lineText, firstLine: line), color: color)
        }
    }

    struct RawFact {
        var metric: String, metricColumn: Int
        var dimensions: [(String, String, Int)]
        var periodText: String, periodColumn: Int
        var valueText: String, valueColumn: Int
        var unitText: String, unitColumn: Int
        var citation: Citation
        var lineText: String
    }

    var documents: [String: Document] = [:]
    var documentOrder: [String] = []
    var dimensions: [String: Dimension] = [:]
    var dimensionOrder: [String] = []
    /// Where each dimension was declared, and the column of its under= value, for nesting problems.
    var dimensionLines: [String: (file: String, line: Int, text: String, parentColumn: Int?)] = [:]
    /// A member line, attached to its dimension once every file is read.
    struct PendingMember {
        var member: Member, dimension: String
        var file: String, line: Int, text: String
        /// Columns of the dimension, the value and the under= value, where problems point.
        var dimensionColumn: Int, valueColumn: Int, parentColumn: Int?
    }

    var pendingMembers: [PendingMember] = []
    /// Dimensions with a member waiting in `pendingMembers`.
    var pendingDimensions = Set<String>()
    var metrics: [String: Metric] = [:]
    var metricOrder: [String] = []
    /// Each metric's declaration line and the columns of the names in its dims= and topic=,
    /// for the problems found once every file is read.
    var metricLines: [String: (text: String, columns: [String: Int], topic: Int?)] = [:]
    var topics: [Topic] = []
    /// Facts whose metric or members were not declared yet when they were read, resolved by `finish`.
    var rawFacts: [RawFact] = []
    /// The facts resolved so far: as soon as they are read, when their names are already declared.
    var store = FactStore()
    var printed: [PrintedResult] = []
    /// Every `source` statement, checked against the documents once all files are read.
    var sourceStatements: [(id: String, column: Int, file: String, line: Int, text: String)] = []
    public private(set) var problems: [Problem] = []
    /// Problems found (in the checks after reading) beyond the ones kept.
    public private(set) var suppressedProblems = 0
    /// Lines (not counting empty ones) left unread because `Limits.factProblems` problems had
    /// been found: a file of a million malformed lines costs no more than its first few.
    public private(set) var unreadLines = 0

    /// What the problems listed leave out, as one line for the user; nil when nothing is left out.
    public var unreported: String? {
        var parts: [String] = []
        if unreadLines > 0 {
            parts.append("stopped after \(Limits.factProblems) problems: \(Dec(unreadLines).formatted()) more line\(unreadLines == 1 ? " was" : "s were") not read")
        }
        if suppressedProblems > 0 { parts.append("\(Dec(suppressedProblems).formatted()) more problems not shown") }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// Periods and units by their text: a million facts name a few hundred of each.
    var periodCache: [String: Result<Period, PeriodError>] = [:]
    var unitCache: [String: Unit] = [:]
    /// Each dimension's members by name, for resolving facts.
    var memberIndex: [String: [String: Member]] = [:]

    var file = ""
    var line = 0
    var lineText = ""
    var source: (document: String, slide: String)?

    public init() {}

    mutating func problem(_ column: Int, _ message: String, hints: [String] = []) {
        guard problems.count < Limits.factProblems else { suppressedProblems += 1; return }
        let length = max(1, lineText.unicodeScalars.dropFirst(column - 1).prefix { $0 != " " }.count)
        let start = lineText.unicodeScalars.prefix(column - 1).reduce(0) { $0 + UTF8.width($1) }
        let end = start + lineText.unicodeScalars.dropFirst(column - 1).prefix(length).reduce(0) { $0 + UTF8.width($1) }
        let span = Span(start: start, end: end, line: line, column: column)
        problems.append(Problem(file: file, line: line, lineText: lineText, diagnostic: Diagnostic(.factFile, message, at: span, hints: hints)))
    }

    /// Reads one file's statements.
    public mutating func read(name: String, text: String) {
        file = name
        source = nil
        var text = text
        text.withUTF8 { bytes in
            // Every line may be a fact; a big file reserves room for them all at once.
            if bytes.count > 1 << 20 { store.reserve(bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }) }
            // A byte-order mark at the start is skipped.
            var lineNumber = 0, start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            // Lines end at "\n", "\r\n" or a lone "\r".
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
                defer { start = end < bytes.count && bytes[end] == 0x0D && end + 1 < bytes.count && bytes[end + 1] == 0x0A ? end + 2 : end + 1 }
                lineNumber += 1
                guard problems.count < Limits.factProblems else { unreadLines += end > start ? 1 : 0; continue }
                line = lineNumber
                read(line: UnsafeBufferPointer(rebasing: bytes[start..<end]))
            }
        }
    }

    /// Reads one line, without its line ending.
    mutating func read(line bytes: UnsafeBufferPointer<UInt8>) {
        lineText = String(decoding: bytes, as: UTF8.self)
        if bytes.count > 100_000 {
            lineText = String(lineText.prefix(200))
            problem(1, "the line is longer than 100,000 bytes")
            return
        }
        switch FactLineScanner.scan(bytes: bytes) {
        case .failure(let e): problem(e.column, e.message)
        case .success(let pieces): if !pieces.isEmpty { statement(pieces) }
        }
    }

    typealias Piece = FactLineScanner.Piece

    mutating func statement(_ pieces: [Piece]) {
        let head = pieces[0]
        switch head.text {
        case "document": document(pieces)
        case "source": sourceStatement(pieces)
        case "dimension": dimension(pieces)
        case "member": member(pieces)
        case "metric": metric(pieces)
        case "topic": topic(pieces)
        case "check": check(pieces)
        default: fact(pieces)
        }
    }

    /// Splits the pieces after the positional ones into `key=value` attributes.
    mutating func attributes(_ pieces: ArraySlice<Piece>, allowed: Set<String>) -> [String: String]? {
        var out: [String: String] = [:]
        for p in pieces {
            var key = "", value = p.text
            switch p.kind {
            case .attribute(let k): key = k
            case .word:
                guard let eq = p.text.firstIndex(of: "=") else {
                    problem(p.column, "unexpected '\(p.text)'", hints: ["attributes are written key=value or key=\"value\""])
                    return nil
                }
                key = String(p.text[..<eq])
                value = String(p.text[p.text.index(after: eq)...])
            case .string:
                problem(p.column, "unexpected string", hints: ["attributes are written key=\"value\""])
                return nil
            }
            guard allowed.contains(key) else {
                problem(p.column, "unknown attribute '\(key)'", hints: Suggest.hint(for: key, in: allowed) + ["attributes here: \(allowed.sorted().joined(separator: ", "))"])
                return nil
            }
            out[key] = value
        }
        return out
    }

    func isName(_ s: String) -> Bool {
        guard let f = s.first, f.isASCII, f.isLetter || f == "_" else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    mutating func expect(_ pieces: [Piece], count: Int, usage: String) -> Bool {
        guard pieces.count >= count else {
            problem(pieces.last!.column, "incomplete \(pieces[0].text) statement", hints: ["write: \(usage)"])
            return false
        }
        for p in pieces[1..<count] where !p.isPositionalText {
            problem(p.column, "unexpected \(p.text)", hints: ["write: \(usage)"])
            return false
        }
        return true
    }
}
