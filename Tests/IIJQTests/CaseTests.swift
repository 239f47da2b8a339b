import Foundation
import IIJQ
@testable import Shell
import Testing

/// The repository's root folder (this file is Tests/IIJQTests/CaseTests.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The embedded fact base, loaded once for all tests.
let sharedBase: FactBase = FactBase.load().0

/// What a run printed, captured through `Runner.Sink`: everything in the order printed (as a
/// terminal shows standard output and standard error together), standard error alone, and the
/// errors reported.
final class Printed {
    var all = ""
    var errors = ""
    var diagnostics: [Diagnostic] = []

    var sink: Runner.Sink {
        Runner.Sink(out: { self.all += $0 }, error: { self.all += $0; self.errors += $0 }, failure: { self.diagnostics.append($0) })
    }

    /// The first line of standard error that reports an error. Lines split at U+000A alone: a
    /// message may quote a carriage return.
    var firstErrorLine: String? {
        errors.unicodeScalars.split(separator: "\n").map { String(String.UnicodeScalarView($0)) }.first { $0.contains("error: ") }
    }
}

/// Runs `text` in `session` the way `iijq -c TEXT` does — the same runner, the same layout —
/// and returns what it printed; the session keeps the definitions made.
func run(_ text: String, in session: inout Session) -> Printed {
    let printed = Printed()
    var runner = Runner(session: session)
    runner.sink = printed.sink
    var shell = Shell(runner: runner)
    shell.run(text: text, name: "")
    session = shell.runner.session
    return printed
}

/// Runs a query the way `iijq -c` does and returns what it prints (stdout, notes, then errors).
func runQuery(_ query: String, format: OutputFormat = .table, base: FactBase = sharedBase) -> String {
    var session = Session(base: base)
    session.format = format
    return runQuery(query, in: &session)
}

/// Runs a query in a session that keeps its definitions between queries.
func runQuery(_ query: String, in session: inout Session) -> String {
    run(query, in: &session).all.trimmingSuffix()
}

/// Runs a golden case by the route its kind names (see `GoldenCase.Kind`), on `input` (the case's
/// input, its escapes decoded in a `.hostile` file).
func runCase(_ kind: GoldenCase.Kind, _ input: String) -> Printed {
    let printed = Printed()
    switch kind {
    case .complete:
        // Earlier lines are statements already run (definitions); the last is what was typed.
        var session = Session(base: sharedBase)
        let lines = input.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        _ = session.run(Source(name: "", text: lines.dropLast().joined(separator: "\n")))
        let result = Shell.complete(lines.last ?? "", pending: StatementReader(), session: session)
        printed.all = result.candidates.isEmpty ? "(no candidates)" : result.candidates.joined(separator: "\n")
    case .command:
        // As the shell reads a line that starts with '.'.
        let source = Source(name: "", text: input)
        do { printed.all = "\(try DotCommand.parse(source))" } catch {
            printed.sink.failure(error)
            printed.sink.error(error.render(in: source))
        }
    case .facts:
        // As `iijq --facts hostile.facts`: the embedded files, then this one.
        var loader = CaseFiles.embeddedLoader
        loader.read(name: CaseFiles.factFileName, text: input)
        _ = loader.finish()
        for p in loader.problems {
            printed.sink.failure(p.diagnostic)
            printed.sink.error(p.render())
        }
    case .query(let format):
        var session = Session(base: sharedBase)
        session.format = format
        return run(input, in: &session)
    case .shell(let width):
        var session = Session(base: sharedBase)
        session.layout.width = width
        var runner = Runner(session: session)
        runner.sink = printed.sink
        runner.notesMode = .short
        var shell = Shell(runner: runner)
        shell.run(text: input, name: "")
    }
    return printed
}

enum CaseFiles {
    /// The name a `>facts` input is loaded under.
    static let factFileName = "hostile.facts"
    /// The embedded files read once: each `>facts` case copies it and reads its file, as
    /// `FactBase.load(extra:)` does after reading them again (the cases run in parallel and only read it).
    nonisolated(unsafe) static let embeddedLoader = FactBase.embeddedLoader()
}

extension String {
    func trimmingSuffix() -> String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}

@Suite struct Cases {
    /// Every case in `Tests/IIJQTests/Cases/*.case`: its whole output.
    @Test(arguments: GoldenFile.load("Cases"))
    func queryProducesExpectedOutput(_ c: GoldenCase) {
        let actual = runCase(c.kind, c.input).all.trimmingSuffix()
        #expect(actual == c.expectedText, "\(c.file):\(c.line): output differs (re-record with IIJQ_RECORD=1 swift test)")
    }

    @Test func caseFilesExist() {
        #expect(GoldenFile.load("Cases").count >= 40)
    }

    /// `IIJQ_RECORD=1 swift test --filter record` rewrites every case's expected output.
    @Test(.recording)
    func record() throws {
        for url in GoldenFile.files(in: "Cases") {
            try GoldenFile.record(url: url) { runCase($0.kind, $0.input).all.trimmingSuffix() }
        }
    }
}
