/// Gathers input lines into complete statements, by the lexer's rule (`Continuation`): a
/// statement continues while a bracket is open or the last token is `|`.
///
/// Each line is tokenized once, as it arrives, so reading stays linear however long a
/// statement grows; a statement that outgrows `Limits.statementBytes` is handed on as it is,
/// for the parser to reject, and the lines after it start afresh.
public struct StatementReader: Sendable {
    var pending: [String] = []
    var pendingBytes = 0
    var firstLine = 1
    var nextLine = 1
    /// Whether the pending lines leave the statement open.
    var continuation = Continuation()

    public init() {}

    /// True when lines are waiting for the rest of their statement.
    public var isContinuing: Bool { !pending.isEmpty }

    /// The lines waiting for the rest of their statement.
    public var pendingText: String { pending.joined(separator: "\n") }

    /// Adds one line; returns the statement text and its first line number once it is complete.
    public mutating func add(_ line: String) -> (text: String, firstLine: Int)? {
        if pending.isEmpty { firstLine = nextLine }
        nextLine += 1
        pending.append(line)
        pendingBytes += line.utf8.count + 1
        guard pendingBytes > Limits.statementBytes || scan(line) else { return nil }
        return flush()
    }

    /// Counts a line that is not part of any statement (a shell command between statements).
    public mutating func skipLine() { nextLine += 1 }

    /// Whatever is left at the end of the input, as one (incomplete) statement.
    public mutating func flush() -> (text: String, firstLine: Int)? {
        guard !pending.isEmpty else { return nil }
        defer { pending = []; pendingBytes = 0; continuation = Continuation() }
        return (pending.joined(separator: "\n"), firstLine)
    }

    /// Follows the tokens of one more line; true when the statement ends with it.
    mutating func scan(_ line: String) -> Bool {
        for t in Lexer.tokenize(Source(name: "", text: line)) { continuation.see(t.kind) }
        return !continuation.continues
    }
}
