/// Splits one fact-file line into words, quoted strings and `key="value"` attributes,
/// remembering the column of each.
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

    /// The pieces of `line`, or the column and reason of the first scanning error.
    static func scan(_ line: String) -> Result<[Piece], ScanError> {
        let scalars = Array(line.unicodeScalars)
        var pieces: [Piece] = []
        var i = 0
        func readString(from start: Int) -> (String, Int)? {
            var value = String.UnicodeScalarView()
            var j = start + 1
            while j < scalars.count, scalars[j] != "\"" {
                if scalars[j] == "\\", j + 1 < scalars.count { j += 1 }
                value.append(scalars[j])
                j += 1
            }
            return j < scalars.count ? (String(value), j + 1) : nil
        }
        outer: while i < scalars.count {
            let c = scalars[i]
            if c == " " || c == "\t" || c == "\r" { i += 1; continue }
            if c == "-", i + 1 < scalars.count, scalars[i + 1] == "-" { break }
            if c == "\"" {
                guard let (value, next) = readString(from: i) else { return .failure(ScanError(column: i + 1, message: "unterminated string")) }
                pieces.append(Piece(kind: .string, text: value, column: i + 1))
                i = next
                continue
            }
            let start = i
            var depth = 0
            while i < scalars.count {
                let d = scalars[i]
                if d == "{" { depth += 1 } else if d == "}" { depth -= 1 }
                if depth <= 0, d == " " || d == "\t" || d == "\r" { break }
                if d == "=", depth == 0, i + 1 < scalars.count, scalars[i + 1] == "\"" {
                    let key = String(String.UnicodeScalarView(scalars[start..<i]))
                    guard let (value, next) = readString(from: i + 1) else { return .failure(ScanError(column: i + 2, message: "unterminated string")) }
                    pieces.append(Piece(kind: .attribute(key: key), text: value, column: start + 1))
                    i = next
                    continue outer
                }
                i += 1
            }
            pieces.append(Piece(kind: .word, text: String(String.UnicodeScalarView(scalars[start..<i])), column: start + 1))
        }
        return .success(pieces)
    }
}
