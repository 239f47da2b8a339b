import Foundation
import IIJQ
import Testing

/// Every ```iq block of `docs/language.md` runs without an error against the embedded fact base:
/// each block in one session, top to bottom, so a `let` line is seen by the lines after it.
@Suite struct LanguageDocTests {
    /// One ```iq block: its statements' text and the line of the document it starts on.
    struct Block: Sendable, CustomTestStringConvertible {
        var firstLine: Int
        var lines: [String]

        var testDescription: String { "docs/language.md:\(firstLine)" }
    }

    static var documentURL: URL {
        repositoryRoot
            .appendingPathComponent("docs").appendingPathComponent("language.md")
    }

    static func document() -> String {
        (try? String(contentsOf: documentURL, encoding: .utf8)) ?? ""
    }

    /// The ```iq blocks of `text`, in order; an unterminated block runs to the end of the text.
    static func blocks(in text: String) -> [Block] {
        var blocks: [Block] = []
        var current: Block?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            let fence = line.trimmingCharacters(in: .whitespaces)
            if var block = current {
                if fence == "```" {
                    blocks.append(block)
                    current = nil
                } else {
                    block.lines.append(line)
                    current = block
                }
            } else if fence == "```iq" {
                current = Block(firstLine: index + 2, lines: [])
            }
        }
        if let current { blocks.append(current) }
        return blocks
    }

    static var allBlocks: [Block] { blocks(in: document()) }

    /// The plain block right after an iq block (only blank lines between): what the iq block
    /// prints, as 0-based line indices of its content in `lines`.
    static func outputRange(after block: Block, in lines: [Substring]) -> Range<Int>? {
        var i = block.firstLine - 1 + block.lines.count + 1  // the line after the iq block's closing fence
        while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces).isEmpty { i += 1 }
        guard i < lines.count, lines[i].trimmingCharacters(in: .whitespaces) == "```" else { return nil }
        let start = i + 1
        var end = start
        while end < lines.count, lines[end].trimmingCharacters(in: .whitespaces) != "```" { end += 1 }
        return start..<end
    }

    /// What an iq block prints, as `iijq -c` prints it: every statement in one session.
    static func printed(_ block: Block) -> String {
        var session = Session(base: sharedBase)
        return runQuery(block.lines.joined(separator: "\n"), in: &session)
    }

    /// The output shown after each iq block is what the block prints (blocks of outputs that
    /// follow only prose, such as errors shown on their own, are not compared).
    @Test(arguments: allBlocks)
    func blockPrintsTheOutputShown(_ block: Block) {
        let lines = Self.document().split(separator: "\n", omittingEmptySubsequences: false)
        guard let range = Self.outputRange(after: block, in: lines) else { return }
        let shown = lines[range].joined(separator: "\n")
        #expect(Self.printed(block) == shown, "docs/language.md:\(range.lowerBound): the output shown is stale (IIJQ_RECORD=1 swift test --filter record)")
    }

    @Test(.recording)
    func record() throws {
        var lines = Self.document().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for block in Self.allBlocks.reversed() {
            guard let range = Self.outputRange(after: block, in: lines.map { Substring($0) }) else { continue }
            lines.replaceSubrange(range, with: Self.printed(block).split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        }
        try lines.joined(separator: "\n").write(to: Self.documentURL, atomically: true, encoding: .utf8)
    }

    /// Runs a block's statements in one session, as the shell reads them: a statement continues
    /// while a bracket is open or after a trailing `|`. Returns how many statements ran and the
    /// failures, each with the statement and its rendered error.
    static func run(_ block: Block) -> (statements: Int, failures: [String]) {
        var session = Session(base: sharedBase)
        var reader = StatementReader()
        var statements = 0
        var failures: [String] = []
        func execute(_ text: String, from line: Int) {
            let source = Source(name: "docs/language.md", text: text, firstLine: line)
            for outcome in session.run(source) {
                statements += 1
                if case .failure(let diagnostic) = outcome {
                    failures.append("`\(text)` failed:\n\(diagnostic.render(in: source))")
                }
            }
        }
        for line in block.lines {
            if let (text, first) = reader.add(line) {
                execute(text, from: block.firstLine + first - 1)
            }
        }
        if let (text, first) = reader.flush() {
            execute(text, from: block.firstLine + first - 1)
        }
        return (statements, failures)
    }

    @Test(arguments: allBlocks)
    func blockRunsWithoutErrors(_ block: Block) {
        let (statements, failures) = Self.run(block)
        #expect(statements > 0, "docs/language.md:\(block.firstLine): an iq block with no statement")
        for failure in failures {
            Issue.record("\(failure)")
        }
    }

    @Test func documentRunsEnoughExamples() {
        let blocks = Self.allBlocks
        #expect(!Self.document().isEmpty, "docs/language.md is missing")
        let total = blocks.reduce(0) { $0 + Self.run($1).statements }
        #expect(total >= 40, "docs/language.md runs \(total) statements in its iq blocks; expected at least 40")
    }

    @Test func blocksAreFound() {
        let text = "text\n```iq\nrevenue @ 1Q24\nlet x = revenue\n```\n```\nnot run\n```\n```iq\nx @ 1Q24\n```\n"
        let blocks = Self.blocks(in: text)
        #expect(blocks.map(\.firstLine) == [3, 10])
        #expect(blocks.map(\.lines) == [["revenue @ 1Q24", "let x = revenue"], ["x @ 1Q24"]])
    }
}
