import Foundation
import IIJQ
@testable import Shell
import Testing

/// The repository's root folder (this file is Tests/IIJQTests/CaseTests.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

extension Trait where Self == ConditionTrait {
    /// Enables a `record` test, which rewrites expected outputs, only under `IIJQ_RECORD=1`.
    static var recording: Self { .enabled(if: ProcessInfo.processInfo.environment["IIJQ_RECORD"] == "1") }
}

/// The embedded fact base, loaded once for all tests.
let sharedBase: FactBase = FactBase.load().0

/// Runs a query the way `iijq -c` does and returns what it prints (stdout, notes, then errors).
func runQuery(_ query: String, format: OutputFormat = .table, base: FactBase = sharedBase) -> String {
    var session = Session(base: base)
    session.format = format
    return runQuery(query, in: &session)
}

/// Runs a query in a session that keeps its definitions between queries.
func runQuery(_ query: String, in session: inout Session) -> String {
    let format = session.format
    let source = Source(name: "", text: query)
    var out: [String] = []
    var printed = false
    for outcome in session.run(source) {
        switch outcome {
        case .output(let text, let notes):
            if printed, format == .table || format == .markdown { out.append("\n") }
            out.append(text)
            out += notes.map { "note: \($0)\n" }
            printed = true
        case .defined: break
        case .failure(let d): out.append(d.render(in: source))
        }
    }
    var text = out.joined()
    while text.hasSuffix("\n") { text.removeLast() }
    return text
}

/// Runs a case in its format: a query, a completion or a dot-command.
func runCase(_ c: TestCase) -> String {
    switch c.format {
    case "complete":
        // Earlier lines are statements already run (definitions); the last is what was typed.
        var session = Session(base: sharedBase)
        let lines = c.query.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        _ = session.run(Source(name: "", text: lines.dropLast().joined(separator: "\n")))
        let result = Shell.complete(lines.last ?? "", pending: StatementReader(), session: session)
        return result.candidates.isEmpty ? "(no candidates)" : result.candidates.joined(separator: "\n")
    case "command":
        let source = Source(name: "", text: c.query)
        do { return "\(try DotCommand.parse(source))" } catch { return error.render(in: source).trimmingSuffix() }
    default:
        return runQuery(c.query, format: OutputFormat(rawValue: c.format) ?? .table)
    }
}

extension String {
    func trimmingSuffix() -> String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}

@Suite struct Cases {
    /// Every case in `Tests/IIJQTests/Cases/*.case`.
    @Test(arguments: CaseFile.load())
    func queryProducesExpectedOutput(_ c: TestCase) {
        let actual = runCase(c)
        #expect(actual == c.expected, "\(c.file):\(c.line): output differs (re-record with IIJQ_RECORD=1 swift test)")
    }

    @Test func caseFilesExist() {
        #expect(CaseFile.load().count >= 40)
    }

    /// `IIJQ_RECORD=1 swift test --filter record` rewrites every case's expected output.
    @Test(.recording)
    func record() throws {
        for url in CaseFile.files() {
            try CaseFile.record(url: url) { runCase($0) }
        }
    }
}
