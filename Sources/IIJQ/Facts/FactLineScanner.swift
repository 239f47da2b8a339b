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

    /// The pieces of the line `b`, or the column and reason of the first scanning error.
    static func scan(bytes b: UnsafeBufferPointer<UInt8>) -> Result<[Piece], ScanError> {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), equals = UInt8(ascii: "=")
        let n = b.count
        var pieces: [Piece] = []
        // `col` is the column of b[i].
        var i = 0, col = 1
        func step() {
            if b[i] & 0xC0 != 0x80 { col += 1 }
            i += 1
        }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D }
        func text(_ from: Int, _ to: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[from..<to]), as: UTF8.self) }
        /// The string starting at the quote at b[i], leaving i after its closing quote.
        func readString() -> String? {
            step()
            let start = i
            var escaped: [UInt8]? = nil
            while i < n, b[i] != quote {
                if b[i] == backslash, i + 1 < n {
                    if escaped == nil { escaped = Array(b[start..<i]) }
                    step()
                }
                escaped?.append(b[i])
                step()
            }
            guard i < n else { return nil }
            let value = escaped.map { String(decoding: $0, as: UTF8.self) } ?? text(start, i)
            step()
            return value
        }
        outer: while i < n {
            let c = b[i]
            if isSpace(c) { step(); continue }
            if c == UInt8(ascii: "-"), i + 1 < n, b[i + 1] == UInt8(ascii: "-") { break }
            if c == quote {
                let column = col
                guard let value = readString() else { return .failure(ScanError(column: column, message: "unterminated string")) }
                pieces.append(Piece(kind: .string, text: value, column: column))
                continue
            }
            let start = i, startColumn = col
            var depth = 0
            while i < n {
                let d = b[i]
                if d == UInt8(ascii: "{") { depth += 1 } else if d == UInt8(ascii: "}") { depth -= 1 }
                if depth <= 0, isSpace(d) { break }
                if d == equals, depth == 0, i + 1 < n, b[i + 1] == quote {
                    let key = text(start, i)
                    step()
                    let column = col
                    guard let value = readString() else { return .failure(ScanError(column: column, message: "unterminated string")) }
                    pieces.append(Piece(kind: .attribute(key: key), text: value, column: startColumn))
                    continue outer
                }
                step()
            }
            pieces.append(Piece(kind: .word, text: text(start, i), column: startColumn))
        }
        return .success(pieces)
    }
}
