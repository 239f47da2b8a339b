import Foundation
import Testing

/// The hostile-input corpus: `Tests/IIJQTests/Hostile/*.hostile`, each case an input and the
/// first line of the error it must produce.
///
/// A case is two lines:
///
///     > revenu @ 1Q24
///     1:1: error: unknown metric 'revenu'
///
/// The first line says how the input is run, then one space, then the input:
///
/// - `> INPUT` — statements, run the way `iijq -c INPUT` runs them.
/// - `>command INPUT` — a shell dot-command line (`.maxrows x`), read as the shell reads one.
/// - `>facts INPUT` — the text of a `--facts` file, named `hostile.facts`, loaded beside the
///   embedded fact files.
///
/// The second line is the first `error:` line the input produces, exactly. Lines after it that
/// start with `help: ` are hints that error must carry (among others, in any order); they are
/// how a case checks that an error says what would work. Lines starting with `--` are comments,
/// and blank lines separate cases. `IIJQ_RECORD=1 swift test --filter record` rewrites every
/// expected error line from what the program does now, keeping the `help:` lines (check each
/// one by eye).
///
/// Both lines are read with these escapes, so that one line can hold any input:
///
/// | written            | means                                                          |
/// |--------------------|----------------------------------------------------------------|
/// | `\n`, `\t`, `\r`   | a line break (inputs may span lines), a tab, a carriage return |
/// | `\0`               | the byte 0                                                     |
/// | `\xNN`             | the raw byte NN (two hex digits), so invalid UTF-8 is possible |
/// | `\u{HHHH}`         | the UTF-8 bytes of a Unicode scalar (not a surrogate)          |
/// | `\\`, `\"`, `\{`   | a backslash, a quote, a brace                                  |
/// | `{{"TEXT" * N}}`   | TEXT (escapes allowed) repeated N times; N may use `_`         |
///
/// `{{` always starts a repetition, so a literal `{{` is written `\{{`. A space that ends the
/// input is written `\x20`, so that editors cannot strip it. The input's bytes become text with
/// `String(decoding:as: UTF8.self)`, as the program reads them (invalid bytes become U+FFFD).
enum HostileCorpus {
    static var directory: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Hostile") }

    static func files() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".hostile") }.sorted().map { directory.appendingPathComponent($0) }
    }

    static func load() -> [HostileCase] {
        files().flatMap { url in parse((try? String(contentsOf: url, encoding: .utf8)) ?? "", file: url.lastPathComponent) }
    }

    /// The kind and the written input of a case's first line, or nil for any other line.
    static func caseLine(_ line: Substring) -> (HostileCase.Kind, Substring)? {
        for kind in HostileCase.Kind.allCases {
            let head = ">" + kind.rawValue + " "
            if line.hasPrefix(head) { return (kind, line.dropFirst(head.count)) }
            if line == head.dropLast() { return (kind, "") }
        }
        return nil
    }

    /// Whether a line can be a case's expected line (not blank, not a comment, not a hint, not another case).
    static func isExpectedLine(_ line: Substring) -> Bool {
        !line.isEmpty && !line.hasPrefix("--") && !line.hasPrefix(hintPrefix) && caseLine(line) == nil
    }

    static let hintPrefix = "help: "

    static func parse(_ text: String, file: String) -> [HostileCase] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var cases: [HostileCase] = []
        for (i, line) in lines.enumerated() {
            guard let (kind, input) = caseLine(line) else { continue }
            let expected = i + 1 < lines.count && isExpectedLine(lines[i + 1]) ? String(lines[i + 1]) : ""
            var hints: [String] = []
            var j = i + (expected.isEmpty ? 1 : 2)
            while j < lines.count, lines[j].hasPrefix(hintPrefix) { hints.append(String(lines[j].dropFirst(hintPrefix.count))); j += 1 }
            cases.append(HostileCase(file: file, line: i + 1, kind: kind, input: String(input), expected: expected, hints: hints))
        }
        return cases
    }

    /// Rewrites each case's expected line with `actual(case)`, written with escapes.
    static func record(url: URL, actual: (HostileCase) throws -> String) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for c in parse(text, file: url.lastPathComponent).reversed() {
            let new = encode(try actual(c))
            if c.line < lines.count, isExpectedLine(Substring(lines[c.line])) { lines[c.line] = new } else { lines.insert(new, at: c.line) }
        }
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    struct EscapeError: Error, CustomStringConvertible {
        var description: String
    }

    /// The bytes a written line stands for.
    static func decode(_ written: String) throws -> [UInt8] {
        let s = Array(written.unicodeScalars)
        var out: [UInt8] = []
        var i = 0
        func fail(_ why: String) -> EscapeError { EscapeError(description: "column \(i + 1) of \(written.prefix(80)): \(why)") }
        while i < s.count {
            let c = s[i]
            if c == "{", i + 1 < s.count, s[i + 1] == "{" {
                // {{"TEXT" * N}}
                var j = i + 2
                guard j < s.count, s[j] == "\"" else { throw fail("a repetition is written {{\"TEXT\" * N}}") }
                j += 1
                var body = String.UnicodeScalarView()
                while j < s.count, s[j] != "\"" {
                    if s[j] == "\\", j + 1 < s.count { body.append(s[j]); j += 1 }
                    body.append(s[j])
                    j += 1
                }
                guard j < s.count else { throw fail("the repeated text has no closing quote") }
                j += 1
                while j < s.count, s[j] == " " { j += 1 }
                guard j < s.count, s[j] == "*" else { throw fail("expected '*' after the repeated text") }
                j += 1
                while j < s.count, s[j] == " " { j += 1 }
                var digits = ""
                while j < s.count, ("0"..."9").contains(s[j]) || s[j] == "_" { if s[j] != "_" { digits.unicodeScalars.append(s[j]) }; j += 1 }
                guard let n = Int(digits), n >= 0, n <= 100_000_000 else { throw fail("a repetition count is a whole number up to 100,000,000") }
                guard j + 1 < s.count, s[j] == "}", s[j + 1] == "}" else { throw fail("a repetition ends with }}") }
                let piece = try decode(String(body))
                out.reserveCapacity(out.count + piece.count * n)
                for _ in 0..<n { out += piece }
                i = j + 2
                continue
            }
            guard c == "\\" else {
                out += Array(String(c).utf8)
                i += 1
                continue
            }
            guard i + 1 < s.count else { throw fail("a backslash ends the line; write \\\\ for a backslash") }
            let e = s[i + 1]
            i += 2
            switch e {
            case "n": out.append(0x0A)
            case "t": out.append(0x09)
            case "r": out.append(0x0D)
            case "0": out.append(0x00)
            case "\\", "\"", "{": out += Array(String(e).utf8)
            case "x":
                guard i + 1 < s.count, let b = UInt8(String(String.UnicodeScalarView(s[i...i + 1])), radix: 16) else {
                    throw fail("\\x takes two hex digits")
                }
                out.append(b)
                i += 2
            case "u":
                guard i < s.count, s[i] == "{", let close = s[i...].firstIndex(of: "}"),
                      let v = UInt32(String(String.UnicodeScalarView(s[(i + 1)..<close])), radix: 16) else {
                    throw fail("\\u is written \\u{HHHH}")
                }
                guard let scalar = Unicode.Scalar(v) else { throw fail("U+\(String(v, radix: 16)) is not a scalar; write a surrogate as bytes (\\xED\\xA0\\x80)") }
                out += Array(String(scalar).utf8)
                i = close + 1
            default:
                throw fail("unknown escape '\\\(e)'")
            }
        }
        return out
    }

    /// A line written so that `decode` gives back its UTF-8 bytes: backslashes, control and
    /// invisible characters escaped, and long repeats folded into `{{"…" * N}}`.
    static func encode(_ text: String) -> String {
        let s = Array(text.unicodeScalars)
        var out = ""
        var i = 0
        while i < s.count {
            // The period (1 to 8 scalars) that repeats furthest from here.
            var best = (period: 0, count: 0)
            for period in 1...8 where i + period <= s.count {
                var count = 1
                while i + (count + 1) * period <= s.count, s[(i + count * period)..<(i + (count + 1) * period)] == s[i..<(i + period)] { count += 1 }
                if count * period > best.period * best.count { best = (period, count) }
            }
            if best.count >= 4, best.count * best.period >= 20 {
                let unit = s[i..<(i + best.period)].map { escape($0, next: nil, inQuotes: true) }.joined()
                out += "{{\"\(unit)\" * \(best.count)}}"
                i += best.count * best.period
                continue
            }
            out += escape(s[i], next: i + 1 < s.count ? s[i + 1] : nil, inQuotes: false)
            i += 1
        }
        return out
    }

    static func escape(_ c: Unicode.Scalar, next: Unicode.Scalar?, inQuotes: Bool) -> String {
        switch c {
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\t": return "\\t"
        case "\r": return "\\r"
        case "\0": return "\\0"
        case "\"" where inQuotes: return "\\\""
        case "{" where next == "{": return "\\{"
        default: break
        }
        if c.value < 0x20 || c.value == 0x7F { return (c.value < 0x10 ? "\\x0" : "\\x") + String(c.value, radix: 16, uppercase: true) }
        if c == "\u{FFFD}" || (c != " " && c.properties.generalCategory == .spaceSeparator) { return "\\u{" + String(c.value, radix: 16, uppercase: true) + "}" }
        switch c.properties.generalCategory {
        case .control, .format, .unassigned, .privateUse, .lineSeparator, .paragraphSeparator, .surrogate:
            return "\\u{" + String(c.value, radix: 16, uppercase: true) + "}"
        default:
            return String(c)
        }
    }
}

/// One case of the corpus, as written.
struct HostileCase: CustomTestStringConvertible, Sendable {
    enum Kind: String, CaseIterable, Sendable {
        case query = "", command, facts
    }

    var file: String
    var line: Int
    var kind: Kind
    /// The input as written, escapes not yet decoded.
    var input: String
    /// The expected first error line as written.
    var expected: String
    /// Hints (after `help: `) the error must carry, as written.
    var hints: [String] = []

    var testDescription: String { "\(file):\(line): >\(kind.rawValue) \(input.count > 60 ? input.prefix(60) + "…" : input)" }
}
