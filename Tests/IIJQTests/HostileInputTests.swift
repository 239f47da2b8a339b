import Foundation
import IIJQ
@testable import Shell
import Testing

/// The first error a hostile case produced, by the route its kind names (see `runCase`): the
/// diagnostic, its first rendered line, and the input as the program read it.
struct HostileResult {
    var text: String
    var diagnostic: Diagnostic
    var firstLine: String

    /// Runs `c`; nil if it runs without an error.
    static func of(_ c: GoldenCase) throws -> HostileResult? {
        let text = try Escapes.text(c.input)
        let printed = runCase(c.kind, text)
        guard let d = printed.diagnostics.first else { return nil }
        return HostileResult(text: text, diagnostic: d, firstLine: printed.firstErrorLine ?? printed.errors)
    }
}

@Suite(.timeLimit(.minutes(2))) struct HostileInputs {
    /// The hostile corpus: `Tests/IIJQTests/Hostile/*.hostile`, golden files whose expectation is
    /// the first error line an input produces (see `GoldenFile`).
    static let corpus = GoldenFile.load("Hostile")

    /// Every case in the corpus: the first error line is as expected, the error carries the hints
    /// listed, and its line:column lies inside the input.
    @Test(arguments: corpus)
    func firstErrorLineAndItsPlace(_ c: GoldenCase) throws {
        if c.kind == .command {
            let text = try Escapes.text(c.input)
            #expect(DotCommand.isCommandLine(text) && !text.contains("\n"), "a >command input is one line that starts with '.'")
        }
        guard let r = try HostileResult.of(c) else {
            Issue.record("\(c.file):\(c.line): no error (expected \(c.expectedText))")
            return
        }
        let expected = try Escapes.text(c.expectedText)
        #expect(r.firstLine == expected, "\(c.file):\(c.line): first error line differs (re-record with IIJQ_RECORD=1 swift test --filter record)")
        for hint in c.hints {
            let wanted = try Escapes.text(hint)
            #expect(r.diagnostic.hints.contains(wanted), "\(c.file):\(c.line): no hint '\(wanted)' among \(r.diagnostic.hints)")
        }
        guard let span = r.diagnostic.span else {
            Issue.record("\(c.file):\(c.line): the error has no line:column")
            return
        }
        // Lines as the lexer counts them, split at every U+000A; the fact loader also ends a line
        // at a lone U+000D.
        let text = c.kind == .facts ? r.text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : r.text
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        #expect((1...lines.count).contains(span.line), "\(c.file):\(c.line): line \(span.line) is outside the input's \(lines.count) lines")
        if (1...lines.count).contains(span.line) {
            let length = lines[span.line - 1].count
            #expect((1...(length + 1)).contains(span.column),
                    "\(c.file):\(c.line): column \(span.column) is outside line \(span.line), which has \(length) characters")
        }
    }

    /// Reasons no input of the three kinds can produce, and why.
    ///
    /// Every throw site in Sources/IIJQ and Sources/Shell is reached by some case except these,
    /// whose reasons other cases produce:
    /// - Selection.expand's "'x' refers to itself: …": `let` checks a new body against every
    ///   definition (Session's checkDefinition), so a cycle is never stored to be expanded.
    /// - Session's and Parser's "\(error)" for errors that are not Diagnostics: none is thrown.
    /// - DotCommand's "empty command": the shell parses only lines that start with '.'.
    /// - ShellScripts.swift (.read of itself, nested too deep, unreadable file), ShellCommands
    ///   (.output cannot open, no help topic) and ShellTour ("the tour is not on"): they come
    ///   from running a command, which a case does only through a `>` query line (`> .history`).
    static let unreachable: [Reason: String] = [
        .cancelled: "only Ctrl-C in the shell sets Session.isCancelled; no text, command or fact file does",
    ]

    /// Every reason the language reports is produced by some case (read from the diagnostics, not their text).
    @Test func everyReasonIsProduced() throws {
        var produced: [Reason: Int] = [:]
        for c in Self.corpus {
            if let r = try HostileResult.of(c) { produced[r.diagnostic.reason, default: 0] += 1 }
        }
        for reason in Reason.allCases where produced[reason] == nil && Self.unreachable[reason] == nil {
            Issue.record("no hostile case produces \(reason.rawValue)")
        }
        for reason in Self.unreachable.keys where produced[reason] != nil {
            Issue.record("\(reason.rawValue) is listed as unreachable, but a case produces it")
        }
    }

    @Test func corpusIsLargeAndEachCaseHasItsExpectedLine() {
        #expect(Self.corpus.count >= 150)
        for c in Self.corpus where c.expectedText.isEmpty { Issue.record("\(c.file):\(c.line): no expected line") }
        for c in Self.corpus where c.expected.count != c.hints.count + (c.expectedText.isEmpty ? 0 : 1) {
            Issue.record("\(c.file):\(c.line): after the error line, a hostile case holds only help: lines")
        }
    }

    @Test(arguments: [
        "revenue @ 1Q24", "a\\b\tc\nd\r\0\u{7F}\u{80}\u{FEFF}\u{200B}é売上", "{{x}} {{\"a\" * 3}} {x} {{{", String(repeating: "(", count: 1000) + "1",
        String(repeating: "ab\"", count: 50), String(repeating: "\\", count: 30),
    ])
    func escapesRoundTrip(_ text: String) throws {
        let written = Escapes.encode(text)
        #expect(!written.contains("\n") && !written.contains("\r"))
        #expect(try Escapes.decode(written) == Array(text.utf8), "\(written)")
    }

    @Test func escapesMeanTheBytesTheHeaderDocuments() throws {
        #expect(try Escapes.decode(#"a\n\t\r\0\\\"\{{{"(" * 3}}\xED\xA0\x80\u{1F600}"#)
            == Array("a\n\t\r\0\\\"{(((".utf8) + [0xED, 0xA0, 0x80] + Array("😀".utf8))
        #expect(try Escapes.decode(#"{{"\x80" * 1_000}}"#).count == 1000)
        #expect(throws: Escapes.EscapeError.self) { try Escapes.decode(#"\q"#) }
        #expect(throws: Escapes.EscapeError.self) { try Escapes.decode(#"\u{D800}"#) }
        #expect(throws: Escapes.EscapeError.self) { try Escapes.decode(#"{{"a" * }}"#) }
    }

    /// `IIJQ_RECORD=1 swift test --filter record` rewrites every expected line.
    @Test(.recording)
    func record() throws {
        for url in GoldenFile.files(in: "Hostile") {
            try GoldenFile.record(url: url) { try HostileResult.of($0)?.firstLine ?? "(no error)" }
        }
    }
}

