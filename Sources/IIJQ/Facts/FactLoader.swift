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
    /// `define` statements, in order, and each one's line and the column its expression starts at.
    var definitions: [BuiltInDefinition] = []
    var definitionLines: [(text: String, column: Int)] = []
    /// Members that say `within=`: checked against the hierarchy once every file is read.
    var withinLines: [(dimension: String, member: String, file: String, line: Int, text: String, columns: [String: Int])] = []
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
    /// The line being read when a chunk ends inside it, and the lines counted so far.
    var pending = PendingLine()

    public init() {}

    mutating func problem(_ column: Int, _ message: String, hints: [String] = []) {
        guard problems.count < Limits.factProblems else { suppressedProblems += 1; return }
        let length = max(1, lineText.unicodeScalars.dropFirst(column - 1).prefix { $0 != " " }.count)
        let start = lineText.unicodeScalars.prefix(column - 1).reduce(0) { $0 + UTF8.width($1) }
        let end = start + lineText.unicodeScalars.dropFirst(column - 1).prefix(length).reduce(0) { $0 + UTF8.width($1) }
        let span = Span(start: start, end: end, line: line, column: column)
        problems.append(Problem(file: file, line: line, lineText: lineText, diagnostic: Diagnostic(.factFile, message, at: span, hints: hints)))
    }

    /// Reads one file's statements from its whole text: `begin`, one `feed` and `end`.
    public mutating func read(name: String, text: String) {
        begin(file: name, bytes: text.utf8.count)
        var text = text
        text.withUTF8 { feed($0) }
        end()
    }

    /// Starts reading the file `name`, whose bytes come in `feed` chunks until `end`; `bytes`,
    /// when known, is its size: a big file makes room for as many facts as it could hold.
    public mutating func begin(file name: String, bytes: Int? = nil) {
        file = name
        source = nil
        pending = PendingLine()
        if let bytes, bytes > 1 << 20 { store.reserve(bytes / FactLoader.shortestFactLine) }
    }

    /// The bytes of the shortest line that holds a fact, `m @ 1Q24 = 1 yen ""` and its line ending.
    static let shortestFactLine = 20

    /// Reads the lines `chunk` completes. Lines end at "\n", "\r\n" or a lone "\r"; a line begun
    /// here and ended in a later chunk waits in `pending`, so memory stays bounded by the longest
    /// line read (at most `Limits.factLineBytes` + 1 bytes are kept of it), not the file.
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard !chunk.isEmpty else { return }
        var start = 0
        // A "\r" that ended the previous chunk and this "\n" are one line ending.
        if pending.afterReturn, chunk[0] == 0x0A { start = 1 }
        pending.afterReturn = false
        while start < chunk.count {
            var end = start
            while end < chunk.count, chunk[end] != 0x0A, chunk[end] != 0x0D { end += 1 }
            guard end < chunk.count else { pending.keep(UnsafeBufferPointer(rebasing: chunk[start..<end])); return }
            if pending.bytes.isEmpty {
                readNumbered(line: UnsafeBufferPointer(rebasing: chunk[start..<end]))
            } else {
                pending.keep(UnsafeBufferPointer(rebasing: chunk[start..<end]))
                let bytes = pending.bytes
                pending.bytes.removeAll(keepingCapacity: true)
                bytes.withUnsafeBufferPointer { readNumbered(line: $0) }
            }
            if chunk[end] == 0x0D, end + 1 == chunk.count { pending.afterReturn = true }
            start = chunk[end] == 0x0D && end + 1 < chunk.count && chunk[end + 1] == 0x0A ? end + 2 : end + 1
        }
    }

    /// Reads the last line, which no line ending closed (empty when the file ends with one).
    public mutating func end() {
        let bytes = pending.bytes
        pending.bytes = []
        bytes.withUnsafeBufferPointer { readNumbered(line: $0) }
    }

    /// Counts a line and reads it, unless `Limits.factProblems` problems were found; a byte-order
    /// mark at the start of the file is skipped.
    mutating func readNumbered(line bytes: UnsafeBufferPointer<UInt8>) {
        pending.number += 1
        guard problems.count < Limits.factProblems else { unreadLines += bytes.isEmpty ? 0 : 1; return }
        line = pending.number
        let bom = line == 1 && bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        read(line: UnsafeBufferPointer(rebasing: bytes[bom...]))
    }

    /// Reads one line, without its line ending.
    mutating func read(line bytes: UnsafeBufferPointer<UInt8>) {
        lineText = String(decoding: bytes, as: UTF8.self)
        if bytes.count > Limits.factLineBytes {
            lineText = String(lineText.prefix(200))
            problem(1, "the line is longer than \(Dec(Limits.factLineBytes).formatted()) bytes")
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
        case "printed": printedResult(pieces)
        case "check": problem(head.column, "'check' is now 'printed'", hints: ["write: printed yoy(revenue) @ 1Q24 == 17.3 percent \"+17.3%\""])
        case "define": define(pieces)
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

/// What a file read in chunks carries from one chunk to the next.
struct PendingLine {
    /// The start of a line no chunk has ended yet: at most `Limits.factLineBytes` + 1 bytes, enough
    /// to tell that a line is too long and to show its start.
    var bytes: [UInt8] = []
    /// The previous chunk ended with "\r": a "\n" starting the next one belongs to that line ending.
    var afterReturn = false
    /// Lines read so far in this file.
    var number = 0

    /// Keeps `more` bytes of the current line, up to the bound.
    mutating func keep(_ more: UnsafeBufferPointer<UInt8>) {
        let room = Limits.factLineBytes + 1 - bytes.count
        if room > 0 { bytes.append(contentsOf: more.prefix(room)) }
    }
}
