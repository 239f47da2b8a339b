/// The escapes `.hostile` golden files write inputs and expectations with, so that one line can
/// hold any input:
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
enum Escapes {
    struct EscapeError: Error, CustomStringConvertible {
        var description: String
    }

    /// The text a written line stands for, as the program reads its bytes.
    static func text(_ written: String) throws -> String { String(decoding: try decode(written), as: UTF8.self) }

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
