/// The words of a dot-command line as a shell reads them, for running the command and for
/// completing its file names alike.
extension DotCommand {
    /// One word as typed: where it is (in Unicode scalars of the line), its text with the quoting
    /// taken away, and the quote still open at its end, if any (a word being typed).
    struct RawWord: Equatable {
        var start: Int
        var end: Int
        var text: String
        var openQuote: Unicode.Scalar?
    }

    /// Splits a line into words at blanks. "Double" or 'single' quotes keep blanks in a word and
    /// may cover part of it (`my" "file`); a backslash outside single quotes keeps the next
    /// character as it is (`my\ file.iq`; inside double quotes only before `"` and `\`).
    static func scan(_ scalars: [Unicode.Scalar]) -> [RawWord] {
        var words: [RawWord] = []
        var i = 0
        while i < scalars.count {
            while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" { i += 1 }
            guard i < scalars.count else { break }
            let start = i
            var text = String.UnicodeScalarView()
            var quote: Unicode.Scalar?
            while i < scalars.count {
                let c = scalars[i], next = i + 1 < scalars.count ? scalars[i + 1] : nil
                if let q = quote {
                    if c == q {
                        quote = nil
                    } else if c == "\\", q == "\"", let next, next == "\"" || next == "\\" {
                        text.append(next)
                        i += 1
                    } else {
                        text.append(c)
                    }
                } else if c == " " || c == "\t" {
                    break
                } else if c == "\"" || c == "'" {
                    quote = c
                } else if c == "\\", let next {
                    text.append(next)
                    i += 1
                } else {
                    text.append(c)
                }
                i += 1
            }
            words.append(RawWord(start: start, end: i, text: String(text), openQuote: quote))
        }
        return words
    }

    /// `name` written so that `scan` reads it back as one word: after an open quote, as it is
    /// (the quote stays open); otherwise blanks, quotes and backslashes escaped with a backslash.
    static func quoted(_ name: String, openQuote: Unicode.Scalar?) -> String {
        if let quote = openQuote, !name.unicodeScalars.contains(quote), quote == "'" || !name.contains("\\") {
            return String(Character(quote)) + name
        }
        var out = String.UnicodeScalarView()
        for c in name.unicodeScalars {
            if c == " " || c == "\t" || c == "\"" || c == "'" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return String(out)
    }
}
