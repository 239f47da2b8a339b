import Foundation
import IIJQ
import Testing

/// One case of a golden file: its input and its expectation, as written.
struct GoldenCase: CustomTestStringConvertible, Sendable {
    /// How the input is run: `>` (or `>FORMAT`, any output format: `>json`, `>csv`, …) as
    /// `iijq -c` runs it in that format; `>complete` as Tab completes its last line; `>command` as
    /// the shell parses a dot-command line; `>facts` as a `--facts` file named `hostile.facts` loads;
    /// `>shell80` (`>shell50`, any width) as the interactive shell shows it on a terminal that
    /// wide (notes short, dot-commands run).
    enum Kind: Equatable, Sendable {
        case query(OutputFormat), complete, command, facts, shell(width: Int)

        /// The kind a `>` line names: empty for a table, a format's name, or one of the others.
        init?(_ name: String) {
            switch name {
            case "": self = .query(.table)
            case "complete": self = .complete
            case "command": self = .command
            case "facts": self = .facts
            case _ where name.hasPrefix("shell") && Int(name.dropFirst(5)) != nil: self = .shell(width: Int(name.dropFirst(5))!)
            default:
                guard let format = OutputFormat(rawValue: name) else { return nil }
                self = .query(format)
            }
        }

        var name: String {
            switch self {
            case .query(let format): format == .table ? "" : format.rawValue
            case .complete: "complete"
            case .command: "command"
            case .facts: "facts"
            case .shell(let width): "shell\(width)"
            }
        }
    }

    var file: String
    /// The line of the first `>` line, counted from 1.
    var line: Int
    var kind: Kind
    /// The input as written: the `>` lines' texts, joined with line breaks.
    var input: String
    /// The expectation's lines as written.
    var expected: [String]
    /// Where the expectation starts in the file, counted from 0 (where the recorder writes).
    var expectationStart: Int
    var mode: GoldenFile.Mode

    var testDescription: String {
        let first = input.split(separator: "\n").first.map(String.init) ?? ""
        return "\(file):\(line): >\(kind.name) \(first.count > 60 ? first.prefix(60) + "…" : first)"
    }

    /// The expected output of a `.case`, or the expected first error line of a `.hostile`.
    var expectedText: String {
        switch mode {
        case .output: expected.joined(separator: "\n")
        case .firstError: expected.first.flatMap { $0.hasPrefix(GoldenFile.hintPrefix) ? nil : $0 } ?? ""
        }
    }

    /// In a `.hostile` file, the `help: ` lines after the error line: hints the error must carry.
    var hints: [String] {
        guard mode == .firstError else { return [] }
        return expected.filter { $0.hasPrefix(GoldenFile.hintPrefix) }.map { String($0.dropFirst(GoldenFile.hintPrefix.count)) }
    }
}

/// The one golden-file format, for `Cases/*.case` and `Hostile/*.hostile`: a hostile file is a
/// case file whose expectation is the first error line.
///
/// A case is one or more `>KIND INPUT` lines in a row (the first line's KIND counts; see
/// `GoldenCase.Kind`), then its expectation: the lines up to the next `>` line, or up to a blank
/// line followed by a comment, a `>` line or the end of the file. A line that starts with `--`
/// outside an expectation is a comment (it says where each figure comes from).
///
/// What the expectation means depends on the file (`Mode`):
///
/// - `.case`: the whole output, exactly as `iijq -c` prints it — results, `note:` lines and
///   rendered errors, in the order printed — written as printed.
/// - `.hostile`: the first `error:` line the input produces, then optionally `help: ` lines,
///   hints that error must carry (among others, in any order). The input and the expectation
///   are written with the escapes of `Escapes`, so that one line can hold any bytes.
///
/// `IIJQ_RECORD=1 swift test --filter record` rewrites the expectations from what the program
/// does now: a case's whole output, a hostile case's error line (keeping its `help:` lines;
/// check each one by eye).
enum GoldenFile {
    enum Mode: Sendable {
        /// `.case`: the expectation is the whole output.
        case output
        /// `.hostile`: the expectation is the first error line, and hints.
        case firstError
    }

    static let hintPrefix = "help: "

    static func mode(of url: URL) -> Mode { url.pathExtension == "hostile" ? .firstError : .output }

    /// The golden files of a folder beside this file (`Cases`, `Hostile`), in name order.
    static func files(in folder: String) -> [URL] {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".case") || $0.hasSuffix(".hostile") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// Every case of the golden files in `folder`.
    static func load(_ folder: String) -> [GoldenCase] {
        files(in: folder).flatMap { url in
            parse((try? String(contentsOf: url, encoding: .utf8)) ?? "", file: url.lastPathComponent, mode: mode(of: url))
        }
    }

    /// The kind and the input of a `>` line, or nil for any other line.
    static func inputLine(_ line: Substring) -> (GoldenCase.Kind, Substring)? {
        guard line.hasPrefix(">") else { return nil }
        let head = line.dropFirst().prefix { $0 != " " }
        guard let kind = GoldenCase.Kind(String(head)) else { return nil }
        return (kind, line.dropFirst(1 + head.count + 1))
    }

    /// Whether the expectation that has reached line `i` ends there.
    static func endsExpectation(_ lines: [Substring], at i: Int) -> Bool {
        if inputLine(lines[i]) != nil { return true }
        guard lines[i].isEmpty else { return false }
        var j = i
        while j < lines.count, lines[j].isEmpty { j += 1 }
        return j == lines.count || lines[j].hasPrefix("--") || inputLine(lines[j]) != nil
    }

    static func parse(_ text: String, file: String, mode: Mode) -> [GoldenCase] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var cases: [GoldenCase] = []
        var i = 0
        while i < lines.count {
            guard let (kind, first) = inputLine(lines[i]) else { i += 1; continue }
            let start = i
            var input = [first]
            i += 1
            while i < lines.count, let (_, more) = inputLine(lines[i]) { input.append(more); i += 1 }
            let expectationStart = i
            while i < lines.count, !endsExpectation(lines, at: i) { i += 1 }
            cases.append(GoldenCase(file: file, line: start + 1, kind: kind, input: input.joined(separator: "\n"),
                                    expected: lines[expectationStart..<i].map(String.init), expectationStart: expectationStart, mode: mode))
        }
        return cases
    }

    /// Rewrites a golden file's expectations, keeping its comments and inputs: in a `.case`, the
    /// whole output becomes `actual(case)`; in a `.hostile`, the error line becomes
    /// `actual(case)` written with escapes, and the `help:` lines stay.
    static func record(url: URL, actual: (GoldenCase) throws -> String) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for c in parse(text, file: url.lastPathComponent, mode: mode(of: url)).reversed() {
            let new = try actual(c)
            switch c.mode {
            case .output:
                let written = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                lines.replaceSubrange(c.expectationStart..<(c.expectationStart + c.expected.count), with: written)
            case .firstError:
                let replaced = c.expectedText.isEmpty ? 0 : 1
                lines.replaceSubrange(c.expectationStart..<(c.expectationStart + replaced), with: [Escapes.encode(new)])
            }
        }
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    }
}

extension Trait where Self == ConditionTrait {
    /// Enables a `record` test, which rewrites expected outputs, only under `IIJQ_RECORD=1`.
    static var recording: Self { .enabled(if: ProcessInfo.processInfo.environment["IIJQ_RECORD"] == "1") }
}
