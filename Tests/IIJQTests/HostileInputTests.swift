import Foundation
import IIJQ
@testable import Shell
import Testing

/// The first error an input produced: the diagnostic itself, its first rendered line, and the
/// input as the program read it.
struct HostileResult {
    var text: String
    var diagnostic: Diagnostic
    var firstLine: String
}

/// Runs corpus cases by the routes the program takes (see `HostileCorpus` for the file format).
enum HostileRunner {
    /// The name a `>facts` input is loaded under.
    static let factFileName = "hostile.facts"

    /// The first error `c` produces, or nil if it runs cleanly.
    static func run(_ c: HostileCase) throws -> HostileResult? {
        let text = String(decoding: try HostileCorpus.decode(c.input), as: UTF8.self)
        func result(_ d: Diagnostic, _ rendered: String) -> HostileResult {
            // Lines split at U+000A alone: a message may quote a carriage return.
            let lines = rendered.unicodeScalars.split(separator: "\n").map { String(String.UnicodeScalarView($0)) }
            return HostileResult(text: text, diagnostic: d, firstLine: lines.first { $0.contains("error: ") } ?? rendered)
        }
        switch c.kind {
        case .query:
            // As `iijq -c TEXT`: every statement runs; the first failure is the one reported first.
            let source = Source(name: "", text: text)
            var session = Session(base: sharedBase)
            for case .failure(let d) in session.run(source) { return result(d, d.render(in: source)) }
            return nil
        case .command:
            // As the shell reads a line that starts with '.'.
            let source = Source(name: "", text: text)
            do {
                _ = try DotCommand.parse(source)
                return nil
            } catch {
                return result(error, error.render(in: source))
            }
        case .facts:
            // As `iijq --facts hostile.facts`: the embedded files, then this one.
            let (_, problems, _) = FactBase.load(extra: [(factFileName, text)])
            guard let p = problems.first else { return nil }
            return result(p.diagnostic, p.render())
        }
    }
}

@Suite(.timeLimit(.minutes(2))) struct HostileInputs {
    /// Every case in `Tests/IIJQTests/Hostile/*.hostile`: the first error line is as expected, and
    /// its line:column lies inside the input.
    @Test(arguments: HostileCorpus.load())
    func firstErrorLineAndItsPlace(_ c: HostileCase) throws {
        if c.kind == .command {
            let text = String(decoding: try HostileCorpus.decode(c.input), as: UTF8.self)
            #expect(DotCommand.isCommandLine(text) && !text.contains("\n"), "a >command input is one line that starts with '.'")
        }
        guard let r = try HostileRunner.run(c) else {
            Issue.record("\(c.file):\(c.line): no error (expected \(c.expected))")
            return
        }
        let expected = String(decoding: try HostileCorpus.decode(c.expected), as: UTF8.self)
        #expect(r.firstLine == expected, "\(c.file):\(c.line): first error line differs (re-record with IIJQ_RECORD=1 swift test --filter record)")
        for hint in c.hints {
            let wanted = String(decoding: try HostileCorpus.decode(hint), as: UTF8.self)
            #expect(r.diagnostic.hints.contains(wanted), "\(c.file):\(c.line): no hint '\(wanted)' among \(r.diagnostic.hints)")
        }
        guard let span = r.diagnostic.span else {
            Issue.record("\(c.file):\(c.line): the error has no line:column")
            return
        }
        // Lines as the lexer and the fact loader count them: split at every U+000A.
        let lines = r.text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
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
    ///   from running a command, not from parsing its line.
    static let unreachable: [Reason: String] = [
        .cancelled: "only Ctrl-C in the shell sets Session.isCancelled; no text, command or fact file does",
    ]

    /// Every reason the language reports is produced by some case (read from the diagnostics, not their text).
    @Test func everyReasonIsProduced() throws {
        var produced: [Reason: Int] = [:]
        for c in HostileCorpus.load() {
            if let r = try HostileRunner.run(c) { produced[r.diagnostic.reason, default: 0] += 1 }
        }
        for reason in Reason.allCases where produced[reason] == nil && Self.unreachable[reason] == nil {
            Issue.record("no hostile case produces \(reason.rawValue)")
        }
        for reason in Self.unreachable.keys where produced[reason] != nil {
            Issue.record("\(reason.rawValue) is listed as unreachable, but a case produces it")
        }
    }

    @Test func corpusIsLargeAndEachCaseHasItsExpectedLine() {
        let cases = HostileCorpus.load()
        #expect(cases.count >= 150)
        for c in cases where c.expected.isEmpty { Issue.record("\(c.file):\(c.line): no expected line") }
    }

    @Test(arguments: [
        "revenue @ 1Q24", "a\\b\tc\nd\r\0\u{7F}\u{80}\u{FEFF}\u{200B}é売上", "{{x}} {{\"a\" * 3}} {x} {{{", String(repeating: "(", count: 1000) + "1",
        String(repeating: "ab\"", count: 50), String(repeating: "\\", count: 30),
    ])
    func escapesRoundTrip(_ text: String) throws {
        let written = HostileCorpus.encode(text)
        #expect(!written.contains("\n") && !written.contains("\r"))
        #expect(try HostileCorpus.decode(written) == Array(text.utf8), "\(written)")
    }

    @Test func escapesMeanTheBytesTheHeaderDocuments() throws {
        #expect(try HostileCorpus.decode(#"a\n\t\r\0\\\"\{{{"(" * 3}}\xED\xA0\x80\u{1F600}"#)
            == Array("a\n\t\r\0\\\"{(((".utf8) + [0xED, 0xA0, 0x80] + Array("😀".utf8))
        #expect(try HostileCorpus.decode(#"{{"\x80" * 1_000}}"#).count == 1000)
        #expect(throws: HostileCorpus.EscapeError.self) { try HostileCorpus.decode(#"\q"#) }
        #expect(throws: HostileCorpus.EscapeError.self) { try HostileCorpus.decode(#"\u{D800}"#) }
        #expect(throws: HostileCorpus.EscapeError.self) { try HostileCorpus.decode(#"{{"a" * }}"#) }
    }

    /// `IIJQ_RECORD=1 swift test --filter record` rewrites every expected line.
    @Test(.recording)
    func record() throws {
        for url in HostileCorpus.files() {
            try HostileCorpus.record(url: url) { try HostileRunner.run($0)?.firstLine ?? "(no error)" }
        }
    }
}

