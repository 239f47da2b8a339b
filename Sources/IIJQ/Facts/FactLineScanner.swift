/// Splits one fact-file line into words, quoted strings and `key="value"` attributes,
/// remembering the column of each.
///
/// It reads UTF-8 bytes: every delimiter is ASCII, so a byte never splits a character, and a
/// column counts the bytes that start a Unicode scalar.
struct FactLineScanner {
    struct ScanError: Error {
        var column: Int
        var message: String
    }

    struct Piece {
        enum Kind { case word, string, attribute(key: String) }
        var kind: Kind
        var text: String
        var column: Int
    }

    static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), equals = UInt8(ascii: "=")

    /// A position in the line: `col` is the column of b[i].
    struct Cursor {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0, col = 1

        var n: Int { b.count }

        mutating func step() {
            if b[i] & 0xC0 != 0x80 { col += 1 }
            i += 1
        }

        func text(_ from: Int, _ to: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[from..<to]), as: UTF8.self) }

        /// The string starting at the quote at b[i], leaving i after its closing quote; an
        /// unterminated string, or one holding a control character, is an error.
        mutating func readString() -> Result<String, ScanError> {
            let opening = col
            step()
            let start = i
            var escaped: [UInt8]? = nil
            while i < n, b[i] != quote {
                if b[i] == backslash, i + 1 < n {
                    if escaped == nil { escaped = Array(b[start..<i]) }
                    step()
                }
                if let code = controlCharacter(at: i) {
                    return .failure(ScanError(column: col, message: "a string may not hold the control character \(code): text from a fact file reaches terminals"))
                }
                escaped?.append(b[i])
                step()
            }
            guard i < n else { return .failure(ScanError(column: opening, message: "unterminated string")) }
            let value = escaped.map { String(decoding: $0, as: UTF8.self) } ?? text(start, i)
            step()
            return .success(value)
        }

        /// `U+XXXX` when b[j] starts a control character (C0 but tab, DEL, C1 — ESC among them), else nil.
        func controlCharacter(at j: Int) -> String? {
            func hex(_ c: UInt8) -> String { "U+00" + (c < 0x10 ? "0" : "") + String(c, radix: 16, uppercase: true) }
            let c = b[j]
            if (c < 0x20 && c != 0x09) || c == 0x7F { return hex(c) }
            if c == 0xC2, j + 1 < n, (0x80...0x9F).contains(b[j + 1]) { return hex(b[j + 1]) }
            return nil
        }
    }

    /// The pieces of the line `b`, or the column and reason of the first scanning error.
    static func scan(bytes b: UnsafeBufferPointer<UInt8>) -> Result<[Piece], ScanError> {
        var at = Cursor(b: b)
        var pieces: [Piece] = []
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D }
        outer: while at.i < at.n {
            let c = b[at.i]
            if isSpace(c) { at.step(); continue }
            if c == UInt8(ascii: "-"), at.i + 1 < at.n, b[at.i + 1] == UInt8(ascii: "-") { break }
            if c == quote {
                let column = at.col
                switch at.readString() {
                case .success(let value): pieces.append(Piece(kind: .string, text: value, column: column))
                case .failure(let error): return .failure(error)
                }
                continue
            }
            let start = at.i, startColumn = at.col
            var depth = 0
            while at.i < at.n {
                let d = b[at.i]
                if d == UInt8(ascii: "{") { depth += 1 } else if d == UInt8(ascii: "}") { depth -= 1 }
                if depth <= 0, isSpace(d) { break }
                if d == equals, depth == 0, at.i + 1 < at.n, b[at.i + 1] == quote {
                    let key = at.text(start, at.i)
                    at.step()
                    switch at.readString() {
                    case .success(let value): pieces.append(Piece(kind: .attribute(key: key), text: value, column: startColumn))
                    case .failure(let error): return .failure(error)
                    }
                    continue outer
                }
                at.step()
            }
            pieces.append(Piece(kind: .word, text: at.text(start, at.i), column: startColumn))
        }
        return .success(pieces)
    }
}
